"""The New Mint wizard, driven with the keyboard and mouse as an operator would."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.runs import add_run
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.queries import BatchView, list_batches
from app.ui.main_window import MainWindow
from app.ui.wizard import NewMintWizard
from app.ui.wizard.lots_widget import parse_lot_fields
from app.ui.wizard.product_search import search_term
from app.ui.wizard.touch import TOUCH_PX
from app.ui.wizard.wizard import PAGE_CONFIG, PAGE_REVIEW, PAGE_RUN, PAGE_SKU
from tests.minting.conftest import NOT_READY_SKU, READY_GTIN, READY_SKU

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def open_wizard(window: MainWindow) -> NewMintWizard:
    """File ▸ New Mint… (Ctrl+N)."""
    action = window.findChild(QAction, "action_new_mint")
    assert action is not None
    assert action.shortcut().toString() == "Ctrl+N"
    action.trigger()
    wizard = window.findChild(NewMintWizard)
    assert wizard is not None
    assert wizard.isVisible()
    return wizard


def press_enter(qtbot: QtBot, wizard: NewMintWizard) -> None:
    """Enter in the focused field presses the wizard's default button (Next or Submit)."""
    target = wizard.focusWidget() or wizard
    qtbot.keyClick(target, Qt.Key.Key_Return)


def choose_product(qtbot: QtBot, wizard: NewMintWizard, typed: str) -> None:
    page = wizard.select_page
    page.search.setFocus()
    qtbot.keyClicks(page.search, typed)
    assert page.isComplete(), page.detail.text()
    press_enter(qtbot, wizard)
    assert wizard.currentId() == PAGE_RUN
    press_enter(qtbot, wizard)  # no production run
    assert wizard.currentId() == PAGE_CONFIG


