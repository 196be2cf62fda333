"""Background minting: one batch, or every unfinished batch (at start-up)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.minting.engine import MintOutcome, mint, unfinished_batches
from app.storage.db import Database
from app.storage.models import MintBatch
from app.workers.job import Job


def mint_batch_job(db: Database, batch_id: int) -> Job:
    return Job(mint, batch_id, db=db, name=f"mint:{batch_id}")


def _mint_all(db: Database, *, progress: Any, cancelled: Any) -> list[MintOutcome]:
    results = []
    for batch_id in unfinished_batches(db):
        if cancelled():
            break
        results.append(mint(batch_id, db=db, progress=progress, cancelled=cancelled))
    return results


def resume_unfinished_job(db: Database) -> Job:
    """Finish what a closed window or a killed process left in the queue."""
    return Job(_mint_all, db, name="mint:resume")


def batch_progress(db: Database, batch_ids: list[int]) -> dict[int, tuple[str, int]]:
    """Status and minted count of these batches (one small query, for live tables)."""
    with db.read() as session:
        rows = session.execute(
            select(MintBatch.id, MintBatch.status, MintBatch.minted_count).where(
                MintBatch.id.in_(batch_ids)
            )
        ).all()
    return {int(batch_id): (str(status), int(minted)) for batch_id, status, minted in rows}
