"""Two resolver instances (separate processes, different ports) over one PostgreSQL and one
Redis behave as one service: activation once, replay refused, rate limits shared, syncs and
revocations seen at once by the other instance."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa

from app.core.gtin import gtin_check_digit
from app.core.ids import new_batch_base, token_ids
from app.resolver.auth import create_credential, master_key
from app.resolver.db import ResolverDatabase
from app.sync.client import ResolverClient, SyncError
from app.sync.settings import SyncConfig
from tests.resolver.conftest import pg_resolver_url
from tests.resolver.redisdb import flush_prefix
from tests.resolver.seed import GTIN, Seeded, seed
from tests.resolver.server import PHONE_UA, ProcessServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SIGNING_KEY = "instances-signing-key"
BURST = 6  # RESOLVER_RATE_LIMIT below: a station may send 6 requests, then ~1 per 100 s


@dataclass
class Pair:
    a: ProcessServer
    b: ProcessServer
    db: ResolverDatabase
    key: bytes
    seeded: Seeded
    client: ResolverClient  # a station syncing through instance A

    def station(self, url: str, name: str) -> ResolverClient:
        key_id, secret = create_credential(self.db, self.key, name)
        http = httpx.Client(base_url=url, timeout=30)
        return ResolverClient(SyncConfig(url, key_id, secret), http=http, retries=0)

    def scalar(self, sql: str, **params: object) -> object:
        with self.db.engine.connect() as conn:
            return conn.execute(sa.text(sql), params).scalar()


@pytest.fixture(scope="module")
def pair(pg_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    tmp = tmp_path_factory.mktemp("instances")
    schema = f"i_{secrets.token_hex(6)}"
    prefix = f"test:{schema}:"
    admin = sa.create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    db_url = pg_resolver_url(pg_url, schema)
    env = {
        "RESOLVER_DB": db_url,
        "RESOLVER_DOMAIN": "id.acme.example",
        "RESOLVER_SIGNING_KEY": SIGNING_KEY,
        "RESOLVER_PACK_DIR": str(tmp / "packs"),
        "RESOLVER_REDIS_URL": redis_url,
        "RESOLVER_REDIS_PREFIX": prefix,
        "RESOLVER_RATE_LIMIT": f"0.01/{BURST}",
        "RESOLVER_CATALOG_TTL": "600",  # "at once" below cannot come from a TTL running out
        "RESOLVER_TELEMETRY_INTERVAL": "0.05",
    }
    try:
        with (
            ProcessServer(env, log=tmp / "a.log") as a,
            ProcessServer(env, log=tmp / "b.log") as b,
        ):
            db = ResolverDatabase(db_url)
            key = master_key(db, SIGNING_KEY.encode())
            key_id, secret = create_credential(db, key, "line 1")
            http = httpx.Client(base_url=a.url, timeout=30)
            client = ResolverClient(SyncConfig(a.url, key_id, secret), http=http, retries=0)
            try:
                yield Pair(a, b, db, key, seed(client), client)
            finally:
                http.close()
                db.dispose()
    finally:
        flush_prefix(redis_url, prefix)
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def metric(url: str, name: str) -> float:
    """The sum of a Prometheus metric's samples named ``name`` at ``url``/metrics."""
    text = httpx.get(url + "/metrics").text
    pattern = re.compile(rf"^{re.escape(name)}(?:{{[^}}]*}})? ([0-9.e+-]+)$", re.MULTILINE)
    return sum(float(value) for value in pattern.findall(text))


def test_concurrent_first_scans_across_instances_activate_once(pair: Pair) -> None:
    serial = pair.seeded.first_scan_serials[7]
    token = pair.seeded.first_scan_ids()[7]
    path = f"/01/{GTIN}/21/{serial}"
    before = sum(metric(s.url, "resolver_activations_total") for s in (pair.a, pair.b))
    clients = [
        httpx.Client(base_url=s.url, headers={"user-agent": PHONE_UA}, timeout=30)
        for s in (pair.a, pair.b)
    ]
    try:
        with ThreadPoolExecutor(50) as pool:
            answers = list(pool.map(lambda n: clients[n % 2].get(path).status_code, range(50)))
    finally:
        for client in clients:
            client.close()
    assert answers == [307] * 50
    activations = "SELECT count(*) FROM change WHERE kind = 'token.activated' AND token_id = :t"
    assert pair.scalar(activations, t=token) == 1
    assert pair.scalar("SELECT status FROM token WHERE id = :t", t=token) == "active"
    after = sum(metric(s.url, "resolver_activations_total") for s in (pair.a, pair.b))
    assert after - before == 1
    deadline = time.monotonic() + 10  # telemetry is written in batches: every scan arrives
    while pair.scalar("SELECT count(*) FROM scan WHERE token_id = :t", t=token) != 50:
        assert time.monotonic() < deadline, "not every scan was recorded"
        time.sleep(0.05)