def set_quantity(qtbot: QtBot, spin: QSpinBox, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


def batches(db: Database) -> list[BatchView]:
    with db.read() as session:
        return list_batches(session)


def wait_for_review(qtbot: QtBot, wizard: NewMintWizard) -> None:
    """The summary and the eligibility check run in the background: wait for both."""
    review = wizard.review_page
    assert review.checking or review.eligible  # started when the page opened
    qtbot.waitUntil(lambda: not review.checking, timeout=10_000)
    qtbot.waitUntil(lambda: "<table" in review.summary.text(), timeout=10_000)


def submit_and_wait(qtbot: QtBot, window: MainWindow, wizard: NewMintWizard) -> int:
    """Press Submit; the window starts the background mint. Returns the new batch id."""
    with qtbot.waitSignal(wizard.batch_submitted, timeout=5_000) as submitted:
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    batch_id = submitted.args[0]
    assert isinstance(batch_id, int)
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    return batch_id


def test_search_term_understands_scans() -> None:
    assert search_term(f"]C101{READY_GTIN}21ABC") == READY_GTIN
    assert search_term(f"https://id.acme.example/01/{READY_GTIN}/21/X") == READY_GTIN
    assert search_term("9506000001012") == READY_GTIN
    assert search_term(" Drill ") == "Drill"
    assert search_term("950600000102") == "950600000102"  # bad check digit: plain text


def test_products_page_finds_a_scanned_barcode(qtbot: QtBot, window: MainWindow) -> None:
    page = window.products_page
    qtbot.keyClicks(page.search, f"]C101{READY_GTIN}21SER-1")
    assert page.model.rowCount() == 1
    assert page.model.views[0].record.sku == READY_SKU
    page.table.selectRow(0)
    assert "✔ Ready to mint" in page.details.toPlainText()
    assert "material composition" in page.details.toPlainText()


def test_not_ready_product_cannot_be_chosen_and_says_why(qtbot: QtBot, window: MainWindow) -> None:
    wizard = open_wizard(window)
    page = wizard.select_page
    qtbot.keyClicks(page.search, NOT_READY_SKU)
    assert page.products.count() == 1
    item = page.products.item(0)
    assert item.text().startswith("✖ Not ready")
    assert "commercial status is 'discontinued'" in item.text()
    assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
    rect = page.products.visualItemRect(item)
    qtbot.mouseClick(page.products.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not page.products.selectedItems()
    assert not page.isComplete()
    assert not wizard.button(NEXT).isEnabled()
    assert "cannot be chosen" in page.detail.text()
    assert "discontinued" in page.detail.text()
    press_enter(qtbot, wizard)
    assert wizard.currentId() == PAGE_SKU
    page.search.clear()
    ready_badges = [page.products.item(i).text() for i in range(page.products.count())]
    assert any(text.startswith("✔ Ready to mint") for text in ready_badges)
    wizard.reject()


def test_lot_batch_with_three_lots(qtbot: QtBot, window: MainWindow, sqlite_db: Database) -> None:
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, f"]C101{READY_GTIN}")  # a scanned GS1 barcode
    config = wizard.config_page
    qtbot.mouseClick(config.lot_mode, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(config.first_scan, Qt.MouseButton.LeftButton)
    lots = config.lots
    assert config.lot_box.isVisible()
    assert not config.serial_box.isVisible()
    assert not wizard.button(NEXT).isEnabled()
    assert "Add at least one lot" in lots.table_message.text()
    qtbot.keyClicks(lots.code, "bad code")
    assert lots.entry_message.text().startswith("✖")
    assert not lots.add_button.isEnabled()
    lots.code.clear()
    for code, quantity, prints, expiry in (
        ("L1", "1000", "1050", "2027-12-31"),
        ("L2", "2.000", "", ""),
        ("L3", "500", "", "2028-06-30"),
        ("L1", "5", "", ""),
    ):
        for field, text in zip(lots.entries, (code, quantity, prints, expiry), strict=True):
            qtbot.keyClicks(field, text)
        assert lots.entry_message.text().startswith("✔"), lots.entry_message.text()
        qtbot.keyClick(lots.expiry, Qt.Key.Key_Return)  # adds the lot, stays on the page
    assert wizard.currentId() == PAGE_CONFIG
    assert lots.table.rowCount() == 4
    assert "appears twice" in lots.table_message.text()
    assert not wizard.button(NEXT).isEnabled()
    lots.table.setCurrentCell(3, 0)
    qtbot.mouseClick(lots.remove_button, Qt.MouseButton.LeftButton)
    lots.table.item(2, 3).setText("30/06/2028")  # edited in the table: checked at once
    assert "Row 3" in lots.table_message.text()
    assert lots.table.verticalHeaderItem(2).text() == "✖ 3"
    lots.table.item(2, 3).setText("2028-06-30")
    assert lots.table_message.text() == "✔ 3 lot(s), 3,500 units in all."
    assert config.quantity.value() == 3_500
    assert not config.quantity.isEnabled()
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_REVIEW
    wait_for_review(qtbot, wizard)
    review = wizard.review_page.summary.text()
    assert "3,500 units" in review
    assert "Lot: 3 lot(s) — L1 (1,000), L2 (2,000), L3 (500)" in review
    assert f"https://id.acme.example/01/{READY_GTIN}/10/L1" in review
    assert "Not for RFID" in review
    assert "first scanned" in review
    assert wizard.review_page.eligibility.text().startswith("✔ Eligible")
    batch_id = submit_and_wait(qtbot, window, wizard)
    [batch] = batches(sqlite_db)
    assert batch.id == batch_id
    assert (batch.identity_mode, batch.activation_mode) == ("lot", "first-scan")
    assert (batch.status, batch.minted_count) == ("minted", 3_500)
    assert [(lot.code, lot.quantity, lot.print_quantity) for lot in batch.lots] == [
        ("L1", 1_000, 1_050),
        ("L2", 2_000, 2_000),
        ("L3", 500, 500),
    ]
    assert str(batch.lots[0].expiry) == "2027-12-31"


def test_bring_your_own_file_with_bad_rows_shows_each_and_mints_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, tmp_path: Path
) -> None:
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, READY_SKU)
    serials = wizard.config_page.serials
    serials.set_kind(SerialKind.LIST)
    assert serials.file_box.isVisible()
    assert "Choose a serial file" in wizard.config_page.problem_label.text()
    bad = tmp_path / "serials.csv"
    bad.write_text("serial\nA1\nA1\nbad serial\n" + "X" * 21 + "\nA5\n", encoding="utf-8")
    assert not serials.load_file(bad)
    table = serials.errors
    assert table.isVisible()
    rows = [
        tuple(table.item(row, col).text() for col in range(3)) for row in range(table.rowCount())
    ]
    assert [(line, field) for line, field, _ in rows] == [
        ("3", "serial"),
        ("4", "serial"),
        ("5", "serial"),
    ]
    assert "duplicate of line 2" in rows[0][2]
    assert "3 row(s) refused" in serials.file_label.text()
    assert not wizard.button(NEXT).isEnabled()
    press_enter(qtbot, wizard)
    assert wizard.currentId() == PAGE_CONFIG
    wizard.reject()
    assert batches(sqlite_db) == []


