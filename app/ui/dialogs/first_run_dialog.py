"""A new station's short setup: the brand, where data lives, and a sample catalogue."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.catalogue import format_row_errors
from app.core.errors import MintStationError
from app.resources import SAMPLE_PRODUCTS
from app.storage.catalogue_queries import brand_settings, list_products
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.dialogs.brand_form import BrandFormWidget
from app.ui.widgets.screen_fit import fit_window
from app.ui.widgets.scrolling import vertical_scroll
from app.ui.wizard.touch import big_title, make_touch_friendly
from app.workers.actions import import_catalogue, publish_default_template

SAMPLE_CATALOGUE = SAMPLE_PRODUCTS


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, home: StationHome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.home = home
        self.setWindowTitle(self.tr("Set up Mint Station"))
        title = QLabel(big_title(self.tr("Welcome to Mint Station")))
        intro = QLabel(
            self.tr(
                "Tell the station who it mints for. Everything here can be changed later "
                "in Settings."
            )
        )
        intro.setWordWrap(True)
        self.brand = BrandFormWidget()
        with db.read() as session:
            self.brand.load(brand_settings(session))
            empty_catalogue = not list_products(session)
        self.where = QLabel(
            self.tr("<b>Where data lives</b><br>Station folder: {0}<br>Database: {1}").format(
                home.root, db.describe()
            )
        )
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.publish_template = QCheckBox(
            self.tr("&Publish the default passport template (needed before minting)")
        )
        self.publish_template.setChecked(True)
        self.load_sample = QCheckBox(
            self.tr("Load the &sample catalogue (20 products) to try minting at once")
        )
        self.load_sample.setChecked(empty_catalogue)
        self.load_sample.toggled.connect(self._on_sample_toggled)
        self.message = QLabel()
        self.message.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        for widget in (title, intro, self.brand, self.where, self.publish_template):
            column.addWidget(widget)
        column.addWidget(self.load_sample)
        column.addStretch()
        scroll = vertical_scroll(body)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.brand.changed.connect(self._update)
        make_touch_friendly(self)
        fit_window(self, QSize(900, 860), key="first_run")
        self._update()

    def _on_sample_toggled(self, on: bool) -> None:
        if on:
            self.publish_template.setChecked(True)

    def _update(self) -> None:
        self.start_button.setEnabled(not self.brand.problems())

    def accept(self) -> None:
        """Save the brand, then publish the template and load the sample as chosen."""
        problems = self.brand.problems()
        if problems:
            self.message.setText("\n".join(f"✖ {p}" for p in problems))
            return
        try:
            self.brand.save(self.db)
            if self.publish_template.isChecked() or self.load_sample.isChecked():
                publish_default_template(self.db)
            if self.load_sample.isChecked():
                report = import_catalogue(self.db, SAMPLE_CATALOGUE)
                if not report.ok:
                    self.message.setText(
                        self.tr("✖ The sample catalogue was not loaded:\n{0}").format(
                            format_row_errors(report.errors)
                        )
                    )
                    return
        except MintStationError as exc:
            self.message.setText(self.tr("✖ {0}").format(exc))
            return
        super().accept()


def run_first_setup(db: Database, home: StationHome) -> None:
    """Show the setup on a station whose brand is not configured yet (it can be skipped)."""
    FirstRunDialog(db, home).exec()
