"""Alembic environment: runs on the connection handed in by ``app.storage.migrate``.

For autogenerate from the command line, set MINTSTATION_DB to a scratch database URL.
"""

from __future__ import annotations

from app.dbkit.alembic_env import run_env
from app.storage.schema import metadata

run_env(
    metadata,
    url_variable="MINTSTATION_DB",
    scratch_url="sqlite:///scratch.db",
    version_table="alembic_version",
)
