from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import resolve_home
from app.ui.main_window import MainWindow
from tests.conftest import SAMPLE_PRODUCTS


def test_products_page_imports_and_searches(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    window = MainWindow(sqlite_db, resolve_home(tmp_path, sqlite_db.url))
    qtbot.addWidget(window)
    window.show()
    page = window.products_page
    op = page.import_file(SAMPLE_PRODUCTS)
    assert not page.import_button.isEnabled()  # busy while the import runs in the background
    assert "Importing" in page.report.text()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert page.import_button.isEnabled()
    assert page.last_import_ok
    assert page.model.rowCount() == 20
    qtbot.keyClicks(page.search, "Drill")
    assert 0 < page.model.rowCount() < 20
    page.table.selectRow(0)
    assert "Not ready to mint" in page.details.toPlainText()


def test_bad_file_shows_row_errors(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    window = MainWindow(sqlite_db, resolve_home(tmp_path, sqlite_db.url))
    qtbot.addWidget(window)
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,commercial_status\nX,Drill,bogus\n")
    with qtbot.waitSignal(window.products_page.import_file(bad).done, timeout=10_000):
        pass
    assert window.products_page.last_import_ok is False
    report = window.products_page.report.text()
    assert "line 2, " in report
    assert "commercial_status" in report
    assert window.products_page.model.rowCount() == 0
