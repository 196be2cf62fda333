"""The read side of the audit log: reading and verifying the hash chain (what windows and
reports may import); ``app.storage.audit`` appends."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def event_hash(
    prev_hash: str, at: datetime, entity_type: str, entity_id: str, action: str, detail: Any
) -> str:
    body = json.dumps(
        [prev_hash, at.isoformat(), entity_type, entity_id, action, detail],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def iter_events(
    session: Session,
    *,
    entity_type: str | None = None,
    after_id: int = 0,
    page: int = 1000,
) -> Iterator[AuditEvent]:
    """Events in order, fetched in keyset pages."""
    last = after_id
    while True:
        stmt = select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(page)
        if entity_type:
            stmt = stmt.where(AuditEvent.entity_type == entity_type)
        rows = session.execute(stmt).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def latest_events(
    session: Session,
    *,
    entity_type: str | None = None,
    limit: int = 500,
    before_id: int | None = None,
) -> list[AuditEvent]:
    """Newest first, one keyset page."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity_type:
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    return list(session.execute(stmt).scalars())


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.checked} events checked"
        return f"audit chain broken at event {self.broken_id}: {self.reason}"


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash; name the first row that does not match."""
    prev = GENESIS
    expected_id = 1
    checked = 0
    for event in iter_events(session):
        if event.id != expected_id:
            return ChainReport(False, checked, expected_id, "event missing")
        if event.prev_hash != prev:
            return ChainReport(False, checked, event.id, "previous hash does not match")
        digest = event_hash(
            prev, event.at, event.entity_type, event.entity_id, event.action, event.detail
        )
        if digest != event.hash:
            return ChainReport(False, checked, event.id, "content does not match its hash")
        prev = event.hash
        expected_id += 1
        checked += 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_id != checked or head.last_hash != prev):
        return ChainReport(False, checked, checked + 1, "events after this point were removed")
    return ChainReport(True, checked)
