from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from tests.minting.conftest import READY_SKU, prepare_station


def test_export_from_batches_tab_and_watch_packs_complete(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=25_000))
    mint(sub.batch_id, db=sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.batches_page)
    page = window.batches_page
    page.select_batch(sub.batch_id)
    assert page.export_button.isEnabled()
    menu = page.export_button.menu()
    csv_action = next(a for a in menu.actions() if a.text() == "CSV manifest")
    csv_action.trigger()
    jobs = window.jobs.running("export:")
    assert len(jobs) == 1
    with qtbot.waitSignal(jobs[0].finished, timeout=60_000):
        pass
    exports = window.exports_page
    assert window.pages.currentWidget() is exports
    exports.refresh()
    top = exports.tree.topLevelItem(0)
    assert top.text(2) == "csv"
    assert top.text(3) == "completed"
    assert top.childCount() == 3
    statuses = [top.child(i).text(3) for i in range(3)]
    assert statuses == ["completed"] * 3
    files = [Path(top.child(i).text(6)) for i in range(3)]
    assert all(f.is_file() for f in files)
    assert "30 d" in top.child(0).text(5) or "29 d" in top.child(0).text(5)
    window.dashboard_page.refresh()
    assert window.dashboard_page.cards["exported_printed"].value.text() == "1"


def test_revoke_a_token_from_the_batch_detail(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=30))
    mint(sub.batch_id, db=sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    page = window.batches_page
    page.select_batch(sub.batch_id)
    page.token_table.selectRow(4)
    token_id = page.selected_token_id()
    assert token_id is not None
    assert page.revoke_token(token_id, "damaged during labelling")
    assert page.token_model.token_at(4).status == "revoked"  # type: ignore[union-attr]
