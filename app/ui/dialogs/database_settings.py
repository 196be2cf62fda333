"""Which database the station uses: its own SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from app.storage.db import open_database
from app.storage.home import DB_FILENAME, StationHome

CONNECT_TIMEOUT_S = 5


def check_database(url: str) -> str | None:
    """Open (and migrate) the database at ``url``; None when it works, else why not."""
    kwargs: dict[str, Any] = {}
    try:
        if make_url(url).get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
        database = open_database(url, **kwargs)
    except Exception as exc:  # any failure is reported to the person, not raised
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    database.dispose()
    return None


class DatabaseSettingsWidget(QWidget):
    def __init__(self, home: StationHome, saved_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.local = QRadioButton(self.tr("This station's own database &file"))
        self.local_path = QLabel(str(home.root / DB_FILENAME))
        self.local_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shared = QRadioButton(self.tr("A &shared PostgreSQL database"))
        self.url = QLineEdit(saved_url)
        self.url.setPlaceholderText("postgresql+psycopg://user:password@host:5432/mintstation")
        self.url.setAccessibleName(self.tr("Database URL"))
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAutoDefault(False)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            self.tr(
                "A change of database takes effect the next time Mint Station starts. "
                "The brand is kept in the database and shared by its stations."
            )
        )
        note.setWordWrap(True)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.local_path)
        layout.addWidget(self.shared)
        layout.addLayout(url_row)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addStretch()
        (self.shared if saved_url else self.local).setChecked(True)
        self.tested_url: str | None = saved_url or None
        self.shared.toggled.connect(self._on_mode)
        self.url.textChanged.connect(lambda _text: self.result.clear())
        self.test_button.clicked.connect(self.test_connection)
        self._on_mode()

    def _on_mode(self) -> None:
        shared = self.shared.isChecked()
        self.url.setEnabled(shared)
        self.test_button.setEnabled(shared)

    def chosen_url(self) -> str:
        """The URL to save: "" means the station's own file."""
        return self.url.text().strip() if self.shared.isChecked() else ""

    def test_connection(self) -> bool:
        url = self.url.text().strip()
        if not url:
            self.result.setText(self.tr("✖ Enter the database URL first."))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = check_database(url)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem is not None:
            self.tested_url = None
            self.result.setText(self.tr("✖ Cannot use this database: {0}").format(problem))
            return False
        self.tested_url = url
        shown = make_url(url).render_as_string(hide_password=True)
        self.result.setText(self.tr("✔ Connected to {0}").format(shown))
        return True

    def ready_to_save(self) -> bool:
        """A shared URL is saved only once it has been opened successfully."""
        url = self.chosen_url()
        return not url or url == self.tested_url or self.test_connection()
