"""The toolbar's primary actions and the sidebar: icons, names, shortcuts, large targets."""

from __future__ import annotations

from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.ui.main_window.toolbar import NAV_ROW_PX, refresh_icons
from app.ui.theme import apply_theme
from app.ui.wizard import NewMintWizard
from app.ui.wizard.touch import TOUCH_PX
from tests.conftest import prepare_station

PRIMARY = {
    "new_mint": ("New Mint", "Ctrl+N"),
    "export": ("Export", "Ctrl+E"),
    "encode": ("Encode", "Ctrl+Shift+E"),
    "scan": ("Scan", "Ctrl+F"),
}


def test_toolbar_has_the_four_primary_actions_with_icons_and_names(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    for key, (name, shortcut) in PRIMARY.items():
        button = window.toolbar.findChild(QToolButton, f"tool_{key}")
        assert button is not None, key
        assert button.isVisible()
        assert not button.icon().isNull(), key
        assert button.accessibleName() == name
        assert button.text() == name  # an icon never stands alone
        assert button.height() >= NAV_ROW_PX
        action = window.findChild(QAction, f"action_{key}")
        assert action is not None and action.shortcut().toString() == shortcut
    # One action per shortcut: the menu's Ctrl+N and Ctrl+F are the toolbar's too.
    shortcuts = [a.shortcut().toString() for a in window.findChildren(QAction)]
    assert shortcuts.count("Ctrl+N") == 1
    assert shortcuts.count("Ctrl+F") == 1


def test_toolbar_actions_lead_to_their_places(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "action_encode").trigger()
    assert window.pages.currentWidget() is window.stations_page
    window.findChild(QAction, "action_export").trigger()
    assert window.pages.currentWidget() is window.batches_page
    assert "nothing to export" in window.statusBar().currentMessage().lower()
    window.findChild(QAction, "action_scan").trigger()
    assert window.pages.currentWidget() is window.tokens_page
    window.findChild(QAction, "action_new_mint").trigger()
    wizard = window.findChild(NewMintWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_sidebar_rows_have_icons_and_touch_height(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    nav = window.nav
    assert nav.count() == window.pages.count() >= 7
    for row in range(nav.count()):
        assert not nav.item(row).icon().isNull()
        assert nav.visualItemRect(nav.item(row)).height() >= TOUCH_PX


def test_a_theme_change_redraws_icons_and_charts_in_the_new_colours(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    chart = window.dashboard_page.minted_chart
    light = chart.plot.backgroundBrush().color()
    new_mint = window.findChild(QAction, "action_new_mint")
    assert new_mint is not None
    before = new_mint.icon().pixmap(24, 24).toImage()
    try:
        apply_theme(app, "dark")
        refresh_icons(window)
        dark_base = app.palette().color(QPalette.ColorRole.Base)
        assert chart.plot.backgroundBrush().color() == dark_base != light
        assert new_mint.icon().pixmap(24, 24).toImage() != before
    finally:
        apply_theme(app, "light")
