"""The product library: search, readiness badges with their reasons, CSV import.

The table comes first: SKU, GTIN, status and readiness whole, the name elided at its end but
never narrower than ``NAME_LEAST_CHARS``. The details pane sits beside the table when there is
room for it (``DETAILS_SIDE_LEAST``), else below it (1024×768, German), until the operator
drags the splitter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
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
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.catalogue import (
    COMMERCIAL_STATUSES,
    DPP_FIELDS,
    ProductRecord,
    format_row_errors,
)
from app.core.errors import MintStationError
from app.storage.catalogue_queries import ImportReport, ProductView, list_products
from app.storage.db import Database
from app.ui.status_words import commercial_status, passport_field
from app.ui.widgets.columns import (
    CELL_PADDING,
    ElideRightDelegate,
    columns_width,
    fit_columns,
    on_viewport_resized,
)
from app.ui.widgets.empty_state import pane_hint
from app.ui.wizard.product_search import search_term
from app.workers.actions import import_catalogue
from app.workers.op import Op

Index = QModelIndex | QPersistentModelIndex

SKU_COLUMN, NAME_COLUMN, GTIN_COLUMN, STATUS_COLUMN, READY_COLUMN = range(5)
# Codes are whole (fit_columns); the name and the readiness are sized here.
CODE_COLUMNS = {SKU_COLUMN: "code", GTIN_COLUMN: "gtin", STATUS_COLUMN: "code"}
# The name column's least width, in average letters ("n"): about 150 px at the default font.
NAME_LEAST_CHARS = 18
# The details pane beside the table: at most this wide, and never narrower than the least
# (a narrower pane breaks its words; it goes below the table instead).
DETAILS_WANT = 320
DETAILS_SIDE_LEAST = 140
# The details pane below the table: this share of the height.
DETAILS_BELOW_SHARE = 0.4


def two_lines(text: str) -> str:
    """``text`` broken at the space that keeps its longer line shortest ("Ready\nto mint")."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: max(i, len(text) - i - 1))
    return f"{text[:cut]}\n{text[cut + 1 :]}"


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
        if orientation != Qt.Orientation.Horizontal:
            return None
        text = QCoreApplication.translate("ProductTableModel", str(self.HEADERS[section]))
        if role == Qt.ItemDataRole.DisplayRole:
            # "Ready to mint" on two lines: the column need not be wider than its badges.
            return two_lines(text) if section == READY_COLUMN else text
        if role == Qt.ItemDataRole.ToolTipRole and section == READY_COLUMN:
            return text
        return None

    def ready_words(self) -> tuple[str, str]:
        return self.tr("✔ Ready"), self.tr("✖ Not ready")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.views[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            r = view.record
            values = (r.sku, r.name, r.gtin or "", commercial_status(r.commercial_status))
            if col < len(values):
                return values[col]
            ready, not_ready = self.ready_words()
            return ready if view.ready else not_ready
        if role == Qt.ItemDataRole.ToolTipRole and col == READY_COLUMN and not view.ready:
            return "\n".join(view.reasons)
        return None


class ProductSplitter(QSplitter):
    """Calls ``on_resized`` after it has laid out its panes for a new size."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.on_resized: list[Callable[[], None]] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for callback in self.on_resized:
            callback()


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
        self.name_least = 0  # the name column's least width (set by fit_table)
        self.split_by_user = False  # the operator dragged the splitter: keep their split
        self.model = ProductTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(NAME_COLUMN, ElideRightDelegate(self.table))
        self.model.modelReset.connect(self.fit_table)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QTextEdit()
        self.details.setReadOnly(True)
        # Until a product is chosen, the pane says what it is for (not an empty white box).
        self.details_hint = pane_hint(
            self.tr("Select a product to see its passport fields and whether it is ready to mint."),
            "productDetailsHint",
        )
        self.details_stack = QStackedWidget()
        self.details_stack.addWidget(self.details_hint)
        self.details_stack.addWidget(self.details)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.splitter = ProductSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details_stack)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.splitterMoved.connect(self._split_by_user)
        self.splitter.on_resized.append(self.share_split)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.report)
        layout.addWidget(self.splitter, 1)
        on_viewport_resized(self.table, self.fit_name)
        self.refresh()

    def refresh(self) -> None:
        """Reload (search, import); the selected product stays selected if it is still listed."""
        current = self.selected()
        with self.db.read() as session:
            views = list_products(session, search=search_term(self.search.text()) or None)
        self.model.set_views(views)
        rows = [row for row, v in enumerate(views) if current and v.record.sku == current.sku]
        if rows:
            self.table.selectRow(rows[0])
        self._show_details(self.table.currentIndex(), QModelIndex())

    def selected(self) -> ProductRecord | None:
        row = self.table.currentIndex().row()
        return self.model.views[row].record if 0 <= row < len(self.model.views) else None

    # --- widths ----------------------------------------------------------------------------

    def fit_table(self) -> None:
        """Codes whole (every product's, not only the rows in view), the name fills the rest."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()

        def widest(texts: Iterable[str]) -> str:
            return max(texts, key=metrics.horizontalAdvance, default="")

        records = [v.record for v in self.model.views]
        samples = {
            SKU_COLUMN: widest(r.sku for r in records),
            STATUS_COLUMN: widest(
                commercial_status(code)
                for code in {*COMMERCIAL_STATUSES, *(r.commercial_status for r in records)}
            ),
        }
        fit_columns(self.table, CODE_COLUMNS, samples)
        label = str(self.model.headerData(READY_COLUMN, Qt.Orientation.Horizontal))
        ready = max(
            [
                header.fontMetrics().horizontalAdvance(line) + 2 * CELL_PADDING
                for line in label.split("\n")
            ]
            + [metrics.horizontalAdvance(word) + CELL_PADDING for word in self.model.ready_words()]
        )
        header.setSectionResizeMode(READY_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(READY_COLUMN, ready)
        name_label = str(self.model.headerData(NAME_COLUMN, Qt.Orientation.Horizontal))
        self.name_least = max(
            header.fontMetrics().horizontalAdvance(name_label) + 2 * CELL_PADDING,
            metrics.horizontalAdvance("n" * NAME_LEAST_CHARS) + CELL_PADDING,
        )
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.fit_name()
        self.share_split()

    def others_width(self) -> int:
        return columns_width(self.table, skip=(NAME_COLUMN,))

    def fit_name(self) -> None:
        """The name takes the table's free width, but never less than ``name_least``."""
        if not self.name_least:
            return
        width = max(self.name_least, self.table.viewport().width() - self.others_width())
        if width != self.table.columnWidth(NAME_COLUMN):
            self.table.setColumnWidth(NAME_COLUMN, width)

    def table_least(self) -> int:
        """The table's width with every code whole and the name at its least."""
        scroll_bar = self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table.verticalScrollBar()
        )
        return self.others_width() + self.name_least + scroll_bar + 2 * self.table.frameWidth()

    def share_split(self) -> None:
        """The table gets what it needs first; the details pane goes beside it if it fits."""
        if not self.name_least:
            return
        splitter = self.splitter
        beside = splitter.width() - splitter.handleWidth() - self.table_least()
        orientation = (
            Qt.Orientation.Horizontal if beside >= DETAILS_SIDE_LEAST else Qt.Orientation.Vertical
        )
        if orientation != splitter.orientation():
            splitter.setOrientation(orientation)
            self.split_by_user = False
            self._show_details(self.table.currentIndex(), QModelIndex())
        if self.split_by_user:
            return
        if orientation == Qt.Orientation.Horizontal:
            total = splitter.width() - splitter.handleWidth()
            details = min(DETAILS_WANT, beside)
        else:
            total = splitter.height() - splitter.handleWidth()
            details = round(total * DETAILS_BELOW_SHARE)
        sizes = [total - details, details]
        if total > 0 and splitter.sizes() != sizes:
            splitter.setSizes(sizes)

    def _split_by_user(self) -> None:
        self.split_by_user = True

    # --- details ---------------------------------------------------------------------------

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self.model.views):
            self.details.clear()
            self.details_stack.setCurrentWidget(self.details_hint)
            return
        view = self.model.views[current.row()]
        r = view.record
        lines = [
            f"<h3>{escape(r.name)}</h3>",
            f"<p>SKU {escape(r.sku)}<br>GTIN {escape(r.gtin or '—')}</p>",
        ]
        if view.ready:
            lines.append(f"<p><b>{self.tr('✔ Ready to mint')}</b></p>")
        else:
            items = "".join(f"<li>{escape(reason)}</li>" for reason in view.reasons)
            lines.append(f"<p><b>{self.tr('✖ Not ready to mint:')}</b></p><ul>{items}</ul>")
        fields = [
            (escape(passport_field(key)), escape(str(r.dpp.get(key, "—")))) for key in DPP_FIELDS
        ]
        if self.splitter.orientation() == Qt.Orientation.Vertical:  # a wide pane: a table
            rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in fields)
            lines.append(f"<table cellspacing='0' cellpadding='2'>{rows}</table>")
        else:  # beside the table, narrow: each label above its value
            lines.extend(f"<p><b>{k}</b><br>{v}</p>" for k, v in fields)
        self.details.setHtml("".join(lines))
        self.details_stack.setCurrentWidget(self.details)

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
