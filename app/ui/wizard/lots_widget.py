"""The lots of a lot-mode batch: an entry row checked as you type, and an editable table."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.digital_link import validate_ai82
from app.core.errors import ValidationError
from app.ui.wizard.touch import TOUCH_PX, text_lines_height, touch_rows
from app.workers.actions import MAX_QUANTITY, LotSpec
from app.workers.actions import check_lots as _check_lots

_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")


translate = QCoreApplication.translate


def _count(value: str, field: str, *, optional: bool = False) -> int | None:
    text = value.strip().replace(",", "").replace("_", "").replace(" ", "")
    if _GROUPED.fullmatch(text):
        text = text.replace(".", "")  # 1.000 as written in German
    if not text and optional:
        return None
    try:
        number = int(text)
    except ValueError:
        reason = translate("LotsWidget", "{0!r} is not a whole number").format(value)
        raise ValidationError(field, reason) from None
    if not 1 <= number <= MAX_QUANTITY:
        reason = translate("LotsWidget", "must be 1 to {0:,}").format(MAX_QUANTITY)
        raise ValidationError(field, reason)
    return number


def parse_lot_fields(code: str, quantity: str, print_quantity: str, expiry: str) -> LotSpec:
    """One lot from its four texts; print quantity defaults to the quantity, expiry is optional."""
    validate_ai82(code.strip(), translate("LotsWidget", "code"))
    units = _count(quantity, translate("LotsWidget", "quantity"))
    assert units is not None
    prints = _count(print_quantity, translate("LotsWidget", "print quantity"), optional=True)
    when = None
    if expiry.strip():
        try:
            when = date.fromisoformat(expiry.strip())
        except ValueError:
            raise ValidationError(
                translate("LotsWidget", "expiry"),
                translate("LotsWidget", "{0!r} is not a date like 2027-12-31").format(expiry),
            ) from None
    return LotSpec(code.strip(), units, prints or units, when)


class LotsWidget(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit()
        self.quantity = QLineEdit()
        self.print_quantity = QLineEdit()
        self.expiry = QLineEdit()
        self.entries = (self.code, self.quantity, self.print_quantity, self.expiry)
        labels = (
            self.tr("Lot &code"),
            self.tr("&Quantity"),
            self.tr("&Print quantity"),
            self.tr("&Expiry"),
        )
        hints = (
            self.tr("e.g. L2027-01"),
            self.tr("units"),
            self.tr("optional: = quantity"),
            self.tr("optional: YYYY-MM-DD"),
        )
        grid = QGridLayout()
        for col, (entry, label, hint) in enumerate(zip(self.entries, labels, hints, strict=True)):
            caption = QLabel(label)
            caption.setBuddy(entry)
            entry.setPlaceholderText(hint)
            entry.setAccessibleName(caption.text().replace("&", ""))
            entry.textChanged.connect(self._check_entry)
            entry.installEventFilter(self)
            grid.addWidget(caption, 0, col)
            grid.addWidget(entry, 1, col)
        self.add_button = QPushButton(self.tr("&Add lot"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_from_entry)
        grid.addWidget(self.add_button, 1, len(self.entries))
        self.entry_message = QLabel()
        self.entry_message.setWordWrap(True)
        self.entry_message.setMinimumHeight(text_lines_height(2))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Quantity"), self.tr("Print quantity"), self.tr("Expiry")]
        )
        self.table.setAccessibleName(self.tr("Lots"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        touch_rows(self.table)
        self.table.setMinimumHeight(4 * TOUCH_PX)
        self.table.itemChanged.connect(lambda _item: self._on_table_changed())
        self.remove_button = QPushButton(self.tr("&Remove selected lot"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.table_message = QLabel()
        self.table_message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.entry_message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.table_message)
        self._parsed: list[LotSpec] = []
        self._problems: list[str] = []
        self._check_entry()
        self._on_table_changed()

    # -- the entry row -------------------------------------------------------------------

    def _entry_lot(self) -> LotSpec:
        return parse_lot_fields(*(entry.text() for entry in self.entries))

    def _check_entry(self) -> None:
        """Validation as you type: what is wrong with the lot being entered."""
        if not any(entry.text().strip() for entry in self.entries):
            self.entry_message.setText(self.tr("Enter a lot, then press Enter or Add lot."))
            self.add_button.setEnabled(False)
            return
        try:
            lot = self._entry_lot()
        except ValidationError as exc:
            self.entry_message.setText(self.tr("✖ {0}").format(exc))
            self.add_button.setEnabled(False)
            return
        self.entry_message.setText(
            self.tr("✔ Lot {0}: {1:,} units. Press Enter to add it.").format(lot.code, lot.quantity)
        )
        self.add_button.setEnabled(True)

    def add_from_entry(self) -> bool:
        try:
            lot = self._entry_lot()
        except ValidationError:
            return False
        self.add_lot(lot)
        for entry in self.entries:
            entry.clear()
        self.code.setFocus()
        return True

    def add_lot(self, lot: LotSpec) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        expiry = lot.expiry.isoformat() if lot.expiry else ""
        for col, value in enumerate((lot.code, str(lot.quantity), str(lot.print_quantity), expiry)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self._on_table_changed()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._on_table_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the entry row adds the lot instead of leaving the wizard page."""
        if (
            watched in self.entries
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_from_entry()
            return True
        return super().eventFilter(watched, event)

    # -- the table -----------------------------------------------------------------------

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def _on_table_changed(self) -> None:
        """Check every row (a cell edited in the table is checked as soon as it is left)."""
        parsed: list[LotSpec] = []
        problems: list[str] = []
        for row in range(self.table.rowCount()):
            try:
                parsed.append(parse_lot_fields(*(self._cell(row, c) for c in range(4))))
                mark = str(row + 1)
            except ValidationError as exc:
                problems.append(self.tr("Row {0}: {1}").format(row + 1, exc))
                mark = f"✖ {row + 1}"
            self.table.setVerticalHeaderItem(row, QTableWidgetItem(mark))
        if not self.table.rowCount():
            problems.append(self.tr("Add at least one lot."))
        elif not problems:
            try:
                _check_lots(tuple(parsed), sum(lot.quantity for lot in parsed))
            except ValidationError as exc:
                problems.append(exc.reason)
        self._parsed = parsed
        self._problems = problems
        if problems:
            self.table_message.setText("\n".join(f"✖ {p}" for p in problems))
        else:
            self.table_message.setText(
                self.tr("✔ {0} lot(s), {1:,} units in all.").format(len(parsed), self.total())
            )
        self.changed.emit()

    def lots(self) -> tuple[LotSpec, ...]:
        return tuple(self._parsed)

    def total(self) -> int:
        return sum(lot.quantity for lot in self._parsed)

    def problems(self) -> list[str]:
        return list(self._problems)
