"""A terminal progress bar with rate and ETA, and Ctrl-C as a clean "stop after this cycle"."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from app.core.eta import format_eta

MIN_INTERVAL_S = 0.2


class ProgressBar:
    """Redraws at most five times a second; on a non-terminal prints plain lines.

    ``start`` is how much was done before this run (a resumed batch), so the rate counts
    only this run's work.
    """

    def __init__(
        self, label: str, unit: str = "units", stream: TextIO | None = None, *, start: int = 0
    ) -> None:
        self.label = label
        self.unit = unit
        # sys.stderr as it is now, not as it was when this module was imported
        self.stream = stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.first_done = start
        self.last_draw = 0.0
        self.tty = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last_draw < MIN_INTERVAL_S:
            return
        self.last_draw = now
        elapsed = max(now - self.started, 1e-6)
        rate = (done - self.first_done) / elapsed
        eta = format_eta((total - done) / rate) if rate > 0 and done < total else "--:--"
        pct = 100.0 * done / total if total else 100.0
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        line = (
            f"{self.label} [{bar}] {pct:5.1f}% {done:,}/{total:,} {self.unit}"
            f"  {rate:,.0f}/s  ETA {eta}"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done >= total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class StopFlag:
    """Set by the first Ctrl-C; a second one interrupts at once."""

    def __init__(self) -> None:
        self.stopped = False

    def __call__(self) -> bool:
        return self.stopped


@contextmanager
def ctrl_c_stops(message: str) -> Iterator[StopFlag]:
    flag = StopFlag()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        if flag.stopped:
            raise KeyboardInterrupt
        flag.stopped = True
        print(f"\n{message}", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)
