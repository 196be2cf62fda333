"""The main window: navigation on the left, one page per place, background jobs below."""

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from app import __version__
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window.actions import build_menus
from app.ui.main_window.page_stack import PageStack
from app.ui.main_window.toolbar import build_toolbar, style_sidebar
from app.ui.pages.activity_page import ActivityPage
from app.ui.pages.batches_page import BatchesPage
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.exports_page import ExportsPage
from app.ui.pages.products_page import ProductsPage
from app.ui.pages.stations_page import StationsPage
from app.ui.pages.tokens_page import TokensPage
from app.ui.pages.verify_page import VerifyPage
from app.ui.widgets.job_progress import JobsPanel
from app.ui.widgets.screen_fit import fit_window
from app.ui.wizard import open_new_mint
from app.workers.exports import export_job
from app.workers.job import Job, JobRegistry
from app.workers.minting import mint_batch_job, resume_unfinished_job
from app.workers.op import wait_for_ops
from app.workers.stations import EncodingJob, StationRequest
from app.workers.sync import sync_job, sync_status

REFRESH_MS = 2000
# The GUI thread shares the GIL with the job threads; each time it gives the GIL up (a
# database call, say) it may wait a whole switch interval to get it back. 1 ms instead of
# Python's 5 ms keeps those waits from adding up to a visible stall while a batch mints.
GIL_SWITCH_INTERVAL_S = 0.001
SYNC_POLL_MS = 5000
AUTO_SYNC_S = 60.0


