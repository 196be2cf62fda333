"""A table over any number of tokens that holds only a row index and a few pages.

The row index maps a row to a token key: for all tokens or one batch it is the batches' key
segments (every batch's tokens are one key range), so a million rows cost a handful of integers
and jumping to the last row is a bisect; for a status filter it is one anchor key per page
(a keyset view, see ``app.workers.token_filters``); for a search or a scan, the matching keys
(a search keeps its first 1,000 and says how many matched in all). Rows are fetched a page at
a time when they are drawn, and only the most recently used pages are kept (the Anki browser
pattern).

What runs where (DESIGN: nothing that writes or waits runs on the GUI thread; a read during a
mint took 27 ms inside a 60-90 ms stall of the first repaint after new rows appeared):

* Painting (``data()``) never reads. A row whose page is not cached shows "…"; the page is
  fetched by an ``Op`` (one per page: a page already on its way is not asked for twice; at
  most ``FETCHES_AT_ONCE`` run, the most recently drawn pages first, and only the newest
  ``MAX_WAITING`` requests wait: pages scrolled past are dropped and asked for again if they
  are drawn again). When it arrives, unless the row index changed meanwhile (a reload, a new
  filter, rows appended to that page), it is cached and ``dataChanged`` repaints its rows.
* A status filter or a search may touch every token: it runs as an ``Op``, and brings the
  first page along, so the table appears filled. The table is empty meanwhile, ``loading``
  says so, and ``described`` gives the line the page shows ("Filtering…", "12,345 tokens",
  "first 1,000 of 52,000 matches").
* ``refresh_counts()`` (every 2 s while a job runs) reads the key segments in an ``Op`` (one
  at a time) and appends the new rows on the GUI thread; the last page, which the new rows
  extend, keeps showing the rows it has until its refetch arrives.
* On the GUI thread, on purpose: ``reload()`` for all tokens or one batch reads the batches'
  key segments at once (one small query over the batches, not the tokens: callers and tests
  need ``rowCount()`` at once); ``token_at()`` and ``row_of_key()`` read a page that is not
  cached (their callers, the preview of the selected token and the pages' actions, need the
  token now); and ``data()`` called while the model announces a reset reads the page too: the
  pages size their columns to the visible rows in their ``modelReset`` handler, and measuring
  "…" would leave them too narrow (a filter's first page is already cached by then, so this
  reads only after a reload of all tokens or a batch, a scan, or a reordered refresh).
"""

from __future__ import annotations

import bisect
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial
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
from app.storage.queries import TokenView
from app.ui.status_words import token_status
from app.ui.theme import status_foreground
from app.workers.op import Op
from app.workers.token_filters import Anchors, SearchResult
from app.workers.token_pages import (
    PAGE_SIZE,
    anchors_with_first_page,
    read_keys,
    read_segments,
    read_status_page,
    search_with_first_page,
)

Index = QModelIndex | QPersistentModelIndex
MAX_PAGES = 40
FETCHES_AT_ONCE = 2
MAX_WAITING = 6
PLACEHOLDER = "…"

