"""A newcomer's first minutes: setup, sample catalogue, wizard, a batch minted in the background."""

from __future__ import annotations

import io
from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.storage.brand import brand_settings
from app.storage.catalogue_queries import needs_first_run
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.dialogs.logo_preview import LogoQrPreviewWidget
from app.ui.main_window import MainWindow
from app.ui.wizard.serial_source_widget import SerialKind
from app.ui.wizard.touch import TOUCH_PX
from app.ui.wizard.wizard import PAGE_REVIEW
from tests.minting.conftest import READY_GTIN
from tests.ui.test_wizard import (
    choose_product,
    open_wizard,
    press_enter,
    set_quantity,
    wait_for_review,
)

LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    b'<circle cx="50" cy="50" r="45" fill="#1b7f3b"/>'
    b'<text x="50" y="64" font-size="40" text-anchor="middle" fill="white">A</text></svg>'
)


def decode(widget: QWidget) -> list[str]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data())))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def fill_setup(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.keyClicks(dialog.brand.name, "Acme Tools")
    qtbot.keyClicks(dialog.brand.domain, "id.acme.example")
    qtbot.keyClicks(dialog.brand.company_prefix, "9506000")


def test_newcomer_path_from_setup_to_tokens(
    qtbot: QtBot, sqlite_db: Database, home: StationHome, tmp_path: Path
) -> None:
    assert needs_first_run(sqlite_db)
    dialog = FirstRunDialog(sqlite_db, home)
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(home.root) in dialog.where.text()
    assert not dialog.start_button.isEnabled()
    assert "Enter the brand name" in dialog.brand.message.text()
    fill_setup(qtbot, dialog)
    assert dialog.brand.prefix_length.text().startswith("Prefix length: 7 digits")
    logo = tmp_path / "logo.svg"
    logo.write_bytes(LOGO_SVG)
    assert dialog.brand.load_logo(logo)
    qtbot.mouseClick(dialog.brand.logo_in_bundles, Qt.MouseButton.LeftButton)
    assert dialog.load_sample.isChecked()
    assert dialog.publish_template.isChecked()
    assert dialog.start_button.isEnabled()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
    assert not needs_first_run(sqlite_db)
    with sqlite_db.read() as session:
        brand = brand_settings(session)
    assert (brand.name, brand.resolver_domain, brand.company_prefix_length) == (
        "Acme Tools",
        "id.acme.example",
        7,
    )
    assert brand.logo == LOGO_SVG
    assert brand.logo_in_bundles

    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    assert window.products_page.model.rowCount() == 20
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, "Cordless Drill 18V")
    config = wizard.config_page
    assert config.serial_mode.isChecked()
    assert config.active_at_mint.isChecked()
    config.serials.kind.setFocus()
    config.serials.kind.setCurrentIndex(config.serials.kind.findData(SerialKind.SEQUENTIAL.value))
    qtbot.keyClicks(config.serials.prefix, "AT-")
    set_quantity(qtbot, config.quantity, 25_000)
    press_enter(qtbot, wizard)
    assert wizard.currentId() == PAGE_REVIEW
    wait_for_review(qtbot, wizard)
    summary = wizard.review_page.summary.text()
    assert "25,000 units" in summary
    assert f"https://id.acme.example/01/{READY_GTIN}/21/AT-00000001" in summary
    assert "AT-00000001, AT-00000002, AT-00000003 … AT-00025000" in summary
    assert "need SGTIN-198" in summary
    assert wizard.review_page.eligibility.text().startswith("✔ Eligible")
    # Enter submits: the focus is on Submit, not on Back (where Qt left it during the check).
    assert wizard.focusWidget() is wizard.button(wizard.WizardButton.FinishButton)
    with qtbot.waitSignal(wizard.batch_submitted, timeout=5_000):
        press_enter(qtbot, wizard)
    assert window.pages.currentWidget() is window.dashboard_page
    assert window.jobs.running("mint:")
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    assert window.dashboard_page.cards["total_tokens_minted"].value.text() == "25,000"
    window.show_page(window.tokens_page)
    tokens = window.tokens_page
    assert tokens.isVisible()
    assert tokens.model.rowCount() == 25_000
    tokens.table.selectRow(0)
    shown = tokens.preview.token
    assert shown is not None
    assert shown.resolver_url.startswith(f"https://id.acme.example/01/{READY_GTIN}/21/AT-")


def test_setup_screen_is_touch_sized_and_checks_as_you_type(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    dialog = FirstRunDialog(sqlite_db, home)
    qtbot.addWidget(dialog)
    dialog.show()
    for button in (dialog.start_button, dialog.brand.choose_logo, dialog.load_sample):
        assert button.height() >= TOUCH_PX
    assert dialog.brand.name.height() >= TOUCH_PX
    qtbot.keyClicks(dialog.brand.domain, "https://id.acme.example")
    assert "leave out the scheme" in dialog.brand.message.text()
    qtbot.keyClicks(dialog.brand.company_prefix, "95x")
    assert "digits only" in dialog.brand.message.text()
    qtbot.mouseClick(dialog.brand.gs1_ready, Qt.MouseButton.LeftButton)
    assert not dialog.brand.company_prefix.isEnabled()
    dialog.reject()
    assert needs_first_run(sqlite_db)


def test_logo_is_previewed_inside_a_qr_that_still_scans(qtbot: QtBot, tmp_path: Path) -> None:
    preview = LogoQrPreviewWidget()
    qtbot.addWidget(preview)
    preview.resize(300, 300)
    url = f"https://id.acme.example/01/{READY_GTIN}/21/SAMPLE1"
    preview.set_text(url)
    assert preview.set_logo(LOGO_SVG, "image/svg+xml")
    assert decode(preview) == [url]
    image = preview.grab().toImage()
    centre = image.pixelColor(150, 150)
    assert centre.green() > centre.red()  # the green logo is drawn over the centre
    png = QImage(64, 32, QImage.Format.Format_RGB32)
    png.fill(QColor("navy"))
    path = tmp_path / "logo.png"
    assert png.save(str(path))
    assert preview.set_logo(path.read_bytes(), "image/png")
    assert decode(preview) == [url]
    assert not preview.set_logo(b"<svg nonsense", "image/svg+xml")
