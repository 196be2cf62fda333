from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.ui.pages.activity_page import ActivityPage
from tests.minting.conftest import READY_SKU, prepare_station


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
