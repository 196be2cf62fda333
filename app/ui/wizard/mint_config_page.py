"""Step 3: identity and activation modes, quantity, serial source or lots."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.core.states import ActivationMode, IdentityMode
from app.ui.widgets.scrolling import vertical_scroll
from app.ui.wizard.draft import MintDraft
from app.ui.wizard.lots_widget import LotsWidget
from app.ui.wizard.serial_source_widget import SerialSourceWidget
from app.workers.actions import MAX_QUANTITY, MintRequest, SerialSpec


def _choice(group: QButtonGroup, layout: QVBoxLayout, text: str, ident: int) -> QRadioButton:
    button = QRadioButton(text)
    group.addButton(button, ident)
    layout.addWidget(button)
    return button


class MintConfigPage(QWizardPage):
    def __init__(self, draft: MintDraft) -> None:
        super().__init__()
        self.draft = draft
        self.setTitle(self.tr("Mint configuration"))
        self.setSubTitle(
            self.tr("Choose how units are identified and activated, and how many to mint.")
        )
        identity_box = QGroupBox(self.tr("Identity mode"))
        identity_layout = QVBoxLayout(identity_box)
        self.identity = QButtonGroup(self)
        self.serial_mode = _choice(
            self.identity, identity_layout, self.tr("&Serial — one token per unit, own serial"), 0
        )
        self.lot_mode = _choice(
            self.identity, identity_layout, self.tr("&Lot — units minted within lots"), 1
        )
        self.serial_mode.setChecked(True)
        activation_box = QGroupBox(self.tr("Activation mode"))
        activation_layout = QVBoxLayout(activation_box)
        self.activation = QButtonGroup(self)
        self.active_at_mint = _choice(
            self.activation, activation_layout, self.tr("Active at &mint"), 0
        )
        self.first_scan = _choice(
            self.activation, activation_layout, self.tr("Active at first s&can"), 1
        )
        self.active_at_mint.setChecked(True)
        # One above the other: side by side, the two boxes (longer still in German) made
        # the page wider than a 1024-pixel screen.
        modes = QVBoxLayout()
        modes.addWidget(identity_box)
        modes.addWidget(activation_box)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_QUANTITY)
        self.quantity.setValue(1_000)
        self.quantity.setGroupSeparatorShown(True)
        self.quantity.setAccessibleName(self.tr("Quantity"))
        self.quantity_note = QLabel()
        self.quantity_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Quantity"), self.quantity)
        form.addRow("", self.quantity_note)
        self.serials = SerialSourceWidget()
        self.serial_box = QGroupBox(self.tr("Serial numbers"))
        QVBoxLayout(self.serial_box).addWidget(self.serials)
        self.lots = LotsWidget()
        self.lot_box = QGroupBox(self.tr("Lots"))
        QVBoxLayout(self.lot_box).addWidget(self.lots)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(modes)
        column.addLayout(form)
        column.addWidget(self.serial_box, 1)
        column.addWidget(self.lot_box, 1)
        scroll = vertical_scroll(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        self.identity.idToggled.connect(lambda _id, _on: self._update())
        self.quantity.valueChanged.connect(self._update)
        self.serials.changed.connect(self._update)
        self.lots.changed.connect(self._update)
        self._update()

    def initializePage(self) -> None:
        self._update()
        self.serial_mode.setFocus()

    def identity_mode(self) -> IdentityMode:
        return IdentityMode.LOT if self.lot_mode.isChecked() else IdentityMode.SERIAL

    def activation_mode(self) -> ActivationMode:
        return ActivationMode.FIRST_SCAN if self.first_scan.isChecked() else ActivationMode.AT_MINT

    def total(self) -> int:
        if self.identity_mode() == IdentityMode.LOT:
            return self.lots.total()
        file_count = self.serials.file_count()
        return file_count if file_count is not None else self.quantity.value()

    def _update(self) -> None:
        lot_mode = self.identity_mode() == IdentityMode.LOT
        self.serial_box.setVisible(not lot_mode)
        self.lot_box.setVisible(lot_mode)
        file_count = None if lot_mode else self.serials.file_count()
        fixed = lot_mode or file_count is not None
        self.quantity.setEnabled(not fixed)
        if fixed:
            self.quantity.blockSignals(True)
            self.quantity.setValue(max(1, self.total()))
            self.quantity.blockSignals(False)
        notes = []
        if lot_mode:
            notes.append(self.tr("The quantity is the sum of the lots."))
        elif file_count is not None:
            notes.append(self.tr("The quantity is the number of serials in the file."))
        run = self.draft.run
        if run is not None and run.remaining is not None:
            notes.append(
                self.tr("Production run {0} has {1:,} units left.").format(run.code, run.remaining)
            )
        self.quantity_note.setText(" ".join(notes))
        problems = self.problems()
        self.problem_label.setText("\n".join(f"✖ {p}" for p in problems))
        self.problem_label.setVisible(bool(problems))
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        total = self.total()
        if self.identity_mode() == IdentityMode.LOT:
            found = self.lots.problems()
        else:
            found = self.serials.problems(total)
        run = self.draft.run
        if run is not None and run.remaining is not None and total > run.remaining:
            found.append(
                self.tr("{0:,} units is more than the {1:,} left on production run {2}.").format(
                    total, run.remaining, run.code
                )
            )
        return found

    def isComplete(self) -> bool:
        return not self.problems()

    def build_request(self) -> MintRequest:
        lot_mode = self.identity_mode() == IdentityMode.LOT
        return MintRequest(
            sku=self.draft.sku,
            quantity=self.total(),
            identity_mode=self.identity_mode(),
            activation_mode=self.activation_mode(),
            serials=SerialSpec() if lot_mode else self.serials.spec(),
            lots=self.lots.lots() if lot_mode else (),
            run_code=self.draft.run.code if self.draft.run else None,
            idempotency_key=self.draft.idempotency_key,
        )

    def validatePage(self) -> bool:
        self.draft.request = self.build_request()
        return True
