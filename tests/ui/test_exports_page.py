from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.ui.pages.exports_page import COL_FILE, COL_KIND, COL_RETENTION, COL_STATUS
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
    qtbot.waitUntil(lambda: not exports.is_loading(), timeout=10_000)
    top = exports.tree.topLevelItem(0)
    assert top.text(COL_KIND) == "csv"
    assert top.text(COL_STATUS) == "Ready · 3 of 3 packs ready"
    assert top.childCount() == 3
    statuses = [top.child(i).text(COL_STATUS) for i in range(3)]
    assert statuses == ["Ready"] * 3
    files = [Path(top.child(i).text(COL_FILE)) for i in range(3)]
    assert all(f.is_file() for f in files)
    for i in range(3):
        assert top.child(i).text(COL_RETENTION) in ("30 d 0 h left", "29 d 23 h left")
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
    op = page.revoke_token(token_id, "damaged during labelling")
    assert not page.revoke_button.isEnabled()  # busy while the write runs in the background
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert page.revoke_button.isEnabled()
    assert page.token_model.token_at(4).status == "revoked"  # type: ignore[union-attr]
    assert token_id in page.action_message.text()
    again = page.revoke_token(token_id, "twice")  # refused: said in the page, no traceback
    with qtbot.waitSignal(again.done, timeout=10_000):
        pass
    assert "Revoke token" in page.action_message.text()
    for box in page.findChildren(QMessageBox):
        box.close()
