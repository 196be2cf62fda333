"""Alembic environment of the resolver's database: runs on the connection handed in by
``app.resolver.db`` (under the migration lock), with its own version table so it can never
be mistaken for the station's.

For autogenerate from the command line, set RESOLVER_DB to a scratch database URL.
"""

from __future__ import annotations

from app.dbkit.alembic_env import run_env
from app.resolver.models import Base

run_env(
    Base.metadata,
    url_variable="RESOLVER_DB",
    scratch_url="sqlite:///scratch-resolver.db",
    version_table="resolver_alembic_version",
)
