"""The resolver's database: an engine from ``app.dbkit``, migrations, write transactions.

The schema comes from the Alembic scripts in ``app/resolver/migrations`` (version table
``resolver_alembic_version``), applied at start-up under the migration lock, so several
instances starting together migrate once; a database made by ``create_all`` before
migrations existed is stamped first. Then the single rows are seeded (idempotent).

SQLite runs in WAL mode so the scan path's reads never wait for the telemetry writer, and
writers begin with ``BEGIN IMMEDIATE`` so two writers queue instead of deadlocking.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, inspect, select

from app.dbkit import migrate
from app.dbkit.engine import immediate, make_engine
from app.resolver.models import CATALOG, FEED, Brand, Counter

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SCHEMA_LOCK = 0x4D494E54  # "MINT": the advisory lock id held while migrating


def _pre_migration_revision(conn: Connection) -> str | None:
    """The revision a database made by ``create_all`` (no version table) is at."""
    tables = inspect(conn)
    if not tables.has_table("counter"):
        return None
    columns = {column["name"] for column in tables.get_columns("scan")}
    return "0002" if "unknown_unit" in columns else "0001"


MIGRATIONS = migrate.Migrations(
    script_location=MIGRATIONS_DIR,
    version_table="resolver_alembic_version",
    lock_id=SCHEMA_LOCK,
    stamper=_pre_migration_revision,
)


class ResolverDatabase:
    """One engine plus write transactions that take SQLite's write lock up front."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        options = {"pool_size": 10, "max_overflow": 40} | engine_kwargs
        self.engine = make_engine(url, **options)

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
                conn = immediate(plain)
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
        """Migrate to the newest schema and seed the single rows; safe from every worker."""
        migrate.upgrade(self.engine, MIGRATIONS, then=_seed)

    def dispose(self) -> None:
        self.engine.dispose()


def _seed(conn: Connection) -> None:
    for name in (FEED, CATALOG):
        if conn.execute(select(Counter.value).where(Counter.name == name)).first() is None:
            conn.execute(insert(Counter).values(name=name, value=0))
    if conn.execute(select(Brand.id)).first() is None:
        conn.execute(insert(Brand).values(id=1, name="", theme={}))


def open_resolver_db(url: str, **engine_kwargs: Any) -> ResolverDatabase:
    db = ResolverDatabase(url, **engine_kwargs)
    db.create_schema()
    return db
