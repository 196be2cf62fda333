"""The exporters' process pools: ``spawn`` workers that end when the program that started them ends.

A worker started with ``spawn`` is a fresh interpreter (in the frozen build: the program
itself, which ``multiprocessing.freeze_support()`` in main.py turns into a worker before any
GUI or CLI code runs). If the parent is killed (SIGKILL included) a plain worker would live
on, holding the resource tracker's pipe open with it. So each worker, as it starts:

* asks Linux to send it SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``);
* and runs a watchdog thread that ends it as soon as its parent pid changes (other systems,
  and the moment between spawn and prctl).

Linux's death signal follows the parent *thread* that spawned the worker: a pool must be used
and closed by the thread that made it (every exporter does: one export run, one thread).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

__all__ = ["WATCH_INTERVAL", "pools_started", "spawn_pool"]

WATCH_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1
_started = [0]  # pools made by this process (the self-test proves the pools ran)


def _die_with(parent: int) -> None:
    """Pool initializer: tie this worker's life to ``parent``."""
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends the worker
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(WATCH_INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def spawn_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawn-started processes that die with this process."""
    _started[0] += 1
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with,
        initargs=(os.getpid(),),
    )


def pools_started() -> int:
    """How many pools this process has made so far."""
    return _started[0]
