"""``Op``: a one-shot background operation with its callbacks on the GUI thread.

Anki's ``CollectionOp`` is the model::

    Op(revoke, db, token_id, reason, busy=self.revoke_button, owner=self)
        .success(lambda _result: self.token_model.reload())
        .failure(self.show_refusal)
        .run()

The function runs on a ``Job`` thread of its own, so a write that waits for the database's
lock, or a check over a million rows, never stalls the window. While it runs, the controls
named by ``busy`` are disabled, show a busy cursor and carry the dynamic property
``busy=true``; when it ends they are restored first, then exactly one callback runs on the
GUI thread: ``success(result)`` or ``failure(exception)``. Without a failure callback the
exception goes to ``sys.excepthook`` (the crash dialog). When the ``owner`` widget is gone by
then (a wizard closed meanwhile), the callbacks are skipped: the work itself is done.

``quiet_gc=True`` is for an op that builds millions of objects (a 1,000,000-row serial list
checked and stored): while it runs, Python's automatic cycle collector is paused. Its full
collections walk every live container while holding the GIL, and with the op's objects alive
each one stalled the window for 100-500 ms; reference counting still frees everything that is
not a cycle, and collection resumes when the last such op ends.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.workers.job import Job

__all__ = ["Op", "release_in_background", "running_ops", "wait_for_ops"]

SuccessFn = Callable[[Any], object]
FailureFn = Callable[[BaseException], object]

log = logging.getLogger("mintstation")
_running: set[Op] = set()
_gc_pause = {"ops": 0, "disabled_by_us": False}


def _pause_gc() -> None:
    if _gc_pause["ops"] == 0 and gc.isenabled():
        gc.disable()
        _gc_pause["disabled_by_us"] = True
    _gc_pause["ops"] += 1


def _resume_gc() -> None:
    _gc_pause["ops"] -= 1
    if _gc_pause["ops"] == 0 and _gc_pause["disabled_by_us"]:
        _gc_pause["disabled_by_us"] = False
        gc.enable()


def running_ops() -> list[Op]:
    """Ops whose function has not ended yet (or whose callback is still to come)."""
    return list(_running)


def wait_for_ops(timeout_ms: int = 30_000) -> bool:
    """Block until every running op's thread ends (window close and tests only)."""
    return all(op.wait(timeout_ms) for op in list(_running))


def _one_shot(
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> Any:
    """Adapts a plain function (no progress, no cancel) to ``Job``'s calling convention."""
    return fn(*args, **kwargs)


def _alive(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


class Op(QObject):
    """One background call; ``run()`` returns at once, a callback follows on the GUI thread."""

    done = Signal()  # after the callback ran (or was skipped)

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        busy: QWidget | Sequence[QWidget] | None = None,
        owner: QObject | None = None,
        name: str = "",
        quiet_gc: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.name = name or f"op:{getattr(fn, '__name__', 'call')}"
        if busy is None:
            self.busy_widgets: list[QWidget] = []
        elif isinstance(busy, QWidget):
            self.busy_widgets = [busy]
        else:
            self.busy_widgets = list(busy)
        self.owner = owner
        self.quiet_gc = quiet_gc
        self.job: Job | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished = False
        self._on_success: SuccessFn | None = None
        self._on_failure: FailureFn | None = None
        self._was_enabled: list[bool] = []

    def success(self, callback: SuccessFn) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: FailureFn) -> Op:
        self._on_failure = callback
        return self

    def run(self) -> Op:
        if self.job is not None:
            raise RuntimeError(f"{self.name} was already run")
        job = Job(_one_shot, self.fn, self.args, self.kwargs, name=self.name)
        job.succeeded.connect(self._store_result)
        job.failed.connect(self._store_error)
        job.finished.connect(self._finish)
        self.job = job
        self._set_busy()
        if self.quiet_gc:
            _pause_gc()
        _running.add(self)
        job.start()
        return self

    def is_running(self) -> bool:
        return not self.finished

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the thread ends; the callback still comes from the event loop."""
        return self.job is None or self.job.wait(timeout_ms)

    # -- on the GUI thread ---------------------------------------------------------------

    def _set_busy(self) -> None:
        self._was_enabled = [w.isEnabled() for w in self.busy_widgets]
        for widget in self.busy_widgets:
            widget.setProperty("busy", True)
            widget.setCursor(Qt.CursorShape.BusyCursor)
            widget.setEnabled(False)

    def _clear_busy(self) -> None:
        for widget, enabled in zip(self.busy_widgets, self._was_enabled, strict=True):
            if not shiboken6.isValid(widget):
                continue
            widget.setProperty("busy", False)
            widget.unsetCursor()
            widget.setEnabled(enabled)

    def _store_result(self, result: object) -> None:
        self.result = result

    def _store_error(self, _message: str, _details: str) -> None:
        assert self.job is not None
        self.error = self.job.runner.error

    def _finish(self) -> None:
        assert self.job is not None
        self.job.wait(5_000)  # the thread has left run(); this returns at once
        self.finished = True
        _running.discard(self)
        # Let go of the arguments now: a million-row request must not live on in a finished op.
        self.args, self.kwargs = (), {}
        self.job.runner.args, self.job.runner.kwargs = (), {}
        if self.quiet_gc:
            _resume_gc()
        self._clear_busy()
        try:
            if self.owner is not None and not _alive(self.owner):
                if self.error is not None:  # nobody is left to show it: the log keeps it
                    log.error("%s failed after its window closed", self.name, exc_info=self.error)
                return
            if self.error is not None:
                if self._on_failure is not None:
                    self._on_failure(self.error)
                else:
                    error = self.error
                    sys.excepthook(type(error), error, error.__traceback__)
            elif self._on_success is not None:
                self._on_success(self.result)
        finally:
            self.done.emit()


def _drain(holder: list[Any]) -> None:
    holder.clear()  # the last reference dies here, on the op's thread


def release_in_background(holder: list[Any]) -> Op:
    """Free big objects (a million serials) on a worker thread instead of the GUI thread.

    The caller puts the objects in ``holder`` and keeps no other reference to them; freeing a
    million strings takes the GIL for tens of milliseconds wherever the last reference dies.
    """
    return Op(_drain, holder, name="op:release").run()
