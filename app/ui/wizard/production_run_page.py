"""Step 2 (optional): link the batch to an ERP production run, or mint without one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWizardPage

from app.storage.db import Database
from app.ui.wizard.draft import MintDraft
from app.workers.actions import RunView, list_runs

RUN_ROLE = Qt.ItemDataRole.UserRole


class ProductionRunPage(QWizardPage):
    def __init__(self, db: Database, draft: MintDraft) -> None:
        super().__init__()
        self.db = db
        self.draft = draft
        self.setTitle(self.tr("Production run (optional)"))
        self.setSubTitle(
            self.tr(
                "Link the batch to an ERP production run so its quantity cannot be exceeded, "
                "or skip this step to mint without an ERP limit."
            )
        )
        self.runs = QListWidget()
        self.runs.setAccessibleName(self.tr("Production runs"))
        self.runs.setAlternatingRowColors(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.runs, 1)
        layout.addWidget(self.hint)
        self.runs.currentItemChanged.connect(self._on_current)

    def initializePage(self) -> None:
        with self.db.read() as session:
            runs = list_runs(session, sku=self.draft.sku)
        self.runs.blockSignals(True)
        self.runs.clear()
        skip = QListWidgetItem(self.tr("➜ No production run — mint without an ERP limit"))
        skip.setData(RUN_ROLE, None)
        self.runs.addItem(skip)
        chosen = 0
        for run in runs:
            self.runs.addItem(self._item(run))
            if self.draft.run is not None and run.code == self.draft.run.code:
                chosen = self.runs.count() - 1
        self.runs.blockSignals(False)
        self.runs.setCurrentRow(chosen)
        self._on_current(self.runs.currentItem(), None)
        self.runs.setFocus()

    def _item(self, run: RunView) -> QListWidgetItem:
        remaining = run.remaining
        if remaining is None:
            text = self.tr("{0} — no ERP quantity limit ({1:,} reserved so far)").format(
                run.code, run.reserved
            )
        elif remaining > 0:
            text = self.tr("{0} — {1:,} of {2:,} units left").format(
                run.code, remaining, run.erp_quantity
            )
        else:
            text = self.tr("✖ {0} — fully used: 0 of {1:,} units left").format(
                run.code, run.erp_quantity
            )
        item = QListWidgetItem(text)
        item.setData(RUN_ROLE, run)
        if remaining is not None and remaining <= 0:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        run = item.data(RUN_ROLE) if item is not None else None
        usable = isinstance(run, RunView) and (run.remaining is None or run.remaining > 0)
        self.draft.run = run if usable and isinstance(run, RunView) else None
        if self.runs.count() == 1:
            self.hint.setText(
                self.tr(
                    "No ERP production runs are recorded for {0}. Press Next to continue."
                ).format(self.draft.sku)
            )
        elif self.draft.run is None:
            self.hint.setText(self.tr("The batch will not be linked to a production run."))
        elif self.draft.run.remaining is None:
            self.hint.setText(
                self.tr("Run {0} has no ERP quantity limit.").format(self.draft.run.code)
            )
        else:
            self.hint.setText(
                self.tr("At most {0:,} units can be minted on run {1}.").format(
                    self.draft.run.remaining, self.draft.run.code
                )
            )
