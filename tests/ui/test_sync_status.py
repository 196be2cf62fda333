from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.workers.sync import configure


def test_status_bar_shows_sync_state(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> None:
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    assert window.sync_label.text() == "Sync: not configured"
    assert window.sync_now() is None
    # A resolver that is not there: the station stays usable and says it is offline.
    configure(sqlite_db, "http://127.0.0.1:9", "ms_0123456789abcdef", "s" * 32)
    job = window.sync_now()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    window.poll_sync()
    assert window.sync_label.text().startswith("Sync: offline")
    assert "waiting" in window.sync_label.text()
