"""Where a serial batch's serial numbers come from, with live checks and a file import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.digital_link import validate_ai82
from app.core.errors import ValidationError
from app.core.serials import MAX_SERIAL_LENGTH, RowError, read_serial_file
from app.ui.wizard.touch import TOUCH_PX, touch_rows
from app.workers.actions import SerialKind, SerialSpec
from app.workers.op import Op

MAX_START = 2_000_000_000
MAX_SHOWN_ROWS = 500  # a file of a million bad rows is summarised, not drawn

SerialFile = tuple[list[str], list[RowError]]


def check_serial_file(path: Path) -> SerialFile:
    """Read and check every line of a serial file (on an Op's thread: 3 s for a million)."""
    try:
        serials, errors = read_serial_file(path)
    except ValidationError as exc:
        serials, errors = [], [RowError(0, exc.field, exc.reason)]
    if not serials and not errors:
        # translate() is thread-safe: the reason shows in the operator's language
        errors = [
            RowError(1, "file", QCoreApplication.translate("SerialSourceWidget", "has no serials"))
        ]
    return serials, errors


def fill_row_errors(table: QTableWidget, errors: list[RowError]) -> None:
    """One table row per refused line (the first MAX_SHOWN_ROWS, then how many more)."""
    shown = errors[:MAX_SHOWN_ROWS]
    more = len(errors) - len(shown)
    table.setRowCount(len(shown) + (1 if more else 0))
    for row, error in enumerate(shown):
        for col, value in enumerate((str(error.line), error.field, error.reason)):
            table.setItem(row, col, QTableWidgetItem(value))
    if more:
        text = QCoreApplication.translate("RowErrorTable", "… and {0:,} more refused rows")
        table.setItem(len(shown), 2, QTableWidgetItem(text.format(more)))
    table.setVisible(bool(errors))


def row_error_table() -> QTableWidget:
    """A read-only table for refused rows (hidden while there are none)."""
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("RowErrorTable", "Line"),
            QCoreApplication.translate("RowErrorTable", "Field"),
            QCoreApplication.translate("RowErrorTable", "Problem"),
        ]
    )
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAccessibleName(QCoreApplication.translate("RowErrorTable", "Refused rows"))
    touch_rows(table)
    table.setMinimumHeight(4 * TOUCH_PX)
    table.hide()
    return table


