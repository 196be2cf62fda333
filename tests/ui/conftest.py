"""Qt test hygiene: a test that leaves a job thread, a running timer or a pool task fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from pytestqt.qtbot import QtBot

from app.storage.db import Database
from app.storage.home import StationHome, resolve_home
from app.ui.main_window import MainWindow
from app.ui.preferences import use_settings_folder
from app.workers.job import live_threads
from tests.minting.conftest import prepare_station


def _active_timers() -> list[QTimer]:
    timers = []
    for obj in gc.get_objects():
        if isinstance(obj, QTimer):
            try:
                if obj.isActive():
                    timers.append(obj)
            except RuntimeError:  # the C++ object is already gone
                continue
    return timers


@pytest.fixture(autouse=True)
def no_leftover_qt_work(qapp: object) -> Iterator[None]:
    yield
    problems = []
    threads = live_threads()
    if threads:
        problems.append(f"job threads still running: {[t.objectName() for t in threads]}")
    if QThreadPool.globalInstance().activeThreadCount():
        problems.append("thread pool tasks still running")
    timers = _active_timers()
    if timers:
        for timer in timers:
            timer.stop()
        problems.append(f"{len(timers)} QTimer(s) still active")
    if problems:
        pytest.fail("; ".join(problems))


@pytest.fixture(autouse=True)
def private_preferences(tmp_path: Path) -> Iterator[None]:
    """Preferences (window sizes, language) go to the test's folder, never the user's."""
    use_settings_folder(tmp_path / "qsettings")
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def home(tmp_path: Path, sqlite_db: Database) -> StationHome:
    return resolve_home(tmp_path, sqlite_db.url)


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> MainWindow:
    """The main window of a configured station (catalogue, template, brand), shown."""
    prepare_station(sqlite_db)
    main = MainWindow(sqlite_db, home)
    qtbot.addWidget(main)
    main.show()
    return main
