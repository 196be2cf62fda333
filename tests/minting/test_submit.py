from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import NotFoundError, ValidationError
from app.core.states import IdentityMode
from app.minting.engine import mint
from app.minting.request import LotSpec, MintRequest, SerialKind, SerialSpec, parse_lot
from app.minting.runs import add_run
from app.minting.submit import MintRefused, submit
from app.storage.db import Database
from app.storage.models import MintBatch, Token
from tests.minting.conftest import NOT_READY_SKU, READY_SKU


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        batches = session.execute(select(func.count()).select_from(MintBatch)).scalar_one()
        tokens = session.execute(select(func.count()).select_from(Token)).scalar_one()
    return batches, tokens


@pytest.mark.parametrize("quantity", [0, -5, 1_000_001])
def test_bad_quantities_are_refused(station: Database, quantity: int) -> None:
    with pytest.raises(MintRefused, match="quantity"):
        submit(station, MintRequest(sku=READY_SKU, quantity=quantity))
    assert _counts(station) == (0, 0)


def test_product_not_ready_names_each_reason(station: Database) -> None:
    with pytest.raises(MintRefused) as err:
        submit(station, MintRequest(sku=NOT_READY_SKU, quantity=10))
    assert "commercial status is 'discontinued'" in str(err.value)
    with pytest.raises(MintRefused) as err:
        submit(station, MintRequest(sku="ACM-KIT-STARTER", quantity=10))
    message = str(err.value)
    assert "manufacturer" in message
    assert "material composition" in message
    assert _counts(station) == (0, 0)


def test_unknown_product(station: Database) -> None:
    with pytest.raises(NotFoundError, match="NOPE"):
        submit(station, MintRequest(sku="NOPE", quantity=1))


def test_idempotency_key_mints_once(station: Database) -> None:
    request = MintRequest(sku=READY_SKU, quantity=10, idempotency_key="wizard-123")
    first = submit(station, request)
    second = submit(station, request)
    assert first.created
    assert not second.created
    assert first.batch_id == second.batch_id
    assert _counts(station)[0] == 1


def _byo(serials: list[str], quantity: int | None = None) -> MintRequest:
    return MintRequest(
        sku=READY_SKU,
        quantity=quantity or len(serials),
        serials=SerialSpec(kind=SerialKind.LIST, serials=tuple(serials)),
    )


def test_bring_your_own_list_errors_are_all_listed(station: Database) -> None:
    bad = ["A1", "A2", "A1", "bad serial", "X" * 21, "ok"]
    with pytest.raises(MintRefused) as err:
        submit(station, _byo(bad))
    lines = {e.line for e in err.value.row_errors}
    assert lines == {3, 4, 5}
    assert "duplicate" in str(err.value)
    assert _counts(station) == (0, 0)


def test_bring_your_own_serials_already_used_are_refused(station: Database) -> None:
    sub = submit(station, _byo(["S-1", "S-2", 'S,3"q']))
    mint(sub.batch_id, db=station)
    with pytest.raises(MintRefused) as err:
        submit(station, _byo(["S-9", 'S,3"q', "S-1"]))
    assert [(e.line, e.field) for e in err.value.row_errors] == [(2, "serial"), (3, "serial")]
    assert "already minted" in str(err.value)
    assert _counts(station) == (1, 3)


def test_list_length_must_match_quantity(station: Database) -> None:
    with pytest.raises(MintRefused, match="the quantity is 5"):
        submit(station, _byo(["A", "B"], quantity=5))


def test_production_run_caps_all_its_batches(station: Database) -> None:
    with station.write() as session:
        add_run(session, "RUN-7", READY_SKU, 100)
    submit(station, MintRequest(sku=READY_SKU, quantity=60, run_code="RUN-7"))
    with pytest.raises(MintRefused, match="40 of 100 units left"):
        submit(station, MintRequest(sku=READY_SKU, quantity=41, run_code="RUN-7"))
    submit(station, MintRequest(sku=READY_SKU, quantity=40, run_code="RUN-7"))
    with pytest.raises(MintRefused, match="no production run"):
        submit(station, MintRequest(sku=READY_SKU, quantity=1, run_code="RUN-X"))


def test_lots_are_checked(station: Database) -> None:
    with pytest.raises(MintRefused, match="add up to 5"):
        submit(
            station,
            MintRequest(
                sku=READY_SKU,
                quantity=6,
                identity_mode=IdentityMode.LOT,
                lots=(LotSpec("A", 5, 5),),
            ),
        )
    lots = tuple(LotSpec(f"L{i}", 1, 1) for i in range(101))
    with pytest.raises(MintRefused, match="at most 100"):
        submit(
            station,
            MintRequest(sku=READY_SKU, quantity=101, identity_mode=IdentityMode.LOT, lots=lots),
        )


def test_parse_lot() -> None:
    lot = parse_lot("L-42:500:520:2027-06-30")
    assert (lot.code, lot.quantity, lot.print_quantity, str(lot.expiry)) == (
        "L-42",
        500,
        520,
        "2027-06-30",
    )
    assert parse_lot("L1:5").print_quantity == 5
    for bad in ("L1", "L1:x", "L1:0", "L1:5:5:31/12/2027", "bad code:5"):
        with pytest.raises(ValidationError):
            parse_lot(bad)


def test_sequential_start_overlapping_used_numbers_is_refused(station: Database) -> None:
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="Q", width=4)
    mint(
        submit(station, MintRequest(sku=READY_SKU, quantity=10, serials=spec)).batch_id, db=station
    )
    overlapping = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="Q", width=4, start=5)
    with pytest.raises(MintRefused, match="next free number is 11"):
        submit(station, MintRequest(sku=READY_SKU, quantity=3, serials=overlapping))


def test_preflight_checks_everything_and_writes_nothing(station: Database) -> None:
    from app.minting.submit import next_serial_number, preflight

    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="P", width=4)
    assert preflight(station, MintRequest(sku=READY_SKU, quantity=10, serials=spec)) is None
    assert _counts(station) == (0, 0)
    assert next_serial_number(station, "09506000001012", "P") == 1
    refused = preflight(station, MintRequest(sku=NOT_READY_SKU, quantity=10))
    assert refused is not None
    assert any("discontinued" in reason for reason in refused.reasons)
    byo = preflight(station, _byo(["A1", "A1", "bad serial"]))
    assert byo is not None
    assert [e.line for e in byo.row_errors] == [2, 3]
    unknown = preflight(station, MintRequest(sku="NOPE", quantity=1))
    assert unknown is not None
    assert "NOPE" in unknown.reasons[0]
    request = MintRequest(sku=READY_SKU, quantity=10, serials=spec, idempotency_key="k-1")
    sub = submit(station, request)
    assert preflight(station, request) is None
    assert next_serial_number(station, "09506000001012", "P") == 11
    assert _counts(station) == (1, 0)
    assert submit(station, request).batch_id == sub.batch_id
