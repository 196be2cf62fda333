"""Background export generation, and the export history the Exports page shows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.exports.jobs import JobView, PackView, job_view, list_jobs
from app.exports.kinds import ExportKind, status_label
from app.exports.retention import SweepReport, sweep_expired
from app.exports.service import ExportOutcome, cancel_export, generate_export
from app.storage.db import Database
from app.storage.models import ExportJob, MintBatch
from app.workers.job import Job

__all__ = [
    "ExportKind",
    "ExportOutcome",
    "JobView",
    "PackView",
    "SweepReport",
    "cancel_export",
    "export_history",
    "export_job",
    "list_jobs",
    "newest_jobs",
    "status_label",
    "sweep_expired",
]


def export_job(db: Database, batch_id: int, kind: str, out_dir: Path) -> Job:
    """Generate (or resume) one export; cancel stops between packs and leaves it resumable."""
    return Job(
        generate_export, db, batch_id, kind, out_dir=out_dir, name=f"export:{batch_id}:{kind}"
    )


def newest_jobs(db: Database, keys: list[tuple[int, str]]) -> dict[tuple[int, str], JobView]:
    """The newest job of each (batch id, kind): what a running export is working on."""
    views = {}
    with db.read() as session:
        for batch_id, kind in keys:
            row = session.execute(
                select(ExportJob)
                .where(ExportJob.batch_id == batch_id, ExportJob.kind == kind)
                .order_by(ExportJob.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if row is not None:
                views[(batch_id, kind)] = job_view(session, row)
    return views


def export_history(db: Database, limit: int = 300) -> tuple[list[JobView], dict[str, int]]:
    """The newest ``limit`` jobs, and the ids of their batches by uid."""
    with db.read() as session:
        jobs = list_jobs(session, limit=limit)
        uids = {job.batch_uid for job in jobs}
        rows = session.execute(
            select(MintBatch.uid, MintBatch.id).where(MintBatch.uid.in_(uids))
        ).all()
    return jobs, {str(uid): int(batch_id) for uid, batch_id in rows}
