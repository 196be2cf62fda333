"""Print a batch's labels from the window: printer, template, range, reprint with a reason.

System printers come from Qt's print support (CUPS on Linux, the spooler on Windows); a
Zebra is typed as ``zpl:socket://HOST:9100`` or ``zpl:/dev/ttyUSB0``. The print runs as a
background job (``app.workers.printing.print_job``): progress, rate and ETA show in the
window's jobs panel, and a print that stopped resumes when asked for again.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MintStationError
from app.printing.templates import LabelTemplate
from app.storage.db import Database
from app.ui.dialogs.template_editor import TemplateEditorDialog
from app.workers.job import Job
from app.workers.printing import PrintRequest, print_job, qt_printer_names, templates_and_sample

ZPL_HINT = "zpl:socket://HOST:9100"


class _Window(Protocol):
    db: Database

    def show_error(self, message: str, details: str = "") -> None: ...


class PrintDialog(QDialog):
    def __init__(
        self, db: Database, batch_id: int, *, pack: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print labels"))
        self.db = db
        self.batch_id = batch_id
        self.templates: dict[str, LabelTemplate] = {}
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItems(qt_printer_names())
        self.printer.setToolTip(self.tr("A system printer, or a Zebra as {0}").format(ZPL_HINT))
        self.template = QComboBox()
        self.edit_button = QPushButton(self.tr("&Edit template…"))
        self.edit_button.clicked.connect(self.edit_template)
        self.all_units = QRadioButton(self.tr("Every unit of the batch"))
        self.one_pack = QRadioButton(self.tr("Pack"))
        self.some_units = QRadioButton(self.tr("Units from"))
        group = QButtonGroup(self)
        for button in (self.all_units, self.one_pack, self.some_units):
            group.addButton(button)
        self.pack = QSpinBox()
        self.pack.setRange(1, 10_000)
        self.first = QSpinBox()
        self.first.setRange(1, 100_000_000)
        self.count = QSpinBox()
        self.count.setRange(1, 100_000_000)
        self.reprint = QCheckBox(self.tr("Reprint units printed before"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (required for a reprint)"))
        self.reason.setEnabled(False)
        self.reprint.toggled.connect(self.reason.setEnabled)
        self.message = QLabel()
        self.message.setWordWrap(True)
        (self.one_pack if pack else self.all_units).setChecked(True)
        if pack:
            self.pack.setValue(pack)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.edit_button)
        pack_row = QHBoxLayout()
        pack_row.addWidget(self.one_pack)
        pack_row.addWidget(self.pack)
        pack_row.addStretch(1)
        units_row = QHBoxLayout()
        units_row.addWidget(self.some_units)
        units_row.addWidget(self.first)
        units_row.addWidget(QLabel(self.tr("count")))
        units_row.addWidget(self.count)
        units_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Printer"), self.printer)
        form.addRow(self.tr("&Template"), template_row)
        form.addRow(self.tr("Units"), self.all_units)
        form.addRow("", pack_row)
        form.addRow("", units_row)
        form.addRow("", self.reprint)
        form.addRow(self.tr("&Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Print"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._load_templates()

    def _load_templates(self, select: str | None = None) -> None:
        try:
            templates, self.sample, self.logo = templates_and_sample(self.db, self.batch_id)
        except MintStationError as exc:
            templates, self.sample, self.logo = [], None, None
            self.message.setText(f"✖ {exc}")
        self.templates = {t.name: t for t, _d, _p in templates}
        self.template.clear()
        for template, is_default, _preset in templates:
            label = template.name + (self.tr(" (default)") if is_default else "")
            self.template.addItem(label, template.name)
            if (select is None and is_default) or template.name == select:
                self.template.setCurrentIndex(self.template.count() - 1)

    def edit_template(self) -> None:
        name = self.template.currentData()
        editor = TemplateEditorDialog(
            self.db, self.templates.get(name), sample=self.sample, logo=self.logo, parent=self
        )
        editor.saved.connect(self._load_templates)
        editor.open()

    def request(self) -> PrintRequest | None:
        printer = self.printer.currentText().strip()
        if not printer:
            self.message.setText(self.tr("✖ Choose a printer"))
            return None
        if self.reprint.isChecked() and not self.reason.text().strip():
            self.message.setText(self.tr("✖ A reprint needs a reason"))
            return None
        return PrintRequest(
            batch=self.batch_id,
            printer=printer,
            template=self.template.currentData(),
            pack=self.pack.value() if self.one_pack.isChecked() else None,
            first=self.first.value() if self.some_units.isChecked() else None,
            count=self.count.value() if self.some_units.isChecked() else None,
            reprint=self.reprint.isChecked(),
            reason=self.reason.text().strip() or None,
        )

    def _accept(self) -> None:
        if self.request() is not None:
            self.accept()


def open_print_dialog(window: _Window, batch_id: int, pack: int = 0) -> None:
    """The Print action of the Batches and Exports pages (``pack`` 0: the whole batch)."""
    parent = window if isinstance(window, QWidget) else None
    dialog = PrintDialog(window.db, batch_id, pack=pack or None, parent=parent)

    def start() -> None:
        request = dialog.request()
        if request is not None:
            start_print(window, request)

    dialog.accepted.connect(start)
    dialog.open()


def start_print(window: _Window, request: PrintRequest) -> Job:
    """Run the print as a window job (jobs panel: progress, rate, ETA, Cancel)."""
    job = print_job(window.db, request)
    job.failed.connect(window.show_error)
    job.succeeded.connect(lambda outcome: _report(window, outcome))
    jobs = getattr(window, "jobs", None)
    if jobs is not None:
        jobs.start(job)
    else:
        job.start()
    return job


def _report(window: _Window, outcome: object) -> None:
    error = getattr(outcome, "error", None)
    if error:
        window.show_error(str(error))
