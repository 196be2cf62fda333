"""Pause, resume and stop a running station from any thread (a window's buttons, Ctrl-C)."""

from __future__ import annotations

import threading


class StationControl:
    """Thread-safe switches a station checks between steps; ``wait_running`` blocks in pause."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._stopped = False
        self.reason: str | None = None

    def pause(self, reason: str | None = None) -> None:
        with self._cond:
            self._paused = True
            self.reason = reason
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self.reason = None
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused and not self._stopped

    @property
    def stopped(self) -> bool:
        with self._cond:
            return self._stopped

    def interrupted(self) -> bool:
        """True while paused or once stopped: device waits return so the station can react."""
        with self._cond:
            return self._paused or self._stopped

    def wait_running(self, timeout: float | None = None) -> bool:
        """Block while paused; True when running again, False when stopped or timed out."""
        with self._cond:
            self._cond.wait_for(lambda: not self._paused or self._stopped, timeout)
            return not self._paused and not self._stopped
