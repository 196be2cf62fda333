"""Columns sized to what they hold: codes always whole, long ids elided in the middle.

* ``code``: a GTIN's 14 digits, a serial, a status: as wide as the widest text shown
  (and at least a GTIN's width for ``gtin``), never elided.
* ``id``: a token or batch id (26-character ULIDs and longer): as wide as it needs up to a
  bound; past it the text is elided in the middle (both ends stay readable: the batch
  prefix and the sequence) and the full id is the cell's tooltip.
* ``stretch``: takes the room that is left.

Only the visible rows are measured, so a table over a million tokens costs the same.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

CELL_PADDING = 18
FITTED = "mintstationColumnsFitted"
ID_MAX_CHARS = 18
GTIN_SAMPLE = "00000000000000"
# The token tables' columns: token id, serial / lot, GTIN, status, batch (created stretches).
TOKEN_COLUMNS = {0: "id", 1: "code", 2: "gtin", 3: "code", 4: "id"}


def _visible_rows(view: QTableView) -> range:
    model = view.model()
    if model is None or model.rowCount() == 0:
        return range(0)
    first = max(0, view.rowAt(0))
    last = view.rowAt(view.viewport().height() - 1)
    if last < 0:
        last = min(model.rowCount() - 1, first + 50)
    return range(first, last + 1)


def _text_width(view: QTableView, text: str) -> int:
    return view.fontMetrics().horizontalAdvance(text) + CELL_PADDING


def content_width(view: QTableView, column: int, sample: str = "") -> int:
    """The width of the header, ``sample`` and every visible row's text in ``column``."""
    model = view.model()
    header = model.headerData(column, Qt.Orientation.Horizontal) if model is not None else None
    widths = [
        view.horizontalHeader().fontMetrics().horizontalAdvance(str(header or ""))
        + 2 * CELL_PADDING,
        _text_width(view, sample) if sample else 0,
    ]
    if model is not None:
        for row in _visible_rows(view):
            text = model.data(model.index(row, column))
            if text is not None:
                widths.append(_text_width(view, str(text)))
    return max(widths)


def fit_columns(
    view: QTableView, kinds: Mapping[int, str], samples: Mapping[int, str] | None = None
) -> None:
    """Size each column of ``kinds`` ("code", "gtin", "id" or "stretch") to its content."""
    header = view.horizontalHeader()
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setWordWrap(False)
    ensure_tooltips(view)
    fitted = bool(view.property(FITTED))
    id_bound = view.fontMetrics().horizontalAdvance("W" * 4 + "0" * (ID_MAX_CHARS - 4))
    for column, kind in kinds.items():
        if kind == "stretch":
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        sample = (samples or {}).get(column, GTIN_SAMPLE if kind == "gtin" else "")
        width = content_width(view, column, sample)
        if kind == "id":
            width = min(width, id_bound + CELL_PADDING)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # Never narrower than the last fit: shorter rows scrolled into view must not make
        # the columns jump (the first fit replaces Qt's default width).
        if fitted and kind != "id":
            width = max(width, header.sectionSize(column))
        view.setColumnWidth(column, width)
    view.setProperty(FITTED, True)


class ElidedTextToolTips(QObject):
    """Shows a cell's full text as its tooltip when the model gives none of its own."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index: QModelIndex = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None:
            return False
        QToolTip.showText(event.globalPos(), str(text), self.view.viewport())
        return True


def ensure_tooltips(view: QAbstractItemView) -> None:
    if view.findChild(ElidedTextToolTips) is None:
        ElidedTextToolTips(view)


def full_text_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """What the tooltip of ``index`` shows (the model's tooltip, else the full text)."""
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    if tip:
        return str(tip)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    return "" if text is None else str(text)


class ElideRightDelegate(QStyledItemDelegate):
    """Elides a column's text at its end, where the view elides in the middle (for the ids):
    a product name's or an "SKU · name" cell's beginning says what it is."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


def columns_width(table: QTableView, skip: Collection[int]) -> int:
    """The summed width of the table's visible columns, but those in ``skip``."""
    header = table.horizontalHeader()
    return sum(
        header.sectionSize(c)
        for c in range(header.count())
        if c not in skip and not header.isSectionHidden(c)
    )


class _ViewportResized(QObject):
    def __init__(self, table: QTableView, callback: Callable[[], None]) -> None:
        super().__init__(table)
        self.callback = callback
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.callback()
        return False


def on_viewport_resized(table: QTableView, callback: Callable[[], None]) -> None:
    """Call ``callback`` each time the table's visible width or height changes (a column that
    takes the free width sizes itself again)."""
    _ViewportResized(table, callback)
