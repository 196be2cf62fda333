"""Export jobs and their packs in the database: which job a run continues, and every change.

A batch's export of one kind is continued while its newest job is unfinished (pending,
generating or failed), in that job's folder: its completed packs are kept, the rest are made.
A completed job whose files are all there and unexpired is simply reported. Otherwise
(expired, files gone, another folder asked for) a new job starts, with a fresh 30 days; the
old job stays in the history. Every job
change writes its audit event in the same transaction, and completing a job bumps the
``exports_completed`` counter there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from app.core.errors import ConflictError, MintStationError, NotFoundError, StateTransitionError
from app.core.states import PACK_TRANSITIONS, PackStatus, check_pack_transition
from app.exports.files import pack_path, remove_pack_file, remove_partial_files
from app.exports.kinds import ExportKind
from app.exports.units import BatchPlan
from app.storage import audit, counters
from app.storage.models import ExportJob, ExportPack, MintBatch

__all__ = [
    "CANCELLED",
    "RETENTION",
    "JobCancelled",
    "JobView",
    "PackView",
    "cancel_job",
    "complete_pack",
    "expire_packs",
    "fail_pack",
    "finish_job",
    "get_job",
    "job_view",
    "list_jobs",
    "open_job",
    "start_pack",
    "unfinished_elsewhere",
]

RETENTION = timedelta(days=30)
_UNFINISHED = (PackStatus.PENDING, PackStatus.GENERATING, PackStatus.FAILED)
CANCELLED = "cancelled"
"""A job status only (packs keep theirs): the operator, or a new export to another folder,
ended the job; it is never continued, and its completed packs age out as usual."""


class JobCancelled(MintStationError):
    """The job was cancelled while a run was making it; the run stops."""


@dataclass(frozen=True)
class PackView:
    id: int
    index: int
    status: str
    unit_count: int
    first_unit: int
    path: str | None
    sha256: str | None
    size_bytes: int | None
    error: str | None
    generated_at: datetime | None
    expires_at: datetime | None
    expired_at: datetime | None


@dataclass(frozen=True)
class JobView:
    id: int
    batch_uid: str
    kind: ExportKind
    status: str
    out_dir: str
    pack_count: int
    error: str | None
    requested_at: datetime
    finished_at: datetime | None
    packs: list[PackView]

    @property
    def expired(self) -> bool:
        """True once retention removed the files (the history stays)."""
        done = [p for p in self.packs if p.status == PackStatus.COMPLETED]
        return bool(done) and all(p.expired_at is not None for p in done)


def job_view(session: Session, job: ExportJob) -> JobView:
    batch = session.get(MintBatch, job.batch_id)
    assert batch is not None
    packs = session.execute(
        select(ExportPack).where(ExportPack.job_id == job.id).order_by(ExportPack.pack_index)
    ).scalars()
    views = []
    first = 0
    for p in packs:
        views.append(
            PackView(
                p.id,
                p.pack_index,
                p.status,
                p.unit_count,
                first,
                p.path,
                p.sha256,
                p.size_bytes,
                p.error,
                p.generated_at,
                p.expires_at,
                p.expired_at,
            )
        )
        first += p.unit_count
    return JobView(
        job.id,
        batch.uid,
        ExportKind(job.kind),
        job.status,
        job.out_dir,
        job.pack_count,
        job.error,
        job.requested_at,
        job.finished_at,
        views,
    )


def _intact(job: JobView, now: datetime) -> bool:
    """A completed job with every file present and unexpired."""
    return job.status == PackStatus.COMPLETED and all(
        p.expired_at is None
        and (p.expires_at is None or p.expires_at > now)
        and p.path is not None
        and Path(p.path).is_file()
        for p in job.packs
    )


def open_job(
    session: Session,
    plan: BatchPlan,
    kind: ExportKind,
    out_dir: Path,
    pack_size: int,
    now: datetime,
) -> tuple[JobView, bool]:
    """(the job this run works on, whether it is a new one)."""
    newest = session.execute(
        select(ExportJob)
        .where(ExportJob.batch_id == plan.id, ExportJob.kind == kind.value)
        .order_by(ExportJob.id.desc())
        .limit(1)
        .with_for_update()
    ).scalar_one_or_none()
    if newest is not None:
        view = job_view(session, newest)
        same_folder = Path(view.out_dir) == out_dir
        if newest.status in _UNFINISHED or (same_folder and _intact(view, now)):
            return view, False
        if same_folder or not _intact(view, now):
            # Its files would be overwritten, or are gone: retire them so retention never
            # deletes the new job's files under the old job's name.
            expire_packs(session, newest.id, now, reason="superseded by a new export")
    units = plan.unit_count(kind)
    count = plan.pack_count(kind, pack_size)
    job = ExportJob(
        batch_id=plan.id,
        kind=kind.value,
        status=PackStatus.PENDING.value,
        out_dir=str(out_dir),
        pack_count=count,
        requested_at=now,
    )
    session.add(job)
    session.flush()
    for index in range(count):
        size = min(pack_size, units - index * pack_size)
        session.add(
            ExportPack(job_id=job.id, pack_index=index, status=PackStatus.PENDING, unit_count=size)
        )
    session.flush()
    detail = {"batch": plan.uid, "kind": kind.value, "packs": count, "units": units}
    audit.append(session, "export_job", job.id, "created", {**detail, "out_dir": str(out_dir)})
    return job_view(session, job), True


def unfinished_elsewhere(
    session: Session, plan: BatchPlan, kind: ExportKind, out_dir: Path
) -> int | None:
    """The batch's unfinished job of ``kind`` in another folder than ``out_dir``, if any.

    A new export to ``out_dir`` must not silently continue it there: the caller cancels it
    (saying so) before ``open_job`` starts a new job in ``out_dir``.
    """
    newest = session.execute(
        select(ExportJob.id, ExportJob.status, ExportJob.out_dir)
        .where(ExportJob.batch_id == plan.id, ExportJob.kind == kind.value)
        .order_by(ExportJob.id.desc())
        .limit(1)
    ).one_or_none()
    if newest is None or newest.status not in _UNFINISHED:
        return None
    return newest.id if Path(newest.out_dir) != out_dir else None


def cancel_job(session: Session, job_id: int, now: datetime, *, reason: str) -> JobView:
    """End an unfinished job for good: it is never continued; partial files are removed.

    Completed packs keep their files (and their 30 days); a run making the job stops before
    its next pack. Cancelling a cancelled job again changes nothing.
    """
    job = session.get(ExportJob, job_id, with_for_update=True)
    if job is None:
        raise NotFoundError(f"no export job {job_id}")
    if job.status == CANCELLED:
        return job_view(session, job)
    if job.status == PackStatus.COMPLETED:
        raise ConflictError(f"export job {job_id} is complete; there is nothing to cancel")
    view = job_view(session, job)
    folder = Path(view.out_dir)
    for pack in view.packs:
        if pack.status != PackStatus.COMPLETED:
            remove_partial_files(pack_path(folder, view.batch_uid, view.kind, pack.index))
    job.status = CANCELLED
    job.error = reason
    job.finished_at = now
    audit.append(session, "export_job", job.id, "cancelled", {"reason": reason})
    session.flush()
    return job_view(session, job)


def _job(session: Session, job_id: int) -> ExportJob:
    job = session.get(ExportJob, job_id, with_for_update=True)
    assert job is not None
    return job


def _pack(session: Session, pack_id: int) -> ExportPack:
    pack = session.get(ExportPack, pack_id, with_for_update=True)
    assert pack is not None
    return pack


def _reaching(target: PackStatus) -> list[str]:
    return [s.value for s, targets in PACK_TRANSITIONS.items() if target in targets]


_TO_GENERATING = [*_reaching(PackStatus.GENERATING), PackStatus.GENERATING.value]
_TO_COMPLETED = _reaching(PackStatus.COMPLETED)


# Per-pack updates go through Core on the tables: the ORM's bulk-update path costs more
# Python time than the statements themselves, time the manifest thread would wait for.
_PACK = cast("Table", ExportPack.__table__)
_JOB = cast("Table", ExportJob.__table__)


def _move_pack(session: Session, pack_id: int, allowed: list[str], values: dict[str, Any]) -> None:
    """One conditional UPDATE: the pack moves only from a state the machine allows."""
    result = session.connection().execute(
        update(_PACK).where(_PACK.c.id == pack_id, _PACK.c.status.in_(allowed)).values(**values)
    )
    if result.rowcount != 1:
        raise StateTransitionError(f"export pack {pack_id} cannot go to {values['status']} now")


def start_pack(session: Session, job_id: int, pack_id: int) -> None:
    """pending/failed -> generating (a pack a killed process left generating stays so)."""
    result = session.connection().execute(
        update(_JOB)
        .where(_JOB.c.id == job_id, _JOB.c.status != CANCELLED)
        .values(status=PackStatus.GENERATING, error=None)
    )
    if result.rowcount != 1:
        raise JobCancelled(f"export job {job_id} was cancelled")
    _move_pack(session, pack_id, _TO_GENERATING, {"status": PackStatus.GENERATING, "error": None})


def complete_pack(
    session: Session, pack_id: int, path: Path, sha256: str, size_bytes: int, now: datetime
) -> None:
    values = {
        "status": PackStatus.COMPLETED.value,
        "path": str(path),
        "sha256": sha256,
        "size_bytes": size_bytes,
        "generated_at": now,
        "expires_at": now + RETENTION,
        "expired_at": None,
    }
    _move_pack(session, pack_id, _TO_COMPLETED, values)


def fail_pack(session: Session, job_id: int, pack_id: int, reason: str, now: datetime) -> bool:
    """The pack and its job are failed with the reason; a later run continues them.

    False when the job was cancelled meanwhile (the failure is then only the cancel's echo).
    """
    pack = _pack(session, pack_id)
    check_pack_transition(PackStatus(pack.status), PackStatus.FAILED)
    pack.status = PackStatus.FAILED.value
    pack.error = reason
    job = _job(session, job_id)
    if job.status == CANCELLED:
        return False
    job.status = PackStatus.FAILED.value
    job.error = f"pack {pack.pack_index + 1}: {reason}"
    job.finished_at = now
    audit.append(
        session, "export_job", job.id, "failed", {"pack": pack.pack_index + 1, "reason": reason}
    )
    return True


def finish_job(session: Session, job_id: int, now: datetime) -> None:
    job = _job(session, job_id)
    if job.status == CANCELLED:
        raise JobCancelled(f"export job {job_id} was cancelled")
    job.status = PackStatus.COMPLETED.value
    job.error = None
    job.finished_at = now
    counters.bump(session, counters.EXPORTS_COMPLETED)
    counters.bump_day(session, counters.EXPORTS_COMPLETED)
    packs = session.execute(select(ExportPack).where(ExportPack.job_id == job.id)).scalars()
    digests = {str(p.pack_index + 1): p.sha256 for p in packs}
    audit.append(session, "export_job", job.id, "completed", {"sha256": digests})


def expire_packs(
    session: Session, job_id: int, now: datetime, *, reason: str, due_only: bool = False
) -> int:
    """Remove a job's pack files and mark them expired (the history stays); how many.

    ``due_only`` limits this to packs whose 30 days are over (a job resumed days later has
    packs of different ages).
    """
    stmt = select(ExportPack).where(
        ExportPack.job_id == job_id,
        ExportPack.status == PackStatus.COMPLETED,
        ExportPack.expired_at.is_(None),
    )
    if due_only:
        stmt = stmt.where(ExportPack.expires_at <= now)
    packs = session.execute(stmt.with_for_update()).scalars()
    removed = 0
    for pack in packs:
        if pack.path:
            remove_pack_file(Path(pack.path))
        pack.expired_at = now
        removed += 1
    if removed:
        audit.append(
            session, "export_job", job_id, "files expired", {"packs": removed, "why": reason}
        )
    return removed


def get_job(session: Session, job_id: int) -> JobView:
    job = session.get(ExportJob, job_id)
    if job is None:
        raise NotFoundError(f"no export job {job_id}")
    return job_view(session, job)


def list_jobs(session: Session, *, batch_id: int | None = None, limit: int = 200) -> list[JobView]:
    """Newest first."""
    stmt = select(ExportJob).order_by(ExportJob.id.desc()).limit(limit)
    if batch_id is not None:
        stmt = stmt.where(ExportJob.batch_id == batch_id)
    return [job_view(session, job) for job in session.execute(stmt).scalars()]
