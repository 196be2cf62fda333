"""Retention: pack files are removed 30 days after they were made; the history stays.

``sweep_expired`` deletes the files of completed packs whose ``expires_at`` has passed and
stamps ``expired_at``, one transaction per job with its audit event. Running the export again
for such a job makes a new job with new files and a fresh 30 days (see ``jobs.open_job``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.states import PackStatus
from app.dbkit.types import utcnow
from app.exports.jobs import expire_packs
from app.storage.db import Database
from app.storage.models import ExportPack

__all__ = ["SweepReport", "sweep_expired"]


@dataclass(frozen=True)
class SweepReport:
    jobs: int
    packs: int


def sweep_expired(db: Database, *, now: Callable[[], datetime] = utcnow) -> SweepReport:
    """Remove every pack file past its retention; how many jobs and packs were touched."""
    at = now()
    with db.read() as session:
        job_ids = sorted(
            set(
                session.execute(
                    select(ExportPack.job_id).where(
                        ExportPack.status == PackStatus.COMPLETED,
                        ExportPack.expired_at.is_(None),
                        ExportPack.expires_at <= at,
                    )
                ).scalars()
            )
        )
    packs = 0
    for job_id in job_ids:
        with db.write() as session:
            reason = "retention: 30 days after generation"
            packs += expire_packs(session, job_id, at, reason=reason, due_only=True)
    return SweepReport(len(job_ids), packs)
