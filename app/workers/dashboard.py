"""The dashboard's figures, read in one short transaction (run as an Op by the page).

Counters and the few running batches only, never the token table: the KPI totals, and one
primary-key range of per-day counters for each 30-day chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.storage import counters
from app.storage.db import Database
from app.storage.queries import BatchView, kpis, list_batches
from app.sync.figures import total_scans

CHART_DAYS = 30


@dataclass(frozen=True)
class DashboardFigures:
    kpis: dict[str, int]
    running: list[BatchView]
    scans: int
    day: date
    minted: list[int]
    scanned: list[int]
    exported: list[int]


def load_figures(db: Database) -> DashboardFigures:
    with db.read() as session:
        day = counters.today()
        return DashboardFigures(
            kpis=kpis(session),
            running=list_batches(session, status="processing")
            + list_batches(session, status="queued"),
            scans=total_scans(session),
            day=day,
            minted=counters.per_day(session, counters.TOKENS_MINTED, CHART_DAYS, day),
            scanned=counters.per_day(session, counters.CONSUMER_SCANS, CHART_DAYS, day),
            exported=counters.per_day(session, counters.EXPORTS_COMPLETED, CHART_DAYS, day),
        )
