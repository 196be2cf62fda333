"""The dashboard's refresh over a station with 1,000,000 tokens, beside a plain GROUP BY.

    .venv/bin/python bench/dashboard.py [--units N] [--runs R]

Mints N tokens through the real engine (SQLite), then times, as the median of R runs:

* the reads behind one dashboard refresh (``load_figures``): the KPI counters, three 30-day
  per-day series (``counters.per_day``), the running batches and the scan total;
* the same refresh through the Qt page (``DashboardPage.refresh``, offscreen), which also
  hands the figures to the charts;
* the comparison: the plain way to draw "tokens minted per day", a ``GROUP BY`` over the
  token table's ``created_at`` for the last 30 days (the token table has no index on it, and
  one would cost every insert).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(action: Callable[[], object], runs: int) -> float:
    for _ in range(3):  # warm the caches (SQLite pages, statement cache) first
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import sqlalchemy as sa
    from PySide6.QtWidgets import QApplication

    from app.minting.engine import mint
    from app.minting.request import MintRequest
    from app.minting.submit import submit
    from app.storage import counters
    from app.storage.db import open_database
    from app.ui.pages.dashboard_page import DashboardPage
    from app.workers.dashboard import CHART_DAYS, load_figures
    from tests.minting.conftest import READY_SKU, prepare_station

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'station.db'}")
        prepare_station(db)
        started = time.perf_counter()
        mint(submit(db, MintRequest(sku=READY_SKU, quantity=args.units)).batch_id, db=db)
        print(f"minted {args.units:,} tokens in {time.perf_counter() - started:.1f} s")

        def reads() -> object:
            return load_figures(db)

        def group_by() -> object:
            since = (counters.today() - timedelta(days=CHART_DAYS - 1)).isoformat()
            with db.read() as session:
                return session.execute(
                    sa.text(
                        "SELECT substr(created_at, 1, 10) AS day, count(*) FROM token "
                        "WHERE created_at >= :since GROUP BY day"
                    ),
                    {"since": since},
                ).all()

        per_day = load_figures(db).minted
        scanned = dict(group_by())
        assert per_day[-1] == args.units == sum(scanned.values()), (per_day[-1], scanned)
        app = QApplication.instance() or QApplication([])
        page = DashboardPage(db)
        page.timer.stop()
        figures = median_ms(reads, args.runs)
        refresh = median_ms(page.refresh, args.runs)
        plain = median_ms(group_by, max(3, args.runs // 5))
        print(f"dashboard reads (counters):     {figures:8.2f} ms median of {args.runs}")
        print(f"DashboardPage.refresh (Qt):     {refresh:8.2f} ms median of {args.runs}")
        print(f"plain GROUP BY over the tokens: {plain:8.2f} ms (one chart only)")
        print(f"ratio GROUP BY / counters: {plain / figures:,.0f}x")
        page.deleteLater()
        app.processEvents()
        db.dispose()


if __name__ == "__main__":
    main()
