"""Scan figures pulled from the resolver, for the dashboard (read-only queries)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.sync_models import BatchScanCount, TokenScanCount


def total_scans(session: Session) -> int:
    return int(
        session.execute(select(func.coalesce(func.sum(BatchScanCount.scans), 0))).scalar_one()
    )


def batch_scans(session: Session, batch_ids: Sequence[int] | None = None) -> dict[int, int]:
    stmt = select(BatchScanCount.batch_id, BatchScanCount.scans)
    if batch_ids is not None:
        stmt = stmt.where(BatchScanCount.batch_id.in_(list(batch_ids)))
    return {row[0]: row[1] for row in session.execute(stmt)}


def token_scans(session: Session, token_keys: Sequence[int]) -> dict[int, int]:
    """Scans per token key, for the tokens on screen (absent: never scanned)."""
    stmt = select(TokenScanCount.token_id, TokenScanCount.scans).where(
        TokenScanCount.token_id.in_(list(token_keys))
    )
    return {row[0]: row[1] for row in session.execute(stmt)}
