"""The station's migrations build exactly the schema its models describe (every model
module, gathered by ``app.storage.schema``), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.storage.db import Database
from app.storage.schema import metadata


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences: list[Any] = list(compare_metadata(context, metadata))
    assert differences == []


def test_migrating_again_changes_nothing(db: Database) -> None:
    with db.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    db.migrate()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == before
