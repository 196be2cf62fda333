"""Dashboard: the four KPI cards and the batches in progress with rate and ETA."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
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

from app.core.eta import format_eta
from app.storage.db import Database
from app.storage.queries import BatchView, kpis, list_batches
from app.ui.widgets.kpi_card import KpiCard
from app.workers.sync import total_scans

REFRESH_MS = 1000
RATE_WINDOW_S = 10.0


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


class DashboardPage(QWidget):
    CARDS = (
        ("total_tokens_minted", QT_TRANSLATE_NOOP("DashboardPage", "Total Tokens Minted")),
        ("active_tokens", QT_TRANSLATE_NOOP("DashboardPage", "Active Tokens")),
        ("batches_created", QT_TRANSLATE_NOOP("DashboardPage", "Batches Created")),
        ("exported_printed", QT_TRANSLATE_NOOP("DashboardPage", "Exported / Printed")),
    )

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.cards: dict[str, KpiCard] = {}
        grid = QGridLayout()
        for col, (key, title) in enumerate(self.CARDS):
            card = KpiCard(self.tr(str(title)))
            self.cards[key] = card
            grid.addWidget(card, 0, col)
        self.progress_table = QTableWidget(0, 5)
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
        self.idle_label = QLabel(self.tr("No batch is minting right now."))
        self.scans_label = QLabel()
        self.scans_label.setObjectName("scans")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.scans_label)
        layout.addWidget(QLabel(self.tr("<b>Batches in progress</b>")))
        layout.addWidget(self.idle_label)
        layout.addWidget(self.progress_table, 1)
        self.rates = RateTracker()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        with self.db.read() as session:
            figures = kpis(session)
            running = list_batches(session, status="processing") + list_batches(
                session, status="queued"
            )
            scans = total_scans(session)
        for key, card in self.cards.items():
            card.set_value(figures[key])
        self.scans_label.setText(
            self.tr("Consumer scans reported by the resolver: {0}").format(f"{scans:,}")
        )
        self._show_running(running)

    def _show_running(self, running: list[BatchView]) -> None:
        now = time.monotonic()
        self.idle_label.setVisible(not running)
        self.progress_table.setRowCount(len(running))
        for row, batch in enumerate(running):
            rate = self.rates.observe(batch.id, batch.minted_count, now)
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
