"""Windows open at a size that fits the screen they are on, and keep the operator's size.

Line PCs often have 1024×768 or 1366×768 screens, and a 1920×1080 panel at 150 % scaling
is only 1280×720 logical pixels: a fixed ``resize(1280, 800)`` puts the bottom of a window
(its buttons, its status bar) off-screen. ``fit_window`` bounds the preferred (or the
remembered) size by the screen's available area, leaving room for the title bar, and
centres the window; ``SizeKeeper`` writes the size back to the preferences when the
window is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.ui.preferences import Preferences

# Room for a window manager's title bar and borders, which Qt only knows after showing.
FRAME_ALLOWANCE = QSize(16, 40)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable area (without task bars) of the screen the widget is on, else the primary."""
    parent = widget.parentWidget() if widget is not None else None
    screen = (parent.screen() if parent is not None else None) or (
        widget.screen() if widget is not None else None
    )
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def bounded_size(preferred: QSize, available: QRect, minimum: QSize | None = None) -> QSize:
    """``preferred`` shrunk to fit ``available`` less the frame, never below ``minimum``."""
    width = min(preferred.width(), available.width() - FRAME_ALLOWANCE.width())
    height = min(preferred.height(), available.height() - FRAME_ALLOWANCE.height())
    if minimum is not None:
        width = max(width, min(minimum.width(), available.width()))
        height = max(height, min(minimum.height(), available.height()))
    return QSize(width, height)


def fit_window(
    widget: QWidget, preferred: QSize, *, key: str = "", preferences: Preferences | None = None
) -> QSize:
    """Size ``widget`` to the remembered size under ``key`` (else ``preferred``), bounded
    by its screen, and centre it there (over the parent for a dialog). Returns the size."""
    prefs = preferences if key else None
    if key and prefs is None:
        prefs = Preferences()
    remembered = prefs.window_size(key) if prefs is not None else None
    available = available_geometry(widget)
    size = bounded_size(remembered or preferred, available)
    widget.resize(size)
    anchor = widget.parentWidget()
    centre = (
        anchor.window().frameGeometry().center()
        if anchor is not None and anchor.isVisible()
        else available.center()
    )
    left = min(
        max(available.left(), centre.x() - size.width() // 2), available.right() - size.width()
    )
    top = min(
        max(available.top(), centre.y() - (size.height() + FRAME_ALLOWANCE.height()) // 2),
        available.bottom() - size.height() - FRAME_ALLOWANCE.height() + 1,
    )
    widget.move(max(available.left(), left), max(available.top(), top))
    if prefs is not None:
        SizeKeeper(widget, key, prefs)
    return size


def keep_on_screen(widget: QWidget) -> None:
    """Move a shown window back inside its screen's available area (its frame is known only
    once shown, and a dialog's size may have grown to its contents since it was placed)."""
    available = available_geometry(widget)
    frame = widget.frameGeometry()
    x = max(available.left(), min(frame.left(), available.right() + 1 - frame.width()))
    y = max(available.top(), min(frame.top(), available.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)


class SizeKeeper(QObject):
    """Remembers a window's size under ``key`` each time it is hidden or closed, and keeps
    it on its screen when it is shown."""

    def __init__(self, widget: QWidget, key: str, preferences: Preferences) -> None:
        super().__init__(widget)
        self.key = key
        self.preferences = preferences
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            keep_on_screen(watched)
        closing = event.type() in (QEvent.Type.Hide, QEvent.Type.Close)
        if closing and isinstance(watched, QWidget) and not _enlarged(watched):
            self.preferences.set_window_size(self.key, watched.size())
            self.preferences.sync()
        return False


def _enlarged(widget: QWidget) -> bool:
    """Maximised or full screen: not a size the operator chose, so not remembered."""
    return widget.isMaximized() or widget.isFullScreen()
