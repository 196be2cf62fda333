"""The product library: search, readiness badges with their reasons, CSV import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.catalogue import DPP_FIELDS, format_row_errors
from app.core.errors import MintStationError
from app.storage.catalogue_queries import ImportReport, ProductView, list_products
from app.storage.db import Database
from app.ui.widgets.columns import fit_columns
from app.ui.wizard.product_search import search_term
from app.workers.actions import import_catalogue
from app.workers.op import Op

Index = QModelIndex | QPersistentModelIndex


class ProductTableModel(QAbstractTableModel):
    """The catalogue is small (thousands at most), so it is held whole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ProductTableModel", "SKU"),
        QT_TRANSLATE_NOOP("ProductTableModel", "Name"),
        QT_TRANSLATE_NOOP("ProductTableModel", "GTIN"),
        QT_TRANSLATE_NOOP("ProductTableModel", "Status"),
        QT_TRANSLATE_NOOP("ProductTableModel", "Ready to mint"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.views: list[ProductView] = []

    def set_views(self, views: list[ProductView]) -> None:
        self.beginResetModel()
        self.views = views
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ProductTableModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.views[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            r = view.record
            values = (r.sku, r.name, r.gtin or "", r.commercial_status)
            if col < len(values):
                return values[col]
            return self.tr("✔ Ready") if view.ready else self.tr("✖ Not ready")
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and not view.ready:
            return "\n".join(view.reasons)
        return None


class ProductsPage(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name or GTIN (or scan a barcode)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.import_button = QPushButton(self.tr("&Import CSV…"))
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_op: Op | None = None
        self.last_import_ok: bool | None = None
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.import_button)
        self.model = ProductTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        product_columns = {0: "code", 1: "stretch", 2: "gtin", 3: "code", 4: "code"}
        self.model.modelReset.connect(lambda: fit_columns(self.table, product_columns))
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QTextEdit()
        self.details.setReadOnly(True)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([700, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.report)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.db.read() as session:
            views = list_products(session, search=search_term(self.search.text()) or None)
        self.model.set_views(views)

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        view = self.model.views[current.row()]
        r = view.record
        lines = [f"<h3>{r.name}</h3>", f"<p>SKU {r.sku}<br>GTIN {r.gtin or '—'}</p>"]
        if view.ready:
            lines.append(f"<p><b>{self.tr('✔ Ready to mint')}</b></p>")
        else:
            items = "".join(f"<li>{reason}</li>" for reason in view.reasons)
            lines.append(f"<p><b>{self.tr('✖ Not ready to mint:')}</b></p><ul>{items}</ul>")
        rows = "".join(
            f"<tr><td>{label}</td><td>{r.dpp.get(key, '—')}</td></tr>"
            for key, label in DPP_FIELDS.items()
        )
        lines.append(f"<table>{rows}</table>")
        self.details.setHtml("".join(lines))

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import products"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Op:
        """Import a catalogue CSV in the background; the per-row report is shown in the page."""
        self.report.setText(self.tr("Importing {0}…").format(path.name))
        self.import_op = (
            Op(import_catalogue, self.db, path, busy=self.import_button, owner=self)
            .success(lambda report: self._imported(path, report))
            .failure(lambda exc: self._import_failed(path, exc))
            .run()
        )
        return self.import_op

    def _imported(self, path: Path, report: ImportReport) -> None:
        if report.ok:
            self.report.setText(
                self.tr("{0}: {1} added, {2} updated").format(
                    path.name, report.created, report.updated
                )
            )
        else:
            self.report.setText(
                self.tr("{0}: {1} bad row(s), nothing imported:\n{2}").format(
                    path.name, len(report.errors), format_row_errors(report.errors)
                )
            )
        self.last_import_ok = report.ok
        self.refresh()

    def _import_failed(self, path: Path, exc: BaseException) -> None:
        self.last_import_ok = False
        if not isinstance(exc, MintStationError):
            self.report.clear()
            raise exc  # unexpected: to the crash dialog and the log
        self.report.setText(self.tr("{0}: not imported: {1}").format(path.name, exc))
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Import products"), str(exc), parent=self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
