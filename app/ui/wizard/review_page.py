"""Step 4: what will be minted, the eligibility check, and an idempotent submit."""

from __future__ import annotations

from dataclasses import dataclass
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
from app.storage.catalogue_queries import brand_settings
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
from app.workers.op import Op, release_in_background

BIG_REQUEST = 100_000


@dataclass(frozen=True)
class ReviewFacts:
    """What the summary shows, worked out off the GUI thread (a serial file may be 1M rows)."""

    next_number: int
    serials: list[str]
    urls: list[str]
    last_serial: str | None
    sgtin96_fits: int
    company_prefix: str | None


def review_facts(db: Database, request: MintRequest, gtin: str | None) -> ReviewFacts:
    with db.read() as session:
        brand = brand_settings(session)
    next_number = 1
    if request.serials.kind == SerialKind.SEQUENTIAL and request.serials.start is None:
        next_number = next_serial_number(db, gtin, request.serials.prefix)
    serials = summary.first_serials(request, next_number)
    try:
        urls = summary.first_urls(
            request, ResolverUrls(brand.resolver_domain, brand.gs1_ready), gtin, serials
        )
    except ValidationError:
        urls = []
    return ReviewFacts(
        next_number,
        serials,
        urls,
        summary.last_sequential(request, next_number),
        summary.sgtin96_count(request, next_number),
        brand.company_prefix,
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
        self.checking = False
        self.submitting = False
        self.generation = 0
        self.result: Submitted | None = None
        self.facts_op: Op | None = None
        self.preflight_op: Op | None = None
        self.submit_op: Op | None = None

    def request(self) -> MintRequest:
        assert self.draft.request is not None
        return self.draft.request

    def initializePage(self) -> None:
        """Work out the summary and run the eligibility check, both in the background."""
        self.generation += 1
        generation = self.generation
        self.result = None
        self.eligible = False
        self.checking = True
        self.summary.setText(self.tr("Working out the summary…"))
        self.eligibility.setText(self.tr("Checking eligibility…"))
        fill_row_errors(self.row_errors, [])
        self.completeChanged.emit()
        product = self.draft.product
        assert product is not None
        gtin = product.record.gtin
        request = self.request()
        self.facts_op = (
            Op(
                review_facts,
                self.db,
                request,
                gtin,
                owner=self,
                name="op:review-summary",
                quiet_gc=True,
            )
            .success(lambda facts: self._show_facts(generation, facts))
            .run()
        )
        self._start_preflight(generation)

    # -- the summary ---------------------------------------------------------------------

    def _show_facts(self, generation: int, facts: ReviewFacts) -> None:
        if generation == self.generation:
            self.summary.setText(self._summary_html(facts))

    def _summary_html(self, facts: ReviewFacts) -> str:
        request = self.request()
        product = self.draft.product
        assert product is not None
        gtin = product.record.gtin
        run = self.draft.run
        rows = [
            (self.tr("Product"), f"{product.record.sku} — {product.record.name}"),
            (self.tr("GTIN"), gtin or self.tr("none")),
            (self.tr("Production run"), run.code if run else self.tr("none")),
            (self.tr("Count"), self.tr("{0:,} units").format(request.quantity)),
            (self.tr("Identity mode"), self._identity_text(request)),
            (self.tr("Activation"), self._activation_text(request)),
            (self.tr("Serial format"), self._serial_text(request, facts)),
            (self.tr("RFID"), self._rfid_text(request, facts)),
        ]
        cells = [(escape(label), escape(text)) for label, text in rows]
        cells.append(
            (
                escape(self.tr("First resolver URLs")),
                "<br>".join(f"<tt>{escape(url)}</tt>" for url in facts.urls),
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

    def _serial_text(self, request: MintRequest, facts: ReviewFacts) -> str:
        if request.identity_mode == IdentityMode.LOT:
            return self.tr("No serial numbers: units are identified by their lot")
        spec = request.serials
        first = ", ".join(facts.serials)
        if spec.kind == SerialKind.SEQUENTIAL:
            last = facts.last_serial or "?"
            prefix = f"“{spec.prefix}”" if spec.prefix else self.tr("none")
            return self.tr("Sequential, prefix {0}, {1} digits: {2} … {3}").format(
                prefix, spec.width, first, last
            )
        if spec.kind == SerialKind.LIST:
            return self.tr("From the imported file: {0} …").format(first)
        if spec.kind == SerialKind.NUMERIC:
            return self.tr("Random numbers up to 274,877,906,943, e.g. {0}").format(first)
        return self.tr("Random, 12 letters and digits, e.g. {0}").format(first)

    def _rfid_text(self, request: MintRequest, facts: ReviewFacts) -> str:
        if request.identity_mode == IdentityMode.LOT:
            return self.tr("Not for RFID: an SGTIN needs a serial per unit")
        fits = facts.sgtin96_fits
        prefix = facts.company_prefix
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
        """Check again (the button): every check submit makes, rolled back, off the GUI thread."""
        self.generation += 1
        self.eligible = False
        self.checking = True
        self.eligibility.setText(self.tr("Checking eligibility…"))
        self.completeChanged.emit()
        self._start_preflight(self.generation)

    def _start_preflight(self, generation: int) -> None:
        self.preflight_op = (
            Op(
                preflight,
                self.db,
                self.request(),
                busy=self.recheck,
                owner=self,
                name="op:preflight",
                quiet_gc=True,
            )
            .success(lambda refused: self._preflight_done(generation, refused))
            .failure(lambda exc: self._preflight_failed(generation, exc))
            .run()
        )

    def _preflight_done(self, generation: int, refused: MintRefused | None) -> None:
        if generation != self.generation:
            return  # the request changed meanwhile; a newer check is running
        self.checking = False
        self.eligible = refused is None
        self._show_refusal(refused)
        self.completeChanged.emit()
        self._focus_submit()

    def _focus_submit(self) -> None:
        """Enter submits once the check passes: while Submit was disabled for the check, Qt moved
        the focus to Back, and Enter would have pressed Back (an operator at a keyboard)."""
        wizard = self.wizard()
        if wizard is None or not self.isComplete():
            return
        submit = wizard.button(QWizard.WizardButton.FinishButton)
        focused = wizard.focusWidget()
        if focused is None or focused is wizard.button(QWizard.WizardButton.BackButton):
            submit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _preflight_failed(self, generation: int, exc: BaseException) -> None:
        self._preflight_done(
            generation, MintRefused([self.tr("the check failed: {0}").format(exc)])
        )

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
        return self.eligible and not self.submitting and not self.checking

    def validatePage(self) -> bool:
        """Submit once, in the background: Submit is disabled at the first click, the key dedupes.

        The first call starts the submit and returns False (the wizard stays open); when the
        batch is queued the page accepts the wizard, and this returns True.
        """
        if self.result is not None:
            return True
        if self.submitting:
            return False
        self.submitting = True
        wizard = self.wizard()
        busy = [
            wizard.button(QWizard.WizardButton.FinishButton),
            wizard.button(QWizard.WizardButton.BackButton),
            self.recheck,
        ]
        self.eligibility.setText(self.tr("Submitting…"))
        self.completeChanged.emit()
        self.submit_op = (
            Op(
                submit,
                self.db,
                self.request(),
                busy=busy,
                owner=self,
                name="op:submit",
                quiet_gc=True,
            )
            .success(self._submitted)
            .failure(self._submit_failed)
            .run()
        )
        return False

    def _submitted(self, result: Submitted) -> None:
        self.result = result
        self.submitting = False
        if result.created:
            self.submitted.emit(result.batch_id)
        if self.request().quantity >= BIG_REQUEST:
            # the request (a serial file's million strings) is freed off the GUI thread
            holder: list[object] = [self.draft.request]
            self.draft.request = None
            source = getattr(getattr(self.wizard(), "config_page", None), "serials", None)
            if source is not None and getattr(source, "file_serials", None) is not None:
                holder.append(source.file_serials)  # the same strings, read from the file
                source.file_serials = None
            release_in_background(holder)
        wizard = self.wizard()
        if wizard is not None and wizard.isVisible():
            wizard.accept()

    def _submit_failed(self, exc: BaseException) -> None:
        if isinstance(exc, MintRefused):
            self._refused(exc)
        elif isinstance(exc, MintStationError):
            self._refused(MintRefused([str(exc)]))
        else:
            self._refused(MintRefused([self.tr("the submit failed: {0}").format(exc)]))
            raise exc  # unexpected: to the crash dialog and the log

    def _refused(self, refused: MintRefused) -> None:
        self.submitting = False
        self.eligible = False
        self._show_refusal(refused)
        self.completeChanged.emit()
