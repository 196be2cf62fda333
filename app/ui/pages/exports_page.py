"""Exports / Print Jobs: every export job and its packs, live while they are made.

A job's packs are all planned (and stored) before the first one is made, so the page lists
every pack as soon as the job exists, each with its status as the reference names them:
Queued, Generating, Ready, or Failed with the reason. While exports run, a timer polls only
the running jobs (a couple of small queries, off the GUI thread) and updates their rows in
place; the job's progress signal gives the units done, from which the running pack's and the
job's rate and ETA follow. Every ready pack shows how long it is kept (30 days). Loading
the whole history also runs in the background, so opening the page never waits for it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import MintStationError
from app.core.eta import format_eta
from app.storage.db import Database
from app.ui.widgets.empty_state import EmptyStateWidget
from app.ui.widgets.flow_layout import FlowLayout
from app.ui.widgets.job_progress import RateMeter, progress_text
from app.workers.exports import (
    JobView,
    PackView,
    cancel_export,
    export_history,
    newest_jobs,
    sweep_expired,
)
from app.workers.job import Job
from app.workers.op import Op

COLUMNS = (
    QT_TRANSLATE_NOOP("ExportsPage", "Export / pack"),
    QT_TRANSLATE_NOOP("ExportsPage", "Batch"),
    QT_TRANSLATE_NOOP("ExportsPage", "Kind"),
    QT_TRANSLATE_NOOP("ExportsPage", "Status"),
    QT_TRANSLATE_NOOP("ExportsPage", "Units"),
    QT_TRANSLATE_NOOP("ExportsPage", "Rate · ETA"),
    QT_TRANSLATE_NOOP("ExportsPage", "Retention"),
    QT_TRANSLATE_NOOP("ExportsPage", "File"),
)
COL_NAME, COL_BATCH, COL_KIND, COL_STATUS, COL_UNITS, COL_RATE, COL_RETENTION, COL_FILE = range(8)
STATUS_NAMES = {
    "pending": QT_TRANSLATE_NOOP("ExportsPage", "Queued"),
    "generating": QT_TRANSLATE_NOOP("ExportsPage", "Generating"),
    "completed": QT_TRANSLATE_NOOP("ExportsPage", "Ready"),
    "failed": QT_TRANSLATE_NOOP("ExportsPage", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("ExportsPage", "Cancelled"),
}
ENDED = ("completed", "cancelled")  # a job in neither can still be cancelled
LIVE_MS = 500
HISTORY = 300
Key = tuple[int, str]  # (batch id, export kind)


def status_text(status: str) -> str:
    """Queued / Generating / Ready / Failed / Cancelled, for packs and jobs of every kind."""
    name = STATUS_NAMES.get(status)
    return QCoreApplication.translate("ExportsPage", str(name)) if name else status


def retention_text(pack: PackView, now: datetime) -> str:
    if pack.expired_at is not None:
        return QCoreApplication.translate("ExportsPage", "expired, file removed")
    if pack.expires_at is None:
        return "–"
    left = pack.expires_at - now
    if left.total_seconds() <= 0:
        return QCoreApplication.translate("ExportsPage", "expires at the next sweep")
    return QCoreApplication.translate("ExportsPage", "{0} d {1} h left").format(
        left.days, left.seconds // 3600
    )


def job_retention_text(job: JobView, now: datetime) -> str:
    """The job's soonest expiry among its ready packs."""
    ready = [p for p in job.packs if p.status == "completed" and p.expired_at is None]
    if not ready:
        return QCoreApplication.translate("ExportsPage", "expired") if job.expired else ""
    soonest = min(ready, key=lambda p: p.expires_at or now)
    return retention_text(soonest, now)


@dataclass(frozen=True)
class ExportsSnapshot:
    """What one background read found: jobs (newest first) and their batches' ids."""

    jobs: list[JobView]
    batch_ids: dict[str, int]


def load_history(db: Database, limit: int = HISTORY) -> ExportsSnapshot:
    return ExportsSnapshot(*export_history(db, limit))


def load_running(db: Database, keys: list[Key]) -> ExportsSnapshot:
    """The newest job of each running (batch, kind): a few small queries."""
    by_key = newest_jobs(db, keys)
    ids = {job.batch_uid: key[0] for key, job in by_key.items()}
    return ExportsSnapshot(list(by_key.values()), ids)


