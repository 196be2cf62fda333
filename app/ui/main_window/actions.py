"""Menus and keyboard shortcuts: every action is reachable without the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from app.ui.main_window.window import MainWindow


def _action(
    window: MainWindow, text: str, slot: Callable[[], object], shortcut: str | None = None
) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _=False: slot())
    return action


def _go_to(window: MainWindow, row: int) -> Callable[[], None]:
    return lambda: window.nav.setCurrentRow(row)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(window.tr("&File"))
    file_menu.addAction(
        _action(
            window,
            window.tr("&Import products…"),
            window.products_page.choose_import_file,
            "Ctrl+I",
        )
    )
    file_menu.addSeparator()
    quit_action = _action(window, window.tr("&Quit"), window.close)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    file_menu.addAction(quit_action)

    go_menu = bar.addMenu(window.tr("&Go"))
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        go_menu.addAction(_action(window, title, _go_to(window, row), f"Ctrl+{row + 1}"))
    go_menu.addSeparator()
    go_menu.addAction(_action(window, window.tr("&Scan a token"), window.focus_scan, "Ctrl+F"))

    view_menu = bar.addMenu(window.tr("&View"))
    view_menu.addAction(_action(window, window.tr("&Refresh"), window.refresh_all, "F5"))

    help_menu = bar.addMenu(window.tr("&Help"))
    help_menu.addAction(_action(window, window.tr("&About Mint Station"), window.show_about))
