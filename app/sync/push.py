"""Draining the outbox to the resolver, in large compressed pushes.

Rows are read in id order and grouped until a push holds ``max_tokens`` tokens. A row is
marked sent only after the resolver answered that it applied it (or had it already), in one
station transaction per push; a crash in between re-sends it, and the resolver's message
keys make that harmless. A refused row keeps its reason and is tried again on later syncs,
up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from app.dbkit.types import utcnow
from app.storage.db import Database
from app.storage.models import OutboxMessage
from app.sync.payloads import OutboxReader, PayloadError, push_key, token_weight

if TYPE_CHECKING:  # the HTTP client (httpx) loads when a sync runs, not for the status line
    from app.sync.client import ResolverClient

MAX_TOKENS = 100_000
MAX_MESSAGES = 2_000
MAX_ATTEMPTS = 10
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


@dataclass
class DrainReport:
    pushes: int = 0
    messages: int = 0
    tokens: int = 0
    rejected: list[str] = field(default_factory=list)


def pending_rows(db: Database) -> tuple[int, int]:
    """(messages, of which parked after too many refusals) not yet sent."""
    with db.read() as session:
        pending = OutboxMessage.sent_at.is_(None)
        total = session.execute(select(func.count()).where(pending)).scalar_one()
        parked = session.execute(
            select(func.count()).where(pending, OutboxMessage.attempts >= MAX_ATTEMPTS)
        ).scalar_one()
    return int(total), int(parked)


def drain(
    db: Database,
    client: ResolverClient,
    *,
    max_tokens: int = MAX_TOKENS,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    after_push: Callable[[DrainReport], None] | None = None,
    report: DrainReport | None = None,
) -> DrainReport:
    """Push until nothing is pending; ``report`` (if given) keeps the progress made even when
    a push fails with SyncError."""
    report = report if report is not None else DrainReport()
    total, parked = pending_rows(db)
    total -= parked
    last_id = 0
    while not (cancelled and cancelled()):
        with db.read() as session:
            rows = _next_rows(session, last_id, max_tokens)
            if not rows:
                break
            last_id = rows[-1].id
            reader = OutboxReader(session)
            messages: list[dict[str, Any]] = []
            failed: dict[int, str] = {}
            for row in rows:
                try:
                    messages.append(reader.message(row))
                except (PayloadError, KeyError, ValueError) as exc:
                    failed[row.id] = str(exc)
        by_key = {row.idempotency_key: row for row in rows}
        result: dict[str, Any] = {"accepted": [], "duplicates": [], "rejected": []}
        if messages:
            result = client.push(messages, push_key([m["key"] for m in messages]))
        done_keys = set(result["accepted"]) | set(result["duplicates"])
        for item in result["rejected"]:
            failed[by_key[item["key"]].id] = item["error"]
        _record(db, [by_key[k].id for k in done_keys if k in by_key], failed)
        report.pushes += 1
        report.messages += len(done_keys)
        report.tokens += sum(
            int(by_key[k].payload.get("count", 0))
            for k in done_keys
            if k in by_key and by_key[k].topic == "tokens.minted"
        )
        report.rejected.extend(f"{row_id}: {error}" for row_id, error in failed.items())
        if progress:
            progress(report.messages, total)
        if after_push:
            after_push(report)
    return report


def _next_rows(session: Any, after_id: int, max_tokens: int) -> list[OutboxMessage]:
    stmt = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.id > after_id,
            OutboxMessage.attempts < MAX_ATTEMPTS,
        )
        .order_by(OutboxMessage.id)
        .limit(MAX_MESSAGES)
    )
    rows: list[OutboxMessage] = []
    weight = 0
    for row in session.execute(stmt).scalars():
        if rows and weight + token_weight(row) > max_tokens:
            break
        rows.append(row)
        weight += token_weight(row)
    return rows


def _record(db: Database, sent: list[int], failed: dict[int, str]) -> None:
    now = utcnow()
    with db.write() as session:
        if sent:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(sent))
                .values(sent_at=now, last_error=None)
            )
        for row_id, error in failed.items():
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id)
                .values(attempts=OutboxMessage.attempts + 1, last_error=error[:1000])
            )
