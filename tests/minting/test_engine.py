from __future__ import annotations

from sqlalchemy import func, select, text

from app.core.ids import token_ids
from app.core.states import ActivationMode, BatchStatus, IdentityMode
from app.minting.engine import mint, resume_failed
from app.minting.request import LotSpec, MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage import audit
from app.storage.db import Database
from app.storage.models import MintBatch, OutboxMessage, Token
from app.storage.queries import find_token, kpis, token_page
from tests.minting.conftest import READY_GTIN, READY_SKU


def _tokens(db: Database, batch_id: int) -> list[Token]:
    with db.read() as session:
        return list(
            session.execute(select(Token).where(Token.batch_id == batch_id).order_by(Token.id))
            .scalars()
            .all()
        )


def test_serial_batch_mints_in_cycles(station: Database) -> None:
    seen: list[tuple[int, int]] = []
    sub = submit(station, MintRequest(sku=READY_SKU, quantity=2_500))
    result = mint(
        sub.batch_id, db=station, progress=lambda d, t: seen.append((d, t)), cycle_size=1_000
    )
    assert result.status == BatchStatus.MINTED
    assert result.minted == 2_500
    assert seen == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    tokens = _tokens(station, sub.batch_id)
    assert len(tokens) == 2_500
    assert len({t.serial for t in tokens}) == 2_500
    assert all(t.status == "active" and t.gtin == READY_GTIN for t in tokens)
    with station.read() as session:
        assert kpis(session)["total_tokens_minted"] == 2_500
        assert kpis(session)["active_tokens"] == 2_500
        assert kpis(session)["batches_created"] == 1
        outbox_rows = session.execute(
            select(func.count()).where(OutboxMessage.topic == "tokens.minted")
        ).scalar_one()
        assert outbox_rows == 3
        assert audit.verify_chain(session).ok


def test_tokens_have_sortable_ids_and_digital_link_urls(station: Database) -> None:
    sub = submit(
        station,
        MintRequest(
            sku=READY_SKU,
            quantity=5,
            activation_mode=ActivationMode.FIRST_SCAN,
            serials=SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="DR", width=6),
        ),
    )
    mint(sub.batch_id, db=station)
    with station.read() as session:
        page = token_page(session, limit=10)
        assert [t.serial for t in page] == [f"DR00000{i}" for i in range(1, 6)]
        assert [t.token_id for t in page] == token_ids(sub.uid, 0, 5)
        assert page[0].token_id < page[1].token_id
        assert page[0].resolver_url == f"https://id.acme.example/01/{READY_GTIN}/21/DR000001"
        assert all(t.status == "minted" for t in page)
        again = find_token(session, page[3].token_id.lower())
        assert again.serial == "DR000004"
    second = submit(
        station,
        MintRequest(
            sku=READY_SKU,
            quantity=2,
            serials=SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="DR", width=6),
        ),
    )
    mint(second.batch_id, db=station)
    serials = [t.serial for t in _tokens(station, second.batch_id)]
    assert serials == ["DR000006", "DR000007"]


def test_lot_batch_makes_unit_tokens_inside_each_lot(station: Database) -> None:
    lots = (LotSpec("L1", 3, 10), LotSpec("L/2", 2, 5))
    sub = submit(
        station,
        MintRequest(sku=READY_SKU, quantity=5, identity_mode=IdentityMode.LOT, lots=lots),
    )
    assert mint(sub.batch_id, db=station, cycle_size=2).status == BatchStatus.MINTED
    with station.read() as session:
        page = token_page(session, limit=10)
    assert [t.lot for t in page] == ["L1", "L1", "L1", "L/2", "L/2"]
    assert all(t.serial is None for t in page)
    assert page[3].resolver_url == f"https://id.acme.example/01/{READY_GTIN}/10/L%2F2"


def test_random_collisions_are_redrawn_not_failed(station: Database) -> None:
    """Pre-occupy serials the generator will draw; the engine must draw again."""
    from app.minting import serial_source

    sub = submit(station, MintRequest(sku=READY_SKU, quantity=50))
    first = mint(sub.batch_id, db=station)
    assert first.status == BatchStatus.MINTED
    taken = [t.serial for t in _tokens(station, sub.batch_id)][:10]
    original = serial_source.random_serials
    calls = {"n": 0}

    def colliding(count: int, length: int = 12) -> list[str]:
        calls["n"] += 1
        fresh = original(count, length)
        return (taken + fresh)[:count] if calls["n"] == 1 else fresh

    serial_source.random_serials = colliding  # type: ignore[assignment]
    try:
        second = submit(station, MintRequest(sku=READY_SKU, quantity=30))
        result = mint(second.batch_id, db=station)
    finally:
        serial_source.random_serials = original
    assert result.status == BatchStatus.MINTED
    serials = [t.serial for t in _tokens(station, second.batch_id)]
    assert len(serials) == 30
    assert not set(serials) & set(taken)


def test_cancel_leaves_batch_resumable_without_gap(station: Database) -> None:
    sub = submit(station, MintRequest(sku=READY_SKU, quantity=3_000))
    calls = {"n": 0}

    def stop_after_two() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    partial = mint(sub.batch_id, db=station, cancelled=stop_after_two, cycle_size=1_000)
    assert partial.status == BatchStatus.PROCESSING
    assert partial.minted == 2_000
    done = mint(sub.batch_id, db=station, cycle_size=1_000)
    assert done.status == BatchStatus.MINTED
    tokens = _tokens(station, sub.batch_id)
    assert len(tokens) == 3_000
    with station.read() as session:
        batch = session.get(MintBatch, sub.batch_id)
        assert batch is not None
        assert batch.first_token_id is not None
    assert [t.id for t in tokens] == list(range(batch.first_token_id, batch.first_token_id + 3_000))


def test_failing_cycle_is_retried_then_batch_failed_and_resumable(
    sqlite_station: Database, monkeypatch: object
) -> None:
    from app.minting import engine

    db = sqlite_station
    sub = submit(db, MintRequest(sku=READY_SKU, quantity=100))
    engine.RETRY_DELAY_S, saved_delay = 0.0, engine.RETRY_DELAY_S
    with db.write() as session:  # make every insert fail, the way a full disk would
        session.execute(
            text(
                "CREATE TRIGGER no_room BEFORE INSERT ON token "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        )
    try:
        failed = mint(sub.batch_id, db=db)
    finally:
        engine.RETRY_DELAY_S = saved_delay
    assert failed.status == BatchStatus.FAILED
    assert failed.reason is not None
    assert "4 times" in failed.reason
    assert "disk is full" in failed.reason
    with db.write() as session:
        session.execute(text("DROP TRIGGER no_room"))
    resume_failed(db, sub.batch_id)
    assert mint(sub.batch_id, db=db).status == BatchStatus.MINTED
    assert len(_tokens(db, sub.batch_id)) == 100
