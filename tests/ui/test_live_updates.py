"""Work shows as it happens: pack rows change state, batches count up, jobs show rate and ETA.

Nothing here presses F5 or calls a page's refresh: the pages follow the jobs by themselves.
Gates hold the real export and mint functions at a known point so each state can be seen.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.exports import service
from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.ui.main_window import window as window_module
from app.ui.pages import exports_page
from app.ui.pages.exports_page import COL_RATE, COL_RETENTION, COL_STATUS, COL_UNITS
from app.ui.widgets.job_progress import JobsPanel, RateMeter, job_title, progress_text
from app.workers import minting as minting_workers
from app.workers.job import Job, JobRegistry
from tests.minting.conftest import READY_SKU, prepare_station

RATE_ETA = re.compile(r"^[\d,]+ units/s · ETA \d+:\d\d$")


def _packs(window: MainWindow) -> list[str]:
    top = window.exports_page.tree.topLevelItem(0)
    if top is None:
        return []
    return [_child(top, i).text(COL_STATUS) for i in range(top.childCount())]


def _child(top: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    child = top.child(index)
    assert child is not None
    return child


def test_export_pack_rows_go_queued_generating_ready_without_a_refresh(
    qtbot: QtBot,
    sqlite_db: Database,
    home: StationHome,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=25_000))
    mint(sub.batch_id, db=sqlite_db)
    gates = [threading.Event() for _ in range(3)]
    real_make_pack = service._make_pack

    def gated_make_pack(db: Database, settings: Any, pack: Any, *args: Any) -> Any:
        assert gates[pack.index].wait(30)  # the pack stays "generating" until the test says
        return real_make_pack(db, settings, pack, *args)

    monkeypatch.setattr(service, "_make_pack", gated_make_pack)
    monkeypatch.setattr(exports_page, "LIVE_MS", 50)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    batches = window.batches_page
    batches.select_batch(sub.batch_id)
    menu = batches.export_button.menu()
    next(a for a in menu.actions() if a.text() == "CSV manifest").trigger()
    page = window.exports_page
    assert window.pages.currentWidget() is page
    try:
        # every pack is listed as soon as the job is planned
        qtbot.waitUntil(
            lambda: _packs(window) == ["Generating", "Queued", "Queued"], timeout=10_000
        )
        [job] = window.jobs.running("export:")
        panel_row = window.jobs_panel.row_for(job)
        assert panel_row is not None
        assert panel_row.cancel_button.isEnabled()
        gates[0].set()
        qtbot.waitUntil(lambda: _packs(window) == ["Ready", "Generating", "Queued"], timeout=10_000)
        top = page.tree.topLevelItem(0)
        assert top is not None
        assert top.text(COL_STATUS) == "Generating · 1 of 3 packs ready"
        assert top.text(COL_UNITS) == "10,000 / 25,000"
        assert _child(top, 0).text(COL_RETENTION) in ("30 d 0 h left", "29 d 23 h left")
        assert _child(top, 1).text(COL_RETENTION) == ""
        qtbot.waitUntil(lambda: bool(RATE_ETA.match(top.text(COL_RATE))), timeout=5_000)
        assert RATE_ETA.match(_child(top, 1).text(COL_RATE))  # the running pack's own ETA
        assert "10,000 of 25,000" in page.progress_label.text()
        assert "ETA" in page.progress_label.text()
        gates[1].set()
        gates[2].set()
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
        qtbot.waitUntil(lambda: _packs(window) == ["Ready"] * 3, timeout=10_000)
        qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
        top = page.tree.topLevelItem(0)
        assert top is not None
        assert top.text(COL_STATUS) == "Ready · 3 of 3 packs ready"
        assert top.text(COL_RATE) == ""
        assert not page.live_timer.isActive()
        assert window.jobs_panel.row_for(job) is None
    finally:
        for gate in gates:
            gate.set()


def test_a_failed_pack_says_why(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=12_000))
    mint(sub.batch_id, db=sqlite_db)
    real_make_pack = service._make_pack

    def full_disk(db: Database, settings: Any, pack: Any, *args: Any) -> Any:
        if pack.index == 1:
            raise OSError(28, "No space left on device")
        return real_make_pack(db, settings, pack, *args)

    monkeypatch.setattr(service, "_make_pack", full_disk)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    job = window.start_export(sub.batch_id, "csv")
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: len(_packs(window)) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: _packs(window)[1].startswith("Failed: "), timeout=10_000)
    assert _packs(window)[0] == "Ready"
    assert "disk is full" in _packs(window)[1]
    top = window.exports_page.tree.topLevelItem(0)
    assert top is not None
    assert top.text(COL_STATUS).startswith("Failed · 1 of 2 packs ready")
    window.exports_page.tree.setCurrentItem(top)
    assert window.exports_page.resume_button.isEnabled()  # a failed export can be resumed
    qtbot.waitUntil(lambda: not window.exports_page.is_loading(), timeout=10_000)


def test_batches_and_tokens_count_up_while_a_batch_mints(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=60_000))
    gate = threading.Event()
    real_mint = minting_workers.mint

    def gated_mint(
        batch_id: int,
        *,
        db: Database,
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
    ) -> Any:
        def held(done: int, total: int) -> None:
            progress(done, total)
            if 0 < done < total:
                assert gate.wait(30)  # hold after the first committed chunk

        return real_mint(batch_id, db=db, progress=held, cancelled=cancelled)

    monkeypatch.setattr(minting_workers, "mint", gated_mint)
    monkeypatch.setattr(window_module, "REFRESH_MS", 50)
    window = MainWindow(sqlite_db, home, resume=False)
    qtbot.addWidget(window)
    window.show()
    batches = window.batches_page
    batches.select_batch(sub.batch_id)
    row = batches.table.currentRow()
    item = batches.table.item(row, 3)
    assert item is not None
    assert item.text() == "0 / 60,000"
    job = window.start_mint(sub.batch_id)
    try:
        qtbot.waitUntil(
            lambda: _minted_cell(window, row) not in ("0 / 60,000", "60,000 / 60,000"),
            timeout=20_000,
        )
        status = batches.table.item(row, 2)
        assert status is not None
        assert status.text() == "processing"
        shown = int(_minted_cell(window, row).split(" / ")[0].replace(",", ""))
        qtbot.waitUntil(lambda: window.tokens_page.model.rowCount() == shown, timeout=5_000)
        qtbot.waitUntil(lambda: batches.token_model.rowCount() == shown, timeout=5_000)
        panel_row = window.jobs_panel.row_for(job)
        assert panel_row is not None
        assert f"{shown:,} of 60,000" in panel_row.figures.text()
    finally:
        gate.set()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: _minted_cell(window, row) == "60,000 / 60,000", timeout=10_000)


def _minted_cell(window: MainWindow, row: int) -> str:
    item = window.batches_page.table.item(row, 3)
    return item.text() if item is not None else ""


def counting(n: int, *, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
    done = 0
    while done < n and not cancelled():
        done += 1
        progress(done, n)
        threading.Event().wait(0.001)
    return done


def test_jobs_panel_shows_rate_eta_and_cancels(qtbot: QtBot) -> None:
    registry = JobRegistry()
    panel = JobsPanel(registry)
    qtbot.addWidget(panel)
    assert not panel.rows
    job = registry.start(Job(counting, 1_000_000, name="mint:7"))
    try:
        row = panel.row_for(job)
        assert row is not None
        assert row.title.text() == "Minting batch #7"
        qtbot.waitUntil(
            lambda: "/s · ETA" in row.figures.text() and "–" not in row.figures.text(),
            timeout=30_000,
        )
        with qtbot.waitSignal(job.finished, timeout=30_000):
            qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        registry.shutdown()
    assert panel.row_for(job) is None
    assert not panel.rows


def test_rate_meter_and_texts() -> None:
    meter = RateMeter(window_s=10)
    meter.observe(0, now=100.0)
    meter.observe(5_000, now=102.0)
    assert meter.rate() == 2_500
    assert meter.eta_s(5_000, 20_000) == 6.0
    assert progress_text(5_000, 20_000, 2_500, 6.0) == "5,000 of 20,000 · 2,500/s · ETA 0:06"
    assert progress_text(0, 20_000, 0, None) == "0 of 20,000 · –/s · ETA –"
    assert job_title("export:3:qr-bundle") == "qr-bundle export of batch #3"
    assert job_title("mint:resume") == "Minting unfinished batches"
