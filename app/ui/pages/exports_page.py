"""Exports / Print Jobs: the queue of export jobs and their packs, with resume and cancel."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.db import Database
from app.workers.exports import JobView, PackView, list_jobs, status_label, sweep_expired

COLUMNS = ("Export / pack", "Batch", "Kind", "Status", "Units", "Retention", "File")


def retention_text(pack: PackView, now: datetime) -> str:
    if pack.expired_at is not None:
        return "expired, file removed"
    if pack.expires_at is None:
        return "–"
    left = pack.expires_at - now
    if left.total_seconds() <= 0:
        return "expires at the next sweep"
    return f"{left.days} d {left.seconds // 3600} h left"


class ExportsPage(QWidget):
    resume_requested = Signal(int, str)
    cancel_requested = Signal(int, str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.jobs: list[JobView] = []
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 230)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.open_button = QPushButton(self.tr("&Open folder"))
        self.save_button = QPushButton(self.tr("Save pack &as…"))
        self.sweep_button = QPushButton(self.tr("Apply &retention now"))
        self.resume_button.clicked.connect(self._resume)
        self.cancel_button.clicked.connect(self._cancel)
        self.open_button.clicked.connect(self._open_folder)
        self.save_button.clicked.connect(self._save_as)
        self.sweep_button.clicked.connect(self.sweep)
        buttons = QHBoxLayout()
        for button in (
            self.resume_button,
            self.cancel_button,
            self.open_button,
            self.save_button,
            self.sweep_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        self.running: set[tuple[int, str]] = set()
        self.refresh()

    def refresh(self) -> None:
        with self.db.read() as session:
            self.jobs = list_jobs(session, limit=300)
        now = datetime.now(UTC)
        self.tree.clear()
        for job in self.jobs:
            expired = " (expired)" if job.expired else ""
            top = QTreeWidgetItem(
                [
                    f"Export #{job.id}",
                    job.batch_uid,
                    job.kind.value,
                    status_label(job.kind, job.status) + expired,
                    f"{sum(p.unit_count for p in job.packs):,}",
                    "",
                    job.out_dir,
                ]
            )
            top.setData(0, 256, ("job", job.id))
            for pack in job.packs:
                child = QTreeWidgetItem(
                    [
                        f"pack {pack.index + 1} of {job.pack_count}",
                        "",
                        "",
                        status_label(job.kind, pack.status)
                        + (f": {pack.error}" if pack.error else ""),
                        f"{pack.unit_count:,}",
                        retention_text(pack, now),
                        pack.path or "",
                    ]
                )
                child.setData(0, 256, ("pack", job.id, pack.index))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self._update_buttons()

    def selected_job(self) -> JobView | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        data = item.data(0, 256)
        return next((j for j in self.jobs if data and j.id == data[1]), None)

    def selected_pack(self) -> PackView | None:
        item = self.tree.currentItem()
        job = self.selected_job()
        data = item.data(0, 256) if item else None
        if job is None or not data or data[0] != "pack":
            return None
        return next((p for p in job.packs if p.index == data[2]), None)

    def _update_buttons(self) -> None:
        job = self.selected_job()
        pack = self.selected_pack()
        running = job is not None and (self._batch_id(job), job.kind.value) in self.running
        self.resume_button.setEnabled(
            job is not None and not running and (job.status != "completed" or job.expired)
        )
        self.cancel_button.setEnabled(running)
        self.open_button.setEnabled(job is not None)
        self.save_button.setEnabled(
            pack is not None and pack.path is not None and pack.expired_at is None
        )

    def _batch_id(self, job: JobView) -> int:
        from app.storage.queries import get_batch  # noqa: PLC0415

        with self.db.read() as session:
            return get_batch(session, job.batch_uid).id

    def show_progress(self, kind: str, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(
            self.tr("{0} export: {1} of {2} units").format(kind, f"{done:,}", f"{total:,}")
        )

    def job_started(self, batch_id: int, kind: str) -> None:
        self.running.add((batch_id, kind))
        self.refresh()

    def job_ended(self, batch_id: int, kind: str) -> None:
        self.running.discard((batch_id, kind))
        if not self.running:
            self.progress.setVisible(False)
            self.progress_label.clear()
        self.refresh()

    def _resume(self) -> None:
        job = self.selected_job()
        if job is not None:
            self.resume_requested.emit(self._batch_id(job), job.kind.value)

    def _cancel(self) -> None:
        job = self.selected_job()
        if job is not None:
            self.cancel_requested.emit(self._batch_id(job), job.kind.value)

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

    def sweep(self) -> None:
        report = sweep_expired(self.db)
        self.progress_label.setText(str(report))
        self.refresh()
