"""The chunked, resumable mint engine.

``mint(batch_id, db=..., progress=..., cancelled=...)`` makes a batch's tokens in cycles of at
most 20,000 units. Each cycle is one transaction that locks the batch row, reads how far the
batch got, inserts the next units, and records the new count, so a killed process resumes
exactly where the last commit left it, with no gap and no duplicate, and two workers on the
same batch simply take turns. A cycle that fails is retried up to 3 times; after that the
batch is failed with the reason.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.errors import ConflictError, MintStationError, NotFoundError
from app.core.states import ActivationMode, BatchStatus, TokenStatus, check_batch_transition
from app.dbkit.types import utcnow
from app.minting.request import SerialKind
from app.minting.serial_source import SerialSource
from app.minting.token_writer import (
    TokenRow,
    count_range,
    db_timestamp,
    insert_rows,
    present_ids,
)
from app.storage import audit, counters, outbox
from app.storage.db import Database
from app.storage.models import MintBatch

CYCLE_SIZE = 20_000
MAX_RETRIES = 3
MAX_REDRAWS = 20
RETRY_DELAY_S = 0.5

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class MintOutcome:
    batch_id: int
    uid: str
    status: BatchStatus
    minted: int
    quantity: int
    reason: str | None = None


class _NotProcessing(MintStationError):
    """The batch left 'processing' under us (another worker finished or failed it)."""


@dataclass
class _Plan:
    """What the engine needs of a batch, read once per run."""

    uid: str
    gtin: str | None
    first_token_id: int
    status: str
    lots: list[tuple[int, int, int]]  # (lot id, first seq, quantity)
    source: SerialSource | None


def mint(
    batch_id: int,
    *,
    db: Database,
    progress: ProgressFn = _no_progress,
    cancelled: CancelFn = _never,
    cycle_size: int = CYCLE_SIZE,
) -> MintOutcome:
    """Mint (or resume) a batch until it is minted, failed, or ``cancelled()`` says stop."""
    try:
        plan = _start(db, batch_id)
    except NotFoundError:
        raise
    except _PERMANENT as exc:
        _fail(db, batch_id, _describe_permanent(exc))
        return outcome(db, batch_id)
    retries = 0
    while True:
        if cancelled():
            return outcome(db, batch_id)
        try:
            done, total = _cycle(db, batch_id, plan, cycle_size)
        except _NotProcessing:
            return outcome(db, batch_id)
        except _PERMANENT as exc:
            # Retrying cannot fix a bad serial source or a taken serial: fail now, with why.
            _fail(db, batch_id, _describe_permanent(exc))
            return outcome(db, batch_id)
        except (SQLAlchemyError, OSError) as exc:
            retries += 1
            reason = _describe(exc, db)
            _note_attempt(db, batch_id, reason)
            if retries > MAX_RETRIES:
                _fail(db, batch_id, f"a mint cycle failed {retries} times; last: {reason}")
                return outcome(db, batch_id)
            time.sleep(RETRY_DELAY_S * retries)
            continue
        retries = 0
        progress(done, total)
        if done >= total:
            _finish(db, batch_id)
            return outcome(db, batch_id)


# Errors of the batch itself, not of the moment: a retry would meet them again.
_PERMANENT = (MintStationError, ValueError, LookupError, zlib.error)


def _describe_permanent(exc: BaseException) -> str:
    if isinstance(exc, MintStationError):
        return str(exc)
    return f"the batch cannot be minted: {type(exc).__name__}: {exc}".splitlines()[0]


def _describe(exc: BaseException, db: Database) -> str:
    """One line naming the failure and where: the file, or the database (a full disk)."""
    orig = getattr(exc, "orig", None)
    text = f"{type(orig or exc).__name__}: {orig or exc}".splitlines()[0]
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{text} ({exc.filename})"
    return f"{text} (database {db.describe()})"


def _start(db: Database, batch_id: int) -> _Plan:
    with db.write() as session:
        batch = session.get(MintBatch, batch_id, with_for_update=True)
        if batch is None:
            raise NotFoundError(f"no batch {batch_id}")
        if batch.status == BatchStatus.QUEUED:
            _set_status(session, batch, BatchStatus.PROCESSING)
            batch.started_at = batch.started_at or utcnow()
        lots = [(lot.id, lot.first_seq, lot.quantity) for lot in batch.lots]
        source = None
        if batch.identity_mode == "serial":
            source = SerialSource(
                kind=SerialKind(batch.serial_source or SerialKind.RANDOM),
                prefix=batch.serial_prefix or "",
                width=batch.serial_width or 0,
                start=batch.serial_start or 0,
                packed_list=batch.serial_list,
            )
        assert batch.first_token_id is not None
        return _Plan(batch.uid, batch.gtin, batch.first_token_id, batch.status, lots, source)


def _set_status(
    session: Session, batch: MintBatch, status: BatchStatus, reason: str | None = None
) -> None:
    check_batch_transition(BatchStatus(batch.status), status)
    previous = batch.status
    batch.status = status.value
    detail: dict[str, object] = {"from": previous, "to": status.value, "minted": batch.minted_count}
    if reason:
        detail["reason"] = reason
    event = audit.append(session, "batch", batch.uid, f"status {status.value}", detail)
    key = f"{batch.uid}:status:{event.id}"
    outbox.enqueue(session, "batch.status", {"batch": batch.uid, **detail}, key)


def _cycle(db: Database, batch_id: int, plan: _Plan, cycle_size: int) -> tuple[int, int]:
    with db.write() as session:
        row = session.execute(
            select(
                MintBatch.status,
                MintBatch.minted_count,
                MintBatch.quantity,
                MintBatch.activation_mode,
            )
            .where(MintBatch.id == batch_id)
            .with_for_update()
        ).one()
        if row.status != BatchStatus.PROCESSING:
            raise _NotProcessing(row.status)
        start, total = row.minted_count, row.quantity
        count = min(cycle_size, total - start)
        if count <= 0:
            return start, total
        at_mint = row.activation_mode == ActivationMode.AT_MINT
        _insert_units(session, batch_id, plan, start, count, at_mint)
        now = utcnow()
        session.execute(
            update(MintBatch)
            .where(MintBatch.id == batch_id)
            .values(minted_count=start + count, updated_at=now)
        )
        counters.bump(session, counters.TOKENS_MINTED, count)
        counters.bump_day(session, counters.TOKENS_MINTED, count)
        if at_mint:
            counters.bump(session, counters.TOKENS_ACTIVE, count)
        payload = {"batch": plan.uid, "first_seq": start, "count": count}
        outbox.enqueue(session, "tokens.minted", payload, f"{plan.uid}:tokens:{start}")
        return start + count, total


def _insert_units(
    session: Session, batch_id: int, plan: _Plan, start: int, count: int, at_mint: bool
) -> None:
    conn = session.connection()
    created = db_timestamp(conn, utcnow())
    status = TokenStatus.ACTIVE.value if at_mint else TokenStatus.MINTED.value
    activated = created if at_mint else None
    first_id = plan.first_token_id + start
    ids = range(first_id, first_id + count)
    rows: list[TokenRow]
    if plan.source is None:
        rows = []
        for lot_id, lot_first, lot_qty in plan.lots:
            lo, hi = max(start, lot_first), min(start + count, lot_first + lot_qty)
            if lo < hi:
                lot_ids = range(plan.first_token_id + lo, plan.first_token_id + hi)
                rows.extend(
                    _rows(
                        lot_ids,
                        batch_id,
                        lot_id,
                        plan.gtin,
                        repeat(None),
                        status,
                        created,
                        activated,
                    )
                )
        insert_rows(conn, rows)
        return
    serials = plan.source.serials(start, count)
    rows = list(_rows(ids, batch_id, None, plan.gtin, serials, status, created, activated))
    insert_rows(conn, rows)
    last_id = first_id + count - 1
    for _ in range(MAX_REDRAWS):
        if count_range(conn, first_id, last_id) == count:
            return
        present = present_ids(conn, first_id, last_id)
        missing = [r for r in rows if r[0] not in present]
        if not plan.source.regenerable:
            taken = ", ".join(repr(r[4]) for r in missing[:5])
            raise ConflictError(
                f"serial(s) {taken} already minted for GTIN {plan.gtin or '(none)'}"
            )
        fresh = plan.source.fresh(len(missing))
        rows = [
            (r[0], r[1], r[2], r[3], serial, r[5], r[6], r[7])
            for r, serial in zip(missing, fresh, strict=True)
        ]
        insert_rows(conn, rows)
    raise ConflictError("could not draw unused random serials; the serial space is exhausted")


def _rows(
    ids: range,
    batch_id: int,
    lot_id: int | None,
    gtin: str | None,
    serials: object,
    status: str,
    created: object,
    activated: object,
) -> list[TokenRow]:
    return list(
        zip(
            ids,
            repeat(batch_id),
            repeat(lot_id),
            repeat(gtin),
            serials,  # type: ignore[call-overload]
            repeat(status),
            repeat(created),
            repeat(activated),
        )
    )


def _finish(db: Database, batch_id: int) -> None:
    with db.write() as session:
        batch = session.get(MintBatch, batch_id, with_for_update=True)
        assert batch is not None
        if batch.status == BatchStatus.PROCESSING:
            batch.finished_at = utcnow()
            _set_status(session, batch, BatchStatus.MINTED)


def _fail(db: Database, batch_id: int, reason: str) -> None:
    with db.write() as session:
        batch = session.get(MintBatch, batch_id, with_for_update=True)
        assert batch is not None
        if batch.status in (BatchStatus.QUEUED, BatchStatus.PROCESSING):
            batch.failure_reason = reason
            batch.finished_at = utcnow()
            _set_status(session, batch, BatchStatus.FAILED, reason)


def _note_attempt(db: Database, batch_id: int, reason: str) -> None:
    try:
        with db.write() as session:
            session.execute(
                update(MintBatch)
                .where(MintBatch.id == batch_id)
                .values(attempts=MintBatch.attempts + 1, failure_reason=reason)
            )
    except SQLAlchemyError:
        pass  # the database itself is failing; the retry will find out again


def outcome(db: Database, batch_id: int) -> MintOutcome:
    with db.read() as session:
        batch = session.get(MintBatch, batch_id)
        assert batch is not None
        return MintOutcome(
            batch.id,
            batch.uid,
            BatchStatus(batch.status),
            batch.minted_count,
            batch.quantity,
            batch.failure_reason if batch.status == BatchStatus.FAILED else None,
        )


def resume_failed(db: Database, batch_id: int) -> None:
    """An operator sends a batch back to the queue; it continues where it stopped.

    A failed batch is queued again. A batch left in ``processing`` by a process that died
    needs nothing: minting it continues from its checkpoint (two minters on one batch take
    turns, so this is safe even if the other process is in fact alive). A minted batch is
    refused with a plain reason.
    """
    with db.write() as session:
        batch = session.get(MintBatch, batch_id, with_for_update=True)
        if batch is None:
            raise NotFoundError(f"no batch {batch_id}")
        if batch.status in (BatchStatus.QUEUED, BatchStatus.PROCESSING):
            return
        if batch.status == BatchStatus.MINTED:
            raise ConflictError(f"batch {batch.uid} is already minted; there is nothing to resume")
        batch.attempts = 0
        batch.finished_at = None
        _set_status(session, batch, BatchStatus.QUEUED, "resumed by the operator")
        batch.failure_reason = None


def unfinished_batches(db: Database) -> list[int]:
    """Batches queued or interrupted mid-way, oldest first."""
    with db.read() as session:
        stmt = (
            select(MintBatch.id)
            .where(MintBatch.status.in_([BatchStatus.QUEUED, BatchStatus.PROCESSING]))
            .order_by(MintBatch.id)
        )
        return list(session.execute(stmt).scalars())
