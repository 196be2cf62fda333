"""Check a mint request and queue its batch, in one transaction.

Everything that can be known before minting is checked first, and nothing is written when a
check fails: the product's readiness, the production run's remaining quantity, the lots, a
bring-your-own serial list and its collisions with serials already minted for the GTIN. The
batch's token keys and, for sequential serials, its number range are reserved here, so
minting later never has to ask again and two stations never hand out the same range.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.errors import MintStationError, ValidationError
from app.core.ids import new_batch_base
from app.core.serials import RowError, validate_serial_list
from app.core.states import BatchStatus, IdentityMode
from app.minting.request import MintRequest, SerialKind, check_lots, check_quantity
from app.storage import audit, counters, outbox
from app.storage.brand import brand_settings
from app.storage.db import Database
from app.storage.models import IdAllocator, Lot, MintBatch, ProductionRun, SerialCounter, Token
from app.storage.products import get_product, product_view

IN_CHUNK = 500
MAX_SERIAL_LENGTH = 20


class MintRefused(MintStationError):
    """The request cannot be minted; every reason is listed, nothing was written."""

    def __init__(self, reasons: Sequence[str], row_errors: Sequence[RowError] = ()) -> None:
        self.reasons = list(reasons)
        self.row_errors = list(row_errors)
        lines = [*self.reasons, *(str(e) for e in self.row_errors[:50])]
        if len(self.row_errors) > 50:
            lines.append(f"... and {len(self.row_errors) - 50} more rejected rows")
        super().__init__("the batch cannot be minted:\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class Submitted:
    batch_id: int
    uid: str
    created: bool
    reasons: list[str] = field(default_factory=list)


def submit(db: Database, request: MintRequest) -> Submitted:
    """Queue the batch for ``request``; the same idempotency key twice mints once."""
    with db.write() as session:
        if request.idempotency_key:
            existing = session.execute(
                select(MintBatch).where(MintBatch.idempotency_key == request.idempotency_key)
            ).scalar_one_or_none()
            if existing is not None:
                return Submitted(existing.id, existing.uid, created=False)
        batch = _create_batch(session, request)
        return Submitted(batch.id, batch.uid, created=True)


class _DryRun(Exception):
    """Raised inside a preflight's transaction so that it is always rolled back."""


def preflight(db: Database, request: MintRequest) -> MintRefused | None:
    """Every check ``submit`` makes, in a write transaction that is always rolled back.

    None means the request would be accepted now; otherwise the refusal with every reason
    and rejected row. Nothing is written (the token range and serial numbers reserved by
    the dry run are released with the rollback).
    """
    dry = replace(request, idempotency_key=None)
    try:
        with db.write() as session:
            _create_batch(session, dry)
            raise _DryRun
    except _DryRun:
        return None
    except MintRefused as refused:
        return refused
    except MintStationError as exc:
        return MintRefused([str(exc)])


def next_serial_number(db: Database, gtin: str | None, prefix: str) -> int:
    """The number the next sequential batch with ``prefix`` starts at (for previews)."""
    with db.read() as session:
        value = session.execute(
            select(SerialCounter.next_value).where(
                SerialCounter.gtin == (gtin or ""), SerialCounter.prefix == prefix
            )
        ).scalar_one_or_none()
    return 1 if value is None else value


def _create_batch(session: Session, request: MintRequest) -> MintBatch:
    reasons: list[str] = []
    try:
        check_quantity(request.quantity)
        if request.identity_mode == IdentityMode.LOT:
            check_lots(request.lots, request.quantity)
    except ValidationError as exc:
        raise MintRefused([str(exc)]) from exc
    product = get_product(session, request.sku)
    brand = brand_settings(session)
    view = product_view(session, product)
    reasons.extend(f"product {product.sku} is not ready to mint: {r}" for r in view.reasons)
    if not brand.resolver_domain:
        reasons.append("the brand has no resolver domain (brand set --domain)")
    run = _reserve_run(session, request, product.id, reasons)
    row_errors: list[RowError] = []
    serial_list: list[str] = []
    if request.identity_mode == IdentityMode.SERIAL and request.serials.kind == SerialKind.LIST:
        serial_list, row_errors = _check_serial_list(session, request, product.gtin)
    if reasons or row_errors:
        raise MintRefused(reasons, row_errors)

    batch = MintBatch(
        uid=new_batch_base(request.quantity),
        product_id=product.id,
        production_run_id=run.id if run else None,
        gtin=product.gtin,
        identity_mode=request.identity_mode.value,
        activation_mode=request.activation_mode.value,
        quantity=request.quantity,
        minted_count=0,
        status=BatchStatus.QUEUED.value,
        idempotency_key=request.idempotency_key,
        first_token_id=_reserve_token_ids(session, request.quantity),
    )
    if request.identity_mode == IdentityMode.SERIAL:
        _set_serial_source(session, batch, request, serial_list)
    session.add(batch)
    session.flush()
    first_seq = 0
    for position, spec in enumerate(request.lots if batch.identity_mode == "lot" else ()):
        session.add(
            Lot(
                batch_id=batch.id,
                position=position,
                code=spec.code,
                quantity=spec.quantity,
                print_quantity=spec.print_quantity,
                expiry=spec.expiry,
                first_seq=first_seq,
            )
        )
        first_seq += spec.quantity
    counters.bump(session, counters.BATCHES_CREATED)
    detail = {
        "sku": product.sku,
        "quantity": request.quantity,
        "identity_mode": batch.identity_mode,
        "activation_mode": batch.activation_mode,
        "serial_source": batch.serial_source,
        "run": request.run_code,
    }
    audit.append(session, "batch", batch.uid, "created", detail)
    outbox.enqueue(session, "batch.created", {"batch": batch.uid, **detail}, f"{batch.uid}:created")
    session.flush()
    return batch


