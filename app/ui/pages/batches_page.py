"""Batches: every batch with status and progress; a detail view with lots, exports, tokens."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MintStationError
from app.storage.db import Database
from app.storage.queries import BatchView, batch_view, get_batch, list_batches
from app.ui.models.token_table_model import TokenTableModel
from app.ui.status_words import batch_status, export_status, mint_mode
from app.ui.theme import status_foreground
from app.ui.widgets.columns import (
    CELL_PADDING,
    TOKEN_COLUMNS,
    ElideRightDelegate,
    columns_width,
    ensure_tooltips,
    fit_columns,
    on_viewport_resized,
)
from app.ui.widgets.flow_layout import FlowLayout
from app.workers.actions import resume_failed, revoke
from app.workers.exports import JobView, list_jobs, status_label
from app.workers.minting import batch_progress
from app.workers.op import Op

# Labels and headers are translated when the page is built (the language is chosen later).
EXPORT_KINDS = (
    ("csv", QT_TRANSLATE_NOOP("BatchesPage", "CSV manifest")),
    ("qr", QT_TRANSLATE_NOOP("BatchesPage", "QR manifest")),
    ("nfc", QT_TRANSLATE_NOOP("BatchesPage", "NFC encoding manifest")),
    ("rfid", QT_TRANSLATE_NOOP("BatchesPage", "RFID encoding manifest")),
    ("qr-bundle", QT_TRANSLATE_NOOP("BatchesPage", "QR bundle (SVG ZIP)")),
    ("label-sheet", QT_TRANSLATE_NOOP("BatchesPage", "Label sheet (PDF)")),
)
COLUMNS = (
    QT_TRANSLATE_NOOP("BatchesPage", "Batch"),
    QT_TRANSLATE_NOOP("BatchesPage", "Product"),
    QT_TRANSLATE_NOOP("BatchesPage", "Status"),
    QT_TRANSLATE_NOOP("BatchesPage", "Minted"),
    QT_TRANSLATE_NOOP("BatchesPage", "Identity"),
    QT_TRANSLATE_NOOP("BatchesPage", "Activation"),
    QT_TRANSLATE_NOOP("BatchesPage", "Created"),
)
BATCH_COLUMN, PRODUCT_COLUMN = 0, 1
# The batch table's columns other than the product (which stretches).
BATCH_COLUMNS = {BATCH_COLUMN: "id", 2: "code", 3: "code", 4: "code", 5: "code", 6: "code"}
# When the table is narrow (1024×768), the batch id gives way down to this many characters
# (elided in the middle, whole in its tooltip and the detail pane) so the product shows.
BATCH_ID_MIN_CHARS = 10


class BatchesPage(QWidget):
    export_requested = Signal(int, str)
    resume_requested = Signal(int)
    open_tokens = Signal(int)
    print_requested = Signal(int)  # batch id: print its labels (app.ui.dialogs.print_dialog)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.views: list[BatchView] = []
        self.revoke_op: Op | None = None
        self.resume_op: Op | None = None
        self.loading: Op | None = None
        self._again = False
        self.stopped = False
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            PRODUCT_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self.table.setItemDelegateForColumn(PRODUCT_COLUMN, ElideRightDelegate(self.table))
        ensure_tooltips(self.table)
        self.batch_id_width = 0  # what the batch ids need (up to the id bound)
        self.product_least = 0  # what the SKUs need (product_width)
        on_viewport_resized(self.table, self.share_width)
        self.table.currentCellChanged.connect(lambda *_: self._show_detail())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("&Export…"))
        menu = QMenu(self.export_button)
        for kind, label in EXPORT_KINDS:
            action = menu.addAction(self.tr(str(label)))
            action.triggered.connect(lambda _=False, k=kind: self._request_export(k))
        self.export_button.setMenu(menu)
        self.print_button = QPushButton(self.tr("&Print labels…"))
        self.print_button.clicked.connect(self._request_print)
        self.resume_button = QPushButton(self.tr("Re&sume failed batch"))
        self.resume_button.clicked.connect(self.resume_selected)
        self.tokens_button = QPushButton(self.tr("Open in &Tokens"))
        self.tokens_button.clicked.connect(self._open_tokens)
        buttons = FlowLayout()  # wraps on a narrow screen (the German labels are long)
        self.revoke_button = QPushButton(self.tr("Re&voke selected token…"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        for button in (
            self.export_button,
            self.print_button,
            self.resume_button,
            self.tokens_button,
            self.revoke_button,
        ):
            buttons.addWidget(button)
        self.token_model = TokenTableModel(db)
        self.token_table = QTableView()
        self.token_table.setModel(self.token_model)
        self.token_table.horizontalHeader().setStretchLastSection(True)
        self.token_model.modelReset.connect(lambda: fit_columns(self.token_table, TOKEN_COLUMNS))
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.detail)
        detail_layout.addLayout(buttons)
        self.action_message = QLabel()
        self.action_message.setObjectName("batchActionMessage")
        self.action_message.setWordWrap(True)
        detail_layout.addWidget(self.action_message)
        detail_layout.addWidget(QLabel(self.tr("Tokens of this batch")))
        detail_layout.addWidget(self.token_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """Reload now (start-up, tests, an explicit F5)."""
        self._show_views(load_batches(self.db))

    def refresh_in_background(self) -> None:
        """Reload off the GUI thread (after a job ends: a thousand batches are many queries)."""
        if self.stopped:
            return
        if self.loading is not None:
            self._again = True
            return
        self.loading = (
            Op(load_batches, self.db, owner=self, name="op:batches").success(self._show_views).run()
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

    def _show_views(self, views: list[BatchView]) -> None:
        selected = self.selected()
        self.views = views
        self.table.setRowCount(len(self.views))
        for row, v in enumerate(self.views):
            cells = (
                v.uid,
                f"{v.sku} · {v.product_name}",
                batch_status(v.status),
                f"{v.minted_count:,} / {v.quantity:,}",
                mint_mode(v.identity_mode),
                mint_mode(v.activation_mode),
                v.created_at.strftime("%Y-%m-%d %H:%M"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                colour = status_foreground(v.status) if col == 2 else None
                if colour is not None:
                    item.setForeground(colour)
                self.table.setItem(row, col, item)
        fit_columns(self.table, BATCH_COLUMNS)
        self.batch_id_width = self.table.columnWidth(BATCH_COLUMN)
        self.product_least = self.product_width()
        self.share_width()
        if selected is not None:
            self.select_batch(selected.id)
        elif self.views:
            self.table.selectRow(0)
        self._show_detail()

    def product_width(self) -> int:
        """The product column's least width: its header and every batch's SKU whole."""
        header = self.table.horizontalHeader()
        label = self.tr(str(COLUMNS[PRODUCT_COLUMN]))
        metrics = self.table.fontMetrics()
        skus = {v.sku for v in self.views}
        widths = [metrics.horizontalAdvance(f"{sku}…") + CELL_PADDING for sku in skus]
        return max([header.fontMetrics().horizontalAdvance(label) + 2 * CELL_PADDING, *widths])

    def share_width(self) -> None:
        """Narrow the batch id (elided in the middle) before the product loses its SKU."""
        if not self.batch_id_width:
            return
        header = self.table.horizontalHeader()
        others = columns_width(self.table, skip=(BATCH_COLUMN, PRODUCT_COLUMN))
        room = self.table.viewport().width() - others - self.product_least
        least = self.table.fontMetrics().horizontalAdvance("0" * BATCH_ID_MIN_CHARS)
        width = max(min(self.batch_id_width, room), least + CELL_PADDING)
        if width != header.sectionSize(BATCH_COLUMN):
            self.table.setColumnWidth(BATCH_COLUMN, width)

    def selected(self) -> BatchView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def select_batch(self, batch_id: int) -> None:
        for row, view in enumerate(self.views):
            if view.id == batch_id:
                self.table.selectRow(row)
                return

    def _request_print(self) -> None:
        view = self.selected()
        if view is not None:
            self.print_requested.emit(view.id)

    def _show_detail(self) -> None:
        view = self.selected()
        self.export_button.setEnabled(view is not None and view.status == "minted")
        self.print_button.setEnabled(
            view is not None and view.status == "minted" and view.identity_mode == "serial"
        )
        self.resume_button.setEnabled(view is not None and view.status == "failed")
        self.tokens_button.setEnabled(view is not None)
        if view is None:
            self.detail.setText(self.tr("No batch selected."))
            return
        with self.db.read() as session:
            view = batch_view(session, get_batch(session, view.id))
        lots = "".join(
            "<li>"
            + self.tr("{0}: {1:,} units, print {2:,}").format(
                lot.code, lot.quantity, lot.print_quantity
            )
            + (self.tr(", expires {0}").format(lot.expiry) if lot.expiry else "")
            + "</li>"
            for lot in view.lots
        )
        failure = (
            "<p>" + self.tr("<b>Failed:</b> {0}").format(view.failure_reason) + "</p>"
            if view.failure_reason
            else ""
        )
        facts = self.tr(
            "Status <b>{0}</b> · {1:,} of {2:,} minted · {3} identity · {4} activation · "
            "serials {5} · run {6}"
        ).format(
            batch_status(view.status),
            view.minted_count,
            view.quantity,
            mint_mode(view.identity_mode),
            mint_mode(view.activation_mode),
            mint_mode(view.serial_source) if view.serial_source else "–",
            view.run_code or "–",
        )
        self.detail.setText(
            "<h3>" + self.tr("Batch {0}").format(view.uid) + "</h3>"
            f"<p>{view.sku} · {view.product_name} · GTIN {view.gtin or '–'}<br>{facts}</p>"
            f"{failure}{'<ul>' + lots + '</ul>' if lots else ''}"
            f"{exports_summary(self.db, view.id)}"
        )
        self.token_model.set_filter(batch_id=view.id)

    def selected_token_id(self) -> str | None:
        token = self.token_model.token_at(self.token_table.currentIndex().row())
        return token.token_id if token is not None else None

    def ask_revoke(self) -> None:
        token_id = self.selected_token_id()
        if token_id is None:
            QMessageBox.information(
                self, self.tr("Revoke token"), self.tr("Select a token of the batch first.")
            )
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Revoke token"),
            self.tr("Revoking is final. Reason for revoking {0}:").format(token_id),
        )
        if ok:
            self.revoke_token(token_id, reason)

    def revoke_token(self, token_id: str, reason: str) -> Op:
        """Revoke in the background; the button is busy until the write is done."""
        self.revoke_op = (
            Op(revoke, self.db, token_id, reason, busy=self.revoke_button, owner=self)
            .success(lambda _result: self._revoked(token_id))
            .failure(lambda exc: self._action_failed(self.tr("Revoke token"), exc))
            .run()
        )
        return self.revoke_op

    def _revoked(self, token_id: str) -> None:
        self.token_model.reload()
        self.action_message.setText(self.tr("Token {0} revoked.").format(token_id))

    def _action_failed(self, title: str, exc: BaseException) -> None:
        if not isinstance(exc, MintStationError):
            raise exc  # unexpected: to the crash dialog and the log
        self.action_message.setText(f"{title}: {exc}")
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, not a nested event loop

    def _request_export(self, kind: str) -> None:
        view = self.selected()
        if view is not None:
            self.export_requested.emit(view.id, kind)

    def _open_tokens(self) -> None:
        view = self.selected()
        if view is not None:
            self.open_tokens.emit(view.id)

    def resume_selected(self) -> Op | None:
        """Put a failed batch back in the queue (in the background), then mint it."""
        view = self.selected()
        if view is None:
            return None
        batch_id = view.id
        self.resume_op = (
            Op(resume_failed, self.db, batch_id, busy=self.resume_button, owner=self)
            .success(lambda _result: self._resumed(batch_id))
            .failure(lambda exc: self._action_failed(self.tr("Resume batch"), exc))
            .run()
        )
        return self.resume_op

    def _resumed(self, batch_id: int) -> None:
        self.resume_requested.emit(batch_id)
        self.refresh()

    def refresh_progress(self) -> None:
        """While batches mint: update their status and count in place (one small query)."""
        rows = {view.id: row for row, view in enumerate(self.views)}
        if not rows:
            return
        for batch_id, (status, minted) in batch_progress(self.db, list(rows)).items():
            row = rows[batch_id]
            view = self.views[row]
            if (view.status, view.minted_count) == (status, minted):
                continue
            self.views[row] = replace(view, status=status, minted_count=minted)
            for col, text in ((2, batch_status(status)), (3, f"{minted:,} / {view.quantity:,}")):
                item = self.table.item(row, col)
                if item is not None:
                    item.setText(text)
            if row == self.table.currentRow():
                self.token_model.refresh_counts()


def load_batches(db: Database, limit: int = 1000) -> list[BatchView]:
    with db.read() as session:
        return list_batches(session, limit=limit)


def exports_summary(db: Database, batch_id: int) -> str:
    """The batch's exports as an HTML list."""
    with db.read() as session:
        jobs = list_jobs(session, batch_id=batch_id)
    if not jobs:
        return "<p>" + QCoreApplication.translate("BatchesPage", "No exports yet.") + "</p>"
    items = "".join(f"<li>{export_line(job)}</li>" for job in jobs)
    title = QCoreApplication.translate("BatchesPage", "Exports")
    return f"<p><b>{title}</b></p><ul>{items}</ul>"


def export_line(job: JobView) -> str:
    """One export of the batch, e.g. "csv: completed, 3 pack(s)", in the UI's language."""
    status = export_status(status_label(job.kind, job.status))
    if job.expired:
        status = QCoreApplication.translate("BatchesPage", "{0} (files expired)").format(status)
    line = QCoreApplication.translate("BatchesPage", "{0}: {1}, {2} pack(s)")
    return line.format(job.kind.value, status, job.pack_count)
