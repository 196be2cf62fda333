from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.states import BatchStatus
from app.minting.engine import outcome
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.application import acquire_instance_lock
from app.ui.main_window import MainWindow
from tests.minting.conftest import READY_SKU, prepare_station


def test_batch_mints_in_background_and_dashboard_follows(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=45_000))
    job = window.start_mint(sub.batch_id)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert outcome(sqlite_db, sub.batch_id).status == BatchStatus.MINTED
    window.dashboard_page.refresh()
    assert window.dashboard_page.cards["total_tokens_minted"].value.text() == "45,000"
    assert window.tokens_page.model.rowCount() == 45_000


def test_closing_while_minting_leaves_batch_resumable_and_reopening_resumes(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=400_000))
    job = window.start_mint(sub.batch_id)
    with qtbot.waitSignal(job.progress, timeout=30_000):
        pass
    window.close()
    left = outcome(sqlite_db, sub.batch_id)
    assert left.status == BatchStatus.PROCESSING
    assert 0 < left.minted < 400_000
    again = MainWindow(sqlite_db, home)
    qtbot.addWidget(again)
    resumed = again.jobs.running()
    assert resumed
    with qtbot.waitSignal(resumed[0].finished, timeout=120_000):
        pass
    assert outcome(sqlite_db, sub.batch_id).status == BatchStatus.MINTED
    again.close()


def test_second_instance_on_same_home_is_refused(home: StationHome) -> None:
    home.root.mkdir(parents=True, exist_ok=True)
    first = acquire_instance_lock(home)
    assert first is not None
    try:
        assert acquire_instance_lock(home) is None
    finally:
        first.unlock()
