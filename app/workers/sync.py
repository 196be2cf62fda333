"""Background sync with the resolver, and what the window shows about it."""

from __future__ import annotations

from app.storage.db import Database
from app.sync.figures import total_scans
from app.sync.settings import configure, load_config
from app.sync.status import SyncStatus, sync_status
from app.workers.job import Job

__all__ = [
    "SyncStatus",
    "configure",
    "load_config",
    "sync_job",
    "sync_status",
    "total_scans",
]


def sync_job(db: Database) -> Job:
    """One sync: push the outbox in large compressed batches, pull activations and scans."""
    from app.sync.worker import sync_once  # noqa: PLC0415 - httpx: when a sync runs, not at start

    return Job(sync_once, db, name="sync")
