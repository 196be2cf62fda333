"""Start the desktop client: the QApplication, the station database and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import MintStationError
from app.storage.db import open_database
from app.storage.home import resolve_home
from app.ui.main_window import MainWindow


def run_gui(home: str | None = None, db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Mint Station")
    app.setOrganizationName("MintStation")
    station = resolve_home(home, db)
    try:
        station.root.mkdir(parents=True, exist_ok=True)
        database = open_database(station.db_url)
    except (MintStationError, OSError) as exc:
        QMessageBox.critical(None, "Mint Station", f"Cannot open the station's data:\n{exc}")
        return 2
    window = MainWindow(database, station)
    window.show()
    try:
        return app.exec()
    finally:
        database.dispose()
