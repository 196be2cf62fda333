"""The engine factory and the unit-of-work entry points.

The engine is made from a URL when the station opens, never at import time. On SQLite the
connection is tuned for safety (WAL, ``synchronous=FULL``, a busy timeout, foreign keys) and
writers start with ``BEGIN IMMEDIATE`` so two writers queue instead of deadlocking on an
upgrade from a read lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from app.core.errors import MintStationError, ValidationError

BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "mintstation_immediate"


class DatabaseError(MintStationError):
    """The database cannot be opened or used."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with the station's connection settings."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValidationError("database URL", f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _tune_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


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
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One station database: an engine plus read and write units of work."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        """The URL with any password hidden, for messages and the About box."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closing it discards anything it changed.

        Objects loaded in it stay readable after the block (they are detached, not expired).
        """
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self._writer() as conn, Session(bind=conn, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection inside one write transaction, for bulk work."""
        with self._writer() as conn, conn.begin():
            yield conn

    @contextmanager
    def _writer(self) -> Iterator[Connection]:
        """A connection whose transactions take the write lock up front on SQLite."""
        with self.engine.connect() as conn:
            yield conn.execution_options(**{_IMMEDIATE: True}) if self.is_sqlite else conn

    def migrate(self) -> None:
        """Bring the schema to the newest revision."""
        from app.storage.migrate import upgrade  # noqa: PLC0415 - alembic is slow to import

        try:
            upgrade(self.engine)
        except DBAPIError as exc:
            raise DatabaseError(f"cannot open the database {self.describe()}: {exc.orig}") from exc

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True, **engine_kwargs: Any) -> Database:
    """Open the station database at ``url`` and apply pending migrations."""
    db = Database(url, **engine_kwargs)
    if migrate:
        db.migrate()
    return db
