"""The Products page: the empty details pane says what it is for; the split favours the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.products import import_products
from app.ui.pages.products_page import (
    DETAILS_SIDE_LEAST,
    DETAILS_WANT,
    NAME_COLUMN,
    READY_COLUMN,
    ProductsPage,
    two_lines,
)
from tests.conftest import NOT_READY_SKU, READY_SKU, prepare_station

HINT = "Select a product to see its passport fields"


def shown_page(qtbot: QtBot, db: Database, width: int, height: int) -> ProductsPage:
    page = ProductsPage(db)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


def row_of(page: ProductsPage, sku: str) -> int:
    return next(i for i, v in enumerate(page.model.views) if v.record.sku == sku)


def test_two_lines_keeps_the_longer_line_short() -> None:
    assert two_lines("Ready to mint") == "Ready\nto mint"
    assert two_lines("Bereit zum Prägen") in ("Bereit\nzum Prägen", "Bereit zum\nPrägen")
    assert two_lines("Status") == "Status"


def test_ready_header_is_two_lines_with_the_whole_label_as_tooltip(sqlite_db: Database) -> None:
    page = ProductsPage(sqlite_db)
    model = page.model
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(READY_COLUMN, horizontal) == "Ready\nto mint"
    assert model.headerData(READY_COLUMN, horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Ready to mint"
    )
    assert model.headerData(NAME_COLUMN, horizontal) == "Name"
    page.deleteLater()


def test_empty_details_pane_shows_a_hint_until_a_product_is_selected(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    page = shown_page(qtbot, sqlite_db, 1000, 600)
    assert page.details_hint.isVisible()
    assert HINT in page.details_hint.text()
    assert not page.details.isVisible()
    page.table.selectRow(row_of(page, READY_SKU))
    assert page.details.isVisible()
    assert not page.details_hint.isVisible()
    assert "Cordless Drill 18V" in page.details.toPlainText()
    assert "✔ Ready to mint" in page.details.toPlainText()
    # A search that still lists the product keeps it selected and shown...
    qtbot.keyClicks(page.search, "Drill")
    selected = page.selected()
    assert selected is not None and selected.sku == READY_SKU
    assert page.details.isVisible()
    # ... one that does not shows the hint again (not the details of a product not listed).
    page.search.setText(NOT_READY_SKU)
    assert page.model.rowCount() == 1
    assert page.selected() is None
    assert page.details_hint.isVisible()
    assert page.details.toPlainText() == ""


def test_details_show_names_and_fields_as_text_not_markup(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    with sqlite_db.write() as session:
        report = import_products(
            session,
            "sku,name,commercial_status,manufacturer\n"
            "ACM-NUT-M8,Nuts & <b>Bolts</b> M8,active,Acme <Tools>\n",
        )
        assert report.ok
    page = shown_page(qtbot, sqlite_db, 1000, 600)
    page.table.selectRow(row_of(page, "ACM-NUT-M8"))
    text = page.details.toPlainText()
    assert "Nuts & <b>Bolts</b> M8" in text
    assert "Acme <Tools>" in text


def test_details_pane_beside_the_table_when_there_is_room_else_below(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    page = shown_page(qtbot, sqlite_db, 1400, 700)
    splitter = page.splitter
    table = page.table
    qtbot.waitUntil(lambda: splitter.sizes()[1] == DETAILS_WANT)
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert splitter.sizes()[0] >= page.table_least()
    assert not table.horizontalScrollBar().isVisible()
    page.resize(page.name_least + 520, 700)  # too narrow for the pane beside the table
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    assert splitter.width() - splitter.handleWidth() - page.table_least() < DETAILS_SIDE_LEAST
    assert table.columnWidth(NAME_COLUMN) >= page.name_least
    assert not table.horizontalScrollBar().isVisible()
    page.table.selectRow(0)
    assert "<table" in page.details.toHtml()  # a wide pane: the fields as a table
    page.resize(1400, 700)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal)
    assert splitter.sizes()[1] == DETAILS_WANT
    assert "<table" not in page.details.toHtml()  # narrow: each label above its value


def test_a_split_the_operator_chose_is_kept(qtbot: QtBot, sqlite_db: Database) -> None:
    prepare_station(sqlite_db)
    page = shown_page(qtbot, sqlite_db, 1400, 700)
    splitter = page.splitter
    qtbot.waitUntil(lambda: splitter.sizes()[1] == DETAILS_WANT)
    with qtbot.waitSignal(splitter.splitterMoved):
        splitter.moveSplitter(splitter.sizes()[0] - 200, 1)
    chosen = splitter.sizes()[1]
    assert chosen > DETAILS_WANT
    page.resize(1500, 700)
    qtbot.waitUntil(lambda: splitter.width() > 1400)
    assert splitter.sizes()[1] == chosen  # the table took the new width, the pane kept its own
