"""Uncaught exceptions: written with their traceback to a rotating log, shown in a dialog.

Both ``sys.excepthook`` (the GUI thread, Qt slots, ``Op`` failures nobody handles) and
``threading.excepthook`` (any other Python thread) end in ``handle_exception``. It logs at
once on the thread that failed, then hands the report to a small QObject that lives on the GUI
thread through a queued signal, so the dialog is always made by the event loop on the GUI
thread, never inside the failing code and never on a worker thread. The dialog is parented to
the main window and kept in a module list until it is closed (a parentless, unreferenced box
would be destroyed as soon as the function showing it returns). The app keeps running.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

LOG_NAME = "mintstation.log"
MAX_OPEN_DIALOGS = 3
log = logging.getLogger("mintstation")

_state: dict[str, Path | None] = {"log_path": None}
_dialogs: list[CrashDialog] = []
_bridge: list[_Bridge] = []


def setup_logging(logs_dir: Path) -> Path:
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_NAME
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    _state["log_path"] = path
    return path


def log_path() -> Path | None:
    return _state["log_path"]


class CrashDialog(QDialog):
    """What happened, where the log is, the traceback, and a button that copies it all."""

    def __init__(self, summary: str, details: str, where: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Mint Station: unexpected error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = summary
        self.details = details
        self.where = where
        self.repeats = 1
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path = log_path()
        self.log_label = QLabel(
            self.tr("The error and its traceback were written to the log:\n{0}").format(path)
            if path
            else self.tr("No log file is set up; copy the details below.")
        )
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keeps_running = QLabel(
            self.tr(
                "Mint Station keeps running. Work in progress is saved chunk by chunk; "
                "a stopped job can be resumed."
            )
        )
        self.keeps_running.setWordWrap(True)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Error details"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_log_button = QPushButton(self.tr("Open log &folder"))
        self.open_log_button.setEnabled(path is not None)
        self.open_log_button.clicked.connect(self._open_log_folder)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.log_label)
        layout.addWidget(self.keeps_running)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self._show_headline()
        self.resize(640, 420)

    def _show_headline(self) -> None:
        text = self.tr("<b>Unexpected error</b> in {0}: {1}").format(self.where, self.summary)
        if self.repeats > 1:
            text += " " + self.tr("(happened {0} times)").format(self.repeats)
        self.headline.setText(text)

    def repeated(self) -> None:
        self.repeats += 1
        self._show_headline()

    def report_text(self) -> str:
        path = log_path()
        return (
            f"Mint Station unexpected error in {self.where}: {self.summary}\n"
            f"Log: {path if path else '(none)'}\n\n{self.details}"
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def _open_log_folder(self) -> None:
        path = log_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class _Bridge(QObject):
    """Lives on the GUI thread; the queued signal carries a report there from any thread."""

    report = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, summary: str, details: str, where: str) -> None:
        show_dialog(summary, details, where)


def _main_window() -> QWidget | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
    visible = [w for w in windows if w.isVisible()]
    chosen = visible or windows
    return chosen[0] if chosen else None


def open_dialogs() -> list[CrashDialog]:
    """The crash dialogs on screen (tests find them here, and so does the repeat check)."""
    _dialogs[:] = [d for d in _dialogs if shiboken6.isValid(d)]
    return list(_dialogs)


def show_dialog(summary: str, details: str, where: str = "the window") -> CrashDialog | None:
    """On the GUI thread: show (or count a repeat of) a crash report."""
    for dialog in open_dialogs():
        if dialog.details == details:
            dialog.repeated()
            return dialog
    if len(_dialogs) >= MAX_OPEN_DIALOGS:
        return None  # an error in a loop: it is in the log, the screen stays usable
    dialog = CrashDialog(summary, details, where, _main_window())
    _dialogs.append(dialog)
    dialog.finished.connect(lambda _code, d=dialog: _forget(d))
    dialog.open()
    return dialog


def _forget(dialog: CrashDialog) -> None:
    if dialog in _dialogs:
        _dialogs.remove(dialog)


def close_dialogs() -> None:
    for dialog in open_dialogs():
        dialog.close()
    _dialogs.clear()


def _get_bridge() -> _Bridge | None:
    """The GUI thread's bridge, made there on first use (or by ``install``)."""
    if _bridge and shiboken6.isValid(_bridge[0]):
        return _bridge[0]
    # The application's thread is the main thread here (run_gui makes it there).
    if (
        QCoreApplication.instance() is None
        or threading.current_thread() is not threading.main_thread()
    ):
        return None
    _bridge[:] = [_Bridge()]
    return _bridge[0]


def handle_exception(
    kind: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    thread_name: str | None = None,
) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    where = f"thread {thread_name}" if thread_name else "the window"
    log.error("uncaught exception in %s\n%s", where, details)
    if issubclass(kind, KeyboardInterrupt):
        return
    bridge = _get_bridge()
    if bridge is not None:
        summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        bridge.report.emit(summary, details, where)


def install(logs_dir: Path) -> Path:
    """Log and show every uncaught exception, from the GUI thread and from any other."""
    path = setup_logging(logs_dir)
    _get_bridge()  # made now, on the GUI thread, so worker threads can reach it
    sys.excepthook = handle_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            handle_exception(args.exc_type, args.exc_value, args.exc_traceback, name)

    threading.excepthook = thread_hook
    return path
