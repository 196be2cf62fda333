"""GUI-thread stalls while the real window works on 1,000,000-unit jobs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_responsiveness.py [--units N]
        [--scenario all|mint-export|wizard]

A 10 ms timer on the GUI thread records how late each tick fires while the background jobs run;
the distribution of that lateness is the stall a user would feel. The window first finishes
its start-up work (the dashboard builds its charts just after the first paint), so the figures
are those of the jobs, not of the start-up.

* ``mint-export``: the window mints 1,000,000 tokens, then exports them to 100 CSV packs (the
  export starts when the mint's job finishes, as a click on Export… would); the stall at the
  mint's end is shown on its own. Then the Tokens tab's first paint and jump-to-end times.
* ``wizard``: while the window mints a 1,000,000-unit batch, the New Mint wizard's review
  page checks (preflight) and submits a batch whose serials come from a 1,000,000-row file;
  both run as Ops. The comparison, in the same run and while a second 1,000,000-unit batch
  mints: the same preflight and submit called on the GUI thread, as the window used to.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402

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

    def percentile(self, p: float) -> float:
        data = sorted(self.late)
        return data[min(len(data) - 1, int(p / 100 * len(data)))] if data else 0.0

    def worst_ms(self) -> float:
        return max(self.late, default=0.0)

    def worst_between(self, start_s: float, end_s: float) -> float:
        """The longest stall recorded by a tick between ``start_s`` and ``end_s``."""
        return max(
            (late for late, at in zip(self.late, self.at, strict=True) if start_s <= at <= end_s),
            default=0.0,
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


def run_mint_export(app: QApplication, units: int, export: bool) -> StallMeter:
    from app.minting.request import MintRequest
    from app.storage.db import open_database
    from app.storage.home import resolve_home
    from app.ui.main_window import MainWindow
    from app.workers.actions import submit
    from tests.minting.conftest import READY_SKU, prepare_station

    with tempfile.TemporaryDirectory() as tmp:
        home = resolve_home(tmp)
        db = open_database(home.db_url)
        prepare_station(db)
        window = MainWindow(db, home, resume=False)
        window.resize(1280, 800)
        window.show()
        window.show_page(window.tokens_page)
        settle()
        meter = StallMeter()
        sub = submit(db, MintRequest(sku=READY_SKU, quantity=units))
        phases: dict[str, float] = {}
        done = {"flag": False}

        def after_mint() -> None:
            phases["mint_s"] = time.perf_counter() - phases["start"]
            if not export:
                done["flag"] = True
                return
            export_started = time.perf_counter()
            job = window.start_export(sub.batch_id, "csv")

            def finish() -> None:
                phases["export_s"] = time.perf_counter() - export_started
                done["flag"] = True

            job.finished.connect(finish)

        meter.start()
        phases["start"] = time.perf_counter()
        job = window.start_mint(sub.batch_id)
        job.finished.connect(after_mint)
        wait_until(lambda: done["flag"])
        meter.stop()
        print(f"[mint-export] units: {units:,}")
        print(f"  mint in background: {phases['mint_s']:.1f} s", end="")
        if "export_s" in phases:
            print(f"; 100-pack CSV export in background: {phases['export_s']:.1f} s")
        else:
            print()
        print("  GUI-thread timer (10 ms):", meter.report())
        print("  longest stalls:", meter.worst())
        mint_end = phases["mint_s"]
        print(
            f"  stall at the mint's end ({mint_end:.1f} s: the job's finished handlers"
            f"{' and the export starting' if export else ''}): "
            f"{meter.worst_between(mint_end - 0.05, mint_end + 0.5):.0f} ms"
        )
        first_paint, jump = measure_tokens_tab(window, app)
        print(
            f"  Tokens tab at {units:,} tokens: first paint {first_paint:.0f} ms "
            f"(target < 300), jump to last row {jump:.0f} ms (target < 100)"
        )
        window.close()
        db.dispose()
    return meter


def wait_until(condition: Callable[[], bool], timeout_s: float = 1800.0) -> None:
    """Run the event loop (as the app would) until ``condition`` holds."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the scenario did not finish")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def settle(ms: int = 500) -> None:
    """Run the event loop for ``ms``: the window's deferred start-up work (the dashboard's
    charts, built just after the first paint) happens here, before any meter starts."""
    loop = QEventLoop()
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def write_serials(path: Path, prefix: str, units: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("serial\n")
        out.writelines(f"{prefix}{i:07d}\n" for i in range(units))


def run_wizard(units: int) -> tuple[StallMeter, StallMeter]:
    """(the wizard's Ops while a batch mints, the same calls on the GUI thread)."""
    from app.core.serials import read_serial_file
    from app.minting.request import MintRequest, SerialKind, SerialSpec
    from app.storage.db import open_database
    from app.storage.home import resolve_home
    from app.ui.main_window import MainWindow
    from app.ui.wizard import NewMintWizard
    from app.workers.actions import preflight, submit
    from tests.minting.conftest import READY_SKU, prepare_station

    with tempfile.TemporaryDirectory() as tmp:
        home = resolve_home(tmp)
        db = open_database(home.db_url)
        prepare_station(db)
        ours_file = Path(tmp) / "serials-wizard.csv"
        plain_file = Path(tmp) / "serials-plain.csv"
        write_serials(ours_file, "W", units)
        write_serials(plain_file, "V", units)
        minting = [submit(db, MintRequest(sku=READY_SKU, quantity=units)) for _ in range(2)]
        window = MainWindow(db, home, resume=False)
        window.resize(1280, 800)
        window.show()
        wizard = NewMintWizard(db, window)
        wizard.show()
        wizard.select_page.search.setText(READY_SKU)
        assert wizard.select_page.isComplete()
        wizard.next()  # production run: none
        wizard.next()  # mint configuration
        serials = wizard.config_page.serials
        serials.set_kind(SerialKind.LIST)
        started = time.perf_counter()
        assert serials.load_file(ours_file)
        load_s = time.perf_counter() - started

        # -- ours: the review page's Ops while the first batch mints ------------------------
        job = window.start_mint(minting[0].batch_id)
        wait_until(lambda: _minted(db) > 0)
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        wizard.next()  # the review page: summary and preflight start in the background
        review = wizard.review_page
        wait_until(lambda: not review.checking and "<table" in review.summary.text())
        preflight_s = time.perf_counter() - started
        assert review.eligible, review.eligibility.text()
        started = time.perf_counter()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        wait_until(lambda: review.result is not None)
        submit_s = time.perf_counter() - started
        meter.stop()
        minting_meanwhile = job.is_running()
        wait_until(lambda: not job.is_running())

        # -- the comparison: the same calls on the GUI thread while the second batch mints ---
        plain_serials, _errors = read_serial_file(plain_file)
        plain = MintRequest(
            sku=READY_SKU,
            quantity=len(plain_serials),
            serials=SerialSpec(SerialKind.LIST, serials=tuple(plain_serials)),
            idempotency_key="bench-plain",
        )
        job = window.start_mint(minting[1].batch_id)
        first = _minted(db)
        wait_until(lambda: _minted(db) > first)
        plain_meter = StallMeter()
        plain_times: dict[str, float] = {}

        def on_gui_thread() -> None:
            at = time.perf_counter()
            refused = preflight(db, plain)
            assert refused is None, refused
            plain_times["preflight_s"] = time.perf_counter() - at
            at = time.perf_counter()
            submit(db, plain)
            plain_times["submit_s"] = time.perf_counter() - at

        plain_meter.start()
        QTimer.singleShot(20, on_gui_thread)
        wait_until(lambda: "submit_s" in plain_times)
        QTimer.singleShot(50, lambda: plain_times.setdefault("end", 1.0))
        wait_until(lambda: "end" in plain_times)
        plain_meter.stop()
        plain_minting = job.is_running()
        window.close()  # cancels the mint; it stays resumable
        db.dispose()
    print(f"[wizard] {units:,}-row serial file (read by the config page in {load_s:.1f} s)")
    print(
        f"  ours (Ops, while a {units:,}-unit batch mints"
        f"{'' if minting_meanwhile else ' — the mint ended first'}): "
        f"preflight + summary {preflight_s:.1f} s, submit {submit_s:.1f} s"
    )
    print("  GUI-thread timer (10 ms):", meter.report())
    print("  longest stalls:", meter.worst())
    print(
        f"  comparison, the same calls on the GUI thread"
        f"{' (while a batch mints)' if plain_minting else ''}: "
        f"preflight {plain_times['preflight_s']:.1f} s, submit {plain_times['submit_s']:.1f} s"
    )
    print("  GUI-thread timer (10 ms):", plain_meter.report())
    return meter, plain_meter


def _minted(db: object) -> int:
    from app.storage.queries import kpis

    with db.read() as session:  # type: ignore[attr-defined]
        return kpis(session)["total_tokens_minted"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--scenario", choices=("all", "mint-export", "wizard"), default="all")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    results: list[tuple[str, StallMeter]] = []
    if args.scenario in ("all", "mint-export"):
        results.append(("mint + export", run_mint_export(app, args.units, not args.no_export)))
    if args.scenario in ("all", "wizard"):
        ours, plain = run_wizard(args.units)
        results.append(("wizard preflight + submit (Ops)", ours))
        results.append(("same on the GUI thread (comparison)", plain))
    print()
    print(f"{'scenario':<40} {'p99 ms':>8} {'worst ms':>9}   (targets: p99 < 50, worst < 100)")
    for name, meter in results:
        print(f"{name:<40} {meter.percentile(99):>8.1f} {meter.worst_ms():>9.1f}")


if __name__ == "__main__":
    main()
