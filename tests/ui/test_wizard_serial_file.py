"""The wizard reads a bring-your-own serial file in the background (issue 13's leftover).

Reading and checking a million rows took 3 s on the GUI thread; now an ``Op`` does it, the
chooser is busy meanwhile, and the result arrives through the Op's callback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.minting.request import SerialKind
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from tests.minting.conftest import READY_SKU, prepare_station
from tests.ui.test_wizard import choose_product, open_wizard

ROWS = 200_000
NEXT = QWizard.WizardButton.NextButton


def test_a_big_serial_file_is_read_while_the_window_keeps_running(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, tmp_path: Path
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, READY_SKU)
    config = wizard.config_page
    serials = config.serials
    serials.set_kind(SerialKind.LIST)
    big = tmp_path / "serials.txt"
    big.write_text("".join(f"S{n:09d}\n" for n in range(ROWS)), encoding="utf-8")

    # Timer ticks are the event loop turning: each notes whether the read was still going.
    ticks_while_reading: list[bool] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks_while_reading.append(serials.is_reading()))
    timer.start()
    try:
        op = serials.read_file(big)
        assert not serials.choose.isEnabled()  # busy: no second file while this one is read
        assert serials.choose.property("busy") is True
        assert "Reading serials.txt" in serials.file_label.text()
        assert "Reading the serial file" in config.problem_label.text()
        assert not wizard.button(NEXT).isEnabled()
        with qtbot.waitSignal(op.done, timeout=60_000):
            pass
    finally:
        timer.stop()
    # The GUI thread ran its event loop while the file was read (it could not, before).
    assert any(ticks_while_reading)
    assert not serials.is_reading()
    assert serials.choose.isEnabled() and serials.choose.property("busy") is False
    assert serials.file_count() == ROWS
    assert f"{ROWS:,} serials read, all valid" in serials.file_label.text()
    assert config.quantity.value() == ROWS
    assert wizard.button(NEXT).isEnabled()
    wizard.reject()


def test_an_unreadable_serial_file_is_one_line_not_a_crash(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, tmp_path: Path
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, READY_SKU)
    serials = wizard.config_page.serials
    serials.set_kind(SerialKind.LIST)
    assert not serials.load_file(tmp_path / "missing.csv")
    assert "1 row(s) refused" in serials.file_label.text()
    assert serials.errors.isVisible()
    assert not wizard.button(NEXT).isEnabled()
    wizard.reject()
