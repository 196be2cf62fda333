"""Menus and keyboard shortcuts: every action is reachable without the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from app.ui.main_window.window import MainWindow


# Menu texts are in the "MainWindow" context, where the window's own tr() finds them.
translate = QCoreApplication.translate


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
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    new_mint = _action(
        window, translate("MainWindow", "&New Mint…"), lambda: open_new_mint(window), "Ctrl+N"
    )
    new_mint.setObjectName("action_new_mint")
    file_menu.addAction(new_mint)
    file_menu.addAction(
        _action(
            window,
            translate("MainWindow", "&Import products…"),
            lambda: window.products_page.choose_import_file(),  # noqa: PLW0108 - built on use
            "Ctrl+I",
        )
    )
    settings = _action(
        window, translate("MainWindow", "&Settings…"), lambda: _open_settings(window), "Ctrl+,"
    )
    settings.setObjectName("action_settings")
    file_menu.addAction(settings)
    file_menu.addSeparator()
    quit_action = _action(window, translate("MainWindow", "&Quit"), window.close)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    file_menu.addAction(quit_action)

    go_menu = bar.addMenu(translate("MainWindow", "&Go"))
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        go_menu.addAction(_action(window, title, _go_to(window, row), f"Ctrl+{row + 1}"))
    go_menu.addSeparator()
    scan = _action(window, translate("MainWindow", "&Scan a token"), window.focus_scan, "Ctrl+F")
    scan.setObjectName("action_scan")
    go_menu.addAction(scan)

    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(
        _action(window, translate("MainWindow", "&Refresh"), window.refresh_all, "F5")
    )
    view_menu.addAction(
        _action(window, translate("MainWindow", "S&ync now"), window.sync_now, "Ctrl+Shift+S")
    )

    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(
        _action(window, translate("MainWindow", "&About Mint Station"), window.show_about)
    )


def open_new_mint(window: MainWindow) -> None:
    """The New Mint wizard (its module loads on first use, not at start)."""
    from app.ui.wizard import open_new_mint as open_wizard  # noqa: PLC0415

    open_wizard(window)


def _open_settings(window: MainWindow) -> None:
    """The Settings dialog's module (sync, printers, devices) loads on first use, not at start."""
    from app.ui.dialogs.settings_dialog import open_settings  # noqa: PLC0415

    open_settings(window)
