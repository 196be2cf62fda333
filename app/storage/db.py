"""The station database: an engine from ``app.dbkit`` and the unit-of-work entry points.

Writers start with ``BEGIN IMMEDIATE`` on SQLite (see ``app.dbkit.engine``) so two writers
queue instead of deadlocking on an upgrade from a read lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from app import __version__
from app.core.errors import MintStationError, ValidationError
from app.dbkit.engine import immediate, make_engine


class DatabaseError(MintStationError):
    """The database cannot be opened or used."""


class Database:
    """One station database: an engine plus read and write units of work."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        try:
            self.engine = make_engine(url, **engine_kwargs)
        except (NoSuchModuleError, ImportError) as exc:
            # mysql://, oracle://, a typo: no dialect or no driver installed for it.
            scheme = url.split(":", 1)[0]
            raise ValidationError(
                "database URL",
                f"{scheme}:// databases are not supported; use sqlite:///PATH or"
                " postgresql+psycopg://USER@HOST/DB",
            ) from exc
        except OSError as exc:
            where = exc.filename or url
            raise DatabaseError(
                f"cannot create the database folder {where}: {exc.strerror}"
            ) from exc

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
            yield immediate(conn)

    def migrate(self) -> None:
        """Bring the schema to the newest revision."""
        from app.storage.migrate import (  # noqa: PLC0415 - alembic is slow to import
            SchemaTooNew,
            upgrade,
        )

        try:
            upgrade(self.engine)
        except SchemaTooNew as exc:
            raise DatabaseError(
                f"the database {self.describe()} is at schema revision {exc.revision}, newer"
                f" than this Mint Station {__version__} knows; it needs Mint Station"
                f" {exc.app_version or 'of a newer release'} or newer"
            ) from exc
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
