from __future__ import annotations

import io
import threading

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
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
from app.storage.queries import TokenView
from app.ui.main_window import MainWindow
from app.ui.models import token_table_model
from app.ui.models.token_table_model import PAGE_SIZE, PLACEHOLDER, TokenTableModel
from app.workers.op import running_ops
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


@pytest.fixture
def tokens_window(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> MainWindow:
    """A station with 1,503 tokens (a serial batch and a lot batch), on the Tokens page."""
    station_with_tokens(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.tokens_page)
    return window


def test_preview_qr_decodes_to_the_token_url(qtbot: QtBot, tokens_window: MainWindow) -> None:
    window = tokens_window
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


def test_search_says_first_n_of_m(qtbot: QtBot, tokens_window: MainWindow) -> None:
    window = tokens_window
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


def test_empty_preview_says_how_to_choose_a_token(qtbot: QtBot, tokens_window: MainWindow) -> None:
    window = tokens_window
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


def page_reads_off_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for every page read, whether it ran on the GUI thread."""
    on_gui_thread: list[bool] = []
    real = token_table_model.read_keys

    def recorded(db: Database, keys: list[int]) -> list[TokenView]:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(db, keys)

    monkeypatch.setattr(token_table_model, "read_keys", recorded)
    return on_gui_thread


def test_painting_an_unfetched_page_shows_a_placeholder_then_the_rows(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    station_with_tokens(sqlite_db)
    reads = page_reads_off_the_gui_thread(monkeypatch)
    model = TokenTableModel(sqlite_db)
    model.reload()
    assert model.rowCount() == 1_503
    cell = model.index(1_234, 1)
    with qtbot.waitSignal(model.dataChanged, timeout=10_000) as changed:
        assert model.data(cell) == PLACEHOLDER
        assert model.data(cell, Qt.ItemDataRole.ForegroundRole) is None
        for row in (1_200, 1_234, 1_399):  # one page: asked for once
            model.data(model.index(row, 0))
        assert model.pages_fetched == 1
    assert reads == [False]  # read in the background
    first, last = changed.args[:2]
    assert (first.row(), last.row()) == (1_200, 1_399)  # the page's rows repaint
    assert (first.column(), last.column()) == (0, model.columnCount() - 1)
    assert model.data(cell) == "Q,01235"
    token = model.token_at(1_234)  # from the cache: no second read
    assert token is not None and token.serial == "Q,01235"
    assert model.pages_fetched == 1
    assert model.token_at(5) is not None  # a caller that needs it now reads it at once
    assert reads == [False, True]


def test_a_page_read_before_a_reload_is_dropped(qtbot: QtBot, sqlite_db: Database) -> None:
    station_with_tokens(sqlite_db)
    model = TokenTableModel(sqlite_db)
    model.reload()
    cell = model.index(1_300, 3)
    assert model.data(cell) == PLACEHOLDER
    (fetch,) = running_ops()
    assert fetch.wait(10_000)  # read, but its answer has not reached the GUI thread yet
    with sqlite_db.write() as session:
        session.execute(update(Token).where(Token.serial == "Q,01301").values(status="revoked"))
    changed: list[int] = []
    model.dataChanged.connect(lambda first, _last: changed.append(first.row()))
    model.reload()  # a new index: the answer on its way is stale
    qtbot.waitUntil(lambda: fetch.finished)
    assert changed == []
    assert model.data(cell) == PLACEHOLDER  # asked for again, not the stale page
    assert model.pages_fetched == 2
    qtbot.waitUntil(lambda: changed == [1_200], timeout=10_000)
    assert model.data(cell) == "revoked"


def test_refresh_counts_appends_rows_read_in_the_background(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    station_with_tokens(sqlite_db)
    model = TokenTableModel(sqlite_db)
    model.reload()
    last_page_row = (1_503 // PAGE_SIZE) * PAGE_SIZE
    shown = model.token_at(1_502)  # the last page is cached (1,400-1,502)
    assert shown is not None
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=50)).batch_id, db=sqlite_db)
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000) as inserted:
        model.refresh_counts()
        op = model.counts_op
        assert op is not None and op.is_running()
        assert model.rowCount() == 1_503  # not yet: the segments are read in the background
        model.refresh_counts()  # one at a time
        assert model.counts_op is op
    assert inserted.args[1:] == [1_503, 1_552]
    assert model.rowCount() == 1_553
    # The last page shows the rows it had while its refetch, with the new rows, is on its way.
    assert model.data(model.index(1_502, 0)) == shown.token_id
    with qtbot.waitSignal(model.dataChanged, timeout=10_000) as changed:
        assert model.data(model.index(1_520, 0)) == PLACEHOLDER
    assert changed.args[0].row() == last_page_row
    assert changed.args[1].row() == 1_552
    new = model.token_at(1_552)
    assert new is not None and new.key == shown.key + 50
    assert model.data(model.index(1_552, 0)) == new.token_id
