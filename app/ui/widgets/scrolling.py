"""A long form scrolls up and down inside its window, never sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScrollArea(QScrollArea):
    """Scrolls its form vertically; the form is never wider than the area, so no
    horizontal bar appears and no group is clipped at the right edge."""

    def __init__(self, body: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if body is not None:
            self.set_body(body)

    def set_body(self, body: QWidget) -> None:
        """Show ``body`` (a page built on first show goes into an area made empty at start)."""
        self.setWidget(body)
        body.installEventFilter(self)
        self._follow_body()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ask for the body's minimum width, so the window grows (or its parent scrolls)
        # instead of squeezing the form under a hidden horizontal scroll bar.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._follow_body()
        return False

    def _follow_body(self) -> None:
        body = self.widget()
        if body is None:
            return
        bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(body.minimumSizeHint().width() + bar + 2 * self.frameWidth())

    def showEvent(self, event: QShowEvent) -> None:
        self._follow_body()
        super().showEvent(event)


def vertical_scroll(body: QWidget) -> VerticalScrollArea:
    return VerticalScrollArea(body)
