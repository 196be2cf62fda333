"""Empty pages say what to do next and offer the action (app.ui.widgets.empty_state)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from tests.conftest import prepare_station


def test_empty_exports_page_says_how_to_export(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    page = window.exports_page
    window.show_page(page)
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.empty_state.isVisible() and not page.tree.isVisible()
    assert "Export…" in page.empty_state.text.text()
    button = page.empty_state.button
    assert button is not None
    button.click()
    assert window.pages.currentWidget() is window.batches_page
