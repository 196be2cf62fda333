"""The main window: navigation on the left, one page per place, background jobs below."""

from __future__ import annotations

import gc
import sys
import time
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, cast

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
from app.ui.main_window.actions import build_menus, open_new_mint
from app.ui.main_window.page_stack import PageStack
from app.ui.main_window.places import PAGES, ROW, LazyPage, PageSpec, import_modules
from app.ui.main_window.toolbar import build_toolbar, style_sidebar
from app.ui.widgets.job_progress import JobsPanel
from app.ui.widgets.screen_fit import fit_window
from app.workers.job import Job, JobRegistry
from app.workers.op import Op, wait_for_ops
from app.workers.sync import sync_status

if TYPE_CHECKING:
    from app.ui.pages.activity_page import ActivityPage
    from app.ui.pages.batches_page import BatchesPage
    from app.ui.pages.dashboard_page import DashboardPage
    from app.ui.pages.exports_page import ExportsPage
    from app.ui.pages.products_page import ProductsPage
    from app.ui.pages.stations_page import StationsPage
    from app.ui.pages.tokens_page import TokensPage
    from app.ui.pages.verify_page import VerifyPage
    from app.workers.stations import StationRequest

REFRESH_MS = 2000
# The GUI thread shares the GIL with the job threads; each time it gives the GIL up (a
# database call, say) it may wait a whole switch interval to get it back. 1 ms instead of
# Python's 5 ms keeps those waits from adding up to a visible stall while a batch mints.
GIL_SWITCH_INTERVAL_S = 0.001
SYNC_POLL_MS = 5000
AUTO_SYNC_S = 60.0
# A second after start-up, what the first Export, New Mint, print or page visit would import
# is loaded on a background thread, so that first use does not stall the window (importing
# the exporters alone held the GUI thread 65-90 ms at the end of a first mint).
WARM_UP_DELAY_MS = 1000
WARM_UP_MODULES = (
    "app.workers.exports",
    "app.workers.minting",
    "app.workers.stations",
    "app.workers.printing",
    "app.ui.wizard",
    "app.ui.dialogs.print_dialog",
    "app.ui.dialogs.settings_dialog",
)


