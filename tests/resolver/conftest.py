"""Resolver fixtures: its database on SQLite and on a fresh PostgreSQL schema, a running
service under real uvicorn, and a seeded catalogue."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from app.resolver.app import ResolverApp
from app.resolver.config import ResolverConfig
from app.sync.client import ResolverClient
from tests.resolver.redisdb import REDIS_ENV, redis_problem, redis_test_url
from tests.resolver.seed import Seeded, seed, station_client
from tests.resolver.server import PHONE_UA, ThreadServer, config_for

OUR_THREADS = ("test-uvicorn", "resolver-telemetry")
MODULE_SERVERS = {"shared_service", "api"}  # module-scoped: checked when the module ends


def assert_no_threads_left() -> None:
    left = [t.name for t in threading.enumerate() if t.name in OUR_THREADS and t.is_alive()]
    assert not left, f"threads left running: {left}"


@pytest.fixture(autouse=True, scope="module")
def _no_threads_left_in_module() -> Iterator[None]:
    """Every server and telemetry thread a module starts is stopped when it ends."""
    yield
    assert_no_threads_left()


@pytest.fixture(autouse=True)
def _no_threads_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not MODULE_SERVERS & set(request.fixturenames):
        assert_no_threads_left()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server for tests; CI fails without it, a workstation skips."""
    url = redis_test_url()
    problem = redis_problem(url)
    if problem is not None:
        message = f"Redis not reachable at {url} ({problem}); set {REDIS_ENV} to a server URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def pg_resolver_url(pg_url: str, schema: str) -> str:
    return f"{pg_url}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def resolver_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh resolver database URL per test, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'resolver.db'}"
    url, schema = request.getfixturevalue("pg_schema_url")
    return pg_resolver_url(url, schema)


@dataclass
class Service:
    app: ResolverApp
    server: ThreadServer
    client: ResolverClient
    http: httpx.Client
    seeded: Seeded

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def config(self) -> ResolverConfig:
        return self.app.config


def start_service(config: ResolverConfig, *, first_scan_count: int = 60) -> Iterator[Service]:
    app = ResolverApp(config)
    with ThreadServer(app) as server:
        client = station_client(app, server.url)
        http = httpx.Client(base_url=server.url, headers={"user-agent": PHONE_UA}, timeout=30)
        try:
            yield Service(app, server, client, http, seed(client, first_scan_count))
        finally:
            http.close()
            client.http.close()


@pytest.fixture
def service(resolver_db_url: str, tmp_path: Path) -> Iterator[Service]:
    """A running, seeded resolver with its own database (per test, per backend)."""
    yield from start_service(config_for(resolver_db_url, tmp_path))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared_service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    """One running, seeded resolver per module and backend, for read-only tests."""
    tmp = tmp_path_factory.mktemp("resolver")
    if request.param == "sqlite":
        yield from start_service(config_for(f"sqlite:///{tmp / 'resolver.db'}", tmp))
        return
    pg_url = request.getfixturevalue("pg_url")
    schema = f"r_{secrets.token_hex(6)}"
    admin = sa.create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield from start_service(config_for(pg_resolver_url(pg_url, schema), tmp))
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
