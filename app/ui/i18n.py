"""Install the station's translations (Qt's own ones too, when they ship with PySide6).

The German catalogue is ``resources/translations/mintstation_de.ts``; regenerate it after
changing user-visible strings, translate the new entries (Qt Linguist:
``.venv/bin/pyside6-linguist``), then compile it::

    .venv/bin/pyside6-lupdate $(find app/ui -name '*.py') -no-obsolete \
        -ts resources/translations/mintstation_de.ts
    .venv/bin/pyside6-lrelease resources/translations/mintstation_de.ts \
        -qm resources/translations/mintstation_de.qm
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import TRANSLATIONS

TRANSLATIONS_DIR = TRANSLATIONS
AVAILABLE = ("en", "de")


def resolve_language(language: str) -> str:
    """The language to show: the preference, else the system's when we ship it, else en."""
    if language in AVAILABLE:
        return language
    system = QLocale.system().name().split("_")[0]
    return system if system in AVAILABLE else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` ("" = system); English needs none."""
    chosen = resolve_language(language)
    if chosen == "en":
        return []
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{chosen}", qt_dir), (f"mintstation_{chosen}", TRANSLATIONS_DIR)):
        translator = QTranslator(app)
        if translator.load(name, str(folder)) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