class _Live:
    """A running export as the page follows it: units done, with rates for job and pack."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.meter = RateMeter()

    def observe(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        self.meter.observe(done)


class ExportsPage(QWidget):
    resume_requested = Signal(int, str)
    cancel_requested = Signal(int, str)
    print_requested = Signal(int, int)  # batch id, pack (1-based; 0 the whole batch)
    updated = Signal()  # after the rows changed (tests wait for it)
    export_help_requested = Signal()  # the empty page's "Go to Batches"

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.jobs: list[JobView] = []
        self.batch_ids: dict[str, int] = {}
        self.job_items: dict[int, QTreeWidgetItem] = {}
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.tree.setColumnWidth(COL_NAME, 200)
        self.tree.setColumnWidth(COL_BATCH, 230)
        self.tree.setColumnWidth(COL_RATE, 200)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("exportProgress")
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.open_button = QPushButton(self.tr("&Open folder"))
        self.save_button = QPushButton(self.tr("Save pack &as…"))
        self.sweep_button = QPushButton(self.tr("Apply &retention now"))
        self.print_button = QPushButton(self.tr("&Print labels…"))
        self.print_button.clicked.connect(self._print)
        self.resume_button.clicked.connect(self._resume)
        self.cancel_button.clicked.connect(self._cancel)
        self.open_button.clicked.connect(self._open_folder)
        self.save_button.clicked.connect(self._save_as)
        self.sweep_button.clicked.connect(self.sweep)
        buttons = FlowLayout()  # wraps on a narrow screen (the German labels are long)
        for button in (
            self.resume_button,
            self.cancel_button,
            self.open_button,
            self.save_button,
            self.sweep_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        self.empty_state = EmptyStateWidget(
            self.tr("No exports yet"),
            self.tr(
                "Exports start from a minted batch: choose it on Batches and press Export… "
                "(Ctrl+E) for a CSV, a QR bundle, an NFC or RFID manifest or a label sheet. "
                "Every pack shows here as it is made."
            ),
            self.tr("Go to &Batches"),
            "batches",
        )
        self.empty_state.setVisible(False)
        self.empty_state.activated.connect(self.export_help_requested)
        layout.addWidget(self.empty_state, 1)
        self.running: set[Key] = set()
        self.live: dict[Key, _Live] = {}
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_MS)
        self.live_timer.timeout.connect(self.poll)
        self.loading: Op | None = None
        self.cancel_op: Op | None = None
        self._again = False
        self.stopped = False
        self.refresh()

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the history in the background (a second call meanwhile runs once after)."""
        if self.stopped:
            return
        if self.loading is not None:
            self._again = True
            return
        self.loading = (
            Op(load_history, self.db, owner=self, name="op:exports-history")
            .success(self._show_history)
            .failure(self._load_failed)
            .run()
        )
        self.loading.done.connect(self._loaded)

    def poll(self) -> None:
        """While exports run: re-read just their jobs and update their rows in place."""
        if self.loading is not None or not self.running or self.stopped:
            return
        self.loading = (
            Op(load_running, self.db, sorted(self.running), owner=self, name="op:exports-live")
            .success(self._show_running)
            .failure(self._load_failed)
            .run()
        )
        self.loading.done.connect(self._loaded)

    def _loaded(self) -> None:
        self.loading = None
        if self._again:
            self._again = False
            self.refresh()

    def _load_failed(self, exc: BaseException) -> None:
        self.progress_label.setText(self.tr("Cannot read the export history: {0}").format(exc))
        if not isinstance(exc, SQLAlchemyError | OSError):
            raise exc  # a bug, not a database that is away: to the crash dialog and the log

    def is_loading(self) -> bool:
        return self.loading is not None

    def _show_history(self, snapshot: ExportsSnapshot) -> None:
        self.jobs = snapshot.jobs
        self.batch_ids = snapshot.batch_ids
        selected = self._selected_data()
        self.tree.clear()
        self.job_items.clear()
        for job in self.jobs:
            top = QTreeWidgetItem()
            top.setData(COL_NAME, 256, ("job", job.id))
            for pack in job.packs:
                child = QTreeWidgetItem()
                child.setData(COL_NAME, 256, ("pack", job.id, pack.index))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            self.job_items[job.id] = top
            self._fill(top, job)
        if selected is not None:
            self._select(selected)
        self.empty_state.setVisible(not self.jobs)
        self.tree.setVisible(bool(self.jobs))
        self._update_buttons()
        self.updated.emit()

    def _show_running(self, snapshot: ExportsSnapshot) -> None:
        self.batch_ids.update(snapshot.batch_ids)
        for job in snapshot.jobs:
            top = self.job_items.get(job.id)
            if top is None or top.childCount() != len(job.packs):
                self.refresh()  # a job this page has not listed yet: load it whole
                return
            self.jobs = [job if j.id == job.id else j for j in self.jobs]
            self._fill(top, job)
        self._update_buttons()
        self.updated.emit()

    # -- rows ----------------------------------------------------------------------------

    def _live_of(self, job: JobView) -> _Live | None:
        batch_id = self.batch_ids.get(job.batch_uid)
        if batch_id is None:
            return None
        key = (batch_id, job.kind.value)
        return self.live.get(key) if key in self.running else None

    def _fill(self, top: QTreeWidgetItem, job: JobView) -> None:
        now = datetime.now(UTC)
        live = self._live_of(job)
        total = sum(p.unit_count for p in job.packs)
        ready_units = sum(p.unit_count for p in job.packs if p.status == "completed")
        done = max(live.done, ready_units) if live else ready_units
        expired = self.tr(" (expired)") if job.expired else ""
        ready = sum(1 for p in job.packs if p.status == "completed")
        top.setText(COL_NAME, self.tr("Export #{0}").format(job.id))
        top.setText(COL_BATCH, job.batch_uid)
        top.setText(COL_KIND, job.kind.value)
        top.setText(
            COL_STATUS,
            status_text(job.status)
            + expired
            + self.tr(" · {0} of {1} packs ready").format(ready, job.pack_count),
        )
        top.setText(COL_UNITS, f"{done:,} / {total:,}")
        top.setText(COL_RATE, self._rate_text(live, done, total) if live else "")
        top.setText(COL_RETENTION, job_retention_text(job, now))
        top.setText(COL_FILE, job.out_dir)
        top.setToolTip(COL_STATUS, job.error or "")
        for pack, child in zip(job.packs, _children(top), strict=True):
            self._fill_pack(child, job, pack, live, now)

    def _fill_pack(
        self,
        child: QTreeWidgetItem,
        job: JobView,
        pack: PackView,
        live: _Live | None,
        now: datetime,
    ) -> None:
        status = status_text(pack.status)
        if pack.status == "failed" and pack.error:
            status += f": {pack.error}"
        pack_done = pack.unit_count if pack.status == "completed" else 0
        rate = ""
        if pack.status == "generating" and live is not None:
            pack_done = min(max(live.done - pack.first_unit, 0), pack.unit_count)
            rate = self._rate_text(live, pack_done, pack.unit_count)
        child.setText(COL_NAME, self.tr("pack {0} of {1}").format(pack.index + 1, job.pack_count))
        child.setText(COL_STATUS, status)
        child.setToolTip(COL_STATUS, pack.error or "")
        child.setText(COL_UNITS, f"{pack_done:,} / {pack.unit_count:,}")
        child.setText(COL_RATE, rate)
        child.setText(
            COL_RETENTION, retention_text(pack, now) if pack.status == "completed" else ""
        )
        child.setText(COL_FILE, pack.path or "")

    def _rate_text(self, live: _Live, done: int, total: int) -> str:
        rate = live.meter.rate()
        eta = format_eta((total - done) / rate) if rate > 0 else "–"
        speed = f"{rate:,.0f}" if rate > 0 else "–"
        return self.tr("{0} units/s · ETA {1}").format(speed, eta)

    # -- selection -----------------------------------------------------------------------

    def _selected_data(self) -> tuple[object, ...] | None:
        item = self.tree.currentItem()
        data = item.data(COL_NAME, 256) if item is not None else None
        return tuple(data) if data else None

    def _select(self, data: tuple[object, ...]) -> None:
        top = self.job_items.get(int(str(data[1])))
        if top is None:
            return
        if data[0] == "pack":
            index = int(str(data[2]))
            child = top.child(index) if 0 <= index < top.childCount() else None
            if child is not None:
                self.tree.setCurrentItem(child)
                return
        self.tree.setCurrentItem(top)

    def selected_job(self) -> JobView | None:
        data = self._selected_data()
        return next((j for j in self.jobs if data and j.id == data[1]), None)

    def selected_pack(self) -> PackView | None:
        job = self.selected_job()
        data = self._selected_data()
        if job is None or not data or data[0] != "pack":
            return None
        return next((p for p in job.packs if p.index == data[2]), None)

    def _key(self, job: JobView) -> Key | None:
        batch_id = self.batch_ids.get(job.batch_uid)
        return None if batch_id is None else (batch_id, job.kind.value)

    def _update_buttons(self) -> None:
        job = self.selected_job()
        pack = self.selected_pack()
        key = self._key(job) if job is not None else None
        running = key is not None and key in self.running
        # A cancelled job is never continued (issue 14); a completed one only once expired.
        resumable = (
            job is not None
            and job.status != "cancelled"
            and (job.status != "completed" or job.expired)
        )
        self.resume_button.setEnabled(key is not None and not running and resumable)
        cancelling = self.cancel_op is not None and self.cancel_op.is_running()
        self.cancel_button.setEnabled(
            not cancelling and job is not None and (running or job.status not in ENDED)
        )
        self.open_button.setEnabled(job is not None)
        self.print_button.setEnabled(key is not None)
        self.save_button.setEnabled(
            pack is not None and pack.path is not None and pack.expired_at is None
        )

    # -- running exports -----------------------------------------------------------------

    def follow(self, job: Job, batch_id: int, kind: str) -> None:
        """Show this export as it runs: progress, rate and ETA, packs changing state."""
        key = (batch_id, kind)
        self.running.add(key)
        self.live[key] = _Live()
        job.progress.connect(lambda done, total: self._progress(key, done, total))
        job.finished.connect(lambda: self.job_ended(batch_id, kind))
        self.live_timer.start()
        self.refresh()

    def _progress(self, key: Key, done: int, total: int) -> None:
        live = self.live.setdefault(key, _Live())
        live.observe(done, total)
        done_all = sum(item.done for item in self.live.values())
        total_all = sum(item.total for item in self.live.values())
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total_all, 1))
        self.progress.setValue(done_all)
        rates = sum(item.meter.rate() for item in self.live.values())
        eta = (total_all - done_all) / rates if rates > 0 else None
        self.progress_label.setText(
            self.tr("{0} export(s) running: {1}").format(
                len(self.live), progress_text(done_all, total_all, rates, eta)
            )
        )

    def job_ended(self, batch_id: int, kind: str) -> None:
        self.running.discard((batch_id, kind))
        self.live.pop((batch_id, kind), None)
        if not self.running:
            self.live_timer.stop()
            self.progress.setVisible(False)
            self.progress_label.clear()
        self.refresh()

    def stop(self) -> None:
        """The window is closing: no more background reads."""
        self.stopped = True
        self.live_timer.stop()

    # -- buttons -------------------------------------------------------------------------

    def _resume(self) -> None:
        job = self.selected_job()
        key = self._key(job) if job is not None else None
        if key is not None:
            self.resume_requested.emit(*key)

    def _print(self) -> None:
        """Print the selected pack's labels (or, on an export, the whole batch's)."""
        job = self.selected_job()
        key = self._key(job) if job is not None else None
        if key is not None:
            pack = self.selected_pack()
            self.print_requested.emit(key[0], pack.index + 1 if pack is not None else 0)

    def _cancel(self) -> None:
        self.cancel_selected()

    def cancel_selected(self) -> Op | None:
        """Cancel the selected unfinished job for good (``exports cancel JOB``) in the
        background; a run making it in this window stops before its next pack."""
        job = self.selected_job()
        if job is None or job.status in ENDED:
            return None
        self.cancel_op = (
            Op(cancel_export, self.db, job.id, busy=self.cancel_button, owner=self)
            .success(lambda _view: self._cancelled(job))
            .failure(self._cancel_failed)
            .run()
        )
        return self.cancel_op

    def _cancelled(self, job: JobView) -> None:
        self.progress_label.setText(self.tr("Export #{0} cancelled.").format(job.id))
        key = self._key(job)
        if key is not None and key in self.running:
            self.cancel_requested.emit(*key)
        self.refresh()

    def _cancel_failed(self, exc: BaseException) -> None:
        self.progress_label.setText(self.tr("Cannot cancel the export: {0}").format(exc))
        if not isinstance(exc, MintStationError | SQLAlchemyError | OSError):
            raise exc  # a bug: to the crash dialog and the log
        self.refresh()

    def _open_folder(self) -> None:
        pack = self.selected_pack()
        job = self.selected_job()
        target = (
            Path(pack.path).parent if pack and pack.path else Path(job.out_dir) if job else None
        )
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _save_as(self) -> None:
        pack = self.selected_pack()
        if pack is None or pack.path is None:
            return
        source = Path(pack.path)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save pack"), source.name)
        if path:
            try:
                shutil.copyfile(source, path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Save pack"), str(exc))

    def sweep(self) -> Op:
        """Apply retention (deletes expired files) in the background."""
        self.sweep_op = (
            Op(sweep_expired, self.db, busy=self.sweep_button, owner=self)
            .success(lambda report: self._swept(str(report)))
            .failure(lambda exc: self.progress_label.setText(str(exc)))
            .run()
        )
        return self.sweep_op

    def _swept(self, report: str) -> None:
        self.progress_label.setText(report)
        self.refresh()


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]
