"""Alembic migrations applied from code, once, however many processes start together.

The whole run (stamp, upgrade) happens in one transaction that first takes a lock:
``pg_advisory_xact_lock`` on PostgreSQL, ``BEGIN IMMEDIATE`` (the database's write lock) on
SQLite. A second instance starting at the same moment waits for the lock, then finds the
schema at head and does nothing. A database made before migrations existed (tables, no
version table) is stamped with the revision its tables match, then upgraded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from app.dbkit.engine import immediate

if TYPE_CHECKING:
    from alembic.config import Config

# Given an unversioned database's connection: the revision its tables are at, or None when
# it holds none of them (a fresh database, migrated from the start).
Stamper = Callable[[Connection], str | None]


@dataclass(frozen=True)
class Migrations:
    """One database's migration scripts, its version table and its lock."""

    script_location: Path
    version_table: str = "alembic_version"
    lock_id: int = 0
    stamper: Stamper | None = None

    def config(self, conn: Connection) -> Config:
        from alembic.config import Config  # noqa: PLC0415 - alembic is slow to import

        config = Config()
        config.set_main_option("script_location", str(self.script_location))
        config.attributes["connection"] = conn
        config.attributes["version_table"] = self.version_table
        return config


def lock(conn: Connection, lock_id: int) -> None:
    """Hold the migration lock until ``conn``'s transaction ends (PostgreSQL; on SQLite the
    transaction began IMMEDIATE, which is the lock)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(lock_id)})")


@contextmanager
def locked(engine: Engine, lock_id: int) -> Iterator[Connection]:
    """A connection in one transaction that holds the migration lock until it ends."""
    with engine.connect() as plain:
        conn = immediate(plain)
        with conn.begin():
            lock(conn, lock_id)
            yield conn


def upgrade(
    engine: Engine,
    migrations: Migrations,
    revision: str = "head",
    *,
    then: Callable[[Connection], None] | None = None,
) -> None:
    """Bring the schema to ``revision`` under the lock, stamping a pre-migration database;
    ``then`` runs in the same transaction, still under the lock (seeding single rows)."""
    from alembic import command  # noqa: PLC0415 - alembic is slow to import

    with locked(engine, migrations.lock_id) as conn:
        config = migrations.config(conn)
        if migrations.stamper is not None and not _versioned(conn, migrations):
            stamped = migrations.stamper(conn)
            if stamped is not None:
                command.stamp(config, stamped)
        command.upgrade(config, revision)
        if then is not None:
            then(conn)


def current(engine: Engine, migrations: Migrations) -> str | None:
    """The revision the database is at (None: not versioned)."""
    with engine.connect() as conn:
        if not _versioned(conn, migrations):
            return None
        table = migrations.version_table
        value = conn.exec_driver_sql(f"SELECT version_num FROM {table}").scalar()
        return None if value is None else str(value)


def _versioned(conn: Connection, migrations: Migrations) -> bool:
    return inspect(conn).has_table(migrations.version_table)