def _reserve_run(
    session: Session, request: MintRequest, product_id: int, reasons: list[str]
) -> ProductionRun | None:
    if not request.run_code:
        return None
    run = session.execute(
        select(ProductionRun).where(ProductionRun.code == request.run_code).with_for_update()
    ).scalar_one_or_none()
    if run is None:
        reasons.append(f"there is no production run {request.run_code!r}")
        return None
    if run.product_id != product_id:
        reasons.append(f"production run {run.code} is for another product")
        return run
    if run.erp_quantity is not None:
        remaining = run.erp_quantity - run.reserved_quantity
        if request.quantity > remaining:
            reasons.append(
                f"production run {run.code} has {remaining:,} of {run.erp_quantity:,} units left;"
                f" {request.quantity:,} requested"
            )
            return run
    run.reserved_quantity += request.quantity
    return run


def _reserve_token_ids(session: Session, quantity: int) -> int:
    """A contiguous key range for the batch's tokens, under the allocator's row lock."""
    row = session.execute(
        select(IdAllocator).where(IdAllocator.name == "token").with_for_update()
    ).scalar_one()
    first = row.next_value
    row.next_value = first + quantity
    return first


def _check_serial_list(
    session: Session, request: MintRequest, gtin: str | None
) -> tuple[list[str], list[RowError]]:
    serials, errors = validate_serial_list(request.serials.serials)
    if errors:
        return serials, errors
    if len(serials) != request.quantity:
        line = len(serials) + 1
        reason = f"the list has {len(serials):,} serials; the quantity is {request.quantity:,}"
        return serials, [RowError(line, "serial", reason)]
    line_of = {serial: i for i, serial in enumerate(serials, start=1)}
    for used in used_serials(session, gtin, serials):
        errors.append(RowError(line_of[used], "serial", f"{used!r} is already minted"))
    errors.sort(key=lambda e: e.line)
    return serials, errors


def used_serials(session: Session, gtin: str | None, serials: Sequence[str]) -> list[str]:
    """Which of ``serials`` are already minted for ``gtin``."""
    found: list[str] = []
    for i in range(0, len(serials), IN_CHUNK):
        chunk = serials[i : i + IN_CHUNK]
        stmt = select(Token.serial).where(Token.serial.in_(chunk), Token.gtin == gtin)
        found.extend(s for s in session.execute(stmt).scalars() if s is not None)
    return found


def _set_serial_source(
    session: Session, batch: MintBatch, request: MintRequest, serial_list: list[str]
) -> None:
    spec = request.serials
    batch.serial_source = spec.kind.value
    if spec.kind == SerialKind.LIST:
        batch.serial_list = zlib.compress("\n".join(serial_list).encode(), 6)
    elif spec.kind == SerialKind.SEQUENTIAL:
        batch.serial_prefix = spec.prefix
        batch.serial_width = spec.width
        batch.serial_start = _reserve_sequence(session, batch.gtin, request)


def _reserve_sequence(session: Session, gtin: str | None, request: MintRequest) -> int:
    """Reserve ``quantity`` numbers after the last sequential serial used with this prefix."""
    spec = request.serials
    key = gtin or ""
    counter = session.execute(
        select(SerialCounter)
        .where(SerialCounter.gtin == key, SerialCounter.prefix == spec.prefix)
        .with_for_update()
    ).scalar_one_or_none()
    next_free = counter.next_value if counter else 1
    start = spec.start if spec.start is not None else next_free
    if start < 0:
        raise MintRefused([f"the first serial number {start} is negative"])
    if spec.start is not None and start < next_free:
        raise MintRefused(
            [
                f"serials {spec.prefix}{start} onwards overlap serials already used with prefix"
                f" {spec.prefix!r}; the next free number is {next_free}"
            ]
        )
    last = start + request.quantity - 1
    if len(spec.prefix) + max(spec.width, len(str(last))) > MAX_SERIAL_LENGTH:
        raise MintRefused(
            [f"serial {spec.prefix}{last:0{spec.width}d} would be over 20 characters"]
        )
    if counter is None:
        session.add(SerialCounter(gtin=key, prefix=spec.prefix, next_value=last + 1))
    else:
        session.execute(
            update(SerialCounter)
            .where(SerialCounter.gtin == key, SerialCounter.prefix == spec.prefix)
            .values(next_value=last + 1)
        )
    return start
