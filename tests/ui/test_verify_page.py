"""The Verify page for real: labels printed through Qt's print support to CUPS's PDF queue,
read back with zxing-cpp and typed into the scan field as a keyboard-wedge scanner does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.printing.jobs import PrintRequest
from app.storage.db import Database
from app.ui.pages.verify_page import VerifyPage
from app.workers.printing import print_job
from tests.printing.conftest import decode_pdf, mint_serials, require_cups_pdf

URL = "https://id.acme.example/01/09506000001012/21/A{:08d}"


def _print(qtbot: QtBot, db: Database, request: PrintRequest) -> None:
    job = print_job(db, request)
    outcomes: list[object] = []
    job.succeeded.connect(outcomes.append)
    job.failed.connect(lambda message, _details: outcomes.append(message))
    with qtbot.waitSignal(job.finished, timeout=120_000):
        job.start()
    job.wait()
    assert [getattr(o, "status", o) for o in outcomes] == ["completed"]


def _scan(qtbot: QtBot, page: VerifyPage, text: str) -> None:
    with qtbot.waitSignal(page.updated, timeout=30_000):
        qtbot.keyClicks(page.scan_input, text)
        qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)


@pytest.mark.slow
def test_printed_labels_scanned_into_the_page(
    qtbot: QtBot, sqlite_station: Database, tmp_path: Path
) -> None:
    cups = require_cups_pdf()
    batch = mint_serials(sqlite_station, 12)
    before = cups.files()
    _print(qtbot, sqlite_station, PrintRequest(batch, cups.queue, template="a4-3x8", count=8))
    _print(
        qtbot,
        sqlite_station,
        PrintRequest(
            batch, cups.queue, template="roll-50x30", first=2, count=1, reprint=True, reason="torn"
        ),
    )
    codes = [c for pdf in cups.wait_for(before, 2, batch=batch) for c in decode_pdf(pdf, tmp_path)]
    assert codes == [URL.format(n) for n in range(1, 9)] + [URL.format(2)]

    page = VerifyPage(sqlite_station)
    qtbot.addWidget(page)
    page.select_batch(1)
    with qtbot.waitSignal(page.updated, timeout=30_000):
        page.start()
    alarms: list[str] = []
    page.alarm.connect(alarms.append)
    try:
        for code in codes:
            if code != URL.format(5):  # unit 5's label fell off the line
                _scan(qtbot, page, code)
        _scan(qtbot, page, "not a code")
        assert page.counter_labels["verified"].text() == "7"
        assert page.counter_labels["duplicate"].text() == "1"
        assert page.counter_labels["unreadable"].text() == "1"
        assert alarms == ["duplicate", "unreadable"]
        assert page.banner.property("level") == "alarm"
        assert "✖" in page.banner.text() and "UNREADABLE" in page.banner.text()
        assert page.last_scans.count() == 9
        with qtbot.waitSignal(page.updated, timeout=30_000):
            page.finish()
        assert [page.never_verified.item(i).text() for i in range(page.never_verified.count())] == [
            "unit 5  A00000005"
        ]
        assert "1 printed unit(s) never verified" in page.banner.text()
    finally:
        page.stop()
    assert not page.running


def test_a_verified_scan_shows_calm_and_a_restart_continues(
    qtbot: QtBot, sqlite_station: Database
) -> None:
    from app.printing.jobs import print_labels
    from tests.printing.test_verify import _Paper

    batch = mint_serials(sqlite_station, 3)
    paper = _Paper()
    print_labels(sqlite_station, PrintRequest(batch, "paper"), sink_factory=lambda *_a: paper)
    page = VerifyPage(sqlite_station)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.updated, timeout=30_000):
        page.start()
    try:
        _scan(qtbot, page, paper.urls[0])
        assert page.banner.property("level") == "normal"
        assert page.banner.text().startswith("✔")
    finally:
        page.stop()
    again = VerifyPage(sqlite_station)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.updated, timeout=30_000):
        again.start()
    try:
        assert "continued" in again.run_label.text()
        assert again.counter_labels["verified"].text() == "1"
        _scan(qtbot, again, paper.urls[0])
        assert again.counter_labels["duplicate"].text() == "1"
    finally:
        again.stop()
