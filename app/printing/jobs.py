"""Print jobs: a range of a batch's units, rendered once, sent in chunks, recorded per unit.

``print_labels`` is a plain long job (progress and cancel callbacks). Each chunk's units get
their ``print_record`` rows and the job's ``done_count`` in one transaction *before* the
chunk goes to the printer; if the printer refuses it, the rows are taken back. So a unit is
never printed without a record, and (token, print_no) being unique stops two stations from
making the same first print. A crash while a chunk is with the printer leaves it recorded:
if those labels did not come out, the verify run lists them as never verified.

A job that stopped (cancel, a printer error, a crash) is resumed by asking for the same
print again: the same batch, range, printer and template continue after the last chunk.

Reprint control: a unit printed before is refused unless the print is a reprint with a
reason; a reprint takes the unit's next ``print_no``, is audited, and is counted in the
batch's figures (``batch_figures``).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.errors import ConflictError, ValidationError
from app.dbkit.types import utcnow
from app.printing.render import Logo
from app.printing.spool import LabelSink, PrintError, open_sink
from app.printing.store import default_template, get_template
from app.printing.templates import LabelTemplate
from app.printing.units import BatchInfo, LabelUnit, load_batch, read_units, unit_range
from app.storage import audit
from app.storage.db import Database
from app.storage.printing_models import PrintJob, PrintRecord, VerifyScan

__all__ = [
    "BatchFigures",
    "PrintOutcome",
    "PrintRequest",
    "batch_figures",
    "chunk_size",
    "print_labels",
    "unit_prints",
]

SinkFactory = Callable[[str, LabelTemplate, Logo], LabelSink]
CHUNK_LABELS = 500
MAX_REASON = 500


@dataclass(frozen=True)
class PrintRequest:
    batch: str | int
    printer: str
    template: str | None = None
    pack: int | None = None
    first: int | None = None  # 1-based unit number
    count: int | None = None
    reprint: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class PrintOutcome:
    job_id: int
    batch_uid: str
    printer: str
    template: str
    status: str  # "completed", "stopped" or "failed"
    first_unit: int  # 1-based
    unit_count: int
    printed_now: int
    resumed: bool
    error: str | None = None


def station_name() -> str:
    return socket.gethostname()[:200]


def chunk_size(template: LabelTemplate, labels: int = CHUNK_LABELS) -> int:
    """About ``labels`` per chunk, whole sheets on sheet templates."""
    per_page = template.labels_per_page
    return max(per_page, labels // per_page * per_page)


def _last_prints(session: Session, first_key: int, last_key: int) -> dict[int, int]:
    """token key -> its newest print_no, for the printed units of a key range."""
    rows = session.execute(
        select(PrintRecord.token_key, func.max(PrintRecord.print_no))
        .where(PrintRecord.token_key.between(first_key, last_key))
        .group_by(PrintRecord.token_key)
    ).all()
    return {int(key): int(number) for key, number in rows}


def _open_job(
    session: Session, batch: BatchInfo, request: PrintRequest, template: str, first: int, count: int
) -> PrintJob | None:
    return session.execute(
        select(PrintJob)
        .where(
            PrintJob.batch_id == batch.id,
            PrintJob.printer == request.printer,
            PrintJob.template_name == template,
            PrintJob.first_unit == first,
            PrintJob.unit_count == count,
            PrintJob.reprint == request.reprint,
            PrintJob.status.in_(("printing", "stopped", "failed")),
        )
        .order_by(PrintJob.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _refuse_printed(batch: BatchInfo, printed: dict[int, int], keys: range) -> None:
    done = sorted(k for k in printed if k in keys)
    if not done:
        return
    first = done[0] - batch.first_token_id + 1
    raise ConflictError(
        f"{len(done):,} of these {len(keys):,} units of batch {batch.uid} were printed before"
        f" (the first is unit {first:,}); printing them again needs --reprint --reason"
    )


def _reason(request: PrintRequest) -> str | None:
    if not request.reprint:
        return None
    reason = (request.reason or "").strip()
    if not reason:
        raise ValidationError("reason", "a reprint needs a reason (--reason)")
    if len(reason) > MAX_REASON:
        raise ValidationError("reason", f"must be at most {MAX_REASON} characters")
    return reason


def print_labels(
    db: Database,
    request: PrintRequest,
    *,
    sink_factory: SinkFactory = open_sink,
    progress: Callable[[int, int], None] = lambda _d, _t: None,
    cancelled: Callable[[], bool] = lambda: False,
    station: str | None = None,
    labels_per_chunk: int = CHUNK_LABELS,
) -> PrintOutcome:
    """Print (or resume printing) the requested units; see the module docstring."""
    reason = _reason(request)
    with db.read() as session:
        batch = load_batch(session, request.batch)
        units = unit_range(batch, pack=request.pack, first=request.first, count=request.count)
        template = (
            get_template(session, request.template)
            if request.template
            else default_template(session)
        )
        job = _open_job(session, batch, request, template.name, units.start, len(units))
        done = job.done_count if job is not None else 0
        first_key = batch.first_token_id + units.start
        keys = range(first_key + done, first_key + len(units))
        printed = _last_prints(session, first_key, first_key + len(units) - 1)
    if not request.reprint and keys:
        _refuse_printed(batch, printed, keys)
    logo = (batch.logo, batch.logo_mime) if batch.logo and batch.logo_mime else None
    sink = sink_factory(request.printer, template, logo)
    try:
        job_id = _start_job(db, batch, request, template, units, job, reason, station)
        return _run(
            db,
            job_id,
            batch,
            request,
            template,
            units,
            done,
            reason,
            sink,
            progress,
            cancelled,
            labels_per_chunk,
            resumed=job is not None,
        )
    finally:
        sink.close()


def _start_job(
    db: Database,
    batch: BatchInfo,
    request: PrintRequest,
    template: LabelTemplate,
    units: range,
    job: PrintJob | None,
    reason: str | None,
    station: str | None,
) -> int:
    with db.write() as session:
        if job is not None:
            row = session.get(PrintJob, job.id)
            assert row is not None
            row.status, row.error, row.finished_at = "printing", None, None
            audit.append(session, "print_job", row.id, "resumed", {"done": row.done_count})
            return row.id
        row = PrintJob(
            batch_id=batch.id,
            printer=request.printer,
            backend="zpl" if request.printer.startswith(("zpl:", "socket://")) else "system",
            template_name=template.name,
            first_unit=units.start,
            unit_count=len(units),
            done_count=0,
            reprint=request.reprint,
            reason=reason,
            status="printing",
            station=(station or station_name())[:200],
        )
        session.add(row)
        session.flush()
        detail = {
            "batch": batch.uid,
            "printer": request.printer,
            "template": template.name,
            "first": units.start + 1,
            "count": len(units),
        }
        if request.reprint:
            detail["reason"] = reason
        audit.append(
            session, "print_job", row.id, "reprint" if request.reprint else "print", detail
        )
        return row.id


def _record(
    session: Session,
    job_id: int,
    batch: BatchInfo,
    printer: str,
    template: str,
    chunk: Sequence[LabelUnit],
    reason: str | None,
    reprint: bool,
) -> int:
    """Write the chunk's print records; returns how many were reprints."""
    keys = [u.key for u in chunk]
    last = _last_prints(session, keys[0], keys[-1])
    if not reprint and last:
        unit = min(last) - batch.first_token_id + 1
        raise ConflictError(f"unit {unit:,} of batch {batch.uid} was printed meanwhile")
    at = utcnow()
    rows = [
        {
            "token_key": key,
            "batch_id": batch.id,
            "job_id": job_id,
            "print_no": last.get(key, 0) + 1,
            "printer": printer,
            "template_name": template,
            "reason": reason,
            "at": at,
        }
        for key in keys
    ]
    session.execute(insert(PrintRecord), rows)
    job = session.get(PrintJob, job_id)
    assert job is not None
    job.done_count += len(chunk)
    return len(last)


