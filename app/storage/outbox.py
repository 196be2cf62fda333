"""The transactional outbox: changes the cloud must learn of, written with the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.models import OutboxMessage


def enqueue(session: Session, topic: str, payload: dict[str, Any], idempotency_key: str) -> None:
    """Add a message in the caller's transaction; the key lets the resolver de-duplicate."""
    session.add(OutboxMessage(topic=topic, payload=payload, idempotency_key=idempotency_key))


def pending_count(session: Session) -> int:
    stmt = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
    return int(session.execute(stmt).scalar_one())
