"""Uncaught exceptions: written with their traceback to a rotating log, shown in a dialog.

The app keeps running where it can: Qt slots that raise do not take the event loop down.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "mintstation.log"
log = logging.getLogger("mintstation")


def setup_logging(logs_dir: Path) -> Path:
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_NAME
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def _show(message: str, details: str) -> None:
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Mint Station", message)
    box.setInformativeText("The error was written to the log. Mint Station keeps running.")
    box.setDetailedText(details)
    box.open()


def handle_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception\n%s", details)
    if issubclass(kind, KeyboardInterrupt):
        return
    # Show from the event loop, never from inside the failing slot or another thread.
    QTimer.singleShot(0, lambda: _show(f"Unexpected error: {value}", details))


def install(logs_dir: Path) -> Path:
    path = setup_logging(logs_dir)
    sys.excepthook = handle_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle_exception(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
    return path
