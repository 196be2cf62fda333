"""Background export generation, and the export history the Exports page shows."""

from __future__ import annotations

from pathlib import Path

from app.exports.jobs import JobView, PackView, list_jobs
from app.exports.kinds import ExportKind, status_label
from app.exports.retention import SweepReport, sweep_expired
from app.exports.service import ExportOutcome, generate_export
from app.storage.db import Database
from app.workers.job import Job

__all__ = [
    "ExportKind",
    "ExportOutcome",
    "JobView",
    "PackView",
    "SweepReport",
    "export_job",
    "list_jobs",
    "status_label",
    "sweep_expired",
]


def export_job(db: Database, batch_id: int, kind: str, out_dir: Path) -> Job:
    """Generate (or resume) one export; cancel stops between packs and leaves it resumable."""
    return Job(
        generate_export, db, batch_id, kind, out_dir=out_dir, name=f"export:{batch_id}:{kind}"
    )
