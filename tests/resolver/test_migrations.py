"""The resolver's database comes from its Alembic migrations: they agree with the models,
run once however many instances start together, and adopt a database made by create_all."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.dbkit import migrate
from app.resolver.db import MIGRATIONS, ResolverDatabase, open_resolver_db
from app.resolver.models import Base

HEAD = "0002"


def _differences(db: ResolverDatabase) -> list[Any]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "version_table": MIGRATIONS.version_table}
        )
        return list(compare_metadata(context, Base.metadata))


def test_models_and_migrations_agree(resolver_db_url: str) -> None:
    db = open_resolver_db(resolver_db_url)
    try:
        assert _differences(db) == []
        assert migrate.current(db.engine, MIGRATIONS) == HEAD
        tables = set(sa.inspect(db.engine).get_table_names())
        assert "resolver_alembic_version" in tables
        assert "alembic_version" not in tables  # never mistaken for the station's database
    finally:
        db.dispose()


def test_instances_starting_together_migrate_once(resolver_db_url: str) -> None:
    dbs = [ResolverDatabase(resolver_db_url) for _ in range(4)]
    start = threading.Barrier(len(dbs))
    errors: list[BaseException] = []

    def open_one(db: ResolverDatabase) -> None:
        start.wait()
        try:
            db.create_schema()
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(db,)) for db in dbs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        with dbs[0].read() as conn:
            versions = conn.exec_driver_sql("SELECT version_num FROM resolver_alembic_version")
            assert [row[0] for row in versions] == [HEAD]
            counters = conn.exec_driver_sql("SELECT name FROM counter ORDER BY name").all()
            assert [row[0] for row in counters] == ["catalog", "feed"]
            assert conn.exec_driver_sql("SELECT count(*) FROM brand").scalar() == 1
    finally:
        for db in dbs:
            db.dispose()


def _unversioned_at(url: str, revision: str) -> None:
    """A database as create_all made it when the models were at ``revision``."""
    db = ResolverDatabase(url)
    try:
        migrate.upgrade(db.engine, MIGRATIONS, revision)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE resolver_alembic_version")
            conn.exec_driver_sql("INSERT INTO counter (name, value) VALUES ('feed', 41)")
            conn.exec_driver_sql(
                "INSERT INTO scan (id, at, user_agent) VALUES (1, 1700000000.0, 'phone')"
            )
    finally:
        db.dispose()


@pytest.mark.parametrize("made_at", ["0001", HEAD])
def test_a_create_all_database_is_stamped_then_upgraded(resolver_db_url: str, made_at: str) -> None:
    _unversioned_at(resolver_db_url, made_at)
    db = open_resolver_db(resolver_db_url)
    try:
        assert migrate.current(db.engine, MIGRATIONS) == HEAD
        assert _differences(db) == []
        with db.read() as conn:
            feed = conn.exec_driver_sql("SELECT value FROM counter WHERE name = 'feed'")
            assert feed.scalar() == 41  # kept, not re-seeded
            scan = conn.execute(sa.text("SELECT user_agent, unknown_unit FROM scan")).one()
            assert scan[0] == "phone"
            assert not scan[1]  # the new column's default filled the old row
    finally:
        db.dispose()
