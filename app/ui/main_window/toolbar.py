"""The toolbar with the four primary actions and the icon sidebar.

New Mint, Export, Encode and Scan are what an operator does all day; each is a button
with an icon and its name (never an icon alone), a keyboard shortcut, and an accessible
name. The sidebar lists the places with an icon and a touch-sized row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QListWidget, QMenu, QToolBar, QToolButton

from app.ui.main_window.places import PAGES
from app.ui.widgets.icons import icon

if TYPE_CHECKING:
    from app.ui.main_window.window import MainWindow

translate = QCoreApplication.translate

TOOL_ICONS = {"new_mint": "new_mint", "export": "export", "encode": "encode", "scan": "scan"}
NAV_ROW_PX = 44
NAV_ICON_PX = 24
NAV_FONT_PT = 11
NAV_TEXT_PADDING_PX = 44  # item padding, icon spacing, the list's frame and spacing
TOOL_ICON_PX = 28


def style_sidebar(nav: QListWidget, icons: Sequence[str | None]) -> None:
    """Icons and touch-sized rows on the place list (row ``i`` has ``icons[i]``)."""
    nav.setIconSize(QSize(NAV_ICON_PX, NAV_ICON_PX))
    nav.setSpacing(2)
    nav.setStyleSheet(
        f"QListWidget#navigation {{ font-size: {NAV_FONT_PT}pt; }}"
        f"QListWidget#navigation::item {{ min-height: {NAV_ROW_PX}px; padding: 2px 6px; }}"
    )
    for row in range(nav.count()):
        item = nav.item(row)
        name = icons[row] if row < len(icons) else None
        if name:
            item.setIcon(icon(name))
        item.setSizeHint(QSize(0, NAV_ROW_PX))
    # Measured with the sidebar's own font (the style sheet is not applied yet), so the
    # longest name shows whole ("Exporte / Druckaufträge"); never wider than 300 px.
    font = QFont(nav.font())
    font.setPointSize(NAV_FONT_PT)
    metrics = QFontMetrics(font)
    longest = max(
        (metrics.horizontalAdvance(nav.item(r).text()) for r in range(nav.count())), default=0
    )
    nav.setFixedWidth(min(max(longest + NAV_ICON_PX + NAV_TEXT_PADDING_PX, 200), 300))


def _tool(
    window: MainWindow, name: str, text: str, shortcut: str, icon_name: str, tip: str
) -> QAction:
    action = window.findChild(QAction, name)
    if action is None:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
    action.setIcon(icon(icon_name))
    action.setToolTip(
        f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    )
    return action


def refresh_icons(window: MainWindow) -> None:
    """Redraw the toolbar's and the sidebar's icons in the palette's colour (after a theme
    change) and the dashboard's charts on the new background."""
    for action in window.toolbar.actions():
        name = action.objectName().removeprefix("action_")
        if name in TOOL_ICONS:
            action.setIcon(icon(TOOL_ICONS[name]))
    style_sidebar(window.nav, [spec.icon for spec in PAGES])
    from app.ui.widgets.charts import Chart  # noqa: PLC0415 - pyqtgraph: not at start-up

    for chart in window.dashboard_page.charts.findChildren(Chart):
        chart.apply_palette()


def build_toolbar(window: MainWindow) -> QToolBar:
    bar = QToolBar(translate("MainWindow", "Main actions"), window)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(TOOL_ICON_PX, TOOL_ICON_PX))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    new_mint = _tool(
        window,
        "action_new_mint",
        translate("MainWindow", "&New Mint…"),
        "Ctrl+N",
        "new_mint",
        translate("MainWindow", "Mint a new batch of tokens"),
    )
    export = _tool(
        window,
        "action_export",
        translate("MainWindow", "&Export…"),
        "Ctrl+E",
        "export",
        translate("MainWindow", "Export or print a minted batch"),
    )
    export.triggered.connect(lambda _=False: window.choose_export())
    encode = _tool(
        window,
        "action_encode",
        translate("MainWindow", "En&code"),
        "Ctrl+Shift+E",
        "encode",
        translate("MainWindow", "Write tokens to NFC or RFID tags at a station"),
    )
    encode.triggered.connect(lambda _=False: window.open_encoding())
    scan = _tool(
        window,
        "action_scan",
        translate("MainWindow", "&Scan a token"),
        "Ctrl+F",
        "scan",
        translate("MainWindow", "Scan or type a token to look it up"),
    )
    for action, label in (
        (new_mint, translate("MainWindow", "New Mint")),
        (export, translate("MainWindow", "Export")),
        (encode, translate("MainWindow", "Encode")),
        (scan, translate("MainWindow", "Scan")),
    ):
        action.setIconText(label)
        if action.parent() is window and action not in window.actions():
            window.addAction(action)
        bar.addAction(action)
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setAccessibleName(label)
            button.setObjectName(f"tool_{action.objectName().removeprefix('action_')}")
            button.setMinimumHeight(NAV_ROW_PX)
    file_menu = window.menuBar().actions()[0].menu()
    if isinstance(file_menu, QMenu):
        file_menu.insertActions(file_menu.actions()[1], [export, encode])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
