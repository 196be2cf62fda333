"""Hosted packs and their signed download URLs, on an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pytest

from app.resolver.app import ResolverApp
from app.resolver.packs import PACK_TTL
from app.sync.client import SyncError
from tests.resolver.seed import station_client
from tests.resolver.server import ThreadServer, config_for

T0 = 1_900_000_000.0
PACK = b"token_id,url\n" + b"01ARZ3NDEKTSV4RRFFQ69G5FAV,https://id.acme.example/t/x\n" * 100


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def hosted(
    resolver_db_url: str, tmp_path: Path
) -> Iterator[tuple[ResolverApp, ThreadServer, Clock]]:
    clock = Clock()
    config = config_for(resolver_db_url, tmp_path, clock=clock, base_url="http://placeholder")
    app = ResolverApp(config)
    with ThreadServer(app) as server:
        yield app, server, clock


def local(url: str, server: ThreadServer) -> str:
    """The signed URL, pointed at the test server (the path and query are what is signed)."""
    parts = urlsplit(url)
    return urlunsplit(("http", f"127.0.0.1:{server.port}", parts.path, parts.query, ""))


def test_signed_url_lifetime_and_tampering(
    hosted: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = hosted
    client = station_client(app, server.url, clock=clock, retries=0)
    answer = client.upload_pack(PACK, "batch-01-pack-001.csv", "pack-key-1")
    assert answer["size"] == len(PACK)
    again = client.upload_pack(PACK, "batch-01-pack-001.csv", "pack-key-1")
    assert again["id"] == answer["id"]  # idempotent upload
    url = local(answer["link"]["url"], server)
    query = parse_qs(urlsplit(url).query)
    assert int(query["expires"][0]) == int(T0) + 300

    clock.now = T0 + 299.9
    ok = httpx.get(url)
    assert ok.status_code == 200 and ok.content == PACK
    clock.now = T0 + 300.0
    assert httpx.get(url).status_code == 200
    clock.now = T0 + 300.1
    assert httpx.get(url).status_code == 403

    clock.now = T0 + 10
    signature = query["signature"][0]
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    assert httpx.get(url.replace(signature, flipped)).status_code == 403
    stretched = url.replace(f"expires={int(T0) + 300}", f"expires={int(T0) + 3000}")
    assert httpx.get(stretched).status_code == 403
    other = client.upload_pack(b"other pack", "other.csv", "pack-key-2")
    swapped = url.replace(answer["id"], other["id"])
    assert httpx.get(swapped).status_code == 403
    assert httpx.get(url.split("?")[0]).status_code == 403
    client.http.close()


def test_hosted_packs_expire_after_30_days(
    hosted: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = hosted
    client = station_client(app, server.url, clock=clock, retries=0)
    answer = client.upload_pack(PACK, "p.csv", "pack-key-3")
    stored = app.config.pack_dir / f"{answer['id']}.pack"
    assert stored.exists()
    clock.now = T0 + PACK_TTL.total_seconds() - 60
    fresh = client.pack_link(answer["id"])
    assert httpx.get(local(fresh["url"], server)).status_code == 200
    clock.now = T0 + PACK_TTL.total_seconds() + 1
    url = local(fresh["url"], server)
    with pytest.raises(SyncError) as gone:
        client.pack_link(answer["id"])
    assert gone.value.status == 410
    assert app.packs.expire() == 1
    assert not stored.exists()
    assert httpx.get(url).status_code == 410  # the URL is still in its 5 minutes; the pack is gone
    client.http.close()


def test_a_station_cannot_link_another_stations_pack(
    hosted: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = hosted
    one = station_client(app, server.url, "line 1", clock=clock, retries=0)
    two = station_client(app, server.url, "line 2", clock=clock, retries=0)
    answer = one.upload_pack(PACK, "p.csv", "k")
    with pytest.raises(SyncError) as refused:
        two.pack_link(answer["id"])
    assert refused.value.status == 404
    one.http.close()
    two.http.close()
