"""The station syncs with a real resolver over HTTP: offline for a while, then everything
arrives; a resolver killed mid-sync loses and duplicates nothing."""

from __future__ import annotations

import random
import threading

import httpx
import sqlalchemy as sa

from app.core.ids import token_ids
from app.core.states import ActivationMode
from app.storage.models import MintBatch, OutboxMessage, Token
from app.sync.push import DrainReport
from app.sync.status import sync_status
from app.sync.worker import sync_once
from tests.minting.conftest import READY_GTIN
from tests.resolver.dbcheck import scalar
from tests.resolver.server import ProcessServer, env_for
from tests.sync.conftest import Pair, head, mint_batch

QUANTITY = 50_000


def _station_ids(pair: Pair) -> list[tuple[str, str | None]]:
    """(token id, serial) of every token on the station."""
    out: list[tuple[str, str | None]] = []
    with pair.station.read() as session:
        for batch in session.execute(sa.select(MintBatch).order_by(MintBatch.id)).scalars():
            assert batch.first_token_id is not None
            serials = session.execute(
                sa.select(Token.serial).where(Token.batch_id == batch.id).order_by(Token.id)
            ).scalars()
            out.extend(zip(token_ids(batch.uid, 0, batch.minted_count), serials, strict=True))
    return out


def _resolver_ids(pair: Pair) -> list[str]:
    with pair.app.db.read() as conn:
        return list(conn.execute(sa.text("SELECT id FROM token ORDER BY id")).scalars())


def test_minted_offline_then_every_token_resolves(pair: Pair) -> None:
    mint_batch(pair.station, QUANTITY, activation_mode=ActivationMode.FIRST_SCAN)
    offline = sync_once(pair.station, client=pair.client(retries=0))
    assert not offline.ok and "cannot reach" in (offline.error or "")
    status = sync_status(pair.station)
    assert status.configured and not status.online and status.pending > 0
    with pair.serve() as server:
        report = sync_once(pair.station, client=pair.client())
        assert report.ok, report.error
        assert report.pushed_tokens == QUANTITY and not report.rejected
        status = sync_status(pair.station)
        assert status.online and status.pending == 0 and status.last_success_at is not None
        assert scalar(pair.app, "SELECT count(*) FROM token") == QUANTITY
        assert scalar(pair.app, "SELECT count(DISTINCT id) FROM token") == QUANTITY
        tokens = _station_ids(pair)
        for token_id, serial in random.Random(7).sample(tokens, 40):
            answer = head(server.url, f"/01/{READY_GTIN}/21/{serial}")
            assert answer.status_code == 307
            assert answer.headers["location"] == f"https://id.acme.example/passport/{token_id}"
        token_id = tokens[0][0]
        page = httpx.get(f"{server.url}/passport/{token_id}", headers={"user-agent": "x"})
        assert page.status_code == 200
        assert "Acme Tools GmbH" in page.text and "Cordless Drill 18V" in page.text
        again = sync_once(pair.station, client=pair.client())
        assert again.ok and again.pushed_messages == 0


def test_resolver_killed_mid_sync_loses_and_duplicates_nothing(pair: Pair) -> None:
    mint_batch(pair.station, QUANTITY)
    pair.app.shutdown()  # the service runs in a child process here
    env = env_for(pair.app.config)
    server = ProcessServer(env, port=pair.port)
    server.start()
    pushes: list[int] = []

    def kill_during_the_third_push(report: DrainReport) -> None:
        pushes.append(report.pushes)
        if report.pushes == 2:
            threading.Timer(0.02, server.kill).start()

    try:
        first = sync_once(
            pair.station,
            client=pair.client(retries=1, backoff_s=0.05),
            max_tokens=8_000,
            after_push=kill_during_the_third_push,
        )
        assert not first.ok
        assert 0 < first.pushed_tokens < QUANTITY
        with pair.station.read() as session:
            pending = session.execute(
                sa.select(sa.func.count()).where(OutboxMessage.sent_at.is_(None))
            ).scalar_one()
        assert pending > 0
        server.start()
        second = sync_once(pair.station, client=pair.client(), max_tokens=8_000)
        assert second.ok, second.error
        assert first.pushed_tokens + second.pushed_tokens >= QUANTITY
    finally:
        server.stop()
    expected = sorted(token_id for token_id, _serial in _station_ids(pair))
    stored = _resolver_ids(pair)
    assert len(stored) == len(set(stored)) == QUANTITY
    assert stored == expected
    assert sync_status(pair.station).pending == 0
