"""``generate_export``: make (or finish) one export of a minted batch, pack after pack.

It is a plain function, like the mint engine, so a Qt worker can wrap it: ``progress(done,
total)`` in units after every pack (and inside bundle and label packs), ``cancelled()`` checked
between packs and inside bundle and label packs. The run takes the batch-and-kind lease
first (see ``locks``), continues or starts the job (see ``jobs``), then makes the packs not
completed yet in order: each is written to a temporary file, fsynced and moved into place
(see ``files``), and only then recorded as completed with its sha256, so a killed run resumes
at the first unfinished pack and never makes a completed pack again. (Manifest packs are
prepared a few packs ahead on spare cores, see ``manifest_maker``, but still move into place
and are recorded strictly one after another.) A pack that cannot be written (a full disk,
say) is failed with the reason and the run stops; running the export again continues it.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.core.errors import MintStationError
from app.core.packs import PACK_SIZE
from app.core.states import BatchStatus, PackStatus
from app.dbkit.types import utcnow
from app.exports import jobs
from app.exports.batches import load_plan
from app.exports.bundle import write_bundle
from app.exports.files import PackWriter, WrittenFile, pack_path
from app.exports.kinds import BatchNotMintedError, ExportKind, parse_kind
from app.exports.labels import write_label_sheet
from app.exports.locks import ExportLease
from app.exports.manifest_maker import ManifestJob, ManifestMaker
from app.exports.manifests import check_rfid
from app.exports.qr_render import QrRenderer, RenderCancelled
from app.exports.qr_svg import QrStyle
from app.exports.units import BatchPlan, printed_units
from app.storage.brand import brand_settings
from app.storage.db import Database

__all__ = ["PACK_SIZE", "ExportOutcome", "cancel_export", "generate_export"]

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
Clock = Callable[[], datetime]


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class ExportOutcome:
    """How a run ended: ``completed``, ``failed`` (with the reason) or ``stopped``."""

    job: jobs.JobView
    status: str
    generated: list[int]  # 0-based indices of the packs made by this run
    new_job: bool
    reason: str | None = None
    replaced_job: int | None = None  # an unfinished job in another folder, cancelled


@dataclass
class _Tools:
    """What makes pack contents: QR rendering (with its pool) and manifest making."""

    renderer: QrRenderer
    manifests: ManifestMaker | None


@dataclass(frozen=True)
class _Settings:
    plan: BatchPlan
    kind: ExportKind
    style: QrStyle
    company_prefix_length: int | None


def _settings(db: Database, batch_ref: str | int, kind: ExportKind) -> _Settings:
    with db.read() as session:
        plan = load_plan(session, batch_ref)
        brand = brand_settings(session)
    if plan.status != BatchStatus.MINTED:
        raise BatchNotMintedError(
            f"batch {plan.uid} is {plan.status} ({plan.minted_count:,} of {plan.quantity:,}"
            " units minted): only a minted batch can be exported; finish minting it first"
        )
    cpl = check_rfid(plan, brand.company_prefix_length) if kind == ExportKind.RFID else None
    with_logo = brand.logo_in_bundles and brand.logo is not None and brand.logo_mime is not None
    style = QrStyle(brand.logo, brand.logo_mime) if with_logo else QrStyle()
    style = replace(style, compressed=brand.qr_compressed_uris)
    return _Settings(plan, kind, style, cpl)


def generate_export(
    db: Database,
    batch_ref: str | int,
    kind: ExportKind | str,
    *,
    out_dir: Path,
    progress: ProgressFn = _no_progress,
    cancelled: CancelFn = _never,
    now: Clock = utcnow,
    pack_size: int | None = None,
) -> ExportOutcome:
    """Make the export of ``kind`` for the batch (its uid or number) under ``out_dir``."""
    kind = kind if isinstance(kind, ExportKind) else parse_kind(kind)
    settings = _settings(db, batch_ref, kind)
    plan = settings.plan
    lease = ExportLease(db, plan.id, plan.uid, kind, now=now)
    lease.acquire()
    try:
        folder = out_dir.resolve()
        with db.write() as session:
            replaced = jobs.unfinished_elsewhere(session, plan, kind, folder)
            if replaced is not None:
                # Never continue it silently in its old folder: end it, and say so.
                reason = f"cancelled: a new export to {folder} replaced it"
                jobs.cancel_job(session, replaced, now(), reason=reason)
            job, new_job = jobs.open_job(session, plan, kind, folder, pack_size or PACK_SIZE, now())
        with ExitStack() as stack:
            tools = _Tools(stack.enter_context(QrRenderer(settings.style)), None)
            if kind.is_manifest:
                todo = [p for p in job.packs if p.status != PackStatus.COMPLETED]
                folder = Path(job.out_dir)
                manifest_jobs = [
                    ManifestJob(
                        plan,
                        kind,
                        settings.company_prefix_length,
                        p.index,
                        p.first_unit,
                        p.unit_count,
                        pack_path(folder, plan.uid, kind, p.index),
                    )
                    for p in todo
                ]
                tools.manifests = stack.enter_context(ManifestMaker(db, manifest_jobs))
            result = _run(db, settings, job, new_job, lease, tools, progress, cancelled, now)
            return replace(result, replaced_job=replaced)
    finally:
        lease.release()


def cancel_export(db: Database, job_id: int, *, now: Clock = utcnow) -> jobs.JobView:
    """End an unfinished export job for good (``exports cancel JOB``, the window's Cancel).

    A run making it stops before its next pack; partial files are removed, completed packs
    stay until retention removes them. A completed job is refused.
    """
    with db.write() as session:
        return jobs.cancel_job(session, job_id, now(), reason="cancelled by the operator")


def _run(
    db: Database,
    settings: _Settings,
    job: jobs.JobView,
    new_job: bool,
    lease: ExportLease,
    tools: _Tools,
    progress: ProgressFn,
    cancelled: CancelFn,
    now: Clock,
) -> ExportOutcome:
    total = sum(p.unit_count for p in job.packs)
    done = sum(p.unit_count for p in job.packs if p.status == PackStatus.COMPLETED)
    generated: list[int] = []
    progress = _changes_only(progress)
    progress(done, total)
    folder = Path(job.out_dir)

    def outcome(status: str, reason: str | None = None) -> ExportOutcome:
        with db.read() as session:
            view = jobs.get_job(session, job.id)
        return ExportOutcome(view, status, generated, new_job, reason)

    if job.status == PackStatus.COMPLETED:
        return outcome("completed")
    todo = [p for p in job.packs if p.status != PackStatus.COMPLETED]
    if cancelled():
        return outcome("stopped")
    try:
        with db.write() as session:
            if todo:
                jobs.start_pack(session, job.id, todo[0].id)
            else:  # killed between its last pack and finishing: nothing left to make
                jobs.finish_job(session, job.id, now())
            lease.renew(session)
    except jobs.JobCancelled as exc:
        return outcome("stopped", str(exc))
    for position, pack in enumerate(todo):
        path = pack_path(folder, settings.plan.uid, settings.kind, pack.index)
        end = done + pack.unit_count

        def inside(n: int, end: int = end) -> None:
            nonlocal done
            done = min(done + n, end)
            lease.renew_if_due()
            progress(done, total)

        try:
            written = _make_pack(db, settings, pack, path, job, tools, cancelled, inside)
        except RenderCancelled:
            reason = "stopped by the operator before the pack was complete"
            with db.write() as session:
                jobs.fail_pack(session, job.id, pack.id, reason, now())
            return outcome("stopped", reason)
        except (OSError, MintStationError) as exc:
            reason = _describe(exc, path)
            with db.write() as session:
                failed = jobs.fail_pack(session, job.id, pack.id, reason, now())
            if not failed:  # cancelled under us: its partial files went with the cancel
                return outcome("stopped", f"export job {job.id} was cancelled")
            return outcome("failed", reason)
        following = todo[position + 1] if position + 1 < len(todo) else None
        stop = following is not None and cancelled()
        # One transaction records this pack and starts the next (or finishes the job).
        try:
            with db.write() as session:
                at = now()
                jobs.complete_pack(
                    session, pack.id, written.path, written.sha256, written.size_bytes, at
                )
                if following is None:
                    jobs.finish_job(session, job.id, at)
                elif not stop:
                    jobs.start_pack(session, job.id, following.id)
                lease.renew(session)
        except jobs.JobCancelled as exc:
            # Cancelled while this pack was made: its file is not the job's any more.
            written.path.unlink(missing_ok=True)
            return outcome("stopped", str(exc))
        generated.append(pack.index)
        done = end
        progress(done, total)
        if stop:
            return outcome("stopped")
    return outcome("completed")


def _changes_only(progress: ProgressFn) -> ProgressFn:
    """Report a unit count once, though a pack's last chunk and its end both reach it."""
    last: list[int] = []

    def report(done: int, total: int) -> None:
        if last != [done]:
            last[:] = [done]
            progress(done, total)

    return report


def _describe(exc: BaseException, path: Path) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"the disk is full while writing {path}; free some space and export again"
    if isinstance(exc, OSError):
        return f"cannot write {path}: {exc.strerror or exc}"
    return str(exc)


def _make_pack(
    db: Database,
    settings: _Settings,
    pack: jobs.PackView,
    path: Path,
    job: jobs.JobView,
    tools: _Tools,
    cancelled: CancelFn,
    on_units: Callable[[int], None],
) -> WrittenFile:
    plan, kind = settings.plan, settings.kind
    if tools.manifests is not None:
        prepared = tools.manifests.take(pack.index)
        try:
            return prepared.publish()
        except OSError:
            prepared.discard()
            raise
    with db.engine.connect() as conn:  # read, then let go of the database while rendering
        raw, style = conn.connection.dbapi_connection, conn.dialect.paramstyle
        units = printed_units(raw, style, plan, pack.index, _pack_size(job))
    write = write_bundle if kind == ExportKind.QR_BUNDLE else write_label_sheet
    with PackWriter(path) as sink:
        write(
            sink,
            units,
            plan.unit_count(kind),
            lot_batch=plan.is_lot,
            renderer=tools.renderer,
            cancelled=cancelled,
            on_units=on_units,
        )
        return sink.commit()


def _pack_size(job: jobs.JobView) -> int:
    """The pack size the job was planned with: every pack but the last is full."""
    return job.packs[0].unit_count if job.packs else PACK_SIZE
