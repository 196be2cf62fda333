"""Dashboard figures kept as counters, updated in the transactions that change them.

Reading them is one indexed lookup, whatever the size of the token table. Per-day figures
(for the dashboard's charts) are counters too, one row per metric and UTC day, named
``day:<metric>:<YYYY-MM-DD>``: thirty days are one primary-key range read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.storage.models import Counter

TOKENS_MINTED = "tokens_minted"
TOKENS_ACTIVE = "tokens_active"
BATCHES_CREATED = "batches_created"
EXPORTS_COMPLETED = "exports_completed"
CONSUMER_SCANS = "consumer_scans"
DAY_PREFIX = "day:"

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


def today() -> date:
    return datetime.now(UTC).date()


def day_name(metric: str, day: date) -> str:
    return f"{DAY_PREFIX}{metric}:{day.isoformat()}"


def bump_day(session: Session, metric: str, by: int = 1, day: date | None = None) -> None:
    """Add ``by`` to ``metric`` on ``day`` (today, UTC), creating the day's row if needed."""
    if not by:
        return
    table = Counter.__table__
    assert isinstance(table, Table)
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(name=day_name(metric, day or today()), value=by)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[table.c.name], set_={"value": table.c.value + stmt.excluded.value}
        )
    )


def per_day(session: Session, metric: str, days: int, last: date | None = None) -> list[int]:
    """``metric`` for each of the ``days`` days up to ``last`` (today, UTC), oldest first;
    0 for a day without a row."""
    end = last or today()
    start = end - timedelta(days=days - 1)
    rows = session.execute(
        select(Counter.name, Counter.value).where(
            Counter.name >= day_name(metric, start), Counter.name <= day_name(metric, end)
        )
    )
    values = {name.rsplit(":", 1)[1]: int(value) for name, value in rows}
    return [values.get((start + timedelta(days=i)).isoformat(), 0) for i in range(days)]
