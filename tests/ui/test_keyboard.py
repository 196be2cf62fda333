"""Every control can be reached and worked from the keyboard; icon-only buttons have names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.main_window import MainWindow
from app.ui.preferences import Preferences
from app.ui.wizard import NewMintWizard
from tests.conftest import prepare_station


def keyboard_problems(window: QWidget) -> list[str]:
    """Visible buttons that neither take Tab focus nor carry a shortcut, and icon-only
    buttons without an accessible name (what a screen reader would read out)."""
    problems = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or isinstance(button.parentWidget(), QLineEdit):
            continue  # a line edit's own clear button: Esc/Backspace do its work
        if button.objectName() == "qt_tableview_cornerbutton":
            continue  # a table's select-all corner: Ctrl+A does its work
        action = button.defaultAction() if isinstance(button, QToolButton) else None
        by_key = bool(button.focusPolicy() & Qt.FocusPolicy.TabFocus) or (
            action is not None and not action.shortcut().isEmpty()
        )
        name = button.text().replace("&", "").strip() or button.accessibleName()
        label = button.objectName() or name or type(button).__name__
        if not by_key:
            problems.append(f"{label}: not reachable by keyboard")
        if not button.icon().isNull() and not button.text().strip() and not name:
            problems.append(f"{label}: icon-only without an accessible name")
    return problems


def test_every_place_of_the_window_works_from_the_keyboard(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    found = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        found += [f"{window.nav.item(row).text()}: {p}" for p in keyboard_problems(window)]
    assert found == []
    # The place list itself takes the focus, and the arrow keys move through it.
    window.nav.setFocus()
    window.nav.setCurrentRow(0)
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.pages.currentWidget() is window.products_page


def test_wizard_and_settings_work_from_the_keyboard(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    wizard = NewMintWizard(sqlite_db)
    qtbot.addWidget(wizard)
    wizard.show()
    assert keyboard_problems(wizard) == []
    settings = SettingsDialog(sqlite_db, home, Preferences())
    qtbot.addWidget(settings)
    settings.show()
    found = []
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        found += keyboard_problems(settings)
    assert found == []
    wizard.reject()
    settings.reject()