log = logging.getLogger("mintstation")


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

    def page_keys(self, number: int) -> list[int]:
        """The keys of page ``number`` (not for a keyset view: it has no key per row)."""
        first_row = number * PAGE_SIZE
        last_row = min(first_row + PAGE_SIZE, self.total)
        if not self.segments:
            return self.keys[first_row:last_row]
        return [self.key(r) for r in range(first_row, last_row)]


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
        self.pages_fetched = 0  # page reads started, on the GUI thread or in an Op
        self.is_loading = False
        self.description = ""
        self.search_result: SearchResult | None = None
        self.busy_controls: list[QWidget] = []
        self._generation = 0
        self.op: Op | None = None
        self.counts_op: Op | None = None
        # Page fetches: the pages on their way (page -> fetch number: an answer whose number
        # is no longer there is stale), the requests waiting for a free fetch (newest last),
        # the cached pages that new rows extend (shown until their refetch arrives), and
        # whether data() may read at once (while the model announces a reset).
        self._in_flight: dict[int, int] = {}
        self._waiting: OrderedDict[int, None] = OrderedDict()
        self._stale: set[int] = set()
        self._fetches_running = 0
        self._fetch_number = 0
        self._read_now = False

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
        """Rebuild the row index: at once for all tokens or a batch, in the background else.

        All tokens or one batch: the index is the batches' key segments, one small query on
        the GUI thread, so ``rowCount()`` is right when this returns. A status filter or a
        search runs as an ``Op`` and fills the table when it is done.
        """
        self._generation += 1
        if not (self.search or self.status):
            self._set_index(RowIndex(segments=read_segments(self.db, self.batch_id)))
            self.search_result = None
            self._describe(self.tr("{0:,} tokens").format(self.index_.total))
            self._set_loading(False)
            return
        generation = self._generation
        self._set_index(RowIndex())
        self._set_loading(True)
        if self.search:
            self._describe(self.tr("Searching…"))
            op = Op(
                search_with_first_page,
                self.db,
                self.search,
                owner=self,
                busy=self.busy_controls,
                name="op:search_tokens",
            )
        else:
            assert self.status is not None
            self._describe(self.tr("Filtering…"))
            op = Op(
                anchors_with_first_page,
                self.db,
                self.status,
                self.batch_id,
                owner=self,
                busy=self.busy_controls,
                name="op:status_anchors",
            )
        self.op = (
            op.success(lambda answer: self._loaded(generation, *answer))
            .failure(lambda exc: self._load_failed(generation, exc))
            .run()
        )

    def _loaded(
        self, generation: int, result: SearchResult | Anchors, first_page: list[TokenView]
    ) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile; the newer one is on its way
        if isinstance(result, SearchResult):
            self.search_result = result
            self._set_index(RowIndex(keys=result.keys), first_page)
            if result.cut:
                text = self.tr("first {0:,} of {1:,} matches: refine the search to see the rest")
                self._describe(text.format(len(result.keys), result.total))
            else:
                self._describe(self.tr("{0:,} match(es)").format(result.total))
        else:
            self._set_index(RowIndex(anchors=result), first_page)
            status = token_status(self.status or "")
            self._describe(self.tr("{0:,} {1} tokens").format(result.total, status))
        self._set_loading(False)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._describe(self.tr("The filter failed: {0}").format(exc))
            self._set_loading(False)

    def _set_index(self, index: RowIndex, first_page: list[TokenView] | None = None) -> None:
        self.beginResetModel()
        self.index_ = index
        self._forget_pages()
        if first_page is not None and index.total:
            self._store(0, first_page)
        self._end_reset()

    def _forget_pages(self) -> None:
        """Every cached page and every answer on its way is of the old index now."""
        self._pages.clear()
        self._in_flight.clear()
        self._waiting.clear()
        self._stale.clear()

    def _end_reset(self) -> None:
        self._read_now = True  # the pages' modelReset handlers measure the visible rows
        try:
            self.endResetModel()
        finally:
            self._read_now = False

    def _set_loading(self, loading: bool) -> None:
        self.is_loading = loading
        self.loading.emit(loading)

    def _describe(self, text: str) -> None:
        self.description = text
        self.described.emit(text)

    def refresh_counts(self) -> None:
        """Pick up tokens minted since the last look: append rows, or reload if reordered.

        The key segments are read in an ``Op`` (not while one is still running); the rows are
        appended on the GUI thread when it is done, unless the filter changed meanwhile.
        """
        if self.search or self.status:
            return
        if self.counts_op is not None and self.counts_op.is_running():
            return
        generation = self._generation
        self.counts_op = (
            Op(read_segments, self.db, self.batch_id, owner=self, name="op:token_segments")
            .success(lambda segments: self._counts_read(generation, segments))
            .run()
        )

    def _counts_read(self, generation: int, segments: list[tuple[int, int]]) -> None:
        if generation != self._generation or self.search or self.status:
            return  # reloaded meanwhile: that read is newer than this one
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
            # The last page gains rows: an answer on its way has too few; a cached one keeps
            # showing the rows it has until its refetch (asked for when it is drawn) arrives.
            self._in_flight.pop(last_page, None)
            if last_page in self._pages:
                self._stale.add(last_page)
            self.endInsertRows()
        else:
            self.beginResetModel()
            self.index_ = new_index
            self._forget_pages()
            self._end_reset()

    # -- rows ----------------------------------------------------------------------------

    def token_at(self, row: int) -> TokenView | None:
        """The token of ``row``, now: from the cache, else read on the calling thread."""
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
        """Page ``number`` from the cache, else read at once (for callers that need it now)."""
        page = self._pages.get(number)
        if page is not None and number not in self._stale:
            self._pages.move_to_end(number)
            return page
        self.pages_fetched += 1
        page = self._reader(number)()
        self._in_flight.pop(number, None)  # an answer on its way is not needed any more
        self._waiting.pop(number, None)
        self._store(number, page)
        return page

    def _reader(self, number: int) -> Callable[[], list[TokenView]]:
        """The read of page ``number`` of the current index (run here or in an Op)."""
        anchors = self.index_.anchors
        if anchors is not None:
            assert self.status is not None
            return partial(
                read_status_page, self.db, self.status, self.batch_id, anchors.keys[number]
            )
        return partial(read_keys, self.db, self.index_.page_keys(number))

    def _store(self, number: int, page: list[TokenView]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        self._stale.discard(number)
        while len(self._pages) > MAX_PAGES:
            evicted, _ = self._pages.popitem(last=False)
            self._stale.discard(evicted)

    def _cached_row(self, row: int) -> TokenView | str | None:
        """For painting: the row's token, PLACEHOLDER (its page is on its way) or None."""
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None or number in self._stale:
            if self._read_now:
                page = self._page(number)
            else:
                self._request(number)
        else:
            self._pages.move_to_end(number)
        if page is None:
            return PLACEHOLDER
        if offset < len(page):
            return page[offset]
        return PLACEHOLDER if number in self._stale else None

    def _request(self, number: int) -> None:
        """Ask for page ``number`` in the background, unless it is on its way already."""
        if number in self._in_flight:
            return
        self._waiting[number] = None
        self._waiting.move_to_end(number)
        while len(self._waiting) > MAX_WAITING:
            self._waiting.popitem(last=False)  # scrolled past; asked for again if drawn
        self._start_fetches()

    def _start_fetches(self) -> None:
        while self._waiting and self._fetches_running < FETCHES_AT_ONCE:
            number, _ = self._waiting.popitem(last=True)  # the most recently drawn first
            op = Op(self._reader(number), owner=self, name="op:token_page")
            self._fetch_number += 1
            fetch = self._fetch_number
            self._in_flight[number] = fetch
            self._fetches_running += 1
            self.pages_fetched += 1
            op.success(partial(self._arrived, number, fetch))
            op.failure(partial(self._fetch_failed, number, fetch))
            op.run()

    def _arrived(self, number: int, fetch: int, page: list[TokenView]) -> None:
        self._fetches_running -= 1
        if self._in_flight.get(number) == fetch:  # else the index changed meanwhile
            del self._in_flight[number]
            self._store(number, page)
            first = number * PAGE_SIZE
            last = min(first + PAGE_SIZE, self.index_.total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.HEADERS) - 1))
        self._start_fetches()

    def _fetch_failed(self, number: int, fetch: int, exc: BaseException) -> None:
        self._fetches_running -= 1
        if self._in_flight.get(number) == fetch:
            del self._in_flight[number]  # asked for again when it is drawn again
        log.warning("token page %d could not be read: %s", number, exc)
        self._start_fetches()

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
        """A cell from the cached pages; "…" while its page is read in the background."""
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        if not 0 <= index.row() < self.index_.total:
            return None
        token = self._cached_row(index.row())
        if token is None or isinstance(token, str):
            return token if role == Qt.ItemDataRole.DisplayRole else None
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
