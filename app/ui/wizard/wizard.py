"""New Mint: a four-step wizard, every step reachable and finished from the keyboard.

Select SKU → Production run (optional) → Mint configuration → Review & Submit. The
wizard only queues the batch; its caller starts the background mint with the batch id
from ``batch_submitted``.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from app.storage.db import Database
from app.ui.widgets.screen_fit import fit_window
from app.ui.wizard.draft import MintDraft
from app.ui.wizard.mint_config_page import MintConfigPage
from app.ui.wizard.production_run_page import ProductionRunPage
from app.ui.wizard.review_page import ReviewPage
from app.ui.wizard.select_sku_page import SelectSkuPage
from app.ui.wizard.touch import big_title, make_touch_friendly

PAGE_SKU, PAGE_RUN, PAGE_CONFIG, PAGE_REVIEW = range(4)
STEPS_WIDTH = 210


class StepsWidget(QWidget):
    """The steps down the side: done ✔, current ▶, to come ○ (never colour alone)."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles
        self.labels = [QLabel() for _ in titles]
        layout = QVBoxLayout(self)
        for label in self.labels:
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch()
        self.setFixedWidth(STEPS_WIDTH)
        self.show_step(0)

    def show_step(self, current: int) -> None:
        for index, (label, title) in enumerate(zip(self.labels, self.titles, strict=True)):
            mark = "✔" if index < current else "▶" if index == current else "○"
            text = f"{mark} {index + 1}. {title}"
            label.setText(f"<b>{text}</b>" if index == current else text)


class NewMintWizard(QWizard):
    batch_submitted = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.draft = MintDraft(idempotency_key=f"wizard-{uuid.uuid4().hex}")
        self.setWindowTitle(self.tr("New Mint"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.select_page = SelectSkuPage(db, self.draft)
        self.run_page = ProductionRunPage(db, self.draft)
        self.config_page = MintConfigPage(self.draft)
        self.review_page = ReviewPage(db, self.draft)
        for page_id, page in (
            (PAGE_SKU, self.select_page),
            (PAGE_RUN, self.run_page),
            (PAGE_CONFIG, self.config_page),
            (PAGE_REVIEW, self.review_page),
        ):
            self.setPage(page_id, page)
        titles = [self.page(i).title() for i in range(4)]
        self.steps = StepsWidget(titles)
        self.setSideWidget(self.steps)
        self.setTitleFormat(Qt.TextFormat.RichText)
        for index, title in enumerate(titles):
            self.page(index).setTitle(big_title(title))
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< &Back")),
            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
            (QWizard.WizardButton.FinishButton, self.tr("&Submit")),
        ):
            self.setButtonText(button, text)
        self.currentIdChanged.connect(self.steps.show_step)
        self.review_page.submitted.connect(self.batch_submitted)
        make_touch_friendly(self)
        fit_window(self, QSize(1024, 820), key="new_mint")
