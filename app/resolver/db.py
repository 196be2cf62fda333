"""The resolver's database: engine factory, schema creation, and write transactions.

The schema is made with ``metadata.create_all`` at start-up (idempotent; on PostgreSQL under
an advisory lock so several workers starting together do not race). The first change to an
existing table will bring Alembic in, with its own version table.

SQLite runs in WAL mode so the scan path's reads never wait for the telemetry writer, and
writers begin with ``BEGIN IMMEDIATE`` so two writers queue instead of deadlocking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url

from app.resolver.models import CATALOG, FEED, Base, Brand, Counter

BUSY_TIMEOUT_MS = 30_000
_SCHEMA_LOCK = 0x4D494E54  # "MINT": the advisory lock id held while creating tables


class ResolverDatabase:
    """One engine plus write transactions that take SQLite's write lock up front."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Connection]:
        """One write transaction on a Core connection: committed at the end of the block.

        ``durable=False`` (telemetry) skips SQLite's fsync at commit: a power cut may lose
        that last write, an application crash cannot.
        """
        with self.engine.connect() as plain:
            raw = plain.connection.driver_connection if self.is_sqlite else None
            if raw is not None and not durable:
                raw.execute("PRAGMA synchronous=NORMAL")
            try:
                conn = plain.execution_options(resolver_immediate=True) if raw else plain
                with conn.begin():
                    yield conn
            finally:
                if raw is not None and not durable:
                    raw.execute("PRAGMA synchronous=FULL")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def create_schema(self) -> None:
        """Create missing tables and seed the single rows; safe to run from every worker."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
            Base.metadata.create_all(conn)
            for name in (FEED, CATALOG):
                if conn.execute(select(Counter.value).where(Counter.name == name)).first() is None:
                    conn.execute(insert(Counter).values(name=name, value=0))
            if conn.execute(select(Brand.id)).first() is None:
                conn.execute(insert(Brand).values(id=1, name="", theme={}))

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=40, **kwargs)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        parsed,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        pool_size=10,
        max_overflow=40,
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("resolver_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_resolver_db(url: str, **engine_kwargs: Any) -> ResolverDatabase:
    db = ResolverDatabase(url, **engine_kwargs)
    db.create_schema()
    return db
