"""Alembic environment: runs on the connection handed in by ``app.storage.migrate``.

For autogenerate from the command line, set MINTSTATION_DB to a scratch database URL.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from app.storage.schema import metadata

target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(os.environ.get("MINTSTATION_DB", "sqlite:///scratch.db"))
    with engine.begin() as conn:
        _run(conn)
