"""Settings: the brand in the database, the database, language and theme in QSettings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from app.resources import TRANSLATIONS
from app.storage.brand import brand_settings
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.i18n import install_translators, remove_translators
from app.ui.main_window import MainWindow
from app.ui.preferences import Preferences, use_settings_folder
from app.ui.wizard import NewMintWizard
from tests.minting.conftest import prepare_station

TS_FILE = TRANSLATIONS / "mintstation_de.ts"


@pytest.fixture
def prefs(tmp_path: Path) -> Iterator[Preferences]:
    """Preferences in an INI file under tmp_path, never the real user configuration."""
    use_settings_folder(tmp_path / "config")
    yield Preferences()
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database, home: StationHome) -> MainWindow:
    prepare_station(sqlite_db)
    main = MainWindow(sqlite_db, home)
    qtbot.addWidget(main)
    return main


def test_preferences_persist_in_the_settings_folder(prefs: Preferences, tmp_path: Path) -> None:
    assert (prefs.language, prefs.theme, prefs.database_url) == ("", "system", "")
    prefs.language = "de"
    prefs.theme = "dark"
    prefs.database_url = " postgresql+psycopg://db.example/mint "
    prefs.theme = "purple"  # unknown values fall back
    prefs.sync()
    again = Preferences()
    assert (again.language, again.theme, again.database_url) == (
        "de",
        "system",
        "postgresql+psycopg://db.example/mint",
    )
    assert list((tmp_path / "config").rglob("*.ini"))


def test_settings_save_brand_language_and_theme_from_the_menu(
    qtbot: QtBot, window: MainWindow, prefs: Preferences, sqlite_db: Database
) -> None:
    action = window.findChild(QAction, "action_settings")
    assert action is not None
    action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    assert dialog.brand.name.text() == "Acme Tools"
    assert dialog.template_label.text().startswith("✔")
    dialog.brand.name.selectAll()
    qtbot.keyClicks(dialog.brand.name, "Acme Europe")
    dialog.tabs.setCurrentIndex(2)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    try:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert (prefs.language, prefs.theme) == ("de", "dark")
        window_colour = app.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 100  # the dark theme applies at once
    finally:
        app.setStyle(style)
        app.setPalette(palette)
    with sqlite_db.read() as session:
        assert brand_settings(session).name == "Acme Europe"


def test_database_is_tested_before_it_is_saved(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, prefs: Preferences, tmp_path: Path
) -> None:
    prepare_station(sqlite_db)
    dialog = SettingsDialog(sqlite_db, home, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    database = dialog.database
    assert database.local.isChecked()
    assert str(home.root) in database.local_path.text()
    database.shared.setFocus()
    qtbot.keyClick(database.shared, Qt.Key.Key_Space)
    assert database.url.isEnabled()
    qtbot.keyClicks(database.url, "postgresql+psycopg://nobody@127.0.0.1:9/none")
    qtbot.mouseClick(database.test_button, Qt.MouseButton.LeftButton)
    assert database.result.text().startswith("✖ Cannot use this database")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "nothing was saved" in dialog.message.text()
    assert Preferences().database_url == ""
    good = f"sqlite:///{tmp_path / 'shared.db'}"
    database.url.clear()
    qtbot.keyClicks(database.url, good)
    qtbot.mouseClick(database.test_button, Qt.MouseButton.LeftButton)
    assert database.result.text().startswith("✔ Connected")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Preferences().database_url == good


def test_german_catalogue_is_complete() -> None:
    root = ET.parse(TS_FILE).getroot()
    unfinished = [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if (translation := message.find("translation")) is not None
        and translation.get("type") not in ("vanished", "obsolete")
        and (translation.get("type") == "unfinished" or not (translation.text or "").strip())
    ]
    assert not unfinished
    assert TS_FILE.with_suffix(".qm").stat().st_size > 1_000


def _unfinished(ts: Path) -> list[tuple[str | None, str | None]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if (translation := message.find("translation")) is not None
        and translation.get("type") == "unfinished"
    ]


def test_every_string_the_ui_marks_has_a_german_translation(tmp_path: Path) -> None:
    """Qt's own lupdate reads app/ui and app/workers into a copy of the catalogue: a tr() or
    translate() text without a German entry comes out as a new, unfinished message."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    root = Path(__file__).resolve().parents[2]
    sources = sorted(str(p) for d in ("app/ui", "app/workers") for p in (root / d).rglob("*.py"))
    copy = tmp_path / "mintstation_de.ts"
    shutil.copy(TS_FILE, copy)
    subprocess.run([str(lupdate), *sources, "-ts", str(copy)], check=True, capture_output=True)
    assert _unfinished(copy) == []
    (tmp_path / "new.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.translate('StationsPage', 'A text nobody translated yet')\n"
    )
    subprocess.run(  # the control: the check sees a text that has no translation
        [str(lupdate), *sources, str(tmp_path / "new.py"), "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    assert _unfinished(copy) == [("StationsPage", "A text nobody translated yet")]


def test_german_wizard_and_menus(qtbot: QtBot, window: MainWindow, sqlite_db: Database) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "de")
    try:
        assert translators
        wizard = NewMintWizard(sqlite_db)
        qtbot.addWidget(wizard)
        wizard.show()
        assert wizard.windowTitle() == "Neue Prägung"
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Weiter >"
        assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Absenden"
        assert "Bereit zum Prägen" in wizard.select_page.products.item(0).text()
        german = MainWindow(sqlite_db, window.home, resume=False)
        qtbot.addWidget(german)
        menus = [action.text() for action in german.menuBar().actions()]
        assert menus[0] == "&Datei"
        assert german.nav.item(1).text() == "Produkte"
        german.close()
    finally:
        remove_translators(app, translators)
    english = NewMintWizard(sqlite_db)
    qtbot.addWidget(english)
    assert english.windowTitle() == "New Mint"
