"""Structured logs: one JSON object per line, for the access log and everything else.

An access line::

    {"time":"2026-12-02T04:50:00.123Z","kind":"access","client":"203.0.113.0/24",
     "method":"GET","path":"/01/09506000001012/21/S1","http":"1.1","status":307}

The client is the truncated network (``privacy.TruncateClientFilter`` runs before the
formatter), never the address. Other records carry ``level``, ``logger``, ``message`` and,
for errors, ``exception``. ``RESOLVER_LOG_FORMAT=text`` keeps uvicorn's plain lines.
"""

from __future__ import annotations

import json
import logging
import time

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


_second: list[tuple[int, str]] = [(-1, "")]  # the last second formatted (strftime is slow)


def _stamp(created: float) -> str:
    seconds = int(created)
    millis = int((created - seconds) * 1000)
    last, text = _second[0]
    if last != seconds:
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        _second[0] = (seconds, text)
    return f"{text}.{millis:03d}Z"


class JsonAccessFormatter(logging.Formatter):
    """uvicorn's access record (client, method, path, HTTP version, status) as JSON."""

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, method, path, http, status = args
            return _dumps(
                {
                    "time": _stamp(record.created),
                    "kind": "access",
                    "client": client,
                    "method": method,
                    "path": path,
                    "http": http,
                    "status": status,
                }
            )
        return JsonFormatter().format(record)


class JsonFormatter(logging.Formatter):
    """Any other record: time, level, logger, message (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": _stamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return _dumps(entry)
