"""The body of every Alembic ``env.py`` here (the station's and the resolver's databases).

Migrations run on the connection that ``app.dbkit.migrate.upgrade`` hands in, under its lock,
with the version table it names; from the command line (autogenerate) on a scratch database
named by an environment variable.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, MetaData, create_engine


def run_env(metadata: MetaData, *, url_variable: str, scratch_url: str, version_table: str) -> None:
    """Run the migrations Alembic asked for against ``metadata``.

    ``version_table`` serves the command line; a run from code passes its own in.
    """
    attributes = context.config.attributes
    table = attributes.get("version_table", version_table)

    def run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=table,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    connection = attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    engine = create_engine(os.environ.get(url_variable, scratch_url))
    with engine.begin() as conn:
        run(conn)
