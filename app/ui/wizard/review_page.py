"""Step 4: what will be minted, the eligibility check, and an idempotent submit."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.core.errors import MintStationError, ValidationError
from app.core.states import ActivationMode, IdentityMode
from app.core.urls import ResolverUrls
from app.storage.brand import brand_settings
from app.storage.db import Database
from app.ui.wizard import summary
from app.ui.wizard.draft import MintDraft
from app.ui.wizard.serial_source_widget import fill_row_errors, row_error_table
from app.workers.actions import (
    MintRefused,
    MintRequest,
    SerialKind,
    Submitted,
    next_serial_number,
    preflight,
    submit,
)


class ReviewPage(QWizardPage):
    submitted = Signal(int)

    def __init__(self, db: Database, draft: MintDraft) -> None:
        super().__init__()
        self.db = db
        self.draft = draft
        self.setTitle(self.tr("Review & Submit"))
        self.setSubTitle(
            self.tr(
                "Check what will be minted. Submit queues the batch; it mints in the background."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(self.tr("Summary"))
        self.eligibility = QLabel()
        self.eligibility.setWordWrap(True)
        self.eligibility.setAccessibleName(self.tr("Eligibility"))
        self.row_errors = row_error_table()
        self.recheck = QPushButton(self.tr("Check &again"))
        self.recheck.setAutoDefault(False)
        self.recheck.clicked.connect(self.run_preflight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.eligibility)
        layout.addWidget(self.row_errors, 1)
        recheck_row = QHBoxLayout()
        recheck_row.addWidget(self.recheck)
        recheck_row.addStretch()
        layout.addLayout(recheck_row)
        layout.addStretch()
        self.eligible = False
        self.submitting = False
        self.result: Submitted | None = None

    def request(self) -> MintRequest:
        assert self.draft.request is not None
        return self.draft.request

    def initializePage(self) -> None:
        self.summary.setText(self._summary_html())
        self.run_preflight()

    # -- the summary ---------------------------------------------------------------------

    def _summary_html(self) -> str:
        request = self.request()
        product = self.draft.product
        assert product is not None
        with self.db.read() as session:
            brand = brand_settings(session)
        gtin = product.record.gtin
        next_number = 1
        if request.serials.kind == SerialKind.SEQUENTIAL and request.serials.start is None:
            next_number = next_serial_number(self.db, gtin, request.serials.prefix)
        serials = summary.first_serials(request, next_number)
        try:
            urls = summary.first_urls(
                request, ResolverUrls(brand.resolver_domain, brand.gs1_ready), gtin, serials
            )
        except ValidationError:
            urls = []
        run = self.draft.run
        rows = [
            (self.tr("Product"), f"{product.record.sku} — {product.record.name}"),
            (self.tr("GTIN"), gtin or self.tr("none")),
            (self.tr("Production run"), run.code if run else self.tr("none")),
            (self.tr("Count"), self.tr("{0:,} units").format(request.quantity)),
            (self.tr("Identity mode"), self._identity_text(request)),
            (self.tr("Activation"), self._activation_text(request)),
            (self.tr("Serial format"), self._serial_text(request, serials, next_number)),
            (self.tr("RFID"), self._rfid_text(request, next_number, brand.company_prefix)),
        ]
        cells = [(escape(label), escape(text)) for label, text in rows]
        cells.append(
            (
                escape(self.tr("First resolver URLs")),
                "<br>".join(f"<tt>{escape(url)}</tt>" for url in urls),
            )
        )
        body = "".join(
            f"<tr><td style='padding-right:16px'><b>{label}</b></td><td>{value}</td></tr>"
            for label, value in cells
        )
        return f"<table cellspacing='4'>{body}</table>"

    def _identity_text(self, request: MintRequest) -> str:
        if request.identity_mode == IdentityMode.SERIAL:
            return self.tr("Serial: one token per unit")
        lots = ", ".join(f"{lot.code} ({lot.quantity:,})" for lot in request.lots)
        return self.tr("Lot: {0} lot(s) — {1}").format(len(request.lots), lots)

    def _activation_text(self, request: MintRequest) -> str:
        if request.activation_mode == ActivationMode.FIRST_SCAN:
            return self.tr("At first scan: tokens go live when first scanned")
        return self.tr("At mint: tokens are active as soon as they are minted")

    def _serial_text(self, request: MintRequest, serials: list[str], next_number: int) -> str:
        if request.identity_mode == IdentityMode.LOT:
            return self.tr("No serial numbers: units are identified by their lot")
        spec = request.serials
        first = ", ".join(serials)
        if spec.kind == SerialKind.SEQUENTIAL:
            last = summary.last_sequential(request, next_number) or "?"
            prefix = f"“{spec.prefix}”" if spec.prefix else self.tr("none")
            return self.tr("Sequential, prefix {0}, {1} digits: {2} … {3}").format(
                prefix, spec.width, first, last
            )
        if spec.kind == SerialKind.LIST:
            return self.tr("From the imported file: {0} …").format(first)
        if spec.kind == SerialKind.NUMERIC:
            return self.tr("Random numbers up to 274,877,906,943, e.g. {0}").format(first)
        return self.tr("Random, 12 letters and digits, e.g. {0}").format(first)

    def _rfid_text(self, request: MintRequest, next_number: int, prefix: str | None) -> str:
        if request.identity_mode == IdentityMode.LOT:
            return self.tr("Not for RFID: an SGTIN needs a serial per unit")
        fits = summary.sgtin96_count(request, next_number)
        total = request.quantity
        if fits == total:
            text = self.tr("✔ All serials fit SGTIN-96 (any RFID tag)")
        elif fits == 0:
            text = self.tr("All serials need SGTIN-198 (tags with a 198-bit EPC bank)")
        else:
            text = self.tr("{0:,} serials fit SGTIN-96; {1:,} need SGTIN-198").format(
                fits, total - fits
            )
        if not prefix:
            text += " " + self.tr("(encoding needs the brand's GS1 company prefix)")
        return text

    # -- eligibility and submit ----------------------------------------------------------

    def run_preflight(self) -> None:
        refused = preflight(self.db, self.request())
        self.eligible = refused is None
        self._show_refusal(refused)
        self.completeChanged.emit()

    def _show_refusal(self, refused: MintRefused | None) -> None:
        if refused is None:
            self.eligibility.setText(self.tr("✔ Eligible: nothing blocks this batch."))
            fill_row_errors(self.row_errors, [])
            return
        reasons = "\n".join(f"• {reason}" for reason in refused.reasons)
        if refused.row_errors:
            reasons += "\n" + self.tr("• {0} serial(s) refused, listed below").format(
                len(refused.row_errors)
            )
        self.eligibility.setText(self.tr("✖ Not eligible:\n{0}").format(reasons.strip()))
        fill_row_errors(self.row_errors, refused.row_errors)

    def isComplete(self) -> bool:
        return self.eligible and not self.submitting

    def validatePage(self) -> bool:
        """Submit once: the button is disabled at the first click and the key dedupes."""
        if self.result is not None:
            return True
        if self.submitting:
            return False
        self.submitting = True
        self.wizard().button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.completeChanged.emit()
        try:
            self.result = submit(self.db, self.request())
        except MintRefused as refused:
            self._refused(refused)
            return False
        except MintStationError as exc:
            self._refused(MintRefused([str(exc)]))
            return False
        if self.result.created:
            self.submitted.emit(self.result.batch_id)
        return True

    def _refused(self, refused: MintRefused) -> None:
        self.submitting = False
        self.eligible = False
        self._show_refusal(refused)
        self.completeChanged.emit()
