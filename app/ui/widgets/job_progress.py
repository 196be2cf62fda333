"""Progress, rate, ETA and Cancel for every long job the window runs.

``RateMeter`` turns (units done, time) observations into units per second over the last few
seconds and an ETA. ``JobProgressWidget`` shows one ``Job``: what it is, a bar, "12,000 of
100,000 · 4,100/s · ETA 0:21" and a Cancel button (the job stops at its next check and stays
resumable). ``JobsPanel`` keeps one such row per job of the window's ``JobRegistry``.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.core.eta import format_eta
from app.workers.job import Job, JobRegistry

RATE_WINDOW_S = 10.0


class RateMeter:
    """Units per second over the last ``window_s`` seconds of observations."""

    def __init__(
        self, window_s: float = RATE_WINDOW_S, clock: Callable[[], float] = time.monotonic
    ):
        self.window_s = window_s
        self.clock = clock
        self.samples: deque[tuple[float, int]] = deque()

    def observe(self, done: int, now: float | None = None) -> float:
        now = self.clock() if now is None else now
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window_s:
            self.samples.popleft()
        return self.rate()

    def rate(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 and d1 >= d0 else 0.0

    def eta_s(self, done: int, total: int) -> float | None:
        rate = self.rate()
        return (total - done) / rate if rate > 0 and total >= done else None


def progress_text(done: int, total: int, rate: float, eta_s: float | None) -> str:
    """'12,000 of 100,000 · 4,100/s · ETA 0:21' (a dash while the rate is not known yet)."""
    eta = format_eta(eta_s) if eta_s is not None else "–"
    speed = f"{rate:,.0f}/s" if rate > 0 else "–/s"
    return f"{done:,} of {total:,} · {speed} · ETA {eta}"


def job_title(name: str) -> str:
    """A job's registry name ("mint:12", "export:12:csv", "station:nfc:3") as people say it."""
    parts = name.split(":")
    kind = parts[0]
    if kind == "mint" and len(parts) > 1 and parts[1] == "resume":
        return "Minting unfinished batches"
    if kind == "mint" and len(parts) > 1:
        return f"Minting batch #{parts[1]}"
    if kind == "export" and len(parts) > 2:
        return f"{parts[2]} export of batch #{parts[1]}"
    if kind == "station" and len(parts) > 2:
        return f"{parts[1].upper()} station, batch #{parts[2]}"
    if kind == "sync":
        return "Sync with the resolver"
    return name


class JobProgressWidget(QWidget):
    """One running job: title, bar, counts with rate and ETA, and Cancel."""

    def __init__(self, job: Job, title: str | None = None) -> None:
        super().__init__()
        self.job = job
        self.meter = RateMeter()
        self.title = QLabel(title or job_title(job.name))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.bar.setAccessibleName(self.title.text())
        self.figures = QLabel(self.tr("starting…"))
        self.figures.setObjectName("jobFigures")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel {0}").format(self.title.text()))
        self.cancel_button.setToolTip(
            self.tr("Stops at the next safe point; the job can be resumed later.")
        )
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.figures)
        layout.addWidget(self.cancel_button)
        job.progress.connect(self.show_progress)

    def show_progress(self, done: int, total: int) -> None:
        self.meter.observe(done)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.figures.setText(
            progress_text(done, total, self.meter.rate(), self.meter.eta_s(done, total))
        )

    def cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.figures.setText(self.tr("stopping at the next safe point…"))


class JobsPanel(QWidget):
    """A row per running job of the registry; hidden when nothing runs."""

    def __init__(self, registry: JobRegistry) -> None:
        super().__init__()
        self.setObjectName("jobsPanel")
        self.registry = registry
        self.rows: dict[int, JobProgressWidget] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setAlignment(Qt.AlignmentFlag.AlignTop)
        registry.changed.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        jobs = {id(job): job for job in self.registry.running()}
        for key in list(self.rows):
            if key not in jobs:
                row = self.rows.pop(key)
                self.layout_.removeWidget(row)
                row.deleteLater()
        for key, job in jobs.items():
            if key not in self.rows:
                row = JobProgressWidget(job)
                self.rows[key] = row
                self.layout_.addWidget(row)
        self.setVisible(bool(self.rows))

    def row_for(self, job: Job) -> JobProgressWidget | None:
        return self.rows.get(id(job))