def test_signed_request_replayed_to_the_other_instance_is_refused(pair: Pair) -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(base_url=pair.a.url, event_hooks={"request": [sent.append]})
    station = pair.station(pair.a.url, "replay")
    station.http = http
    try:
        assert station.whoami()["station"] == "replay"
    finally:
        http.close()
    original = sent[-1]
    replay = httpx.get(pair.b.url + original.url.raw_path.decode(), headers=original.headers)
    assert replay.status_code == 401
    assert "replayed" in replay.json()["detail"]


def test_rate_limit_holds_across_instances(pair: Pair) -> None:
    stations = [pair.station(s.url, "busy line") for s in (pair.a, pair.b)]
    stations[1].key, stations[1].config = stations[0].key, stations[0].config  # one key id
    statuses = []
    for n in range(2 * BURST):
        try:
            stations[n % 2].whoami()
            statuses.append(200)
        except SyncError as exc:
            statuses.append(exc.status or 0)
    for station in stations:
        station.http.close()
    # Per process, each instance would let BURST through (2 x BURST in all).
    assert statuses.count(200) == BURST
    assert statuses[BURST:] == [429] * BURST


def test_unit_synced_through_one_resolves_at_once_on_the_other(pair: Pair) -> None:
    payload = "0950600000105"
    gtin = payload + str(gtin_check_digit(payload))
    batch = new_batch_base(2)
    product = {"sku": "SAW", "name": "Jigsaw", "gtin": gtin, "content": {"en": {}}}
    created = {
        "batch": batch,
        "sku": "SAW",
        "gtin": gtin,
        "identity_mode": "serial",
        "activation_mode": "at-mint",
        "quantity": 2,
    }
    minted = {"batch": batch, "first_seq": 0, "count": 2, "serials": ["J1", "J2"]}
    messages = [
        {"key": "saw", "topic": "product", "payload": product},
        {"key": f"{batch}:created", "topic": "batch.created", "payload": created},
        {"key": f"{batch}:tokens", "topic": "tokens.minted", "payload": minted},
    ]
    with httpx.Client(base_url=pair.b.url, headers={"user-agent": PHONE_UA}) as b:
        assert b.get(f"/01/{gtin}/21/J1").status_code == 404  # B has seen neither
        assert not pair.client.push(messages, "saw-push")["rejected"]
        answer = b.get(f"/01/{gtin}/21/J1")
    assert answer.status_code == 307
    assert answer.headers["location"].endswith("/passport/" + token_ids(batch, 0, 1)[0])


def test_revoke_synced_through_one_is_410_at_once_on_the_other(pair: Pair) -> None:
    """Token status is read from the database at every scan: the bound is zero."""
    serial, token = pair.seeded.serials[1], pair.seeded.serial_ids()[1]
    with httpx.Client(base_url=pair.b.url, headers={"user-agent": PHONE_UA}) as b:
        assert b.get(f"/01/{GTIN}/21/{serial}").status_code == 307
        revoke = {"token": token, "reason": "stolen from the lorry"}
        message = {"key": f"revoke:{token}", "topic": "token.revoked", "payload": revoke}
        assert not pair.client.push([message], "revoke-push")["rejected"]
        assert b.get(f"/01/{GTIN}/21/{serial}").status_code == 410
        assert b.get(f"/passport/{token}").status_code == 410


def test_instances_report_ready(pair: Pair) -> None:
    for server in (pair.a, pair.b):
        ready = httpx.get(server.url + "/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"ready": True, "database": "ok", "redis": "ok"}
