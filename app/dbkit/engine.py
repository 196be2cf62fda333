"""The engine factory: made from a URL when a database opens, never at import time.

On SQLite each connection is tuned for safety (WAL, ``synchronous=FULL``, a busy timeout,
foreign keys) and a connection marked with :func:`immediate` begins its transactions with
``BEGIN IMMEDIATE``, so two writers queue instead of deadlocking on an upgrade from a read
lock. Other backends get ``pool_pre_ping``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.core.errors import ValidationError

BUSY_TIMEOUT_MS = 30_000
IMMEDIATE = "dbkit_immediate"  # the execution option that asks for BEGIN IMMEDIATE


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the shared connection settings (``kwargs`` go to
    ``create_engine``; ``connect_args`` are merged with the SQLite defaults)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValidationError("database URL", f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    connect_args |= kwargs.pop("connect_args", {})
    engine = create_engine(parsed, connect_args=connect_args, **kwargs)
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN"
        )


def immediate(conn: Connection) -> Connection:
    """``conn`` with its transactions taking SQLite's write lock up front (others: as is)."""
    if conn.dialect.name == "sqlite":
        return conn.execution_options(**{IMMEDIATE: True})
    return conn