def _run(
    db: Database,
    job_id: int,
    batch: BatchInfo,
    request: PrintRequest,
    template: LabelTemplate,
    units: range,
    done: int,
    reason: str | None,
    sink: LabelSink,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    labels_per_chunk: int,
    *,
    resumed: bool,
) -> PrintOutcome:
    total = len(units)
    step = chunk_size(template, labels_per_chunk)
    printed_now = 0
    progress(done, total)

    def outcome(status: str, error: str | None = None) -> PrintOutcome:
        with db.write() as session:
            job = session.get(PrintJob, job_id)
            assert job is not None
            job.status, job.error = status, error
            job.finished_at = utcnow() if status == "completed" else None
            if status != "completed":
                audit.append(session, "print_job", job_id, status, {"error": error})
        return PrintOutcome(
            job_id,
            batch.uid,
            request.printer,
            template.name,
            status,
            units.start + 1,
            total,
            printed_now,
            resumed,
            error,
        )

    position = done
    while position < total:
        if cancelled():
            return outcome("stopped")
        count = min(step, total - position)
        with db.read() as session:
            chunk = read_units(session, batch, units.start + position, count)
        try:
            with db.write() as session:
                reprints = _record(
                    session,
                    job_id,
                    batch,
                    request.printer,
                    template.name,
                    chunk,
                    reason,
                    request.reprint,
                )
                if reprints:
                    audit.append(
                        session,
                        "print_job",
                        job_id,
                        "reprinted",
                        {"units": reprints, "first": chunk[0].position + 1, "reason": reason},
                    )
        except (IntegrityError, ConflictError) as exc:
            message = (
                str(exc)
                if isinstance(exc, ConflictError)
                else ("another station printed some of these units meanwhile")
            )
            return outcome("failed", message)
        title = f"{batch.uid} units {chunk[0].position + 1}-{chunk[-1].position + 1}"
        try:
            sink.send(chunk, title)
        except PrintError as exc:
            _take_back(db, job_id, chunk)
            return outcome("failed", str(exc))
        position += count
        printed_now += count
        progress(position, total)
    return outcome("completed")


