"""Print from the window: Batches ▸ Print labels… opens the print dialog, the print runs as a
window job to the ZPL printer simulator; the Verify place is in the navigation."""

from __future__ import annotations

import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.devices.sim.zpl_server import TcpPrinter
from app.storage.db import Database
from app.storage.home import resolve_home
from app.ui.dialogs.print_dialog import PrintDialog
from app.ui.main_window import MainWindow
from tests.printing.conftest import mint_serials


def test_print_from_batches_to_a_zebra(
    qtbot: QtBot, sqlite_station: Database, tmp_path: Path
) -> None:
    mint_serials(sqlite_station, 6)
    window = MainWindow(sqlite_station, resolve_home(tmp_path, sqlite_station.url))
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Verify" in titles
    window.show_page(window.batches_page)
    window.batches_page.refresh()
    window.batches_page.select_batch(1)
    assert window.batches_page.print_button.isEnabled()
    with TcpPrinter() as zebra:
        window.batches_page.print_button.click()
        dialog = window.findChild(PrintDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.printer.setEditText(f"zpl:{zebra.url}")
        dialog.some_units.setChecked(True)
        dialog.first.setValue(2)
        dialog.count.setValue(3)
        dialog.accept()
        job = next(j for j in window.jobs.running("print:"))
        with qtbot.waitSignal(job.finished, timeout=60_000):
            pass
        deadline = time.monotonic() + 10
        while len(zebra.engine.labels) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        serials = [label.texts[2] for label in zebra.engine.labels]
    assert serials == ["(21) A00000002", "(21) A00000003", "(21) A00000004"]
    window.close()
