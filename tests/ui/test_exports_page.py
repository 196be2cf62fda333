from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.exports.service import generate_export
from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.storage.models import ExportJob
from app.ui.i18n import install_translators, remove_translators
from app.ui.main_window import MainWindow
from app.ui.pages.exports_page import (
    COL_FILE,
    COL_KIND,
    COL_RETENTION,
    COL_STATUS,
    status_text,
)
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


def test_cancel_an_unfinished_export_from_the_page(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, tmp_path: Path
) -> None:
    """A stopped export (resumable) is cancelled for good through cancel_export in an Op:
    it then reads "Cancelled" and neither Resume nor Cancel is offered for it."""
    prepare_station(sqlite_db)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=30))
    mint(sub.batch_id, db=sqlite_db)
    packs_done: list[int] = []
    stopped = generate_export(
        sqlite_db,
        sub.batch_id,
        "csv",
        out_dir=tmp_path / "out",
        pack_size=10,
        progress=lambda done, _total: packs_done.append(done),
        cancelled=lambda: bool(packs_done) and packs_done[-1] >= 10,
    )
    assert stopped.status == "stopped" and stopped.job.status != "cancelled"
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    page = window.exports_page
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    assert page.resume_button.isEnabled() and page.cancel_button.isEnabled()
    op = page.cancel_selected()
    assert op is not None
    assert not page.cancel_button.isEnabled()  # busy while the write runs in the background
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    qtbot.waitUntil(
        lambda: not page.is_loading() and page.tree.topLevelItem(0) is not None, timeout=10_000
    )
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    top = page.tree.topLevelItem(0)
    assert top is not None
    status = top.text(COL_STATUS)
    assert status.startswith("Cancelled · ") and status.endswith(" of 3 packs ready"), status
    assert "3 of 3" not in status
    assert not page.resume_button.isEnabled()
    assert not page.cancel_button.isEnabled()
    assert "cancelled" in page.progress_label.text()
    with sqlite_db.read() as session:
        assert session.scalars(select(ExportJob.status)).all() == ["cancelled"]
    assert page.cancel_selected() is None  # nothing more to cancel


def test_cancelled_reads_in_german(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "de")
    try:
        assert status_text("cancelled") == "Abgebrochen"
    finally:
        remove_translators(app, translators)
