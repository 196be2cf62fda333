"""The crash dialog: raised in the GUI thread and in a worker thread, found on screen."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.ui import crash_handler
from app.workers.op import Op


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # monkeypatch restores the hooks pytest-qt and Python had before
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = crash_handler.install(tmp_path / "logs")
    yield path
    crash_handler.close_dialogs()
    for handler in list(crash_handler.log.handlers):
        if isinstance(handler, logging.FileHandler):
            crash_handler.log.removeHandler(handler)
            handler.close()


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def _log_text(path: Path) -> str:
    for handler in crash_handler.log.handlers:
        handler.flush()
    return path.read_text()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_gui_slot_shows_the_dialog(
    qtbot: QtBot, installed: Path, window: QMainWindow
) -> None:
    def broken_slot() -> None:
        raise RuntimeError("printer cable pulled")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(window.findChildren(crash_handler.CrashDialog)), timeout=5_000)
    dialog = window.findChildren(crash_handler.CrashDialog)[0]
    assert dialog.isVisible()
    assert dialog.parent() is window
    assert "RuntimeError: printer cable pulled" in dialog.headline.text()
    assert str(installed) in dialog.log_label.text()
    assert "broken_slot" in dialog.text.toPlainText()
    assert "printer cable pulled" in _log_text(installed)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "printer cable pulled" in copied
    assert str(installed) in copied
    assert "Traceback" in copied


def test_an_exception_in_a_worker_thread_shows_the_dialog_on_the_gui_thread(
    qtbot: QtBot, installed: Path, window: QMainWindow
) -> None:
    def worker() -> None:
        raise OSError("serial port vanished")

    thread = threading.Thread(target=worker, name="rfid-bus")
    thread.start()
    thread.join(10)
    qtbot.waitUntil(lambda: bool(crash_handler.open_dialogs()), timeout=5_000)
    dialog = crash_handler.open_dialogs()[0]
    assert dialog.thread() is window.thread()  # made on the GUI thread
    assert dialog.parent() is window
    assert "thread rfid-bus" in dialog.headline.text()
    assert "OSError: serial port vanished" in dialog.headline.text()
    assert "serial port vanished" in _log_text(installed)


@pytest.mark.qt_no_exception_capture
def test_an_unhandled_op_failure_shows_the_dialog(
    qtbot: QtBot, installed: Path, window: QMainWindow
) -> None:
    def broken() -> None:
        raise ValueError("database is locked")

    op = Op(broken).run()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: bool(crash_handler.open_dialogs()), timeout=5_000)
    assert "database is locked" in crash_handler.open_dialogs()[0].headline.text()


def test_the_same_error_again_is_counted_not_stacked(
    qtbot: QtBot, installed: Path, window: QMainWindow
) -> None:
    try:
        raise RuntimeError("paint failed")
    except RuntimeError as exc:
        for _ in range(3):
            crash_handler.handle_exception(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(crash_handler.open_dialogs()), timeout=5_000)
    qtbot.wait(20)
    dialogs = crash_handler.open_dialogs()
    assert len(dialogs) == 1
    assert "3 times" in dialogs[0].headline.text()
    dialogs[0].close()
    qtbot.waitUntil(lambda: not crash_handler.open_dialogs(), timeout=5_000)


def test_keyboard_interrupt_is_logged_without_a_dialog(
    qtbot: QtBot, installed: Path, window: QMainWindow
) -> None:
    crash_handler.handle_exception(KeyboardInterrupt, KeyboardInterrupt(), None)
    qtbot.wait(20)
    assert crash_handler.open_dialogs() == []
