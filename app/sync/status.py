"""What the window shows about sync: online or offline, what waits, when it last worked.

``sync_status(db)`` only reads the station database (no network), so the window can poll
it every few seconds. "Online" means the last attempt reached the resolver and it answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.storage.db import Database
from app.sync.push import pending_rows
from app.sync.settings import load_config, sync_state


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool
    pending: int  # outbox messages not yet acknowledged by the resolver
    parked: int  # of those, refused too often to be retried automatically
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    resolver_url: str | None

    @property
    def label(self) -> str:
        if not self.configured:
            return "sync not configured"
        state = "online" if self.online else "offline"
        return f"{state}, {self.pending:,} change(s) waiting"


def sync_status(db: Database) -> SyncStatus:
    with db.read() as session:
        config = load_config(session)
        state = sync_state(session)
        online = (
            config is not None
            and state.last_success_at is not None
            and state.consecutive_failures == 0
        )
        status = (state.last_success_at, state.last_attempt_at, state.last_error)
    pending, parked = pending_rows(db)
    return SyncStatus(
        configured=config is not None,
        online=online,
        pending=pending,
        parked=parked,
        last_success_at=status[0],
        last_attempt_at=status[1],
        last_error=status[2],
        resolver_url=config.resolver_url if config else None,
    )
