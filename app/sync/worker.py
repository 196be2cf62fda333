"""The sync job: push the catalogue and the outbox, pull activations and scan counts.

``sync_once(db)`` is a plain function (the Qt worker and the command line wrap it); it
records each attempt's outcome in the station database, which is what ``sync_status``
reads. ``sync_watch`` repeats it, backing off while the resolver is unreachable. Everything
sync needs survives a restart: the outbox rows, the pull cursor and the catalogue digest
are all in the database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.dbkit.types import utcnow
from app.storage.db import Database
from app.sync.client import ResolverClient, SyncError
from app.sync.payloads import catalog_messages, push_key
from app.sync.pull import pull
from app.sync.push import MAX_TOKENS, CancelFn, DrainReport, ProgressFn, drain
from app.sync.settings import require_config, sync_state

log = logging.getLogger(__name__)
WATCH_INTERVAL_S = 30.0
MAX_BACKOFF_S = 300.0


@dataclass
class SyncReport:
    ok: bool
    pushed_messages: int = 0
    pushed_tokens: int = 0
    pushes: int = 0
    rejected: list[str] = field(default_factory=list)
    activations: int = 0
    scan_updates: int = 0
    error: str | None = None
    seconds: float = 0.0


def sync_once(
    db: Database,
    *,
    client: ResolverClient | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    max_tokens: int = MAX_TOKENS,
    after_push: Callable[[DrainReport], None] | None = None,
) -> SyncReport:
    """One full sync. Returns a report; failures are recorded, not raised (except "not
    configured", which needs a person)."""
    started = time.monotonic()
    with db.write() as session:
        config = require_config(session)
        sync_state(session).last_attempt_at = utcnow()
    own_client = client is None
    client = client or ResolverClient(config)
    report = SyncReport(ok=False)
    drained = DrainReport()
    try:
        _push_catalog(db, client, config.content_language)
        drain(
            db,
            client,
            max_tokens=max_tokens,
            progress=progress,
            cancelled=cancelled,
            after_push=after_push,
            report=drained,
        )
        if not (cancelled and cancelled()):
            pulled = pull(db, client)
            report.activations, report.scan_updates = pulled.activations, pulled.scan_updates
        report.ok = True
    except SyncError as exc:
        report.error = str(exc)
    finally:
        if own_client:
            client.close()
        report.pushed_messages, report.pushed_tokens = drained.messages, drained.tokens
        report.pushes, report.rejected = drained.pushes, drained.rejected
    report.seconds = time.monotonic() - started
    _record(db, report)
    return report


def _push_catalog(db: Database, client: ResolverClient, language: str) -> None:
    with db.read() as session:
        messages, digest = catalog_messages(session, language)
        if sync_state(session).catalog_digest == digest:
            return
    result = client.push(messages, push_key([m["key"] for m in messages]))
    if result["rejected"]:
        first = result["rejected"][0]
        raise SyncError(f"the resolver refused the catalogue: {first['key']}: {first['error']}")
    with db.write() as session:
        sync_state(session).catalog_digest = digest


def _record(db: Database, report: SyncReport) -> None:
    with db.write() as session:
        state = sync_state(session)
        if report.ok:
            state.last_success_at = utcnow()
            state.consecutive_failures = 0
            state.last_error = None
        else:
            state.consecutive_failures += 1
            state.last_error = report.error


def sync_watch(
    db: Database,
    *,
    interval: float = WATCH_INTERVAL_S,
    cancelled: CancelFn = lambda: False,
    on_report: Callable[[SyncReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    client: ResolverClient | None = None,
) -> None:
    """Sync every ``interval`` seconds until ``cancelled()``; back off (to 5 min) on failure."""
    wait = interval
    while not cancelled():
        report = sync_once(db, client=client, cancelled=cancelled)
        if on_report:
            on_report(report)
        wait = interval if report.ok else min(MAX_BACKOFF_S, max(interval, wait * 2))
        slept = 0.0
        while slept < wait and not cancelled():
            step = min(0.5, wait - slept)
            sleep(step)
            slept += step