def test_serials_already_minted_are_listed_at_review_and_block_submit(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, tmp_path: Path
) -> None:
    used = MintRequest(
        sku=READY_SKU, quantity=2, serials=SerialSpec(SerialKind.LIST, serials=("S-1", "S-2"))
    )
    mint(submit(sqlite_db, used).batch_id, db=sqlite_db)
    wizard = open_wizard(window)
    choose_product(qtbot, wizard, READY_SKU)
    serials = wizard.config_page.serials
    serials.set_kind(SerialKind.LIST)
    good = tmp_path / "serials.txt"
    good.write_text("S-9\nS-2\n123\n", encoding="utf-8")
    assert serials.load_file(good)
    assert wizard.config_page.quantity.value() == 3
    press_enter(qtbot, wizard)
    review = wizard.review_page
    assert wizard.currentId() == PAGE_REVIEW
    wait_for_review(qtbot, wizard)
    assert review.eligibility.text().startswith("✖ Not eligible")
    assert review.row_errors.rowCount() == 1
    assert review.row_errors.item(0, 0).text() == "2"
    assert "already minted" in review.row_errors.item(0, 2).text()
    assert not wizard.button(FINISH).isEnabled()
    assert "1 serials fit SGTIN-96; 2 need SGTIN-198" in review.summary.text()
    wizard.reject()
    assert len(batches(sqlite_db)) == 1


def test_double_submit_mints_once(qtbot: QtBot, window: MainWindow, sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        add_run(session, "RUN-7", READY_SKU, 100)
    wizard = open_wizard(window)
    page = wizard.select_page
    qtbot.keyClicks(page.search, READY_SKU)
    press_enter(qtbot, wizard)
    runs = wizard.run_page.runs
    assert runs.count() == 2
    assert runs.item(1).text() == "RUN-7 — 100 of 100 units left"
    qtbot.keyClick(runs, Qt.Key.Key_Down)
    assert "At most 100 units" in wizard.run_page.hint.text()
    press_enter(qtbot, wizard)
    config = wizard.config_page
    set_quantity(qtbot, config.quantity, 101)
    assert "more than the 100 left" in config.problem_label.text()
    set_quantity(qtbot, config.quantity, 60)
    config.serials.set_kind(SerialKind.NUMERIC)
    press_enter(qtbot, wizard)
    wait_for_review(qtbot, wizard)
    assert "All serials fit SGTIN-96" in wizard.review_page.summary.text()
    finish = wizard.button(FINISH)
    emitted: list[int] = []
    wizard.batch_submitted.connect(emitted.append)
    review = wizard.review_page
    qtbot.mouseDClick(finish, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert not finish.isEnabled()
    assert not review.validatePage()  # submitting in the background: a second click waits
    request = review.request()
    qtbot.waitUntil(lambda: review.result is not None, timeout=10_000)
    assert review.validatePage()  # a late second submit changes nothing
    assert len(emitted) == 1
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard))  # accepted once the batch was queued
    assert not submit(sqlite_db, request).created  # even a re-enabled button mints once
    assert len(emitted) == 1
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)
    [batch] = batches(sqlite_db)
    assert (batch.quantity, batch.run_code, batch.status) == (60, "RUN-7", "minted")


def small_targets(widget: QWidget) -> list[tuple[str, str, int]]:
    """Visible buttons and inputs under 44 px high (a spin box's inner editor aside)."""
    return [
        (type(w).__name__, w.objectName() or getattr(w, "text", str)(), w.height())
        for kind in (QAbstractButton, QLineEdit, QComboBox, QSpinBox)
        for w in widget.findChildren(kind)
        if w.isVisible() and w.height() < TOUCH_PX and not w.objectName().startswith("qt_")
    ]


def test_operator_screens_have_touch_sized_targets(qtbot: QtBot, window: MainWindow) -> None:
    wizard = open_wizard(window)
    qtbot.keyClicks(wizard.select_page.search, "ACM-")
    products = wizard.select_page.products
    assert all(
        products.visualItemRect(products.item(row)).height() >= TOUCH_PX
        for row in range(products.count())
    )
    assert not small_targets(wizard)
    wizard.select_page.search.clear()
    choose_product(qtbot, wizard, READY_SKU)
    assert not small_targets(wizard)
    wizard.config_page.lot_mode.setChecked(True)
    assert not small_targets(wizard)
    wizard.config_page.lots.add_lot(parse_lot_fields("L1", "10", "", ""))
    assert wizard.config_page.lots.table.rowHeight(0) >= TOUCH_PX
    wizard.next()
    assert wizard.currentId() == PAGE_REVIEW
    wait_for_review(qtbot, wizard)
    assert not small_targets(wizard)
    wizard.reject()
