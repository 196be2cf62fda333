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

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.digital_link import validate_ai82
from app.core.errors import MintStationError, ValidationError
from app.core.ids import new_batch_base
from app.core.serials import RowError, SerialRange, check_sequential, validate_serial_list
from app.core.states import BatchStatus, IdentityMode
from app.minting.request import MintRequest, SerialKind, SerialSpec, check_lots, check_quantity
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
        else:
            check_serial_spec(request.serials)
    except ValidationError as exc:
        raise MintRefused([str(exc)]) from exc
    _lock_submits(session)
    product = get_product(session, request.sku)
    brand = brand_settings(session)
    view = product_view(session, product)
    reasons.extend(f"product {product.sku} is not ready to mint: {r}" for r in view.reasons)
    if not brand.resolver_domain:
        reasons.append("the brand has no resolver domain (brand set --domain)")
    run = _reserve_run(session, request, product.id, reasons)
    row_errors: list[RowError] = []
    serial_list: list[str] = []
    serial_range: SerialRange | None = None
    if request.identity_mode == IdentityMode.SERIAL and request.serials.kind == SerialKind.LIST:
        serial_list, row_errors = _check_serial_list(session, request, product.gtin)
    elif request.identity_mode == IdentityMode.SERIAL and request.serials.kind == (
        SerialKind.SEQUENTIAL
    ):
        serial_range = _plan_sequence(session, product.gtin, request, reasons)
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
        _set_serial_source(session, batch, request, serial_list, serial_range)
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


def check_serial_spec(spec: SerialSpec) -> None:
    """The prefix, width and start of any serial source, before anything is looked up."""
    if spec.prefix:
        validate_ai82(spec.prefix, "serial prefix")
    if not 0 <= spec.width <= MAX_SERIAL_LENGTH:
        raise ValidationError(
            "serial width", f"must be 0 to {MAX_SERIAL_LENGTH} digits, got {spec.width}"
        )
    if spec.start is not None and spec.start < 0:
        raise ValidationError("serial start", f"the first serial number {spec.start} is negative")


def _lock_submits(session: Session) -> None:
    """Serialise submits (PostgreSQL row lock; SQLite writers already queue).

    Every uniqueness check below reads what earlier submits reserved, so two stations
    submitting at once must take turns for the checks to see each other.
    """
    session.execute(select(IdAllocator.name).where(IdAllocator.name == "token").with_for_update())


@dataclass(frozen=True)
class _Reserved:
    """Serials promised to batches that are not minted yet (queued, processing, failed)."""

    ranges: list[tuple[str, SerialRange]]
    lists: list[tuple[str, list[str]]]


def _reserved(session: Session, gtin: str | None) -> _Reserved:
    rows = session.execute(
        select(
            MintBatch.uid,
            MintBatch.serial_source,
            MintBatch.serial_prefix,
            MintBatch.serial_width,
            MintBatch.serial_start,
            MintBatch.quantity,
            MintBatch.serial_list,
        ).where(
            MintBatch.gtin == gtin,
            MintBatch.identity_mode == IdentityMode.SERIAL.value,
            MintBatch.status != BatchStatus.MINTED.value,
            MintBatch.serial_source.in_([SerialKind.SEQUENTIAL.value, SerialKind.LIST.value]),
        )
    ).all()
    reserved = _Reserved([], [])
    for uid, kind, prefix, width, start, quantity, packed in rows:
        if kind == SerialKind.LIST.value and packed is not None:
            reserved.lists.append((uid, zlib.decompress(packed).decode().split("\n")))
        elif kind == SerialKind.SEQUENTIAL.value and start is not None:
            last = start + quantity - 1
            reserved.ranges.append((uid, SerialRange(prefix or "", width or 0, start, last)))
    return reserved


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
    reserved = _reserved(session, gtin)
    for uid, other in reserved.lists:
        for shared in line_of.keys() & set(other):
            errors.append(
                RowError(line_of[shared], "serial", f"{shared!r} is reserved by batch {uid}")
            )
    ordered = sorted(serials) if reserved.ranges else []
    for uid, serial_range in reserved.ranges:
        for serial in serial_range.members(ordered):
            reason = f"{serial!r} is reserved by batch {uid} ({serial_range})"
            errors.append(RowError(line_of[serial], "serial", reason))
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