def _take_back(db: Database, job_id: int, chunk: Sequence[LabelUnit]) -> None:
    """The printer refused the chunk: its records go, the job steps back."""
    with db.write() as session:
        session.execute(
            delete(PrintRecord).where(
                PrintRecord.job_id == job_id,
                PrintRecord.token_key.between(chunk[0].key, chunk[-1].key),
            )
        )
        job = session.get(PrintJob, job_id)
        assert job is not None
        job.done_count -= len(chunk)


# -- figures and history ---------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFigures:
    printed_units: int
    labels_printed: int
    reprints: int
    verified_units: int


def batch_figures(session: Session, batch_id: int) -> BatchFigures:
    printed, labels, reprints = session.execute(
        select(
            func.count(func.distinct(PrintRecord.token_key)),
            func.count(),
            func.count().filter(PrintRecord.print_no > 1),
        ).where(PrintRecord.batch_id == batch_id)
    ).one()
    verified = session.execute(
        select(func.count(func.distinct(VerifyScan.token_key))).where(
            VerifyScan.batch_id == batch_id, VerifyScan.outcome == "verified"
        )
    ).scalar_one()
    return BatchFigures(int(printed), int(labels), int(reprints), int(verified))


@dataclass(frozen=True)
class UnitPrint:
    print_no: int
    at: datetime
    printer: str
    template: str
    reason: str | None


def unit_prints(session: Session, token_key: int) -> list[UnitPrint]:
    """A unit's print history, first print first."""
    rows = session.execute(
        select(PrintRecord).where(PrintRecord.token_key == token_key).order_by(PrintRecord.print_no)
    ).scalars()
    return [UnitPrint(r.print_no, r.at, r.printer, r.template_name, r.reason) for r in rows]
