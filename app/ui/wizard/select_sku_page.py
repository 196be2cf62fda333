"""Step 1: find the product as you type or scan; only a product ready to mint is chosen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.storage.catalogue_queries import ProductView, list_products
from app.storage.db import Database
from app.ui.wizard.draft import MintDraft
from app.ui.wizard.product_search import search_term

VIEW_ROLE = Qt.ItemDataRole.UserRole


class SelectSkuPage(QWizardPage):
    def __init__(self, db: Database, draft: MintDraft) -> None:
        super().__init__()
        self.db = db
        self.draft = draft
        self.setTitle(self.tr("Select SKU"))
        self.setSubTitle(
            self.tr(
                "Search the catalogue by SKU, name or GTIN, or scan the product's barcode. "
                "Only a product marked “Ready to mint” can be chosen."
            )
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type or scan: SKU, name, GTIN or barcode"))
        self.search.setAccessibleName(self.tr("Search products"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.products = QListWidget()
        self.products.setAccessibleName(self.tr("Products"))
        self.products.setWordWrap(True)
        self.products.setAlternatingRowColors(True)
        self.count_label = QLabel()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("Chosen product"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.products, 1)
        layout.addWidget(self.detail)
        self.search.textChanged.connect(self.refresh)
        self.products.currentItemChanged.connect(self._on_current)
        self.products.itemDoubleClicked.connect(self._on_double_click)

    def initializePage(self) -> None:
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        """Search as you type; a single ready match is chosen at once (scan then Enter)."""
        chosen = self.draft.sku
        with self.db.read() as session:
            views = list_products(session, search=search_term(self.search.text()) or None)
        self.products.blockSignals(True)
        self.products.clear()
        for view in views:
            self.products.addItem(self._item(view))
        self.products.blockSignals(False)
        ready = [v for v in views if v.ready]
        self.count_label.setText(
            self.tr("{0} product(s) found, {1} ready to mint").format(len(views), len(ready))
        )
        row = next((i for i, v in enumerate(views) if v.record.sku == chosen and v.ready), None)
        if row is None and len(views) == 1:
            row = 0
        self.products.setCurrentRow(row if row is not None else -1)
        self._on_current(self.products.currentItem(), None)

    def _item(self, view: ProductView) -> QListWidgetItem:
        r = view.record
        if view.ready:
            badge = self.tr("✔ Ready to mint")
            second = self.tr("GTIN {0}").format(r.gtin) if r.gtin else self.tr("no GTIN")
        else:
            badge = self.tr("✖ Not ready")
            second = self.tr("Missing: {0}").format("; ".join(view.reasons))
        item = QListWidgetItem(f"{badge}   {r.sku} — {r.name}\n{second}")
        item.setData(VIEW_ROLE, view)
        if not view.ready:
            # Still reachable with the keyboard so its reasons can be read, never selected.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip("\n".join(view.reasons))
        return item

    def current_view(self) -> ProductView | None:
        item = self.products.currentItem()
        view = item.data(VIEW_ROLE) if item is not None else None
        return view if isinstance(view, ProductView) else None

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        view = self.current_view() if item is not None else None
        self.draft.product = view if view is not None and view.ready else None
        if view is None:
            self.detail.setText(self.tr("Choose a product marked “✔ Ready to mint”."))
        elif view.ready:
            self.detail.setText(
                self.tr("✔ {0} — {1} is ready to mint.").format(view.record.sku, view.record.name)
            )
        else:
            reasons = "\n".join(f"• {reason}" for reason in view.reasons)
            self.detail.setText(
                self.tr("✖ {0} cannot be chosen until this is fixed:\n{1}").format(
                    view.record.sku, reasons
                )
            )
        self.completeChanged.emit()

    def _on_double_click(self, _item: QListWidgetItem) -> None:
        if self.isComplete():
            self.wizard().next()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search field moves into the results, as in a combo box."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.products.count()
        ):
            self.products.setFocus()
            if self.products.currentRow() < 0:
                self.products.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def isComplete(self) -> bool:
        return self.draft.product is not None
