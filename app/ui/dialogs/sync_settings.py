"""The Sync tab of Settings: the resolver's URL and this station's credentials."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.core.errors import MintStationError
from app.storage.db import Database
from app.workers.sync import configure, load_config, sync_status


class SyncSettingsWidget(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://resolver.example.com")
        self.key_id = QLineEdit()
        self.key_id.setPlaceholderText("ms_0123456789abcdef")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("as printed by `resolver credentials create`"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Resolver URL"), self.url)
        form.addRow(self.tr("Key id"), self.key_id)
        form.addRow(self.tr("Secret"), self.secret)
        form.addRow(self.tr("State"), self.state)
        self.load()

    def load(self) -> None:
        with self.db.read() as session:
            config = load_config(session)
        if config is not None:
            self.url.setText(config.resolver_url)
            self.key_id.setText(config.key_id)
            self.secret.setText(config.secret)
        self.state.setText(sync_status(self.db).label)

    def changed(self) -> bool:
        with self.db.read() as session:
            config = load_config(session)
        now = (self.url.text().strip(), self.key_id.text().strip(), self.secret.text().strip())
        if config is None:
            return any(now)
        return now != (config.resolver_url, config.key_id, config.secret)

    def save(self) -> str | None:
        """Store the settings; the error to show, or None."""
        if not self.changed():
            return None
        try:
            configure(self.db, self.url.text(), self.key_id.text(), self.secret.text())
        except MintStationError as exc:
            return str(exc)
        self.state.setText(sync_status(self.db).label)
        return None
