"""The template editor's live preview and warnings, its files, and the Print dialog; the
screenshots of the editor and the Verify page go to ``screenshots/`` for the README."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.printing.jobs import PrintRequest, print_labels
from app.printing.store import default_template, get_template
from app.printing.templates import PRESETS
from app.storage.db import Database
from app.ui.dialogs.print_dialog import PrintDialog
from app.ui.dialogs.template_editor import TemplateEditorDialog
from app.ui.pages.verify_page import VerifyPage
from app.workers.printing import templates_and_sample
from tests.printing.conftest import mint_serials
from tests.printing.test_verify import _Paper
from tests.ui.test_screenshots import save


def _editor(qtbot: QtBot, db: Database, batch: str | None = None) -> TemplateEditorDialog:
    sample, logo = None, None
    if batch is not None:
        with db.read() as session:
            from app.storage.queries import get_batch

            batch_id = get_batch(session, batch).id
        _templates, sample, logo = templates_and_sample(db, batch_id)
    dialog = TemplateEditorDialog(db, PRESETS["roll-50x30"], sample=sample, logo=logo)
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_measures_the_first_unit_and_warns(
    qtbot: QtBot, sqlite_station: Database
) -> None:
    batch = mint_serials(sqlite_station, 5)
    dialog = _editor(qtbot, sqlite_station, batch)
    assert dialog.report is not None and dialog.report.warnings == []
    assert "QR version 4" in dialog.facts.text()
    assert "5.00 dots at 203 dpi" in dialog.facts.text()
    assert dialog.warnings.property("level") == "normal"
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.qr_size.setValue(19.0)  # 4.6 dots per module
    assert dialog.warnings.property("level") == "attention"
    assert "not a whole number" in dialog.warnings.text()
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.qr_x.setValue(0.5)
    assert "quiet zone" in dialog.warnings.text()
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.qr_x.setValue(40.0)  # off the label
    assert "✖" in dialog.warnings.text() and "does not fit" in dialog.warnings.text()
    assert not dialog.save_button.isEnabled()


def test_save_export_and_import(qtbot: QtBot, sqlite_station: Database, tmp_path: Path) -> None:
    dialog = _editor(qtbot, sqlite_station)
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.name.setText("line 3 labels")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save(default=True)
    with sqlite_station.read() as session:
        assert default_template(session).name == "line 3 labels"
        assert get_template(session, "line 3 labels").qr == PRESETS["roll-50x30"].qr
    path = tmp_path / "t.json"
    dialog.export_to(path)
    assert json.loads(path.read_text())["template"]["name"] == "line 3 labels"
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    assert not dialog.import_from(bad)
    assert "bad.json: not JSON" in dialog.warnings.text()
    dialog.load(PRESETS["a4-3x8"])
    assert dialog.import_from(path)
    assert dialog.name.text() == "line 3 labels" and not dialog.use_sheet.isChecked()


def test_print_dialog_builds_the_request(qtbot: QtBot, sqlite_station: Database) -> None:
    mint_serials(sqlite_station, 5)
    dialog = PrintDialog(sqlite_station, 1, pack=1)
    qtbot.addWidget(dialog)
    assert dialog.template.currentData() == "roll-50x30"  # the default preset
    dialog.printer.setEditText("zpl:socket://127.0.0.1:9100")
    dialog.reprint.setChecked(True)
    assert dialog.request() is None
    assert "reason" in dialog.message.text()
    dialog.reason.setText("smudged")
    assert dialog.request() == PrintRequest(
        1, "zpl:socket://127.0.0.1:9100", "roll-50x30", pack=1, reprint=True, reason="smudged"
    )
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Print"


def test_screenshots(qtbot: QtBot, sqlite_station: Database) -> None:
    batch = mint_serials(sqlite_station, 30)
    dialog = _editor(qtbot, sqlite_station, batch)
    dialog.resize(1280, 720)
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.qr_size.setValue(19.0)
    save(dialog, "printing_template_editor")
    paper = _Paper()
    print_labels(
        sqlite_station, PrintRequest(batch, "paper", count=20), sink_factory=lambda *_a: paper
    )
    page = VerifyPage(sqlite_station)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    with qtbot.waitSignal(page.updated, timeout=30_000):
        page.start()
    try:
        for url in [*paper.urls[:17], paper.urls[4]]:
            with qtbot.waitSignal(page.updated, timeout=30_000):
                page.worker.submit(url)  # type: ignore[union-attr]
        with qtbot.waitSignal(page.updated, timeout=30_000):
            page.worker.request_summary()  # type: ignore[union-attr]
        save(page, "printing_verify_page")
    finally:
        page.stop()
