from __future__ import annotations

import logging
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui import crash_handler


def test_uncaught_exception_is_logged_with_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    path = crash_handler.setup_logging(tmp_path / "logs")
    try:
        raise RuntimeError("printer cable pulled")
    except RuntimeError as exc:
        crash_handler.handle_exception(type(exc), exc, exc.__traceback__)
    for handler in crash_handler.log.handlers:
        handler.flush()
    text = path.read_text()
    assert "printer cable pulled" in text
    assert "Traceback" in text
    qtbot.wait(20)  # the dialog is shown from the event loop, not from the failing code
    for handler in list(crash_handler.log.handlers):
        if isinstance(handler, logging.FileHandler):
            crash_handler.log.removeHandler(handler)
            handler.close()
