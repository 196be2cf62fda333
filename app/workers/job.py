"""Run a plain service function on a QThread of its own, with throttled progress and cancel.

A service function takes ``progress(done, total)`` and ``cancelled()`` keyword arguments
(see ``app.minting.engine.mint``). ``Job`` calls it on a worker thread and turns its progress
calls into a ``progress`` signal emitted only when the shown value changes (a tenth of a
percent) or at most every 100 ms, so a million callbacks never flood the GUI thread.
"""

from __future__ import annotations

import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

ServiceFn = Callable[..., Any]
MIN_INTERVAL_S = 0.1

_live: weakref.WeakSet[QThread] = weakref.WeakSet()


def live_threads() -> list[QThread]:
    """Job threads that are still running (tests fail when one is left behind)."""
    return [t for t in list(_live) if t.isRunning()]


class _Runner(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)

    def __init__(self, fn: ServiceFn, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.cancel_event = threading.Event()
        self.error: BaseException | None = None
        self._last_shown = -1
        self._last_time = 0.0

    def _progress(self, done: int, total: int) -> None:
        shown = (1000 * done) // total if total else 1000
        now = time.monotonic()
        if shown != self._last_shown and (now - self._last_time >= MIN_INTERVAL_S or done >= total):
            self._last_shown = shown
            self._last_time = now
            self.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(
                *self.args,
                progress=self._progress,
                cancelled=self.cancel_event.is_set,
                **self.kwargs,
            )
        except Exception as exc:
            self.error = exc  # read on the GUI thread after ``failed`` arrives (see Op)
            self.failed.emit(str(exc), traceback.format_exc())
        else:
            self.succeeded.emit(result)
        finally:
            # Ends the thread's event loop from inside, so waiting for it at shutdown does not
            # depend on the GUI thread's loop running.
            QThread.currentThread().quit()


class Job(QObject):
    """One background job. Connect to its signals, then ``start()``; ``cancel()`` any time."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)
    finished = Signal()

    def __init__(self, fn: ServiceFn, *args: Any, name: str = "job", **kwargs: Any) -> None:
        super().__init__()
        self.name = name
        self.worker_thread = QThread()
        self.worker_thread.setObjectName(name)
        self.runner = _Runner(fn, args, kwargs)
        self.runner.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.runner.run)
        self.runner.progress.connect(self.progress)
        self.runner.succeeded.connect(self._on_succeeded)
        self.runner.failed.connect(self._on_failed)
        self.worker_thread.finished.connect(self.finished)
        self.started_at = 0.0

    def start(self) -> None:
        self.started_at = time.monotonic()
        _live.add(self.worker_thread)
        self.worker_thread.start()

    def cancel(self) -> None:
        self.runner.cancel_event.set()

    def is_running(self) -> bool:
        return self.worker_thread.isRunning()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the thread ends (for shutdown and tests only, never in a slot)."""
        return self.worker_thread.wait(timeout_ms)

    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.failed.emit(message, details)


class JobRegistry(QObject):
    """The window's running jobs: cancelled and joined when the window closes."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[Job] = []

    def start(self, job: Job) -> Job:
        self.jobs.append(job)
        job.finished.connect(lambda j=job: self._forget(j))
        job.start()
        self.changed.emit()
        return job

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
            self.changed.emit()

    def running(self, name_prefix: str = "") -> list[Job]:
        return [j for j in self.jobs if j.name.startswith(name_prefix)]

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel everything; each job stops at its next check and stays resumable."""
        for job in list(self.jobs):
            job.cancel()
        for job in list(self.jobs):
            job.wait(timeout_ms)
        self.jobs.clear()
