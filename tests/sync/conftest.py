"""A station (SQLite) and a resolver (each backend) that sync over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.resolver.app import ResolverApp
from app.resolver.auth import create_credential
from app.storage.db import Database, open_database
from app.sync.client import ResolverClient
from app.sync.settings import SyncConfig, configure
from tests.minting.conftest import prepare_station
from tests.resolver.conftest import (  # noqa: F401 - fixtures
    _no_threads_left,
    _no_threads_left_in_module,
    resolver_db_url,
)
from tests.resolver.server import ThreadServer, config_for, free_port


@dataclass
class Pair:
    station: Database
    app: ResolverApp
    port: int
    config: SyncConfig
    clients: list[ResolverClient] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, **kw: object) -> ResolverClient:
        """A client that gives up fast (tests do not wait for backoff)."""
        options: dict[str, object] = {"retries": 1, "backoff_s": 0.01}
        options.update(kw)
        client = ResolverClient(self.config, **options)  # type: ignore[arg-type]
        self.clients.append(client)
        return client

    def serve(self) -> ThreadServer:
        return ThreadServer(self.app, port=self.port)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'station.db'}")
    prepare_station(db)
    yield db
    db.dispose()


@pytest.fixture
def pair(station: Database, resolver_db_url: str, tmp_path: Path) -> Iterator[Pair]:  # noqa: F811
    """A configured station and a resolver app that is not serving yet (``pair.serve()``)."""
    app = ResolverApp(config_for(resolver_db_url, tmp_path))
    key_id, secret = create_credential(app.db, app.key, "line 1")
    port = free_port()
    config = configure(station, f"http://127.0.0.1:{port}", key_id, secret)
    pair = Pair(station, app, port, config)
    yield pair
    for client in pair.clients:
        client.close()
    app.shutdown()


def mint_batch(db: Database, quantity: int, **options: object) -> tuple[int, str]:
    from tests.minting.conftest import READY_SKU

    submitted = submit(db, MintRequest(sku=READY_SKU, quantity=quantity, **options))  # type: ignore[arg-type]
    mint(submitted.batch_id, db=db)
    return submitted.batch_id, submitted.uid


def head(url: str, path: str) -> httpx.Response:
    return httpx.head(url + path, headers={"user-agent": "mint-station-test"})
