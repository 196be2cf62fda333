from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.devices.base import DeviceInfo
from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from tests.minting.conftest import READY_SKU, prepare_station


@pytest.mark.parametrize("kind", ["nfc", "rfid"])
def test_station_page_encodes_a_batch_with_the_simulator(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, kind: str
) -> None:
    prepare_station(sqlite_db)
    spec = SerialSpec(kind=SerialKind.NUMERIC)
    sub = submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=12, serials=spec))
    mint(sub.batch_id, db=sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.stations_page)
    page = window.stations_page
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.batch.setCurrentIndex(page.batch.findData(sub.batch_id))
    page.simulate.setChecked(True)
    page.start_button.click()
    assert page.job is not None
    assert not page.start_button.isEnabled()
    with qtbot.waitSignal(page.job.finished, timeout=120_000):
        pass
    assert page.counts["done"] == page.counts["total"] == 12
    assert "Remaining 0" in page.figures.text()
    assert page.state.text().startswith("✔")
    assert page.start_button.isEnabled()
    tokens = window.tokens_page
    tokens.apply_filters()
    tokens.table.selectRow(0)
    history = [tokens.preview.history.item(i).text() for i in range(tokens.preview.history.count())]
    assert any(kind.upper() in line and "ok" in line for line in history), history


def test_without_a_reader_the_page_says_what_to_do(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No reader on the bus: a hint names the ways forward; a reader plugged in and F5 lists it.

    The USB and serial buses are the machine's own (nothing is plugged in here); the reader
    that appears later is a registered discovery returning it, as nfcpy's would.
    """
    page = window.stations_page
    window.show_page(page)
    qtbot.waitUntil(lambda: page.listing is None, timeout=30_000)
    if page.device.count():
        pytest.skip("a reader is connected to this machine")
    page.kind.setCurrentIndex(page.kind.findData("nfc"))
    assert "No NFC reader found" in page.device_hint.text()
    assert "simulator" in page.device_hint.text()
    page.simulate.setChecked(True)
    assert "No NFC reader" not in page.device_hint.text()
    page.simulate.setChecked(False)
    reader = DeviceInfo(kind="nfc", path="usb:054c:06c3", name="RC-S380", driver="port100")
    monkeypatch.setattr("app.workers.stations.registry.list_devices", lambda: ([reader], []))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.device.count() == 1, timeout=30_000)
    assert page.device.itemData(0) == "usb:054c:06c3"
    assert "1 device(s) found" in page.device_hint.text()