class SerialSourceWidget(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Serial source"))
        for kind, text in (
            (SerialKind.SEQUENTIAL, self.tr("Sequential — a prefix and a running number")),
            (SerialKind.RANDOM, self.tr("Random — 12 letters and digits")),
            (SerialKind.NUMERIC, self.tr("Numeric random — fits RFID tags (SGTIN-96)")),
            (SerialKind.LIST, self.tr("Import a serial file (bring your own)")),
        ):
            self.kind.addItem(text, kind.value)
        self.prefix = QLineEdit()
        self.prefix.setMaxLength(MAX_SERIAL_LENGTH)
        self.prefix.setPlaceholderText(self.tr("optional, e.g. A-"))
        self.prefix.setAccessibleName(self.tr("Serial prefix"))
        self.digits = QSpinBox()
        self.digits.setRange(0, MAX_SERIAL_LENGTH)
        self.digits.setValue(8)
        self.digits.setAccessibleName(self.tr("Digits"))
        self.continue_box = QCheckBox(self.tr("&Continue after the last number used"))
        self.continue_box.setChecked(True)
        self.start = QSpinBox()
        self.start.setRange(0, MAX_START)
        self.start.setValue(1)
        self.start.setGroupSeparatorShown(True)
        self.start.setEnabled(False)
        self.start.setAccessibleName(self.tr("First number"))
        self.sequential = QWidget()
        form = QFormLayout(self.sequential)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Prefix"), self.prefix)
        form.addRow(self.tr("&Digits"), self.digits)
        # The box above the number: side by side (the German label is long) they made the
        # wizard wider than a 1024-pixel screen.
        start_row = QVBoxLayout()
        start_row.addWidget(self.continue_box)
        start_row.addWidget(self.start)
        form.addRow(self.tr("First number"), start_row)
        self.choose = QPushButton(self.tr("C&hoose serial file…"))
        self.file_label = QLabel(self.tr("No file chosen yet (CSV or text, one serial a line)."))
        self.file_label.setWordWrap(True)
        self.errors = row_error_table()
        self.file_box = QWidget()
        file_layout = QVBoxLayout(self.file_box)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.choose)
        file_layout.addWidget(self.file_label)
        file_layout.addWidget(self.errors, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.sequential)
        layout.addWidget(self.file_box, 1)
        self.file_path: Path | None = None
        self.file_serials: list[str] | None = None
        self.file_errors: list[RowError] = []
        self.reading: Op | None = None
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.continue_box.toggled.connect(lambda on: self.start.setEnabled(not on))
        for signal in (
            self.prefix.textChanged,
            self.digits.valueChanged,
            self.start.valueChanged,
            self.continue_box.toggled,
        ):
            signal.connect(self.changed)
        self.choose.clicked.connect(self.choose_file)
        self._on_kind()

    def current_kind(self) -> SerialKind:
        return SerialKind(self.kind.currentData())

    def set_kind(self, kind: SerialKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _on_kind(self) -> None:
        kind = self.current_kind()
        self.sequential.setVisible(kind == SerialKind.SEQUENTIAL)
        self.file_box.setVisible(kind == SerialKind.LIST)
        self.changed.emit()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Serial file"), "", self.tr("CSV or text files (*.csv *.txt);;All (*)")
        )
        if path:
            self.read_file(Path(path))

    def read_file(self, path: Path) -> Op:
        """Read and check the file in the background; the chooser is busy meanwhile and the
        page is not complete until the result is shown (by ``_show_file``)."""
        self.file_path = path
        self.file_serials = None
        self.file_errors = []
        fill_row_errors(self.errors, [])
        self.file_label.setText(self.tr("Reading {0}…").format(path.name))
        self.reading = (
            Op(
                check_serial_file,
                path,
                busy=self.choose,
                owner=self,
                name="op:serial-file",
                quiet_gc=True,
            )
            .success(lambda found: self._show_file(path, found))
            .failure(lambda exc: self._file_failed(path, exc))
            .run()
        )
        self.reading.done.connect(self._read_done)
        self.changed.emit()
        return self.reading

    def load_file(self, path: Path) -> bool:
        """``read_file`` and wait for its result (scripts, benchmarks and screenshots)."""
        op = self.read_file(path)
        if op.is_running():
            loop = QEventLoop()
            op.done.connect(loop.quit)
            loop.exec()
        return self.file_path == path and self.file_serials is not None

    def is_reading(self) -> bool:
        return self.reading is not None

    def _read_done(self) -> None:
        if self.reading is not None and self.reading.finished:  # not a newer read's op
            self.reading = None
        self.changed.emit()

    def _file_failed(self, path: Path, exc: BaseException) -> None:
        if not isinstance(exc, OSError):
            raise exc  # a bug: to the crash dialog and the log
        self._show_file(path, ([], [RowError(0, "file", str(exc))]))

    def _show_file(self, path: Path, found: SerialFile) -> None:
        if path != self.file_path:
            return  # another file was chosen meanwhile
        serials, errors = found
        self.file_errors = errors
        self.file_serials = None if errors else serials
        fill_row_errors(self.errors, errors)
        if errors:
            self.file_label.setText(
                self.tr(
                    "✖ {0}: {1} row(s) refused, listed below. Nothing will be minted from "
                    "this file; fix it and choose it again."
                ).format(path.name, len(errors))
            )
        else:
            self.file_label.setText(
                self.tr("✔ {0}: {1:,} serials read, all valid.").format(path.name, len(serials))
            )
        self.changed.emit()

    def file_count(self) -> int | None:
        """How many serials the accepted file holds (it fixes the batch's quantity)."""
        if self.current_kind() != SerialKind.LIST or self.file_serials is None:
            return None
        return len(self.file_serials)

    def problems(self, quantity: int) -> list[str]:
        kind = self.current_kind()
        if kind == SerialKind.LIST:
            if self.file_path is None:
                return [self.tr("Choose a serial file.")]
            if self.reading is not None:
                return [self.tr("Reading the serial file…")]
            if self.file_errors:
                return [self.tr("The serial file has refused rows.")]
            return []
        if kind != SerialKind.SEQUENTIAL:
            return []
        found: list[str] = []
        prefix = self.prefix.text()
        if prefix:
            try:
                validate_ai82(prefix, "prefix")
            except ValidationError as exc:
                found.append(self.tr("Prefix: {0}").format(exc.reason))
        last = (quantity if self.continue_box.isChecked() else self.start.value() + quantity) - 1
        width = self.digits.value()
        if width and len(str(last)) > width:
            found.append(
                self.tr("Number {0} does not fit in {1} digits.").format(max(last, 1), width)
            )
        if len(prefix) + max(width, len(str(last))) > MAX_SERIAL_LENGTH:
            found.append(self.tr("Prefix and number make a serial over 20 characters."))
        return found

    def spec(self) -> SerialSpec:
        kind = self.current_kind()
        if kind == SerialKind.SEQUENTIAL:
            start = None if self.continue_box.isChecked() else self.start.value()
            return SerialSpec(kind, self.prefix.text(), self.digits.value(), start)
        if kind == SerialKind.LIST:
            return SerialSpec(kind, serials=tuple(self.file_serials or ()))
        return SerialSpec(kind)
