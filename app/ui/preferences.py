"""This desktop's preferences (language, theme, database URL), kept with QSettings.

Brand data is shared by every station on a database and lives there; these are local to
one computer and user. Tests point QSettings at a temporary folder with
``use_settings_folder`` so they never touch the real user configuration.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize

ORGANIZATION = "MintStation"
APPLICATION = "Mint Station"
THEMES = ("system", "light", "dark")
LANGUAGES = ("", "en", "de")  # "" follows the system's language


def use_settings_folder(folder: Path) -> None:
    """Keep preferences in INI files under ``folder`` (tests, portable installs)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


class Preferences:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings(
            QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    def _text(self, key: str, default: str = "") -> str:
        value = self.settings.value(key, default)
        return value if isinstance(value, str) else default

    @property
    def language(self) -> str:
        value = self._text("ui/language")
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        self.settings.setValue("ui/language", value if value in LANGUAGES else "")

    @property
    def theme(self) -> str:
        value = self._text("ui/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.settings.setValue("ui/theme", value if value in THEMES else "system")

    @property
    def database_url(self) -> str:
        """A shared database URL, or "" for this station's own SQLite file."""
        return self._text("station/database_url")

    @database_url.setter
    def database_url(self, value: str) -> None:
        self.settings.setValue("station/database_url", value.strip())

    def window_size(self, key: str) -> QSize | None:
        """The size the operator last left the window ``key`` at, if any."""
        value = self._text(f"windows/{key}")
        width, _, height = value.partition("x")
        if width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0:
            return QSize(int(width), int(height))
        return None

    def set_window_size(self, key: str, size: QSize) -> None:
        self.settings.setValue(f"windows/{key}", f"{size.width()}x{size.height()}")

    def sync(self) -> None:
        self.settings.sync()
