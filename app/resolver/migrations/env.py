"""Alembic environment of the resolver's database: runs on the connection handed in by
``app.resolver.db`` (under the migration lock), with its own version table so it can never
be mistaken for the station's.

For autogenerate from the command line, set RESOLVER_DB to a scratch database URL.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from app.resolver.models import Base

# app.resolver.db passes the same name in; the default serves the command line.
VERSION_TABLE = context.config.attributes.get("version_table", "resolver_alembic_version")
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(os.environ.get("RESOLVER_DB", "sqlite:///scratch-resolver.db"))
    with engine.begin() as conn:
        _run(conn)
