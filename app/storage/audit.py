"""The append-only, hash-chained audit log.

Each event's hash covers the previous event's hash and its own content, so editing or removing
any row breaks the chain from there on. Appends lock the chain head row, which serialises
writers on PostgreSQL (SQLite writers are serialised by ``BEGIN IMMEDIATE`` already).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dbkit.types import utcnow
from app.storage.audit_queries import (
    GENESIS,
    ChainReport,
    event_hash,
    iter_events,
    latest_events,
    verify_chain,
)
from app.storage.models import AuditEvent, AuditHead

# The reads live in app.storage.audit_queries; named here too for older callers.
__all__ = [
    "GENESIS",
    "ChainReport",
    "append",
    "event_hash",
    "iter_events",
    "latest_events",
    "verify_chain",
]


def append(
    session: Session,
    entity_type: str,
    entity_id: str | int,
    action: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one()
    at = utcnow()
    detail = detail or {}
    digest = event_hash(head.last_hash, at, entity_type, str(entity_id), action, detail)
    event = AuditEvent(
        id=head.last_id + 1,
        at=at,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        detail=detail,
        prev_hash=head.last_hash,
        hash=digest,
    )
    session.add(event)
    head.last_id = event.id
    head.last_hash = digest
    session.flush()
    return event
