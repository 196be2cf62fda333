"""Start the desktop client: one instance per home, logging, theme, database, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import MintStationError
from app.storage.catalogue_queries import needs_first_run
from app.storage.db import open_database
from app.storage.home import DB_ENV, StationHome, resolve_home
from app.ui import crash_handler
from app.ui.i18n import install_translators
from app.ui.main_window import MainWindow
from app.ui.preferences import Preferences
from app.ui.theme import apply_theme


def acquire_instance_lock(home: StationHome) -> QLockFile | None:
    """A second copy of the app on the same home is refused (a stale lock is taken over)."""
    lock = QLockFile(str(home.lock_file))
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        return lock
    return None


def run_gui(home: str | None = None, db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Mint Station")
    app.setOrganizationName("MintStation")
    prefs = Preferences()
    install_translators(app, prefs.language)
    apply_theme(app, prefs.theme)
    # --db, then MINTSTATION_DB, then the database chosen in Settings, then the home's file.
    station = resolve_home(home, db or os.environ.get(DB_ENV) or prefs.database_url or None)
    station.root.mkdir(parents=True, exist_ok=True)
    crash_handler.install(station.logs_dir)
    lock = acquire_instance_lock(station)
    if lock is None:
        QMessageBox.critical(
            None,
            "Mint Station",
            f"Mint Station is already running on {station.root}.\n"
            "Switch to that window, or start this one with another --home.",
        )
        return 3
    try:
        database = open_database(station.db_url)
    except (MintStationError, OSError) as exc:
        QMessageBox.critical(None, "Mint Station", f"Cannot open the station's data:\n{exc}")
        lock.unlock()
        return 2
    if needs_first_run(database):
        from app.ui.dialogs.first_run_dialog import run_first_setup  # noqa: PLC0415 - once

        run_first_setup(database, station)
    window = MainWindow(database, station)
    window.show()
    try:
        return app.exec()
    finally:
        database.dispose()
        lock.unlock()
