from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.core.states import IdentityMode
from app.minting.engine import mint
from app.minting.request import LotSpec, MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.storage.models import Token
from app.ui.main_window import MainWindow
from tests.minting.conftest import READY_GTIN, READY_SKU, prepare_station


def decode_widget(widget: QWidget) -> list[str]:
    """Render the widget as a person would see it and decode it with a real decoder."""
    pixmap = widget.grab()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data())))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def station_with_tokens(db: Database) -> None:
    prepare_station(db)
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="Q,", width=5)
    mint(submit(db, MintRequest(sku=READY_SKU, quantity=1_500, serials=spec)).batch_id, db=db)
    lots = MintRequest(
        sku=READY_SKU, quantity=3, identity_mode=IdentityMode.LOT, lots=(LotSpec("L7", 3, 3),)
    )
    mint(submit(db, lots).batch_id, db=db)


def test_preview_qr_decodes_to_the_token_url(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.tokens_page)
    page = window.tokens_page
    assert page.model.rowCount() == 1_503
    page.table.selectRow(1_200)
    token = page.preview.token
    assert token is not None
    assert token.serial == "Q,01201"
    assert token.resolver_url == f"https://id.acme.example/01/{READY_GTIN}/21/Q%2C01201"
    assert decode_widget(page.preview.qr) == [token.resolver_url]


def test_scan_field_finds_token_and_explains_bad_scans(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    page = window.tokens_page
    qtbot.keyClicks(page.scan, f"https://id.acme.example/01/{READY_GTIN}/21/Q%2C00042")
    qtbot.keyClick(page.scan, "\r")
    current = page.preview.token
    assert current is not None
    assert current.serial == "Q,00042"
    element_string = f"]C101{READY_GTIN}10L7"
    qtbot.keyClicks(page.scan, element_string)
    qtbot.keyClick(page.scan, "\r")
    assert page.preview.token is not None
    assert page.preview.token.lot == "L7"
    qtbot.keyClicks(page.scan, "https://id.acme.example/01/09506000001013/21/X")
    qtbot.keyClick(page.scan, "\r")
    assert "not understood" in page.scan_message.text()
    assert "check digit" in page.scan_message.text()


def test_revoke_from_preview(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> None:
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    page = window.tokens_page
    page.table.selectRow(0)
    op = page.preview.revoke_with_reason("label torn")
    assert op is not None
    assert not page.preview.revoke_button.isEnabled()  # busy while the write runs
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert page.preview.fields["status"].text() == "revoked"
    assert window.dashboard_page.cards["active_tokens"].value.text() != ""


def test_status_filter_runs_in_the_background_and_pages_by_key(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    station_with_tokens(sqlite_db)
    with sqlite_db.write() as session:  # every third token of the first batch is revoked
        session.execute(
            update(Token).where(Token.id % 3 == 0, Token.lot_id.is_(None)).values(status="revoked")
        )
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.tokens_page)
    page = window.tokens_page
    page.status_filter.setCurrentIndex(page.status_filter.findData("revoked"))
    assert page.model.is_loading
    assert not page.status_filter.isEnabled()  # busy while the filter runs
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)
    assert page.status_filter.isEnabled()
    assert page.model.index_.anchors is not None  # page anchors, not every key
    assert len(page.model.index_.anchors.keys) == 3  # 500 revoked in pages of 200
    assert page.model.rowCount() == 500
    assert page.count_label.text() == "500 revoked tokens"
    statuses = {page.model.token_at(row).status for row in range(500)}  # type: ignore[union-attr]
    assert statuses == {"revoked"}
    keys = [page.model.token_at(row).key for row in range(500)]  # type: ignore[union-attr]
    assert keys == sorted(set(keys))
    assert page.model.row_of_key(keys[321]) == 321


def test_search_says_first_n_of_m(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> None:
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.tokens_page)
    page = window.tokens_page
    qtbot.keyClicks(page.search, "Q,")
    qtbot.keyClick(page.search, "\r")
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)
    assert page.model.rowCount() == 1_000
    assert "first 1,000 of 1,500 matches" in page.count_label.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "Q,0149")
    qtbot.keyClick(page.search, "\r")
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10_000)
    assert page.model.rowCount() == 10
    assert page.count_label.text() == "10 match(es)"
    assert page.search.hasFocus()


def test_empty_preview_says_how_to_choose_a_token(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.tokens_page)
    preview = window.tokens_page.preview
    assert preview.token is None
    assert preview.empty_hint.isVisible() and not preview.qr.isVisible()
    assert "Select a token in the list, or scan one" in preview.empty_hint.text()
    window.tokens_page.table.selectRow(0)
    assert preview.token is not None
    assert not preview.empty_hint.isVisible() and preview.qr.isVisible()
    assert preview.fields["activation"].text() == "at-mint"  # English shows the code
    preview.show_token(None)
    assert preview.empty_hint.isVisible() and not preview.qr.isVisible()
