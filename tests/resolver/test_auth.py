"""The sync API's door: signatures, replays, clocks, revoked keys, rate limits, idempotency."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core import signing
from app.resolver.app import ResolverApp
from app.resolver.auth import create_credential, revoke_credential
from app.sync.client import ResolverClient, SyncError
from app.sync.settings import SyncConfig
from tests.resolver.server import ThreadServer, config_for


class Clock:
    def __init__(self, now: float = 1_900_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


OPEN: list[ResolverClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while OPEN:
        OPEN.pop().http.close()


@pytest.fixture
def door(tmp_path: Path) -> Iterator[tuple[ResolverApp, ThreadServer, Clock]]:
    clock = Clock()
    config = config_for(
        f"sqlite:///{tmp_path / 'r.db'}",
        tmp_path,
        clock=clock,
        rate_per_second=5.0,
        rate_burst=8,
        max_inflated_bytes=1_000_000,
    )
    app = ResolverApp(config)
    with ThreadServer(app) as server:
        yield app, server, clock


def _client(
    app: ResolverApp, server: ThreadServer, clock: Clock, secret: str | None = None
) -> ResolverClient:
    key_id, real = create_credential(app.db, app.key, "line 1")
    config = SyncConfig(server.url, key_id, secret or real)
    http = httpx.Client(base_url=server.url)
    client = ResolverClient(config, http=http, retries=0, clock=clock)
    OPEN.append(client)
    return client


def test_signed_request_passes(door: tuple[ResolverApp, ThreadServer, Clock]) -> None:
    app, server, clock = door
    client = _client(app, server, clock)
    assert client.whoami()["station"] == "line 1"


def test_replay_is_refused(door: tuple[ResolverApp, ThreadServer, Clock]) -> None:
    app, server, clock = door
    client = _client(app, server, clock)
    request = client.http.build_request("GET", "/api/v1/whoami")
    headers = signing.signed_headers(
        client.key, client.config.key_id, "GET", "/api/v1/whoami", b"", now=clock()
    )
    request.headers.update(headers)
    assert client.http.send(request).status_code == 200
    again = client.http.send(request)
    assert again.status_code == 401
    assert "replayed" in again.json()["detail"]


@pytest.mark.parametrize(("skew", "status"), [(-299, 200), (299, 200), (-301, 401), (301, 401)])
def test_clock_skew(door: tuple[ResolverApp, ThreadServer, Clock], skew: int, status: int) -> None:
    app, server, clock = door
    client = _client(app, server, Clock(clock.now + skew))
    answer = client.http.get(
        "/api/v1/whoami",
        headers=signing.signed_headers(
            client.key, client.config.key_id, "GET", "/api/v1/whoami", b"", now=clock.now + skew
        ),
    )
    assert answer.status_code == status
    if status == 401:
        assert "5 minutes" in answer.json()["detail"]


def test_wrong_secret_revoked_key_and_tampering(
    door: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = door
    wrong = _client(app, server, clock, secret="not-the-secret-at-all-xxxxxx")
    with pytest.raises(SyncError) as refused:
        wrong.whoami()
    assert refused.value.status == 401 and not refused.value.retryable
    good = _client(app, server, clock)
    body = json.dumps({"messages": []}).encode()
    headers = signing.signed_headers(
        good.key, good.config.key_id, "POST", "/api/v1/sync/push", body, now=clock()
    )
    headers |= {"Idempotency-Key": "k", "Content-Type": "application/json"}
    tampered = good.http.post("/api/v1/sync/push", content=body + b" ", headers=headers)
    assert tampered.status_code == 401
    unsigned = good.http.get("/api/v1/whoami")
    assert unsigned.status_code == 401
    assert revoke_credential(app.db, good.config.key_id)
    with pytest.raises(SyncError) as revoked:
        good.whoami()
    assert revoked.value.status == 401


def test_rate_limit_answers_429_with_retry_after(
    door: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = door
    client = _client(app, server, clock)
    statuses = []
    for _ in range(10):
        answer = client.http.get(
            "/api/v1/whoami",
            headers=signing.signed_headers(
                client.key, client.config.key_id, "GET", "/api/v1/whoami", b"", now=clock()
            ),
        )
        statuses.append(answer.status_code)
        if answer.status_code == 429:
            assert int(answer.headers["retry-after"]) >= 1
    assert statuses[:8] == [200] * 8 and statuses[8:] == [429, 429]
    clock.now += 1.0  # five requests a second come back
    assert client.whoami()["station"] == "line 1"


def test_idempotent_push(door: tuple[ResolverApp, ThreadServer, Clock]) -> None:
    app, server, clock = door
    client = _client(app, server, clock)
    messages = [{"key": "b1", "topic": "brand", "payload": {"name": "Acme"}}]
    first = client.push(messages, "push-1")
    assert first == {"accepted": ["b1"], "duplicates": [], "rejected": []}
    assert client.push(messages, "push-1") == first  # the stored answer, replayed
    assert client.push(messages, "push-2")["duplicates"] == ["b1"]  # the message key, deduped
    bad = [{"key": "x", "topic": "nope", "payload": {}}, {"key": "t", "topic": "token.revoked",
           "payload": {"token": "not-a-ulid"}}]  # fmt: skip
    answer = client.push(bad, "push-3")
    assert [r["key"] for r in answer["rejected"]] == ["x", "t"]
    assert "unknown topic" in answer["rejected"][0]["error"]


def test_push_needs_an_idempotency_key_and_bounded_bodies(
    door: tuple[ResolverApp, ThreadServer, Clock],
) -> None:
    app, server, clock = door
    client = _client(app, server, clock)
    body = json.dumps({"messages": []}).encode()
    with pytest.raises(SyncError) as no_key:
        client.request("POST", "/api/v1/sync/push", body=body)
    assert no_key.value.status == 422
    bomb = gzip.compress(b"{" + b" " * 2_000_000 + b"}")
    headers = {"Content-Encoding": "gzip", "Idempotency-Key": "bomb"}
    with pytest.raises(SyncError) as refused:
        client.request("POST", "/api/v1/sync/push", body=bomb, headers=headers)
    assert refused.value.status == 413


def test_a_secret_never_starts_with_a_dash(
    door: tuple[ResolverApp, ThreadServer, Clock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sync configure --secret -abc` would read the secret as an option: such draws are
    drawn again (the CLI test failed 1 run in 64 before)."""
    app, _server, _clock = door
    draws = iter(["-starts-with-a-dash", "_fine-secret"])
    monkeypatch.setattr("app.resolver.auth.secrets.token_urlsafe", lambda _n: next(draws))
    _key_id, secret = create_credential(app.db, app.key, "line 9")
    assert secret == "_fine-secret"
