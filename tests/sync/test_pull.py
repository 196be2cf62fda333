"""Activations and scan counts come back to the station; revoked wins; encodings and packs."""

from __future__ import annotations

import hashlib

import httpx
import sqlalchemy as sa

from app.core.ids import token_ids
from app.core.states import ActivationMode, IdentityMode
from app.dbkit.types import utcnow
from app.minting.request import LotSpec
from app.minting.tokens import revoke
from app.storage import audit, outbox
from app.storage.models import ExportJob, ExportPack, Token
from app.storage.queries import kpis
from app.storage.sync_models import BatchScanCount, TokenScanCount
from app.sync.figures import batch_scans, token_scans, total_scans
from app.sync.packs import pack_link, upload_pack
from app.sync.worker import sync_once, sync_watch
from tests.minting.conftest import READY_GTIN
from tests.resolver.dbcheck import rows, scalar
from tests.resolver.server import PHONE_UA
from tests.sync.conftest import Pair, mint_batch


def _status(pair: Pair, key: int) -> str:
    with pair.station.read() as session:
        token = session.get(Token, key)
        assert token is not None
        return token.status


def test_activations_and_scans_come_back_and_revoked_wins(pair: Pair) -> None:
    batch_id, uid = mint_batch(pair.station, 10, activation_mode=ActivationMode.FIRST_SCAN)
    ids = token_ids(uid, 0, 10)
    with pair.station.read() as session:
        serials = list(
            session.execute(
                sa.select(Token.id, Token.serial)
                .where(Token.batch_id == batch_id)
                .order_by(Token.id)
            ).all()
        )
    with pair.serve() as server:
        assert sync_once(pair.station, client=pair.client()).ok
        phone = {"user-agent": PHONE_UA}
        for _ in range(3):
            r = httpx.get(f"{server.url}/01/{READY_GTIN}/21/{serials[0].serial}", headers=phone)
            assert r.status_code == 307
        assert httpx.get(f"{server.url}/01/{READY_GTIN}/21/{serials[1].serial}", headers=phone)
        pair.app.telemetry.flush()
        revoke(pair.station, ids[1], "label damaged")  # scanned there, revoked here
        before = kpis_active(pair)
        report = sync_once(pair.station, client=pair.client())
        assert report.ok, report.error
        assert report.activations == 1
    assert _status(pair, serials[0].id) == "active"
    assert _status(pair, serials[1].id) == "revoked"
    assert scalar(pair.app, "SELECT status FROM token WHERE id = :i", i=ids[1]) == "revoked"
    assert kpis_active(pair) == before + 1
    with pair.station.read() as session:
        assert token_scans(session, [serials[0].id, serials[1].id]) == {
            serials[0].id: 3,
            serials[1].id: 1,
        }
        assert batch_scans(session) == {batch_id: 4}
        assert total_scans(session) == 4
        events = [
            e for e in audit.iter_events(session, entity_type="token") if e.action == "activated"
        ]
        assert [(e.entity_id, e.detail) for e in events] == [(ids[0], {"source": "resolver"})]
        assert audit.verify_chain(session).ok


def kpis_active(pair: Pair) -> int:
    with pair.station.read() as session:
        return kpis(session)["active_tokens"]


def test_lot_activation_comes_back(pair: Pair) -> None:
    batch_id, uid = mint_batch(
        pair.station,
        5,
        identity_mode=IdentityMode.LOT,
        activation_mode=ActivationMode.FIRST_SCAN,
        lots=(LotSpec("L1", 3, 3), LotSpec("L2", 2, 2)),
    )
    with pair.serve() as server:
        assert sync_once(pair.station, client=pair.client()).ok
        r = httpx.get(f"{server.url}/01/{READY_GTIN}/10/L2", headers={"user-agent": PHONE_UA})
        assert r.status_code == 307
        assert sync_once(pair.station, client=pair.client()).activations == 2
    with pair.station.read() as session:
        statuses = session.execute(
            sa.select(Token.status).where(Token.batch_id == batch_id).order_by(Token.id)
        ).scalars()
        assert list(statuses) == ["minted"] * 3 + ["active"] * 2
    assert uid


def test_encodings_and_revocations_reach_the_resolver(pair: Pair) -> None:
    _batch_id, uid = mint_batch(pair.station, 3)
    ids = token_ids(uid, 0, 3)
    with pair.station.write() as session:
        payload = {"token_id": ids[0], "kind": "nfc", "uid": "04A1B2C3D4E5F6"}
        outbox.enqueue(session, "token.encoded", payload, f"{ids[0]}:encoded:1")
    revoke(pair.station, ids[2], "lost")
    with pair.serve():
        assert sync_once(pair.station, client=pair.client()).ok
    stored = rows(pair.app, "SELECT token_id, station FROM encoding")
    assert stored == [(ids[0], "line 1")]
    assert scalar(pair.app, "SELECT status FROM token WHERE id = :i", i=ids[2]) == "revoked"
    assert scalar(pair.app, "SELECT revoke_reason FROM token WHERE id = :i", i=ids[2]) == "lost"


def test_pack_upload_from_the_station(pair: Pair, tmp_path: object) -> None:
    batch_id, _uid = mint_batch(pair.station, 3)
    from pathlib import Path

    file = Path(str(tmp_path)) / "pack-001.csv"
    file.write_bytes(b"token_id,url\n1,2\n")
    with pair.station.write() as session:
        job = ExportJob(
            batch_id=batch_id,
            kind="csv",
            status="completed",
            out_dir=str(file.parent),
            pack_count=1,
        )
        session.add(job)
        session.flush()
        pack = ExportPack(
            job_id=job.id,
            pack_index=0,
            status="completed",
            unit_count=3,
            path=str(file),
            sha256=hashlib.sha256(file.read_bytes()).hexdigest(),
            size_bytes=file.stat().st_size,
            generated_at=utcnow(),
        )
        session.add(pack)
        session.flush()
        pack_id = pack.id
    with pair.serve() as server:
        client = pair.client()
        hosted = upload_pack(pair.station, pack_id, client=client)
        assert upload_pack(pair.station, pack_id, client=client).id == hosted.id
        local = hosted.url.replace("https://id.acme.example", server.url)
        assert httpx.get(local).content == file.read_bytes()
        again = pack_link(pair.station, hosted.id, client=client)
        assert again.url != hosted.url or again.expires_at >= hosted.expires_at
        client.close()


def test_watch_backs_off_while_offline_and_stops(pair: Pair) -> None:
    mint_batch(pair.station, 5)
    sleeps: list[float] = []
    reports: list[bool] = []

    def cancelled() -> bool:
        return len(reports) >= 3

    sync_watch(
        pair.station,
        interval=1.0,
        cancelled=cancelled,
        on_report=lambda r: reports.append(r.ok),
        sleep=sleeps.append,
        client=pair.client(retries=0),
    )
    assert reports == [False, False, False]
    assert sum(sleeps) == 2.0 + 4.0  # 1 s doubled after each failure; none after the last
    with pair.station.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(TokenScanCount)).scalar() == 0
        assert session.execute(sa.select(sa.func.count()).select_from(BatchScanCount)).scalar() == 0