class MainWindow(QMainWindow):
    def __init__(self, db: Database, home: StationHome, *, resume: bool = True) -> None:
        super().__init__()
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        self.db = db
        self.home = home
        self.jobs = JobRegistry()
        self.setWindowTitle(f"Mint Station {__version__}")
        fit_window(self, QSize(1280, 800), key="main")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.pages = PageStack()
        self.dashboard_page = DashboardPage(db)
        self.products_page = ProductsPage(db)
        self.batches_page = BatchesPage(db)
        self.tokens_page = TokensPage(db)
        self.exports_page = ExportsPage(db)
        self.stations_page = StationsPage(db)
        self.activity_page = ActivityPage(db)
        self.verify_page = VerifyPage(db)
        for title, page in (
            (self.tr("Dashboard"), self.dashboard_page),
            (self.tr("Products"), self.products_page),
            (self.tr("Batches"), self.batches_page),
            (self.tr("Tokens"), self.tokens_page),
            (self.tr("Exports / Print Jobs"), self.exports_page),
            (self.tr("Stations"), self.stations_page),
            (self.tr("Activity / Audit"), self.activity_page),
            (self.tr("Verify"), self.verify_page),
        ):
            self.add_page(title, page)
        self.nav.currentRowChanged.connect(self._on_page_changed)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        build_menus(self)
        style_sidebar(self.nav, [self.pages.widget(i) for i in range(self.pages.count())])
        self.toolbar = build_toolbar(self)
        self.dashboard_page.new_mint_requested.connect(lambda: open_new_mint(self))
        self.exports_page.export_help_requested.connect(self.choose_export)
        self.jobs_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.jobs_panel = JobsPanel(self.jobs)  # progress, rate, ETA and Cancel of each job
        self.statusBar().addPermanentWidget(self.jobs_panel, 1)
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().showMessage(self.tr("Database: {0}").format(db.describe()))
        self.batches_page.resume_requested.connect(self.start_mint)
        self.batches_page.open_tokens.connect(self.open_batch_tokens)
        self.batches_page.export_requested.connect(self.start_export)
        self.exports_page.resume_requested.connect(self.start_export)
        self.exports_page.cancel_requested.connect(self.cancel_export)
        self.stations_page.start_requested.connect(self.start_station)
        self.batches_page.print_requested.connect(self.open_print_dialog)
        self.exports_page.print_requested.connect(self.open_print_dialog)
        self.jobs.changed.connect(self._show_jobs)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self._refresh_live)
        self.refresh_timer.start()
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(SYNC_POLL_MS)
        self.sync_timer.timeout.connect(self.poll_sync)
        self.sync_timer.start()
        self._last_auto_sync = 0.0
        self.poll_sync()
        # What start-up built lives as long as the window: keep the collector from walking it
        # in every full collection (those pauses were the longest GUI stalls while minting).
        gc.freeze()
        if resume:
            self.resume_unfinished()

    def add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)

    def _on_page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if self.pages.currentWidget() is self.batches_page:
            self.batches_page.refresh_in_background()
        elif self.pages.currentWidget() is self.exports_page:
            self.exports_page.refresh()
        elif self.pages.currentWidget() is self.stations_page:
            self.stations_page.refresh()
        elif self.pages.currentWidget() is self.activity_page:
            self.activity_page.refresh_in_background()
        elif self.pages.currentWidget() is self.verify_page:
            self.verify_page.refresh()

    def open_print_dialog(self, batch_id: int, pack: int = 0) -> None:
        """Print from the Batches or Exports page (the dialog's module loads on first use)."""
        from app.ui.dialogs.print_dialog import open_print_dialog  # noqa: PLC0415

        open_print_dialog(self, batch_id, pack)

    # -- background work -----------------------------------------------------------------

    def resume_unfinished(self) -> None:
        """Finish batches a closed window or a killed process left in the queue."""
        from app.minting.engine import unfinished_batches  # noqa: PLC0415

        if unfinished_batches(self.db):
            self._start(resume_unfinished_job(self.db))

    def start_mint(self, batch_id: int) -> Job:
        return self._start(mint_batch_job(self.db, batch_id))

    def start_export(self, batch_id: int, kind: str) -> Job:
        """Generate (or resume) an export in the background; the Exports page follows it."""
        running = self.jobs.running(f"export:{batch_id}:{kind}")
        if running:
            return running[0]
        job = export_job(self.db, batch_id, kind, self.home.exports_dir)
        self._start(job)
        self.exports_page.follow(job, batch_id, kind)
        self.show_page(self.exports_page)
        return job

    def sync_now(self) -> Job | None:
        """Start a sync unless one runs or sync is not configured (Settings ▸ Sync)."""
        running = self.jobs.running("sync")
        if running:
            return running[0]
        if not sync_status(self.db).configured:
            self.statusBar().showMessage(self.tr("Sync is not configured: Settings ▸ Sync"), 5000)
            return None
        self._last_auto_sync = time.monotonic()
        job = sync_job(self.db)
        job.finished.connect(self.poll_sync)
        return self._start(job)

    def poll_sync(self) -> None:
        """Show online/offline, waiting changes and the last success; sync every minute."""
        status = sync_status(self.db)
        last = (
            status.last_success_at.astimezone().strftime("%H:%M")
            if status.last_success_at
            else self.tr("never")
        )
        if not status.configured:
            self.sync_label.setText(self.tr("Sync: not configured"))
        else:
            state = self.tr("online") if status.online else self.tr("offline")
            self.sync_label.setText(
                self.tr("Sync: {0} · {1} waiting · last {2}").format(
                    state, f"{status.pending:,}", last
                )
            )
        self.sync_label.setToolTip(status.last_error or "")
        due = time.monotonic() - self._last_auto_sync >= AUTO_SYNC_S
        if status.configured and due and not self.jobs.running("sync"):
            self.sync_now()

    def start_station(self, request: StationRequest) -> Job | None:
        """Run an encoding station on its own thread; the Stations page shows it."""
        if self.jobs.running("station:"):
            return None
        job = EncodingJob(self.db, request)
        self.stations_page.attach(job)
        job.finished.connect(self.tokens_page.preview.reload)
        self._start(job)
        self.stations_page.update_buttons()
        return job

    def cancel_export(self, batch_id: int, kind: str) -> None:
        for job in self.jobs.running(f"export:{batch_id}:{kind}"):
            job.cancel()

    def _start(self, job: Job) -> Job:
        job.failed.connect(self.show_error)
        job.finished.connect(self.refresh_all)
        return self.jobs.start(job)

    def _show_jobs(self) -> None:
        running = self.jobs.running()
        self.jobs_label.setText(
            self.tr("{0} job(s) running").format(len(running)) if running else ""
        )

    def _refresh_live(self) -> None:
        if self.jobs.running():
            self.tokens_page.model.refresh_counts()
            self.batches_page.refresh_progress()

    def refresh_all(self) -> None:
        self.dashboard_page.refresh()
        self.batches_page.refresh_in_background()
        self.exports_page.refresh()
        self.tokens_page.model.refresh_counts()
        self.activity_page.refresh_in_background()

    # -- navigation helpers ----------------------------------------------------------------

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def open_batch_tokens(self, batch_id: int) -> None:
        self.tokens_page.show_batch(batch_id)
        self.show_page(self.tokens_page)

    def choose_export(self) -> None:
        """Toolbar Export: the Batches page with a minted batch chosen and Export… focused."""
        self.show_page(self.batches_page)
        page = self.batches_page
        current = page.selected()
        if current is None or current.status != "minted":
            minted = next((v for v in page.views if v.status == "minted"), None)
            if minted is not None:
                page.select_batch(minted.id)
        if page.export_button.isEnabled():
            page.export_button.setFocus()
            self.statusBar().showMessage(
                self.tr("Press Export… (Alt+E) and choose what to make for the selected batch."),
                8000,
            )
        else:
            self.statusBar().showMessage(
                self.tr("Nothing to export yet: a batch can be exported once it is minted."), 8000
            )

    def open_encoding(self) -> None:
        """Toolbar Encode: the Stations page, ready to start."""
        self.show_page(self.stations_page)
        self.stations_page.start_button.setFocus()

    def focus_scan(self) -> None:
        self.show_page(self.tokens_page)
        self.tokens_page.scan.setFocus()

    def show_error(self, message: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Mint Station"), message, parent=self)
        if details:
            box.setDetailedText(details)
        box.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Mint Station"),
            self.tr("Mint Station {0}<br>Database: {1}<br>Home: {2}<br>Logs: {3}").format(
                __version__, self.db.describe(), self.home.root, self.home.logs_dir
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop background jobs at their next cycle; they stay resumable."""
        self.refresh_timer.stop()
        self.sync_timer.stop()
        self.dashboard_page.timer.stop()
        self.exports_page.stop()
        self.batches_page.stop()
        self.activity_page.stop()
        self.verify_page.stop()
        self.jobs.shutdown()
        wait_for_ops()  # a write started by a button finishes before the window goes
        super().closeEvent(event)
