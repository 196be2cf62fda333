"""The stack of pages, each inside a vertical scroll area, each built on first use.

A page whose controls need more height than a small screen has (1024×768, or 1920×1080
at 150 %: 720 logical pixels) scrolls instead of pushing the window past the screen's
bottom edge. Callers still see the pages themselves: ``currentWidget()``, ``widget()``,
``indexOf()`` and ``setCurrentWidget()`` speak of the page, not of its scroll area.

Start-up builds only the page shown first: each page's module (and what it imports: the
exporters, the printing and station workers, the wizard) loads when the operator first goes
there or the window first needs it, so the main window appears sooner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QWidget

from app.ui.widgets.scrolling import VerticalScrollArea


class PageStack(QStackedWidget):
    def __init__(self) -> None:
        super().__init__()
        self._builders: list[Callable[[], QWidget]] = []
        self._pages: list[QWidget | None] = []
        self.currentChanged.connect(self._build_current)

    def add_page(self, name: str, build: Callable[[], QWidget]) -> int:
        """Add an empty place for the page ``build()`` makes when it is first needed."""
        self._builders.append(build)
        self._pages.append(None)
        area = VerticalScrollArea()
        area.setObjectName(f"scroll_{name}")
        return super().addWidget(area)

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was not yet."""
        page = self._pages[index]
        if page is None:
            page = self._builders[index]()
            self._pages[index] = page
            area = super().widget(index)
            assert isinstance(area, VerticalScrollArea)
            area.set_body(page)
        return page

    def _build_current(self, index: int) -> None:
        if index >= 0:
            self.page(index)

    def is_built(self, index: int) -> bool:
        return self._pages[index] is not None

    def widget(self, index: int) -> QWidget:
        return self.page(index)

    def currentWidget(self) -> QWidget:
        return self.page(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:
        return next((i for i, built in enumerate(self._pages) if built is page), -1)

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(page))
