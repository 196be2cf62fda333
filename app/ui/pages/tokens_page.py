"""Tokens: every token across batches, filters, a scan field, and the preview panel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.digital_link import parse_scan
from app.core.errors import MintStationError
from app.storage.db import Database
from app.storage.queries import find_by_identifiers, list_batches, token_key
from app.ui.models.token_table_model import TokenTableModel
from app.ui.status_words import token_status
from app.ui.widgets.columns import fit_columns
from app.ui.widgets.token_preview import TokenPreview

STATUSES = ("", "minted", "active", "revoked")


class TokensPage(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.batch_filter = QComboBox()
        self.batch_filter.setAccessibleName(self.tr("Batch filter"))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        for status in STATUSES:
            self.status_filter.addItem(token_status(status) or self.tr("any status"), status)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search serial, lot, GTIN or token id"))
        self.search.setClearButtonEnabled(True)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan here (Digital Link or GS1 element string)"))
        self.scan.setAccessibleName(self.tr("Scan field"))
        self.scan_message = QLabel()
        self.scan_message.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("tokenCount")
        self.count_label.setAccessibleName(self.tr("Tokens shown"))
        filters = QHBoxLayout()
        filters.addWidget(self.batch_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.scan, 1)
        self.model = TokenTableModel(db)
        # A status filter or a search runs in the background; its controls show it is busy.
        self.model.busy_controls = [self.batch_filter, self.status_filter, self.search]
        self.model.described.connect(self.count_label.setText)
        self.model.loading.connect(self._on_loading)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Token id, serial / lot, GTIN, status, batch, created: codes whole, ids elided.
        token_columns = {0: "id", 1: "code", 2: "gtin", 3: "code", 4: "id"}
        self.model.modelReset.connect(lambda: fit_columns(self.table, token_columns))
        self.preview = TokenPreview(db)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([760, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        status_row = QHBoxLayout()
        status_row.addWidget(self.scan_message, 1)
        status_row.addWidget(self.count_label)
        layout.addLayout(status_row)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.batch_filter.currentIndexChanged.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.search.returnPressed.connect(self.apply_filters)
        self.scan.returnPressed.connect(self.on_scan)
        self.preview.revoked.connect(lambda _id: self.model.reload())
        self.reload_batches()
        self.apply_filters()

    def reload_batches(self) -> None:
        current = self.batch_filter.currentData()
        self.batch_filter.blockSignals(True)
        self.batch_filter.clear()
        self.batch_filter.addItem(self.tr("all batches"), None)
        with self.db.read() as session:
            for batch in list_batches(session, limit=500):
                self.batch_filter.addItem(f"{batch.uid} · {batch.sku}", batch.id)
        index = self.batch_filter.findData(current)
        self.batch_filter.setCurrentIndex(max(index, 0))
        self.batch_filter.blockSignals(False)

    def apply_filters(self) -> None:
        self.model.set_filter(
            batch_id=self.batch_filter.currentData(),
            status=self.status_filter.currentData(),
            search=self.search.text(),
        )
        self.preview.show_token(None)

    def _on_loading(self, loading: bool) -> None:
        if not loading and self.search.text().strip() and self.isVisible():
            self.search.setFocus()  # it was disabled while the search ran

    def show_batch(self, batch_id: int) -> None:
        self.reload_batches()
        self.batch_filter.setCurrentIndex(max(self.batch_filter.findData(batch_id), 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.preview.show_token(self.model.token_at(current.row()) if current.isValid() else None)

    def on_scan(self) -> None:
        """Find the token a barcode scanner typed and select it."""
        text = self.scan.text()
        self.scan.clear()
        try:
            keys = self.keys_for_scan(text)
        except MintStationError as exc:
            self.scan_message.setText(self.tr("Scan not understood: {0}").format(exc))
            return
        if not keys:
            self.scan_message.setText(self.tr("No token matches the scan {0}").format(text))
            return
        self.scan_message.setText(self.tr("Found {0} token(s)").format(len(keys)))
        self.select_key(keys[0], fallback_keys=keys)

    def keys_for_scan(self, text: str) -> list[int]:
        link = parse_scan(text)
        with self.db.read() as session:
            if link.token_id:
                return [token_key(session, link.token_id)]
            if link.gtin:
                views = find_by_identifiers(session, link.gtin, serial=link.serial, lot=link.lot)
                return [v.key for v in views]
        return []

    def select_key(self, key: int, fallback_keys: list[int] | None = None) -> None:
        row = self.model.row_of_key(key)
        if row is None:
            self.model.set_keys(fallback_keys or [key])
            row = self.model.row_of_key(key)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QTableView.ScrollHint.PositionAtCenter)
        self.table.setFocus()
