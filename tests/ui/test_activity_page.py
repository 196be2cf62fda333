from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage import audit
from app.storage.db import Database
from app.ui.pages.activity_page import DETAILS, ENTITY, EVENT, NUMBER, TIME, ActivityPage
from app.ui.widgets.columns import CELL_PADDING, full_text_tooltip
from tests.minting.conftest import READY_SKU, prepare_station

DIGEST = "ca9332adba4ee84d28f33f2dcd3c423df9379086c571184949da7ccad5d3966f"


def _page_with_events(qtbot: QtBot, db: Database) -> tuple[ActivityPage, str]:
    """A minted batch and an export's digest map, shown in a page 1024×768 leaves room for."""
    prepare_station(db)
    batch = submit(db, MintRequest(sku=READY_SKU, quantity=10))
    mint(batch.batch_id, db=db)
    with db.write() as session:
        audit.append(session, "export_job", 1, "completed", {"sha256": {"1": DIGEST}})
    page = ActivityPage(db)
    qtbot.addWidget(page)
    page.resize(760, 600)  # the page's share of a 1024×768 window (the nav takes the rest)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page, batch.uid


def _row(page: ActivityPage, event: str) -> int:
    for row in range(page.table.rowCount()):
        if page.table.item(row, EVENT).text() == event:
            return row
    raise AssertionError(f"no {event!r} row")


def test_verify_chain_runs_in_the_background(qtbot: QtBot, sqlite_db: Database) -> None:
    prepare_station(sqlite_db)
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=10)).batch_id, db=sqlite_db)
    page = ActivityPage(sqlite_db)
    qtbot.addWidget(page)
    assert page.table.rowCount() > 0
    op = page.verify()
    assert not page.verify_button.isEnabled()
    assert "Verifying" in page.verdict.text()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert page.chain_ok is True
    assert page.verdict.text().startswith("✔")
    assert page.verify_button.isEnabled()


def test_number_and_time_fit_on_one_line(qtbot: QtBot, sqlite_db: Database) -> None:
    page, _ = _page_with_events(qtbot, sqlite_db)
    table = page.table
    metrics = table.fontMetrics()
    assert not table.wordWrap()
    time = table.item(0, TIME).text()
    assert len(time) == len("2026-12-02 10:15:08")
    assert table.columnWidth(TIME) >= metrics.horizontalAdvance(time) + CELL_PADDING
    header = table.horizontalHeader().fontMetrics().horizontalAdvance("#")
    assert table.columnWidth(NUMBER) <= header + 2 * CELL_PADDING + metrics.horizontalAdvance("0")
    assert table.item(0, NUMBER).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_entity_id_is_elided_in_the_middle_with_the_full_text_as_tooltip(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page, batch_uid = _page_with_events(qtbot, sqlite_db)
    table = page.table
    index = table.model().index(_row(page, "status minted"), ENTITY)
    entity = f"batch {batch_uid}"
    assert index.data() == entity
    assert table.columnWidth(ENTITY) < table.fontMetrics().horizontalAdvance(entity)
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert full_text_tooltip(table, index) == entity


def test_details_read_as_text_elided_at_the_end_with_json_as_tooltip(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page, _ = _page_with_events(qtbot, sqlite_db)
    table = page.table
    minted = table.model().index(_row(page, "status minted"), DETAILS)
    assert minted.data() == "from processing → minted · minted 10"
    assert json.loads(full_text_tooltip(table, minted)) == {
        "from": "processing",
        "to": "minted",
        "minted": 10,
    }
    digests = table.model().index(_row(page, "completed"), DETAILS)
    assert digests.data() == "sha256 1: ca9332ad…966f"
    assert DIGEST in full_text_tooltip(table, digests)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(digests).initStyleOption(option, digests)
    assert option.textElideMode == Qt.TextElideMode.ElideRight
    for row in range(table.rowCount()):
        assert "{" not in table.item(row, DETAILS).text()
