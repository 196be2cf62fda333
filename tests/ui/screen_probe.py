"""Open every window an operator meets and measure it against the screen it is on.

Run in a subprocess (``python -m tests.ui.screen_probe OUT.json [SHOTS_DIR SUFFIX]``) under
the platform and scale the caller chose (offscreen with a screen config, or xcb on Xvfb);
prints nothing, writes one JSON report: for each view, the screen's available rectangle,
the window's frame rectangle, the visible buttons whose global rectangle leaves the
screen, visible horizontal scroll bars on forms, and group boxes squeezed below their
minimum size. With SHOTS_DIR, it also saves a screenshot of each view there.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QScrollArea,
    QWidget,
)

from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.runs import add_run
from app.minting.submit import submit
from app.printing.templates import PRESETS
from app.storage.db import Database, open_database
from app.storage.home import resolve_home
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.dialogs.print_dialog import PrintDialog
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.dialogs.template_editor import TemplateEditorDialog
from app.ui.i18n import install_translators
from app.ui.main_window import MainWindow
from app.ui.preferences import Preferences, use_settings_folder
from app.ui.theme import apply_theme
from app.ui.wizard import NewMintWizard
from app.ui.wizard.lots_widget import parse_lot_fields
from tests.conftest import READY_SKU, prepare_station

LANGUAGE_ENV = "MINTSTATION_PROBE_LANGUAGE"  # "de": measure the German texts (longer)


@dataclass
class View:
    name: str
    screen: list[int]
    frame: list[int]
    buttons: int = 0
    outside: list[str] = field(default_factory=list)
    horizontal_bars: list[str] = field(default_factory=list)
    clipped_groups: list[str] = field(default_factory=list)


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _label(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.objectName() or text or widget.accessibleName()})"


def _clip_rect(widget: QWidget) -> QRect:
    """The widget's global rectangle as far as a scroll area's viewport lets it be seen."""
    rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent.objectName() == (
            "qt_scrollarea_viewport"
        ):
            viewport = QRect(parent.mapToGlobal(parent.rect().topLeft()), parent.size())
            rect = rect.intersected(viewport)
        parent = parent.parentWidget()
    return rect


def measure(name: str, window: QWidget) -> View:
    QTest.qWait(30)
    QApplication.processEvents()
    screen = window.screen().availableGeometry()
    view = View(name, _rect(screen), _rect(window.frameGeometry()))
    if not screen.contains(window.frameGeometry()):
        view.outside.append(f"the window {_rect(window.frameGeometry())}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        view.buttons += 1
        seen = _clip_rect(button)
        if seen.isEmpty():
            continue  # scrolled out of a scroll area: reachable by scrolling
        if not screen.contains(seen):
            view.outside.append(f"{_label(button)} at {_rect(seen)}")
        if not window.rect().contains(
            QRect(button.mapTo(window, button.rect().topLeft()), seen.size())
        ):
            view.outside.append(f"{_label(button)} outside its window")
    for area in window.findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            view.horizontal_bars.append(_label(area.widget() or area))
    for group in window.findChildren(QGroupBox):
        if not group.isVisible():
            continue
        need = group.minimumSizeHint()
        if group.width() < need.width() or group.height() < need.height():
            view.clipped_groups.append(
                f"{group.title()} {group.size().toTuple()} < {need.toTuple()}"
            )
    return view


def _wait_until(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        QTest.qWait(20)


def _station(folder: Path) -> Database:
    db = open_database(f"sqlite:///{folder / 'station.db'}")
    prepare_station(db)
    with db.write() as session:
        add_run(session, "PR-2026-031", READY_SKU, 50_000)
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="DR-", width=6)
    request = MintRequest(sku=READY_SKU, quantity=1_500, serials=spec, run_code="PR-2026-031")
    mint(submit(db, request).batch_id, db=db)
    return db


class Probe:
    def __init__(self, shots: Path | None, suffix: str) -> None:
        self.views: list[View] = []
        self.shots = shots
        self.suffix = suffix

    def take(self, name: str, window: QWidget) -> None:
        view = measure(name, window)
        self.views.append(view)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(self.shots / f"{name}_{self.suffix}.png"))

    def run(self, folder: Path) -> None:
        db = _station(folder)
        home = resolve_home(folder / "home", db.url)
        window = MainWindow(db, home, resume=False)
        window.show()
        QTest.qWaitForWindowExposed(window)
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            self.take(f"main_{row + 1}", window)
        self._wizard(db, window)
        settings = SettingsDialog(db, home, Preferences(), window)
        settings.show()
        for index in range(settings.tabs.count()):
            settings.tabs.setCurrentIndex(index)
            self.take(f"settings_{index + 1}", settings)
        settings.reject()
        printing = PrintDialog(db, 1, parent=window)
        printing.show()
        self.take("print_dialog", printing)
        printing.reject()
        editor = TemplateEditorDialog(db, PRESETS["roll-50x30"], parent=window)
        editor.show()
        self.take("template_editor", editor)
        editor.reject()
        window.close()
        empty = open_database(f"sqlite:///{folder / 'empty.db'}")
        prepare_station(empty)
        first_window = MainWindow(empty, resolve_home(folder / "empty", empty.url), resume=False)
        first_window.show()
        QTest.qWaitForWindowExposed(first_window)
        self.take("main_0_empty_dashboard", first_window)
        first_window.close()
        empty.dispose()
        fresh = open_database(f"sqlite:///{folder / 'fresh.db'}")
        setup = FirstRunDialog(fresh, home)
        setup.show()
        QTest.qWaitForWindowExposed(setup)
        self.take("first_run", setup)
        setup.reject()
        fresh.dispose()
        db.dispose()

    def _wizard(self, db: Database, window: MainWindow) -> None:
        wizard = NewMintWizard(db, window)
        wizard.show()
        QTest.qWaitForWindowExposed(wizard)
        QTest.keyClicks(wizard.select_page.search, READY_SKU)
        self.take("wizard_1_select_sku", wizard)
        wizard.next()
        wizard.run_page.runs.setCurrentRow(1)
        self.take("wizard_2_production_run", wizard)
        wizard.next()
        config = wizard.config_page
        config.serials.set_kind(SerialKind.SEQUENTIAL)
        QTest.keyClicks(config.serials.prefix, "DR-")
        self.take("wizard_3_configuration_serial", wizard)
        config.serials.set_kind(SerialKind.LIST)
        self.take("wizard_3b_configuration_list", wizard)
        config.lot_mode.setChecked(True)
        config.lots.add_lot(parse_lot_fields("L2026-07A", "1000", "", "2028-12-31"))
        self.take("wizard_3c_configuration_lots", wizard)
        config.serial_mode.setChecked(True)
        config.serials.set_kind(SerialKind.SEQUENTIAL)
        wizard.next()
        review = wizard.review_page
        # The summary and the eligibility check run in the background: wait for them.
        _wait_until(lambda: not review.checking and "<table" in review.summary.text())
        self.take("wizard_4_review_submit", wizard)
        wizard.reject()


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    shots = Path(argv[1]) if len(argv) > 1 else None
    suffix = argv[2] if len(argv) > 2 else "shot"
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        use_settings_folder(folder / "config")
        apply_theme(app, "light")
        install_translators(app, os.environ.get(LANGUAGE_ENV, "en"))
        probe = Probe(shots, suffix)
        probe.run(folder)
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    out.write_text(json.dumps([asdict(v) for v in probe.views], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
