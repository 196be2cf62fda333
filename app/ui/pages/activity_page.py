"""Activity / Audit: the chronological event log, filterable, with a chain check.

Read like a log at 1024×768: the number and the time (UTC, as the audit keeps it) sized to
their text on one line, the entity elided in the middle (type and both ends of the id stay
readable), the detail as one line of ``key value`` text elided at the end; the tooltips
hold the full entity and the whole detail as JSON.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage import audit_queries as audit
from app.storage.db import Database
from app.ui.audit_text import detail_text, detail_tooltip
from app.ui.widgets.columns import ElideRightDelegate, fit_columns
from app.workers.op import Op

ENTITY_TYPES = ("", "batch", "token", "export", "product", "brand", "production_run", "station")
PAGE = 500
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# "#", time and event as wide as their text; the entity elided in the middle past a bound;
# the details take the rest.
NUMBER, TIME, ENTITY, EVENT, DETAILS = range(5)
COLUMNS = {NUMBER: "code", TIME: "code", ENTITY: "id", EVENT: "code", DETAILS: "stretch"}
TIME_SAMPLE = "0000-00-00 00:00:00"


class EventRow(NamedTuple):
    """One event's cells, formatted off the GUI thread."""

    number: str
    time: str
    entity: str
    event: str
    details: str
    details_tooltip: str


class ActivityPage(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.entity = QComboBox()
        self.entity.setAccessibleName(self.tr("Entity type"))
        for kind in ENTITY_TYPES:
            self.entity.addItem(kind or self.tr("all entities"), kind)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_op: Op | None = None
        self.chain_ok: bool | None = None
        self.loading: Op | None = None
        self._again = False
        self.stopped = False
        self.verdict = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.entity)
        top.addWidget(self.verify_button)
        top.addWidget(self.verdict, 1)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Time (UTC)"),
                self.tr("Entity"),
                self.tr("Event"),
                self.tr("Details"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(DETAILS, ElideRightDelegate(self.table))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        """The newest events first (the latest pages only; `audit list` has them all)."""
        self._show_events(latest_events(self.db, self.entity.currentData() or None))

    def refresh_in_background(self) -> None:
        """The same, read off the GUI thread (after a job ends)."""
        if self.stopped:
            return
        if self.loading is not None:
            self._again = True
            return
        kind = self.entity.currentData() or None
        self.loading = (
            Op(latest_events, self.db, kind, owner=self, name="op:activity")
            .success(self._show_events)
            .run()
        )
        self.loading.done.connect(self._loaded)

    def stop(self) -> None:
        """The window is closing: no more background reads."""
        self.stopped = True

    def _loaded(self) -> None:
        self.loading = None
        if self._again:
            self._again = False
            self.refresh_in_background()

    def _show_events(self, rows: list[EventRow]) -> None:
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, cells in enumerate(rows):
            texts = (cells.number, cells.time, cells.entity, cells.event, cells.details)
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col == NUMBER:
                    item.setTextAlignment(right)
                elif col == DETAILS and cells.details_tooltip:
                    item.setToolTip(cells.details_tooltip)
                self.table.setItem(row, col, item)
        fit_columns(self.table, COLUMNS, {TIME: TIME_SAMPLE})

    def verify(self) -> Op:
        """Check the whole hash chain in the background (it reads every event)."""
        self.verdict.setText(self.tr("Verifying the chain…"))
        self.verify_op = (
            Op(verify_chain, self.db, busy=self.verify_button, owner=self)
            .success(self._verified)
            .failure(lambda exc: self.verdict.setText(f"✖ {exc}"))
            .run()
        )
        return self.verify_op

    def _verified(self, report: audit.ChainReport) -> None:
        mark = "✔" if report.ok else "✖"
        self.verdict.setText(f"{mark} {report}")
        self.chain_ok = report.ok


def latest_events(db: Database, kind: str | None) -> list[EventRow]:
    """The table's cells of the newest events (formatted here, off the GUI thread)."""
    with db.read() as session:
        events = audit.latest_events(session, entity_type=kind, limit=PAGE)
        return [
            EventRow(
                str(e.id),
                e.at.strftime(TIME_FORMAT),
                f"{e.entity_type} {e.entity_id}",
                e.action,
                detail_text(e.detail),
                detail_tooltip(e.detail),
            )
            for e in events
        ]


def verify_chain(db: Database) -> audit.ChainReport:
    with db.read() as session:
        return audit.verify_chain(session)
