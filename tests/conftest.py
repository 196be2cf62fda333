"""Shared fixtures: station databases on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.resources import SAMPLE_PRODUCTS as SAMPLE
from app.storage.db import Database, open_database

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