class MainWindow(QMainWindow):
    dashboard_page: LazyPage[DashboardPage] = LazyPage("dashboard")
    products_page: LazyPage[ProductsPage] = LazyPage("products")
    batches_page: LazyPage[BatchesPage] = LazyPage("batches")
    tokens_page: LazyPage[TokensPage] = LazyPage("tokens")
    exports_page: LazyPage[ExportsPage] = LazyPage("exports")
    stations_page: LazyPage[StationsPage] = LazyPage("stations")
    activity_page: LazyPage[ActivityPage] = LazyPage("activity")
    verify_page: LazyPage[VerifyPage] = LazyPage("verify")

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
        titles = {
            "dashboard": self.tr("Dashboard"),
            "products": self.tr("Products"),
            "batches": self.tr("Batches"),
            "tokens": self.tr("Tokens"),
            "exports": self.tr("Exports / Print Jobs"),
            "stations": self.tr("Stations"),
            "activity": self.tr("Activity / Audit"),
            "verify": self.tr("Verify"),
        }
        for spec in PAGES:
            self.nav.addItem(titles[spec.name])
            self.pages.add_page(spec.cls, partial(self._build_page, spec))
        self.nav.currentRowChanged.connect(self._on_page_changed)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        build_menus(self)
        style_sidebar(self.nav, [spec.icon for spec in PAGES])
        self.toolbar = build_toolbar(self)
        self.jobs_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.jobs_panel = JobsPanel(self.jobs)  # progress, rate, ETA and Cancel of each job
        self.statusBar().addPermanentWidget(self.jobs_panel, 1)
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().showMessage(self.tr("Database: {0}").format(db.describe()))
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
        self.warm_up_timer = QTimer(self)
        self.warm_up_timer.setSingleShot(True)
        self.warm_up_timer.setInterval(WARM_UP_DELAY_MS)
        self.warm_up_timer.timeout.connect(self._warm_up)
        self.warm_up_timer.start()
        # What start-up built lives as long as the window: keep the collector from walking it
        # in every full collection (those pauses were the longest GUI stalls while minting).
        gc.freeze()
        if resume:
            self.resume_unfinished()

    def _build_page(self, spec: PageSpec) -> QWidget:
        """Build a page on first use and connect what it asks the window to do."""
        page_class = getattr(import_module(spec.module), spec.cls)
        page = cast(QWidget, page_class(self.db))
        connect = getattr(self, f"_connect_{spec.name}", None)
        if connect is not None:
            connect(page)
        return page

    def _connect_dashboard(self, page: DashboardPage) -> None:
        page.new_mint_requested.connect(lambda: open_new_mint(self))

    def _connect_batches(self, page: BatchesPage) -> None:
        page.resume_requested.connect(self.start_mint)
        page.open_tokens.connect(self.open_batch_tokens)
        page.export_requested.connect(self.start_export)
        page.print_requested.connect(self.open_print_dialog)

    def _connect_exports(self, page: ExportsPage) -> None:
        page.export_help_requested.connect(self.choose_export)
        page.resume_requested.connect(self.start_export)
        page.cancel_requested.connect(self.cancel_export)
        page.print_requested.connect(self.open_print_dialog)

    def _connect_stations(self, page: StationsPage) -> None:
        page.start_requested.connect(self.start_station)

    def _warm_up(self) -> Op:
        modules = (*(spec.module for spec in PAGES), *WARM_UP_MODULES)
        return Op(import_modules, modules, owner=self, name="op:warm-up").run()

    def _is_built(self, name: str) -> bool:
        return self.pages.is_built(ROW[name])

    def _on_page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        method = PAGES[row].on_show if row >= 0 else None
        if method:
            getattr(self.pages.page(row), method)()

    def open_print_dialog(self, batch_id: int, pack: int = 0) -> None:
        """Print from the Batches or Exports page (the dialog's module loads on first use)."""
        from app.ui.dialogs.print_dialog import open_print_dialog  # noqa: PLC0415

        open_print_dialog(self, batch_id, pack)

    # -- background work -----------------------------------------------------------------

    def resume_unfinished(self) -> None:
        """Finish batches a closed window or a killed process left in the queue."""
        from app.minting.engine import unfinished_batches  # noqa: PLC0415

        if unfinished_batches(self.db):
            from app.workers.minting import resume_unfinished_job  # noqa: PLC0415

            self._start(resume_unfinished_job(self.db))

    def start_mint(self, batch_id: int) -> Job:
        from app.workers.minting import mint_batch_job  # noqa: PLC0415

        return self._start(mint_batch_job(self.db, batch_id))

    def start_export(self, batch_id: int, kind: str) -> Job:
        """Generate (or resume) an export in the background; the Exports page follows it."""
        running = self.jobs.running(f"export:{batch_id}:{kind}")
        if running:
            return running[0]
        from app.workers.exports import export_job  # noqa: PLC0415 - the exporters: on first use

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
        from app.workers.sync import sync_job  # noqa: PLC0415 - the HTTP client: on first use

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
        from app.workers.stations import EncodingJob  # noqa: PLC0415

        job = EncodingJob(self.db, request)
        self.stations_page.attach(job)
        if self._is_built("tokens"):
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
            if self._is_built("tokens"):
                self.tokens_page.model.refresh_counts()
            if self._is_built("batches"):
                self.batches_page.refresh_progress()

    def refresh_all(self) -> None:
        """Bring every page built so far up to date (one not built yet loads fresh)."""
        self.dashboard_page.refresh()
        if self._is_built("batches"):
            self.batches_page.refresh_in_background()
        if self._is_built("exports"):
            self.exports_page.refresh()
        if self._is_built("tokens"):
            self.tokens_page.model.refresh_counts()
        if self._is_built("activity"):
            self.activity_page.refresh_in_background()
        if self._is_built("stations"):
            self.stations_page.refresh()  # F5 looks for newly plugged readers too

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
        self.warm_up_timer.stop()
        self.dashboard_page.timer.stop()
        if self._is_built("exports"):
            self.exports_page.stop()
        if self._is_built("batches"):
            self.batches_page.stop()
        if self._is_built("activity"):
            self.activity_page.stop()
        if self._is_built("verify"):
            self.verify_page.stop()
        self.jobs.shutdown()
        wait_for_ops()  # a write started by a button finishes before the window goes
        super().closeEvent(event)
