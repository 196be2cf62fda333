"""Start/stop plumbing shared by the simulators: each serves on a daemon thread of its own."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Self


class ServedThread:
    """``start()`` and ``stop()``, or use it in ``with``; subclasses give ``_run``/``_close``."""

    name = "simulator"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError
