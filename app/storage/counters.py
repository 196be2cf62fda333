"""Dashboard figures kept as counters, updated in the transactions that change them.

Reading them is one indexed lookup, whatever the size of the token table.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.storage.models import Counter

TOKENS_MINTED = "tokens_minted"
TOKENS_ACTIVE = "tokens_active"
BATCHES_CREATED = "batches_created"
EXPORTS_COMPLETED = "exports_completed"
# Consumer scans of lots/serials the brand never registered, pulled from the resolver (which
# walked them up to their GTIN): a trust signal; also per UTC day as day:unknown_unit_scans:*.
UNKNOWN_UNIT_SCANS = "unknown_unit_scans"


def bump(session: Session, name: str, by: int = 1) -> None:
    if by:
        session.execute(
            update(Counter).where(Counter.name == name).values(value=Counter.value + by)
        )


def read_all(session: Session) -> dict[str, int]:
    return {row.name: row.value for row in session.execute(select(Counter.name, Counter.value))}
