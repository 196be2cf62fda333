"""Dashboard: KPI cards, the batches in progress, and four charts of the last 30 days.

Every figure comes from counters (app.storage.counters: totals and per-day rows) or from
the batch rows of the running batches, never from scanning the token table, so the page
costs the same at 1,000 tokens as at 1,000,000.

The four charts (pyqtgraph and numpy: about a second of imports on a cold start) are built
just after the window's first paint, or at once when something asks for one; figures read
before then are drawn when they exist.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from app.core.eta import format_eta
from app.storage.db import Database
from app.storage.queries import BatchView
from app.ui.widgets.columns import fit_columns
from app.ui.widgets.empty_state import EmptyStateWidget
from app.ui.widgets.kpi_card import KpiCard
from app.workers.dashboard import DashboardFigures, load_figures
from app.workers.op import Op

if TYPE_CHECKING:
    from app.ui.widgets.charts import DailyBarChart, RateChart

log = logging.getLogger("mintstation")

REFRESH_MS = 1000
RATE_WINDOW_S = 10.0
RATE_HISTORY_S = 15 * 60.0


class RateTracker:
    """Units per second of each batch over the last few seconds of observations."""

    def __init__(self) -> None:
        self.samples: dict[int, deque[tuple[float, int]]] = {}

    def observe(self, batch_id: int, minted: int, now: float) -> float:
        samples = self.samples.setdefault(batch_id, deque())
        samples.append((now, minted))
        while len(samples) > 2 and now - samples[0][0] > RATE_WINDOW_S:
            samples.popleft()
        (t0, m0), (t1, m1) = samples[0], samples[-1]
        return (m1 - m0) / (t1 - t0) if t1 > t0 else 0.0


class RateHistory:
    """The summed rate of the running batches, one point per refresh, for 15 minutes."""

    def __init__(self, span_s: float = RATE_HISTORY_S) -> None:
        self.span_s = span_s
        self.points: deque[tuple[float, float]] = deque()

    def add(self, now: float, rate: float) -> None:
        self.points.append((now, rate))
        while self.points and now - self.points[0][0] > self.span_s:
            self.points.popleft()

    def clear(self) -> None:
        self.points.clear()

    def series(self, now: float) -> tuple[list[float], list[float]]:
        """(minutes before now, units per second), oldest first."""
        return [(t - now) / 60.0 for t, _ in self.points], [r for _, r in self.points]


@dataclass(frozen=True)
class Charts:
    minted: DailyBarChart
    scans: DailyBarChart
    exports: DailyBarChart
    rate: RateChart


class DashboardPage(QWidget):
    CARDS = (
        ("total_tokens_minted", QT_TRANSLATE_NOOP("DashboardPage", "Total Tokens Minted")),
        ("active_tokens", QT_TRANSLATE_NOOP("DashboardPage", "Active Tokens")),
        ("batches_created", QT_TRANSLATE_NOOP("DashboardPage", "Batches Created")),
        ("exported_printed", QT_TRANSLATE_NOOP("DashboardPage", "Exported / Printed")),
    )
    new_mint_requested = Signal()

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.cards: dict[str, KpiCard] = {}
        grid = QGridLayout()
        for col, (key, title) in enumerate(self.CARDS):
            card = KpiCard(self.tr(str(title)))
            self.cards[key] = card
            grid.addWidget(card, 0, col)
        self.empty_state = EmptyStateWidget(
            self.tr("Mint your first batch"),
            self.tr(
                "Choose a product that is ready to mint, say how many units, and submit: "
                "the batch mints in the background and its progress shows here."
            ),
            self.tr("&New Mint…"),
            "new_mint",
        )
        self.empty_state.activated.connect(self.new_mint_requested)
        self.progress_table = QTableWidget(0, 5)
        self.progress_table.setObjectName("batchesInProgress")
        self.progress_table.setHorizontalHeaderLabels(
            [
                self.tr("Batch"),
                self.tr("Product"),
                self.tr("Progress"),
                self.tr("Rate"),
                self.tr("ETA"),
            ]
        )
        self.progress_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.progress_table.verticalHeader().setVisible(False)
        self.progress_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.progress_table.setMaximumHeight(150)
        self.idle_label = QLabel(self.tr("No batch is minting right now."))
        self._charts: Charts | None = None
        self._figures: DashboardFigures | None = None
        self._rate: tuple[list[float], list[float], str] = ([], [], "")
        self.chart_grid = QGridLayout()
        self.charts = QWidget()
        self.charts.setLayout(self.chart_grid)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.empty_state, 1)
        self.progress_title = QLabel(self.tr("<b>Batches in progress</b>"))
        layout.addWidget(self.progress_title)
        layout.addWidget(self.idle_label)
        layout.addWidget(self.progress_table)
        layout.addWidget(self.charts, 2)
        self.rates = RateTracker()
        self.rate_history = RateHistory()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_in_background)
        self.loading: Op | None = None
        self.timer.start()
        self.refresh()
        QTimer.singleShot(0, self, self.ensure_charts)

    def ensure_charts(self) -> Charts:
        """The charts, built (and drawn with the last figures read) on first use."""
        if self._charts is None:
            from app.ui.widgets.charts import (  # noqa: PLC0415 - pyqtgraph is slow to import
                DailyBarChart,
                RateChart,
            )

            scans = DailyBarChart(self.tr("Consumer scans per day"))
            scans.setObjectName("scans")
            self._charts = Charts(
                minted=DailyBarChart(self.tr("Tokens minted per day")),
                scans=scans,
                exports=DailyBarChart(self.tr("Exports per day")),
                rate=RateChart(self.tr("Minting rate (units/s)")),
            )
            self.chart_grid.addWidget(self._charts.minted, 0, 0)
            self.chart_grid.addWidget(self._charts.rate, 0, 1)
            self.chart_grid.addWidget(self._charts.scans, 1, 0)
            self.chart_grid.addWidget(self._charts.exports, 1, 1)
            self._draw_charts()
        return self._charts

    @property
    def minted_chart(self) -> DailyBarChart:
        return self.ensure_charts().minted

    @property
    def scans_chart(self) -> DailyBarChart:
        return self.ensure_charts().scans

    @property
    def exports_chart(self) -> DailyBarChart:
        return self.ensure_charts().exports

    @property
    def rate_chart(self) -> RateChart:
        return self.ensure_charts().rate

    def refresh(self) -> None:
        """Read and show the figures now (after a job ended, or on F5)."""
        self.show_figures(load_figures(self.db))

    def refresh_in_background(self) -> None:
        """The timer's refresh: the reads run off the GUI thread (one at a time), so a
        database busy with a mint never holds up the window."""
        if self.loading is not None:
            return
        self.loading = (
            Op(load_figures, self.db, owner=self, name="op:dashboard")
            .success(self.show_figures)
            .failure(self._load_failed)
            .run()
        )
        self.loading.done.connect(self._loaded)

    def _loaded(self) -> None:
        self.loading = None

    def _load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SQLAlchemyError | OSError):
            raise exc  # a bug, not a database that is away: to the crash dialog and the log
        log.warning("dashboard figures not read: %s", exc)  # the next tick tries again

    def show_figures(self, figures: DashboardFigures) -> None:
        for key, card in self.cards.items():
            card.set_value(figures.kpis[key])
        running = figures.running
        first_time = figures.kpis["total_tokens_minted"] == 0 and not running
        self.empty_state.setVisible(first_time)
        self.charts.setVisible(not first_time)
        self.progress_title.setVisible(not first_time)
        self._figures = figures
        self._show_running(running)
        self._draw_charts()

    def _draw_charts(self) -> None:
        charts, figures = self._charts, self._figures
        if charts is None or figures is None:
            return
        day, minted, scanned, exported = (
            figures.day,
            figures.minted,
            figures.scanned,
            figures.exported,
        )
        charts.minted.set_days(minted, day, self._caption(minted))
        charts.exports.set_days(exported, day, self._caption(exported))
        charts.scans.set_days(
            scanned,
            day,
            self.tr("{0} · all time: {1}").format(self._caption(scanned), f"{figures.scans:,}"),
        )
        charts.rate.set_series(*self._rate)

    def _caption(self, values: list[int]) -> str:
        return self.tr("30 days: {0} · today: {1}").format(f"{sum(values):,}", f"{values[-1]:,}")

    def _show_running(self, running: list[BatchView]) -> None:
        now = time.monotonic()
        self.idle_label.setVisible(not running and self.charts.isVisibleTo(self))
        self.progress_table.setVisible(bool(running))
        self.progress_table.setRowCount(len(running))
        total_rate = 0.0
        for row, batch in enumerate(running):
            rate = self.rates.observe(batch.id, batch.minted_count, now)
            total_rate += rate
            remaining = batch.quantity - batch.minted_count
            eta = format_eta(remaining / rate) if rate > 0 else "–"
            self.progress_table.setItem(row, 0, QTableWidgetItem(batch.uid))
            self.progress_table.setItem(row, 1, QTableWidgetItem(batch.sku))
            bar = self.progress_table.cellWidget(row, 2)
            if not isinstance(bar, QProgressBar):
                bar = QProgressBar()
                self.progress_table.setCellWidget(row, 2, bar)
            bar.setRange(0, batch.quantity)
            bar.setValue(batch.minted_count)
            bar.setFormat(f"{batch.minted_count:,} / {batch.quantity:,} ({batch.status})")
            self.progress_table.setItem(row, 3, QTableWidgetItem(f"{rate:,.0f}/s"))
            self.progress_table.setItem(row, 4, QTableWidgetItem(eta))
        if running:
            fit_columns(self.progress_table, {0: "id", 1: "code"})
            self.rate_history.add(now, total_rate)
        xs, ys = self.rate_history.series(now)
        if running:
            caption = self.tr("Now: {0}/s").format(f"{total_rate:,.0f}")
        elif ys:
            caption = self.tr("No batch is minting; the line shows the last run.")
        else:
            caption = self.tr("No batch has minted since the window opened.")
        self._rate = (xs, ys, caption)