def minted_in_range(session: Session, gtin: str | None, serial_range: SerialRange) -> str | None:
    """The first serial of ``serial_range`` already minted for ``gtin``, or None.

    A range scan on the (serial, gtin) index per run of equal length, compared byte-wise
    (COLLATE "C" on PostgreSQL, whatever the database's collation), then checked exactly.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    column = Token.serial.collate("C") if postgres else Token.serial
    for low, high, length in serial_range.bounds():
        stmt = (
            select(Token.serial)
            .where(
                column.between(low, high),
                func.length(Token.serial) == length,
                Token.gtin == gtin,
            )
            .order_by(column)
            .execution_options(yield_per=2000)
        )
        result = session.scalars(stmt)
        try:
            for serial in result:
                if serial in serial_range:
                    return serial
        finally:
            result.close()
    return None


def _plan_sequence(
    session: Session, gtin: str | None, request: MintRequest, refusals: list[str]
) -> SerialRange | None:
    """The range a sequential batch will mint, checked as strings against everything
    already minted or reserved for the GTIN; None (with the reasons) when it cannot be."""
    spec = request.serials
    reasons: list[str] = []
    counter = session.execute(
        select(SerialCounter)
        .where(SerialCounter.gtin == (gtin or ""), SerialCounter.prefix == spec.prefix)
        .with_for_update()
    ).scalar_one_or_none()
    next_free = counter.next_value if counter else 1
    start = spec.start if spec.start is not None else next_free
    if spec.start is not None and start < next_free:
        refusals.append(
            f"serials {spec.prefix}{start} onwards overlap serials already used with prefix"
            f" {spec.prefix!r}; the next free number is {next_free}"
        )
        return None
    try:
        serial_range = check_sequential(spec.prefix, spec.width, start, request.quantity)
    except ValidationError as exc:
        refusals.append(f"sequential serials from {start:,}: {exc}")
        return None
    where = f"sequential serials {serial_range}"
    reserved = _reserved(session, gtin)
    for uid, other in reserved.ranges:
        shared = serial_range.overlap(other)
        if shared is not None:
            reasons.append(f"{where} overlap batch {uid} ({other}) at {shared!r}")
    for uid, serials in reserved.lists:
        shared_serial = min(serial_range.members(sorted(serials)), default=None)
        if shared_serial is not None:
            reasons.append(f"{where} overlap the list of batch {uid} at {shared_serial!r}")
    minted = minted_in_range(session, gtin, serial_range)
    if minted is not None:
        reasons.append(f"{where} include {minted!r}, already minted for this GTIN")
    if not reasons:
        return serial_range
    reasons.append("choose another --serial-prefix, --serial-width or --serial-start")
    refusals.extend(reasons)
    return None


def _set_serial_source(
    session: Session,
    batch: MintBatch,
    request: MintRequest,
    serial_list: list[str],
    serial_range: SerialRange | None,
) -> None:
    spec = request.serials
    batch.serial_source = spec.kind.value
    if spec.kind == SerialKind.LIST:
        batch.serial_list = zlib.compress("\n".join(serial_list).encode(), 6)
    elif spec.kind == SerialKind.SEQUENTIAL:
        assert serial_range is not None
        batch.serial_prefix = spec.prefix
        batch.serial_width = spec.width
        batch.serial_start = serial_range.start
        _advance_counter(session, batch.gtin, spec.prefix, serial_range.last + 1)


def _advance_counter(session: Session, gtin: str | None, prefix: str, next_value: int) -> None:
    key = gtin or ""
    exists = session.execute(
        select(SerialCounter.next_value).where(
            SerialCounter.gtin == key, SerialCounter.prefix == prefix
        )
    ).scalar_one_or_none()
    if exists is None:
        session.add(SerialCounter(gtin=key, prefix=prefix, next_value=next_value))
    else:
        session.execute(
            update(SerialCounter)
            .where(SerialCounter.gtin == key, SerialCounter.prefix == prefix)
            .values(next_value=next_value)
        )
