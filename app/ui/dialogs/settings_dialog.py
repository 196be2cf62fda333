"""Settings: the brand (in the database), the database, language and theme (this desktop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MintStationError
from app.storage.catalogue_queries import brand_settings, published_template
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.dialogs.brand_form import BrandFormWidget
from app.ui.dialogs.database_settings import DatabaseSettingsWidget
from app.ui.dialogs.sync_settings import SyncSettingsWidget
from app.ui.preferences import Preferences
from app.ui.theme import apply_theme
from app.ui.widgets.screen_fit import fit_window
from app.ui.widgets.scrolling import vertical_scroll
from app.workers.actions import publish_default_template

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

SYNC_TAB = 3


class SettingsDialog(QDialog):
    def __init__(
        self,
        db: Database,
        home: StationHome,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.preferences = preferences
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.brand = BrandFormWidget()
        self.template_label = QLabel()
        self.publish_button = QPushButton(self.tr("&Publish the default passport template"))
        self.publish_button.setAutoDefault(False)
        self.publish_button.clicked.connect(self.publish_template)
        brand_page = QWidget()
        brand_layout = QVBoxLayout(brand_page)
        brand_layout.addWidget(self.brand)
        brand_layout.addWidget(self.template_label)
        brand_layout.addWidget(self.publish_button)
        brand_layout.addStretch()
        self.database = DatabaseSettingsWidget(home, preferences.database_url)
        self.language = QComboBox()
        for code, name in (
            ("", self.tr("System language")),
            ("en", "English"),
            ("de", "Deutsch"),
        ):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme)))
        look_page = QWidget()
        look = QFormLayout(look_page)
        look.addRow(self.tr("&Language"), self.language)
        look.addRow(
            "", QLabel(self.tr("A new language is shown the next time Mint Station starts."))
        )
        look.addRow(self.tr("&Theme"), self.theme)
        # Each tab scrolls vertically, so the dialog fits a 768-pixel-high screen with its
        # Save and Cancel buttons always in view.
        self.tabs.addTab(vertical_scroll(brand_page), self.tr("&Brand"))
        self.tabs.addTab(vertical_scroll(self.database), self.tr("&Database"))
        self.tabs.addTab(vertical_scroll(look_page), self.tr("Language && &theme"))
        self.sync = SyncSettingsWidget(self.db)
        self.tabs.addTab(vertical_scroll(self.sync), self.tr("S&ync"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.load()
        fit_window(self, QSize(820, 760), key="settings")

    def load(self) -> None:
        with self.db.read() as session:
            self.brand.load(brand_settings(session))
            published = published_template(session)
        if published is not None:
            self.template_label.setText(
                self.tr("✔ Passport template “{0}” is published.").format(published.name)
            )
        else:
            self.template_label.setText(
                self.tr("✖ No passport template is published: nothing can be minted yet.")
            )
        self.publish_button.setVisible(published is None)

    def publish_template(self) -> None:
        publish_default_template(self.db)
        self.load()

    def accept(self) -> None:
        problems = self.brand.problems()
        if problems:
            self.tabs.setCurrentIndex(0)
            self.message.setText("\n".join(f"✖ {p}" for p in problems))
            return
        if not self.database.ready_to_save():
            self.tabs.setCurrentIndex(1)
            self.message.setText(self.tr("✖ The database could not be opened; nothing was saved."))
            return
        try:
            self.brand.save(self.db)
        except MintStationError as exc:
            self.message.setText(self.tr("✖ {0}").format(exc))
            return
        sync_problem = self.sync.save()
        if sync_problem:
            self.tabs.setCurrentIndex(SYNC_TAB)
            self.message.setText(self.tr("✖ {0}").format(sync_problem))
            return
        self.preferences.database_url = self.database.chosen_url()
        self.preferences.language = str(self.language.currentData())
        self.preferences.theme = str(self.theme.currentData())
        self.preferences.sync()
        super().accept()


def open_settings(window: MainWindow, preferences: Preferences | None = None) -> SettingsDialog:
    """Open Settings over the window; on Save the theme applies at once and pages refresh."""
    prefs = preferences or Preferences()
    dialog = SettingsDialog(window.db, window.home, prefs, window)

    def on_saved() -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        from app.ui.main_window.toolbar import refresh_icons  # noqa: PLC0415 (import cycle)

        refresh_icons(window)
        window.products_page.refresh()
        window.refresh_all()

    dialog.accepted.connect(on_saved)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
