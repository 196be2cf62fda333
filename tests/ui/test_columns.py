"""Columns sized to their content: a GTIN and a serial whole, long ids elided in the middle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from app.ui.pages.tokens_page import TokensPage
from app.ui.theme import ALARM, NORMAL, status_foreground, status_level
from app.ui.widgets.columns import CELL_PADDING, fit_columns, full_text_tooltip
from tests.conftest import READY_GTIN, READY_SKU, prepare_station

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
