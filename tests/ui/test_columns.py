"""Columns sized to their content: GTIN, serial and SKU whole, long ids elided in the middle."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.ui.pages.batches_page import BATCH_COLUMN, BATCH_ID_MIN_CHARS, PRODUCT_COLUMN
from app.ui.pages.products_page import (
    GTIN_COLUMN,
    NAME_COLUMN,
    READY_COLUMN,
    SKU_COLUMN,
    STATUS_COLUMN,
)
from app.ui.pages.tokens_page import TokensPage
from app.ui.theme import ALARM, NORMAL, status_foreground, status_level
from app.ui.widgets.columns import (
    CELL_PADDING,
    columns_width,
    fit_columns,
    full_text_tooltip,
    on_viewport_resized,
)
from tests.conftest import READY_GTIN, READY_SKU, prepare_station
from tests.ui.test_translations import german

LONG_ID = "01JF8Z5Q7W3M2N4P6R8T0V2X4Y-000000123456-ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_tokens_page_shows_gtin_and_serial_whole(qtbot: QtBot, sqlite_db: Database) -> None:
    prepare_station(sqlite_db)
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="SERIAL-LONG-", width=8)
    mint(
        submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=50, serials=spec)).batch_id,
        db=sqlite_db,
    )
    page = TokensPage(sqlite_db)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 50)
    table = page.table
    metrics = table.fontMetrics()
    gtin = page.model.index(0, 2).data()
    serial = page.model.index(0, 1).data()
    assert gtin == READY_GTIN
    assert table.columnWidth(2) >= metrics.horizontalAdvance(gtin) + CELL_PADDING
    assert table.columnWidth(1) >= metrics.horizontalAdvance(serial) + CELL_PADDING
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_long_id_is_elided_in_the_middle_with_the_full_text_as_tooltip(qtbot: QtBot) -> None:
    table = QTableWidget(1, 3)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["Token ID", "GTIN", "Created"])
    table.setItem(0, 0, QTableWidgetItem(LONG_ID))
    table.setItem(0, 1, QTableWidgetItem(READY_GTIN))
    table.show()
    fit_columns(table, {0: "id", 1: "gtin", 2: "stretch"})
    metrics = table.fontMetrics()
    assert table.columnWidth(0) < metrics.horizontalAdvance(LONG_ID)
    assert table.columnWidth(1) >= metrics.horizontalAdvance(READY_GTIN) + CELL_PADDING
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert full_text_tooltip(table, table.model().index(0, 0)) == LONG_ID


def test_status_colours_follow_isa_101() -> None:
    assert status_level("minted") == NORMAL and status_foreground("minted") is None
    assert status_level("active") == NORMAL
    assert status_level("Failed") == ALARM and status_foreground("failed") is not None
    assert status_level("revoked") == ALARM


def test_batches_product_sku_stays_whole_at_1024x768_in_german(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    """The batch id gives way (elided in the middle) before the product's SKU does."""
    prepare_station(sqlite_db)
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=5)).batch_id, db=sqlite_db)
    with german():
        window = MainWindow(sqlite_db, home)
        qtbot.addWidget(window)
        window.resize(1024, 768)
        window.show()
        window.show_page(window.batches_page)
        page = window.batches_page
        table = page.table
        qtbot.waitUntil(lambda: table.viewport().width() > 600)
        metrics = table.fontMetrics()
        uid = page.views[0].uid
        assert table.item(0, PRODUCT_COLUMN).text().startswith(f"{READY_SKU} · ")
        assert table.columnWidth(PRODUCT_COLUMN) >= (
            metrics.horizontalAdvance(f"{READY_SKU}…") + CELL_PADDING
        )
        narrow = table.columnWidth(BATCH_COLUMN)
        assert narrow >= metrics.horizontalAdvance("0" * BATCH_ID_MIN_CHARS) + CELL_PADDING
        assert narrow < metrics.horizontalAdvance(uid)
        assert full_text_tooltip(table, table.model().index(0, BATCH_COLUMN)) == uid
        assert not table.horizontalScrollBar().isVisible()
        window.resize(1600, 900)  # room again: the batch id gets its width back
        qtbot.waitUntil(lambda: table.columnWidth(BATCH_COLUMN) > narrow)
        assert table.columnWidth(BATCH_COLUMN) == page.batch_id_width


# At 1024×768 every sample name shows at least this many characters (or whole).
NAME_SHOWN_CHARS = 16


@pytest.mark.parametrize("language", ["en", "de"])
def test_products_name_readable_and_codes_whole_at_1024x768(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, language: str
) -> None:
    """The name elides at its end with a useful width; SKU, GTIN, status, readiness whole."""
    prepare_station(sqlite_db)
    with german() if language == "de" else nullcontext():
        window = MainWindow(sqlite_db, home)
        qtbot.addWidget(window)
        window.resize(1024, 768)
        window.show()
        window.show_page(window.products_page)
        page = window.products_page
        table = page.table
        qtbot.waitUntil(lambda: table.viewport().width() > 500)
        metrics = table.fontMetrics()
        model = page.model
        assert model.rowCount() == 20

        def whole(column: int) -> int:
            texts = [str(model.index(row, column).data()) for row in range(model.rowCount())]
            return max(metrics.horizontalAdvance(text) for text in texts) + CELL_PADDING

        for column in (SKU_COLUMN, GTIN_COLUMN, STATUS_COLUMN, READY_COLUMN):
            assert table.columnWidth(column) >= whole(column), column
        assert table.columnWidth(STATUS_COLUMN) >= (
            metrics.horizontalAdvance("discontinued") + CELL_PADDING
        )
        name_width = table.columnWidth(NAME_COLUMN)
        assert name_width >= 150
        for row in range(model.rowCount()):
            name = model.index(row, NAME_COLUMN).data()
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width - CELL_PADDING)
            assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (
                shown
            )  # elided at the end, never in the middle
            assert len(shown.rstrip("…")) >= min(len(name), NAME_SHOWN_CHARS), shown
        option = QStyleOptionViewItem()
        delegate = table.itemDelegateForColumn(NAME_COLUMN)
        delegate.initStyleOption(option, model.index(0, NAME_COLUMN))
        assert option.textElideMode == Qt.TextElideMode.ElideRight
        header = table.horizontalHeader()
        assert sum(header.sectionSize(c) for c in range(model.columnCount())) <= (
            table.viewport().width()
        )
        assert not table.horizontalScrollBar().isVisible()
        window.close()


def test_columns_width_and_viewport_resize(qtbot: QtBot) -> None:
    """The pieces a filling column is sized with: the others' width, and a resize callback."""
    table = QTableWidget(2, 4)
    qtbot.addWidget(table)
    for column, width in enumerate((50, 60, 70, 80)):
        table.setColumnWidth(column, width)
    table.setColumnHidden(3, True)
    assert columns_width(table, skip=()) == 180  # the hidden column does not count
    assert columns_width(table, skip=(1,)) == 120
    seen: list[int] = []
    on_viewport_resized(table, lambda: seen.append(table.viewport().width()))
    table.resize(400, 200)
    table.show()
    qtbot.waitUntil(lambda: bool(seen))
    before = len(seen)
    table.resize(600, 200)
    qtbot.waitUntil(lambda: len(seen) > before)
    assert seen[-1] > 400
