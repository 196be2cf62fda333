"""First-scan activation (exactly once, never by bots, HEAD or prefetch) and scan counts."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.resolver.conftest import Service
from tests.resolver.dbcheck import scalar
from tests.resolver.seed import GTIN, GTIN_LOT
from tests.resolver.server import PHONE_UA

BOT_AGENTS = [
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "WhatsApp/2.23.20.0 A",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "TelegramBot (like TwitterBot)",
    "python-httpx/0.28.1",
    "curl/8.5.0",
    "",
]


def status_of(service: Service, token_id: str) -> str:
    return str(scalar(service.app, "SELECT status FROM token WHERE id = :i", i=token_id))


def activations(service: Service, token_id: str) -> int:
    sql = "SELECT count(*) FROM change WHERE kind = 'token.activated' AND token_id = :i"
    return int(scalar(service.app, sql, i=token_id))


async def _scan_together(url: str, path: str, n: int) -> list[int]:
    limits = httpx.Limits(max_connections=n)
    headers = {"user-agent": PHONE_UA}
    async with httpx.AsyncClient(base_url=url, limits=limits, headers=headers) as client:
        answers = await asyncio.gather(*(client.get(path) for _ in range(n)))
    return [a.status_code for a in answers]


def test_fifty_simultaneous_first_scans_activate_once(service: Service) -> None:
    token = service.seeded.first_scan_ids()[0]
    path = f"/01/{GTIN}/21/{service.seeded.first_scan_serials[0]}"
    assert status_of(service, token) == "minted"
    statuses = asyncio.run(_scan_together(service.url, path, 50))
    assert statuses == [307] * 50
    service.app.telemetry.flush()
    assert status_of(service, token) == "active"
    assert activations(service, token) == 1
    assert scalar(service.app, "SELECT count(*) FROM scan WHERE token_id = :i", i=token) == 50
    changes = service.client.changes(0)
    assert not changes["more"]
    scans = {(c["kind"], c["token"] or c["batch"]): c["count"] for c in changes["changes"]}
    assert scans[("token.scans", token)] == 50
    assert scans[("batch.scans", service.seeded.first_scan_batch)] == 50
    assert service.client.changes(changes["cursor"]) == {
        "changes": [],
        "cursor": changes["cursor"],
        "more": False,
    }


def test_bots_head_and_prefetch_never_activate(service: Service) -> None:
    token = service.seeded.first_scan_ids()[1]
    path = f"/01/{GTIN}/21/{service.seeded.first_scan_serials[1]}"
    with httpx.Client(base_url=service.url) as plain:
        for agent in BOT_AGENTS:
            answer = plain.get(path, headers={"user-agent": agent})
            assert answer.status_code == 307, agent
        assert plain.head(path, headers={"user-agent": PHONE_UA}).status_code == 307
        for header in ("sec-purpose", "purpose", "x-moz"):
            prefetch = {"user-agent": PHONE_UA, header: "prefetch"}
            assert plain.get(path, headers=prefetch).status_code == 307
        linkset = plain.get(path + "?linkType=linkset", headers={"user-agent": PHONE_UA})
        assert linkset.status_code == 200
    service.app.telemetry.flush()
    assert status_of(service, token) == "minted"
    assert activations(service, token) == 0
    assert scalar(service.app, "SELECT count(*) FROM scan") == 0
    # ... and the first person's scan does
    assert service.http.get(path).status_code == 307
    assert status_of(service, token) == "active"
    assert activations(service, token) == 1


def test_at_mint_tokens_are_never_activated_again(service: Service) -> None:
    assert service.http.get(f"/01/{GTIN}/21/S0001").status_code == 307
    assert scalar(service.app, "SELECT count(*) FROM change WHERE kind = 'token.activated'") == 0


def test_lot_scan_activates_the_lot_once(service: Service) -> None:
    lot_ids = service.seeded
    from app.core.ids import token_ids

    ids = token_ids(lot_ids.lot_batch, 0, 5)
    for _ in range(3):
        assert service.http.get(f"/01/{GTIN_LOT}/10/L1").status_code == 307
    assert [status_of(service, i) for i in ids] == ["active"] * 3 + ["minted"] * 2
    sql = "SELECT count(*) FROM change WHERE kind = 'lot.activated' AND lot = 'L1'"
    assert scalar(service.app, sql) == 1


def test_non_gs1_token_activates_on_first_scan(service: Service) -> None:
    token = service.seeded.token_ids()[2]
    assert service.http.head(f"/t/{token}").status_code == 307
    assert status_of(service, token) == "minted"
    assert service.http.get(f"/t/{token}").status_code == 307
    assert status_of(service, token) == "active"


@pytest.mark.parametrize("repeat", [1])
def test_revoked_scan_counts_but_does_not_activate(service: Service, repeat: int) -> None:
    revoked = service.seeded.serial_ids()[4]
    for _ in range(repeat):
        assert service.http.get(f"/01/{GTIN}/21/{service.seeded.revoked_serial}").status_code == 410
    service.app.telemetry.flush()
    assert status_of(service, revoked) == "revoked"
    assert scalar(service.app, "SELECT count(*) FROM scan WHERE token_id = :i", i=revoked) == 1
