"""GUI-thread stalls while the real window mints 1,000,000 tokens and exports 100 CSV packs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_responsiveness.py [--units N]

A 10 ms timer on the GUI thread records how late each tick fires while the background jobs run;
the distribution of that lateness is the stall a user would feel. Then the Tokens tab's
first paint and jump-to-end times at that size, with a fresh model each time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10


class StallMeter:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.late: list[float] = []
        self.at: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last = self.clock.nsecsElapsed() / 1e6
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.late.append(max(0.0, now - self.last - TICK_MS))
        self.at.append(now / 1000)
        self.last = now

    def stop(self) -> None:
        self.timer.stop()

    def report(self) -> str:
        data = sorted(self.late)
        if not data:
            return "no ticks"

        def pct(p: float) -> float:
            return data[min(len(data) - 1, int(p / 100 * len(data)))]

        return (
            f"{len(data):,} ticks; lateness ms: p50 {pct(50):.1f}, p90 {pct(90):.1f}, "
            f"p99 {pct(99):.1f}, p99.9 {pct(99.9):.1f}, worst {data[-1]:.1f}"
            f"  (targets: p99 < 50, worst < 100)"
        )

    def worst(self, n: int = 5) -> str:
        pairs = sorted(zip(self.late, self.at, strict=True), reverse=True)[:n]
        return ", ".join(f"{late:.0f} ms at {at:.1f} s" for late, at in pairs)


def measure_tokens_tab(window: object, app: QApplication) -> tuple[float, float]:
    from app.ui.pages.tokens_page import TokensPage

    page = TokensPage(window.db)  # type: ignore[attr-defined]
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    started = time.perf_counter()
    page.apply_filters()
    page.table.viewport().repaint()
    first_paint = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    page.table.scrollToBottom()
    page.table.viewport().repaint()
    jump = (time.perf_counter() - started) * 1000
    last = page.model.token_at(page.model.rowCount() - 1)
    assert last is not None
    page.close()
    return first_paint, jump


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()

    from app.minting.request import MintRequest
    from app.storage.db import open_database
    from app.storage.home import resolve_home
    from app.ui.main_window import MainWindow
    from app.workers.actions import submit
    from tests.minting.conftest import READY_SKU, prepare_station

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        home = resolve_home(tmp)
        db = open_database(home.db_url)
        prepare_station(db)
        window = MainWindow(db, home, resume=False)
        window.resize(1280, 800)
        window.show()
        window.show_page(window.tokens_page)
        meter = StallMeter()
        sub = submit(db, MintRequest(sku=READY_SKU, quantity=args.units))
        phases: dict[str, float] = {}
        done = {"flag": False}

        def after_mint() -> None:
            phases["mint_s"] = time.perf_counter() - phases["start"]
            if args.no_export or not hasattr(window, "start_export"):
                done["flag"] = True
                return
            export_started = time.perf_counter()
            job = window.start_export(sub.batch_id, "csv")

            def finish() -> None:
                phases["export_s"] = time.perf_counter() - export_started
                done["flag"] = True

            job.finished.connect(finish)

        loop = QEventLoop()
        meter.start()
        phases["start"] = time.perf_counter()
        job = window.start_mint(sub.batch_id)
        job.finished.connect(after_mint)
        while not done["flag"]:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        meter.stop()
        print(f"units: {args.units:,}")
        print(f"mint in background: {phases['mint_s']:.1f} s", end="")
        if "export_s" in phases:
            print(f"; 100-pack CSV export in background: {phases['export_s']:.1f} s")
        else:
            print()
        print("GUI-thread timer (10 ms):", meter.report())
        print("  longest stalls:", meter.worst())
        first_paint, jump = measure_tokens_tab(window, app)
        print(
            f"Tokens tab at {args.units:,} tokens: first paint {first_paint:.0f} ms "
            f"(target < 300), jump to last row {jump:.0f} ms (target < 100)"
        )
        window.close()
        db.dispose()


if __name__ == "__main__":
    main()
