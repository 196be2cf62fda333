"""Screenshots of every wizard page, the setup and settings dialogs and the main tabs.

Written to ``screenshots/`` at the repository root (git-ignored) for reviewers to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.runs import add_run
from app.minting.submit import submit
from app.storage.db import Database, open_database
from app.storage.home import StationHome
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.i18n import install_translators, remove_translators
from app.ui.main_window import MainWindow
from app.ui.preferences import Preferences, use_settings_folder
from app.ui.wizard import NewMintWizard
from app.ui.wizard.lots_widget import parse_lot_fields
from tests.minting.conftest import READY_SKU, prepare_station
from tests.ui.test_first_run import LOGO_SVG

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def save(widget: QWidget, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower().replace("&", "")).strip("_")


@pytest.fixture
def station(sqlite_db: Database, tmp_path: Path) -> Iterator[Database]:
    use_settings_folder(tmp_path / "config")
    prepare_station(sqlite_db)
    with sqlite_db.write() as session:
        add_run(session, "PR-2026-031", READY_SKU, 50_000)
        add_run(session, "PR-2026-032", READY_SKU, None)
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="DR-", width=6)
    request = MintRequest(sku=READY_SKU, quantity=1_500, serials=spec, run_code="PR-2026-031")
    mint(submit(sqlite_db, request).batch_id, db=sqlite_db)
    yield sqlite_db
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_screenshots(qtbot: QtBot, station: Database, home: StationHome, tmp_path: Path) -> None:
    written: list[Path] = []
    window = MainWindow(station, home)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.products_page.table.selectRow(0)
    window.tokens_page.table.selectRow(2)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        written.append(save(window, f"main_{row + 1}_{slug(window.nav.item(row).text())}"))

    wizard = NewMintWizard(station, window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.select_page.search, "ACM-")
    wizard.select_page.products.setCurrentRow(0)
    written.append(save(wizard, "wizard_1_select_sku"))
    wizard.select_page.products.setCurrentRow(wizard.select_page.products.count() - 1)
    written.append(save(wizard, "wizard_1b_select_sku_not_ready"))
    wizard.select_page.search.clear()
    qtbot.keyClicks(wizard.select_page.search, READY_SKU)
    wizard.next()
    wizard.run_page.runs.setCurrentRow(1)
    written.append(save(wizard, "wizard_2_production_run"))
    wizard.next()
    config = wizard.config_page
    config.serials.set_kind(SerialKind.SEQUENTIAL)
    qtbot.keyClicks(config.serials.prefix, "DR-")
    config.quantity.setValue(25_000)
    written.append(save(wizard, "wizard_3_configuration_serial"))
    bad = tmp_path / "serials.csv"
    bad.write_text("serial\nA1\nA1\nbad serial\n" + "X" * 21 + "\n", encoding="utf-8")
    config.serials.set_kind(SerialKind.LIST)
    config.serials.load_file(bad)
    written.append(save(wizard, "wizard_3b_configuration_serial_file_errors"))
    config.lot_mode.setChecked(True)
    for code, quantity, expiry in (("L2026-07A", "1000", "2028-12-31"), ("L2026-07B", "2000", "")):
        config.lots.add_lot(parse_lot_fields(code, quantity, "", expiry))
    config.lots.code.setText("bad lot")
    written.append(save(wizard, "wizard_3c_configuration_lots"))
    config.lots.code.clear()
    config.serial_mode.setChecked(True)
    config.serials.set_kind(SerialKind.SEQUENTIAL)
    wizard.next()
    written.append(save(wizard, "wizard_4_review_submit"))
    wizard.reject()

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "de")
    try:
        german = NewMintWizard(station, window)
        qtbot.addWidget(german)
        german.show()
        qtbot.keyClicks(german.select_page.search, "Drill")
        written.append(save(german, "wizard_de_1_select_sku"))
        german.reject()
    finally:
        remove_translators(app, translators)

    fresh = tmp_path / "fresh.db"
    new_station = open_database(f"sqlite:///{fresh}")
    try:
        setup = FirstRunDialog(new_station, home)
        qtbot.addWidget(setup)
        setup.show()
        qtbot.keyClicks(setup.brand.name, "Acme Tools")
        qtbot.keyClicks(setup.brand.domain, "id.acme.example")
        qtbot.keyClicks(setup.brand.company_prefix, "9506000")
        logo = tmp_path / "logo.svg"
        logo.write_bytes(LOGO_SVG)
        setup.brand.load_logo(logo)
        written.append(save(setup, "first_run_setup"))
        setup.reject()
    finally:
        new_station.dispose()

    settings = SettingsDialog(station, home, Preferences())
    qtbot.addWidget(settings)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        written.append(save(settings, f"settings_{index + 1}_{slug(settings.tabs.tabText(index))}"))
    settings.reject()
    assert all(path.stat().st_size > 10_000 for path in written)
    assert len(written) >= 15
