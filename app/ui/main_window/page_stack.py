"""The stack of pages, each inside a vertical scroll area.

A page whose controls need more height than a small screen has (1024×768, or 1920×1080
at 150 %: 720 logical pixels) scrolls instead of pushing the window past the screen's
bottom edge. Callers still see the pages themselves: ``currentWidget()``, ``widget()``,
``indexOf()`` and ``setCurrentWidget()`` speak of the page, not of its scroll area.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from app.ui.widgets.scrolling import VerticalScrollArea


class PageStack(QStackedWidget):
    def __init__(self) -> None:
        super().__init__()
        self._pages: list[QWidget] = []

    def addWidget(self, page: QWidget) -> int:
        self._pages.append(page)
        area = VerticalScrollArea(page)
        area.setObjectName(f"scroll_{type(page).__name__}")
        return super().addWidget(area)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def currentWidget(self) -> QWidget:
        return self._pages[self.currentIndex()]

    def indexOf(self, page: QWidget) -> int:
        return self._pages.index(page) if page in self._pages else -1

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(page))
