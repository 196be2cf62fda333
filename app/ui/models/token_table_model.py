"""A table over any number of tokens that holds only a row index and a few pages.

The row index maps a row to a token key: for all tokens or one batch it is the batches' key
segments (every batch's tokens are one key range), so a million rows cost a handful of integers
and jumping to the last row is a bisect; for a status filter it is one anchor key per page
(a keyset view, see ``app.workers.token_filters``); for a search or a scan, the matching keys
(a search keeps its first 1,000 and says how many matched in all). Rows are fetched a page at
a time when they are drawn, and only the most recently used pages are kept (the Anki browser
pattern).

A status filter or a search may touch every token: it runs as an ``Op`` off the GUI thread;
the table is empty meanwhile, ``loading`` says so, and ``described`` gives the line the page
shows ("Filtering…", "12,345 tokens", "first 1,000 of 52,000 matches").
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from app.storage.db import Database
from app.storage.queries import TokenView, TokenViews, token_segments, tokens_between
from app.ui.status_words import token_status
from app.ui.theme import status_foreground
from app.workers.op import Op
from app.workers.token_filters import (
    Anchors,
    SearchResult,
    search_tokens,
    status_anchors,
    status_page,
)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
MAX_PAGES = 40


class RowIndex:
    """Row number -> token key (or, for a keyset view, page number -> first key)."""

    def __init__(
        self,
        segments: Sequence[tuple[int, int]] = (),
        keys: Sequence[int] = (),
        anchors: Anchors | None = None,
    ):
        self.segments = list(segments)
        self.keys = list(keys)
        self.anchors = anchors
        self.starts: list[int] = []
        total = 0
        for _first, count in self.segments:
            self.starts.append(total)
            total += count
        if anchors is not None:
            total = anchors.total
        elif not self.segments:
            total = len(self.keys)
        self.total = total

    def key(self, row: int) -> int:
        if not self.segments:
            return self.keys[row]
        i = bisect.bisect_right(self.starts, row) - 1
        first, _count = self.segments[i]
        return first + row - self.starts[i]

    def row_of(self, key: int) -> int | None:
        if not self.segments:
            i = bisect.bisect_left(self.keys, key)
            return i if i < len(self.keys) and self.keys[i] == key else None
        for start, (first, count) in zip(self.starts, self.segments, strict=True):
            if first <= key < first + count:
                return start + key - first
        return None


class TokenTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("TokenTableModel", "Token ID"),
        QT_TRANSLATE_NOOP("TokenTableModel", "Serial / lot"),
        QT_TRANSLATE_NOOP("TokenTableModel", "GTIN"),
        QT_TRANSLATE_NOOP("TokenTableModel", "Status"),
        QT_TRANSLATE_NOOP("TokenTableModel", "Batch"),
        QT_TRANSLATE_NOOP("TokenTableModel", "Created"),
    )
    """Translated when shown (headerData): the language is chosen after import."""

    loading = Signal(bool)
    described = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.batch_id: int | None = None
        self.status: str | None = None
        self.search: str = ""
        self.index_ = RowIndex()
        self._pages: OrderedDict[int, list[TokenView]] = OrderedDict()
        self.pages_fetched = 0
        self.is_loading = False
        self.description = ""
        self.search_result: SearchResult | None = None
        self.busy_controls: list[QWidget] = []
        self._generation = 0
        self.op: Op | None = None

    # -- filters -------------------------------------------------------------------------

    def set_filter(
        self, *, batch_id: int | None = None, status: str | None = None, search: str = ""
    ) -> None:
        self.batch_id, self.status, self.search = batch_id, status or None, search.strip()
        self.reload()

    def set_keys(self, keys: Sequence[int]) -> None:
        """Show exactly these tokens (a scan's result)."""
        self._generation += 1  # a filter still running in the background is superseded
        self._set_index(RowIndex(keys=sorted(keys)))
        self._describe(self.tr("{0:,} token(s) found by the scan").format(len(keys)))
        self._set_loading(False)

    def reload(self) -> None:
        """Rebuild the row index: at once for all tokens or a batch, in the background else."""
        self._generation += 1
        if not (self.search or self.status):
            with self.db.read() as session:
                segments = token_segments(session, self.batch_id)
            self._set_index(RowIndex(segments=segments))
            self.search_result = None
            self._describe(self.tr("{0:,} tokens").format(self.index_.total))
            self._set_loading(False)
            return
        generation = self._generation
        self._set_index(RowIndex())
        self._set_loading(True)
        if self.search:
            self._describe(self.tr("Searching…"))
            op = Op(search_tokens, self.db, self.search, owner=self, busy=self.busy_controls)
        else:
            assert self.status is not None
            self._describe(self.tr("Filtering…"))
            op = Op(
                status_anchors,
                self.db,
                self.status,
                self.batch_id,
                PAGE_SIZE,
                owner=self,
                busy=self.busy_controls,
            )
        self.op = (
            op.success(lambda result: self._loaded(generation, result))
            .failure(lambda exc: self._load_failed(generation, exc))
            .run()
        )

    def _loaded(self, generation: int, result: SearchResult | Anchors) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile; the newer one is on its way
        if isinstance(result, SearchResult):
            self.search_result = result
            self._set_index(RowIndex(keys=result.keys))
            if result.cut:
                text = self.tr("first {0:,} of {1:,} matches: refine the search to see the rest")
                self._describe(text.format(len(result.keys), result.total))
            else:
                self._describe(self.tr("{0:,} match(es)").format(result.total))
        else:
            self._set_index(RowIndex(anchors=result))
            status = token_status(self.status or "")
            self._describe(self.tr("{0:,} {1} tokens").format(result.total, status))
        self._set_loading(False)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._describe(self.tr("The filter failed: {0}").format(exc))
            self._set_loading(False)

    def _set_index(self, index: RowIndex) -> None:
        self.beginResetModel()
        self.index_ = index
        self._pages.clear()
        self.endResetModel()

    def _set_loading(self, loading: bool) -> None:
        self.is_loading = loading
        self.loading.emit(loading)

    def _describe(self, text: str) -> None:
        self.description = text
        self.described.emit(text)

    def refresh_counts(self) -> None:
        """Pick up tokens minted since the last look: append rows, or reload if reordered."""
        if self.search or self.status:
            return
        with self.db.read() as session:
            segments = token_segments(session, self.batch_id)
        old = self.index_.segments
        grown = len(segments) >= len(old) and all(
            s[0] == o[0] and s[1] >= o[1] for s, o in zip(segments, old, strict=False)
        )
        if segments == old:
            return
        new_index = RowIndex(segments=segments)
        tail_only = grown and all(
            s == o for s, o in zip(segments[: max(len(old) - 1, 0)], old, strict=False)
        )
        if tail_only and new_index.total > self.index_.total:
            first_new = self.index_.total
            last_page = (first_new - 1) // PAGE_SIZE if first_new else 0
            self.beginInsertRows(QModelIndex(), first_new, new_index.total - 1)
            self.index_ = new_index
            self._pages.pop(last_page, None)
            self.endInsertRows()
        else:
            self.beginResetModel()
            self.index_ = new_index
            self._pages.clear()
            self.endResetModel()

    # -- rows ----------------------------------------------------------------------------

    def token_at(self, row: int) -> TokenView | None:
        if not 0 <= row < self.index_.total:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of_key(self, key: int) -> int | None:
        anchors = self.index_.anchors
        if anchors is None:
            return self.index_.row_of(key)
        number = bisect.bisect_right(anchors.keys, key) - 1
        if number < 0:
            return None
        for offset, view in enumerate(self._page(number)):
            if view.key == key:
                return number * PAGE_SIZE + offset
        return None

    def _page(self, number: int) -> list[TokenView]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        anchors = self.index_.anchors
        if anchors is not None:
            page = self._fetch_anchored(anchors.keys[number])
        else:
            first_row = number * PAGE_SIZE
            last_row = min(first_row + PAGE_SIZE, self.index_.total) - 1
            keys = [self.index_.key(r) for r in range(first_row, last_row + 1)]
            page = self._fetch(keys)
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _fetch_anchored(self, anchor: int) -> list[TokenView]:
        """One page of a status view: a keyset query from the page's first key."""
        assert self.status is not None
        with self.db.read() as session:
            rows = status_page(session, self.status, self.batch_id, anchor, PAGE_SIZE)
            return TokenViews(session).views(rows)

    def _fetch(self, keys: list[int]) -> list[TokenView]:
        """Fetch by contiguous key runs: one range query for a page inside one batch."""
        by_key: dict[int, TokenView] = {}
        with self.db.read() as session:
            views = TokenViews(session)
            start = 0
            while start < len(keys):
                end = start
                while end + 1 < len(keys) and keys[end + 1] == keys[end] + 1:
                    end += 1
                rows = tokens_between(session, keys[start], keys[end])
                for view in views.views(rows):
                    by_key[view.key] = view
                start = end + 1
        return [by_key[k] for k in keys if k in by_key]

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.index_.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TokenTableModel", str(self.HEADERS[section]))
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        token = self.token_at(index.row())
        if token is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            return status_foreground(token.status) if col == 3 else None
        if col == 0:
            return token.token_id
        if col == 1:
            if token.serial is not None:
                return token.serial
            return self.tr("lot {0}").format(token.lot)
        if col == 2:
            return token.gtin or ""
        if col == 3:
            return token_status(token.status)
        if col == 4:
            return token.batch_uid
        return token.created_at.strftime("%Y-%m-%d %H:%M:%S")
