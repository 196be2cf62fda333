"""No raw IP address anywhere: not in the database, not in the access log."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.resolver.app import ResolverApp
from app.resolver.privacy import truncate_client_addr, truncate_ip
from tests.resolver.conftest import Service, start_service
from tests.resolver.dbcheck import all_text, rows
from tests.resolver.seed import GTIN, seed, station_client
from tests.resolver.server import PHONE_UA, ThreadServer, config_for

IPV6 = "2001:db8:85a3:8d3:1319:8a2e:370:7348"


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("::ffff:203.0.113.77", "203.0.113.0/24"),
        (IPV6, "2001:db8:85a3::/48"),
        ("::1", "::/48"),
        ("fe80::1%eth0", "fe80::/48"),
        ("not an ip", None),
    ],
)
def test_truncation(address: str, network: str | None) -> None:
    assert truncate_ip(address) == network


def test_log_address_truncation() -> None:
    assert truncate_client_addr("127.0.0.1:51234") == "127.0.0.0/24"
    assert truncate_client_addr(f"{IPV6}:443") == "2001:db8:85a3::/48"
    assert truncate_client_addr("127.0.0.0/24") == "-"


@pytest.fixture
def logged(resolver_db_url: str, tmp_path: Path) -> Iterator[tuple[Service, Path]]:
    log = tmp_path / "access.log"
    config = config_for(resolver_db_url, tmp_path, access_log=log, country_header="CF-IPCountry")
    for service in start_service(config):
        yield service, log


def test_ipv4_scan_stores_and_logs_only_the_network(
    logged: tuple[Service, Path], tmp_path: Path
) -> None:
    service, log = logged
    app = service.app
    path = f"/01/{GTIN}/21/S0001"
    headers = {
        "user-agent": PHONE_UA,
        "cf-ipcountry": "de",
        "x-forwarded-for": "198.51.100.23",  # no trusted proxy configured: ignored
        "accept-language": "de-DE",
    }
    assert httpx.get(service.url + path, headers=headers).status_code == 307
    app.telemetry.flush()
    scans = rows(app, "SELECT ip_prefix, country, user_agent, language FROM scan")
    assert scans == [("127.0.0.0/24", "DE", PHONE_UA, "de-de")]
    stored = all_text(app)
    assert "127.0.0.1" not in stored and "198.51.100.23" not in stored
    text = log.read_text()
    entries = [json.loads(line) for line in text.splitlines()]  # JSON lines
    assert {"client": "127.0.0.0/24", "method": "GET", "path": path, "status": 307}.items() <= (
        entries[-1].items()
    )
    assert "127.0.0.1" not in text and "198.51.100.23" not in text
    if app.db.is_sqlite:
        for file in tmp_path.glob("resolver.db*"):
            assert b"127.0.0.1" not in file.read_bytes()


def test_ipv6_scan_over_loopback_and_asgi(logged: tuple[Service, Path]) -> None:
    service, log = logged
    app = service.app
    path = f"/01/{GTIN}/21/S0002"
    with ThreadServer(app, host="::1", lifespan="off") as server:
        answer = httpx.get(server.url + path, headers={"user-agent": PHONE_UA})
        assert answer.status_code == 307

    async def from_far_away() -> int:
        transport = httpx.ASGITransport(app=app, client=(IPV6, 40123))
        async with httpx.AsyncClient(transport=transport, base_url="http://resolver") as c:
            r = await c.get(path, headers={"user-agent": PHONE_UA})
            return r.status_code

    assert asyncio.run(from_far_away()) == 307
    app.telemetry.flush()
    prefixes = sorted(r[0] for r in rows(app, "SELECT ip_prefix FROM scan"))
    assert prefixes == ["2001:db8:85a3::/48", "::/48"]
    stored = all_text(app)
    assert IPV6 not in stored and "8a2e:370:7348" not in stored and "'::1'" not in stored
    text = log.read_text()
    assert "::/48" in text
    assert "::1 " not in text and "::1:" not in text


def test_bots_leave_no_telemetry(resolver_db_url: str, tmp_path: Path) -> None:
    app = ResolverApp(config_for(resolver_db_url, tmp_path))
    with ThreadServer(app) as server:
        client = station_client(app, server.url)
        seed(client)
        client.http.close()
        bot = {"user-agent": "facebookexternalhit/1.1"}
        assert httpx.get(server.url + f"/01/{GTIN}/21/S0001", headers=bot).status_code == 307
    assert rows(app, "SELECT * FROM scan") == []
