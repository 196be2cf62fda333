"""First-scan activation: exactly once, whatever the number of simultaneous scans.

The token row changes only ``WHERE status = 'minted'``; the database lets one transaction
through (PostgreSQL re-checks the condition after waiting for the row lock, SQLite
serialises writers), and only the one that changed the row writes the feed entry.
"""

from __future__ import annotations

from sqlalchemy import update

from app.core.states import TokenStatus
from app.dbkit.types import utcnow
from app.resolver import feed
from app.resolver.db import ResolverDatabase
from app.resolver.models import Lot, Token


def activate_unit(db: ResolverDatabase, token_id: str, batch_uid: str) -> bool:
    """True when this call activated the token; False when it was not 'minted' any more."""
    now = utcnow()
    with db.write() as conn:
        result = conn.execute(
            update(Token)
            .where(Token.id == token_id, Token.status == TokenStatus.MINTED.value)
            .values(status=TokenStatus.ACTIVE.value, activated_at=now)
        )
        if result.rowcount != 1:
            return False
        row = {"kind": feed.TOKEN_ACTIVATED, "token_id": token_id, "batch_uid": batch_uid}
        feed.append(conn, now, [row])
        return True


def activate_lot(db: ResolverDatabase, lot_id: int, code: str, batch_uid: str) -> bool:
    """A lot-level URI names every unit of the lot: its first valid scan activates them all."""
    now = utcnow()
    with db.write() as conn:
        result = conn.execute(
            update(Lot).where(Lot.id == lot_id, Lot.activated_at.is_(None)).values(activated_at=now)
        )
        if result.rowcount != 1:
            return False
        conn.execute(
            update(Token)
            .where(Token.lot_id == lot_id, Token.status == TokenStatus.MINTED.value)
            .values(status=TokenStatus.ACTIVE.value, activated_at=now)
        )
        feed.append(conn, now, [{"kind": feed.LOT_ACTIVATED, "batch_uid": batch_uid, "lot": code}])
        return True
