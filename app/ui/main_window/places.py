"""The places of the sidebar: each page's class, icon and refresh, built on first use.

``window.batches_page`` is a ``LazyPage``: the first use imports the page's module and builds
the page (``MainWindow._build_page``), so the first paint builds the dashboard only.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.main_window.window import MainWindow


@dataclass(frozen=True)
class PageSpec:
    """A place in the sidebar: the page's class (in ``app.ui.pages.<name>_page``), its icon,
    and the method that brings its figures up to date each time the operator goes there."""

    name: str
    cls: str
    on_show: str | None = None

    @property
    def module(self) -> str:
        return f"app.ui.pages.{self.name}_page"

    @property
    def icon(self) -> str:
        return self.name


PAGES = (
    PageSpec("dashboard", "DashboardPage"),
    PageSpec("products", "ProductsPage"),
    PageSpec("batches", "BatchesPage", "refresh_in_background"),
    PageSpec("tokens", "TokensPage"),
    PageSpec("exports", "ExportsPage", "refresh"),
    PageSpec("stations", "StationsPage", "refresh"),
    PageSpec("activity", "ActivityPage", "refresh_in_background"),
    PageSpec("verify", "VerifyPage", "refresh"),
)
ROW = {spec.name: row for row, spec in enumerate(PAGES)}

P = TypeVar("P", bound=QWidget)


class LazyPage(Generic[P]):
    """``window.batches_page``: the page, built (module imported) the first time it is used."""

    def __init__(self, name: str) -> None:
        self.row = ROW[name]

    def __get__(self, window: MainWindow, owner: type[MainWindow] | None = None) -> P:
        return cast(P, window.pages.page(self.row))


def import_modules(names: tuple[str, ...]) -> None:
    """Import ``names`` (on a background thread: the window stays responsive meanwhile)."""
    for name in names:
        import_module(name)
