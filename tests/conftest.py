"""Shared fixtures: station databases on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.resources import SAMPLE_PRODUCTS as SAMPLE
from app.storage.brand import publish_template, update_brand
from app.storage.db import Database, open_database
from app.storage.products import import_products

PG_ENV = "MINTSTATION_TEST_PG"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_available(url: str) -> str | None:
    """None when the server answers, else why not."""
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as exc:  # any failure means "not here"
        return str(exc).splitlines()[0]
    return None


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The PostgreSQL server for tests; CI fails without it, a workstation skips."""
    url = os.environ.get(PG_ENV, PG_DEFAULT)
    problem = _pg_available(url)
    if problem is not None:
        message = f"PostgreSQL not reachable at {url} ({problem}); set {PG_ENV} to a server URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[tuple[str, str]]:
    """A fresh schema on the test server, dropped afterwards: (url, schema)."""
    schema = f"t_{secrets.token_hex(6)}"
    admin = sa.create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_url, schema
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pg_database(url: str, schema: str) -> Database:
    return open_database(url, connect_args={"options": f"-csearch_path={schema}"})


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The station database, once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'station.db'}")
    else:
        url, schema = request.getfixturevalue("pg_schema_url")
        database = pg_database(url, schema)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'station.db'}")
    yield database
    database.dispose()


SAMPLE_PRODUCTS = SAMPLE


READY_SKU = "ACM-DRL-18V"
READY_GTIN = "09506000001012"
NOT_READY_SKU = "ACM-SND-ORB"


def prepare_station(db: Database) -> None:
    """A station ready to mint: brand, published template, the sample catalogue."""
    with db.write() as session:
        update_brand(
            session, name="Acme Tools", resolver_domain="id.acme.example", company_prefix="9506000"
        )
        publish_template(session)
        report = import_products(session, SAMPLE_PRODUCTS.read_text())
        assert report.ok


@pytest.fixture
def station(db: Database) -> Database:
    prepare_station(db)
    return db


@pytest.fixture
def sqlite_station(sqlite_db: Database) -> Database:
    prepare_station(sqlite_db)
    return sqlite_db


# --- no thread left behind ------------------------------------------------------------------

# Test packages whose every test must end with no new Python thread alive (the Qt tests have
# their own check for QThreads, pool tasks and timers in tests/ui/conftest.py; the resolver's
# servers are module-scoped and checked by name in tests/resolver/conftest.py).
THREAD_CHECKED = ("devices", "encoding", "minting", "cli")


def assert_no_threads_left(before: set[threading.Thread], grace_s: float = 3.0) -> None:
    """Fail if threads started since ``before`` are still alive after ``grace_s``."""
    deadline = time.monotonic() + grace_s
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"


@pytest.fixture
def no_thread_left() -> Iterator[None]:
    """The one thread-leak check (added to every test of THREAD_CHECKED below)."""
    before = set(threading.enumerate())
    yield
    assert_no_threads_left(before)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests_root = Path(__file__).parent
    for item in items:
        parts = (
            item.path.relative_to(tests_root).parts if item.path.is_relative_to(tests_root) else ()
        )
        if parts and parts[0] in THREAD_CHECKED:
            item.add_marker(pytest.mark.usefixtures("no_thread_left"))
