"""The German UI: table headers, status words and the batch detail are German, not English.

Each test builds its pages with the German translators installed, then removes them and
builds the same pages again in English, so later tests see English as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from app.core.catalogue import COMMERCIAL_STATUSES, DPP_FIELDS
from app.core.states import ActivationMode, BatchStatus, IdentityMode, PackStatus, TokenStatus
from app.exports import jobs
from app.exports.kinds import ExportKind, status_label
from app.exports.service import generate_export
from app.minting.engine import mint
from app.minting.request import LotSpec, MintRequest, SerialKind
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.encoding_models import RESULTS
from app.storage.models import ExportJob
from app.ui.i18n import install_translators, remove_translators
from app.ui.pages.batches_page import BatchesPage
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.tokens_page import TokensPage
from app.ui.status_words import (
    BATCH_STATUS,
    COMMERCIAL_STATUS,
    ENCODING_RESULT,
    EXPORT_STATUS,
    MINT_MODE,
    PASSPORT_FIELD,
    TOKEN_STATUS,
    batch_status,
    commercial_status,
    encoding_result,
    export_status,
    mint_mode,
    passport_field,
    token_status,
)
from app.ui.widgets.token_preview import FIELDS, TokenPreview
from tests.minting.conftest import READY_SKU, prepare_station


@contextmanager
def german() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "de")
    assert translators, "the German catalogue did not load"
    try:
        yield
    finally:
        remove_translators(app, translators)


def headers(model: QAbstractItemModel) -> list[str]:
    return [
        model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for col in range(model.columnCount())
    ]


def table_headers(table: QTableWidget) -> list[str]:
    return [table.horizontalHeaderItem(col).text() for col in range(table.columnCount())]


def batch_with_exports(db: Database, out: Path) -> int:
    """A minted batch with a completed CSV export and a cancelled QR manifest."""
    prepare_station(db)
    batch_id = submit(db, MintRequest(sku=READY_SKU, quantity=20)).batch_id
    mint(batch_id, db=db)
    done = generate_export(db, batch_id, "csv", out_dir=out, pack_size=10)
    assert done.job.status == "completed"
    units: list[int] = []
    stopped = generate_export(
        db,
        batch_id,
        "qr",
        out_dir=out,
        pack_size=10,
        progress=lambda finished, _total: units.append(finished),
        cancelled=lambda: bool(units),
    )
    with db.write() as session:
        jobs.cancel_job(session, stopped.job.id, stopped.job.requested_at, reason="test")
    with db.read() as session:
        statuses = {j.kind: j.status for j in session.query(ExportJob).all()}
    assert statuses == {"csv": "completed", "qr": "cancelled"}
    return batch_id


def test_tokens_table_headers_statuses_and_lots_read_in_german(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    lots = MintRequest(
        sku=READY_SKU, quantity=3, identity_mode=IdentityMode.LOT, lots=(LotSpec("L7", 3, 3),)
    )
    mint(submit(sqlite_db, lots).batch_id, db=sqlite_db)
    with german():
        page = TokensPage(sqlite_db)
        qtbot.addWidget(page)
        assert headers(page.model) == [
            "Token-ID",
            "Seriennummer / Charge",
            "GTIN",
            "Status",
            "Auftrag",
            "Erstellt",
        ]
        assert page.model.data(page.model.index(0, 1)) == "Charge L7"
        assert page.model.data(page.model.index(0, 3)) == "aktiv"
        filters = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
        assert filters == ["jeder Status", "geprägt", "aktiv", "widerrufen"]
        assert page.status_filter.itemData(3) == "revoked"  # the filter still uses the code
    page = TokensPage(sqlite_db)
    qtbot.addWidget(page)
    assert headers(page.model) == ["Token ID", "Serial / lot", "GTIN", "Status", "Batch", "Created"]
    assert page.model.data(page.model.index(0, 1)) == "lot L7"
    assert page.model.data(page.model.index(0, 3)) == "active"
    filters = [page.status_filter.itemText(i) for i in range(page.status_filter.count())]
    assert filters == ["any status", "minted", "active", "revoked"]


def test_batches_headers_and_export_statuses_read_in_german(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    batch_id = batch_with_exports(sqlite_db, tmp_path / "out")
    with german():
        page = BatchesPage(sqlite_db)
        qtbot.addWidget(page)
        page.select_batch(batch_id)
        assert table_headers(page.table) == [
            "Auftrag",
            "Produkt",
            "Status",
            "Geprägt",
            "Kennzeichnung",
            "Aktivierung",
            "Erstellt",
        ]
        assert headers(page.token_model)[1] == "Seriennummer / Charge"
        assert page.table.item(0, 2).text() == "geprägt"
        assert page.table.item(0, 5).text() == "ab Prägung"
        detail = page.detail.text()
        assert "csv: abgeschlossen, 2 Paket(e)" in detail
        assert "qr: abgebrochen, 2 Paket(e)" in detail
        assert "<b>Exporte</b>" in detail and "<h3>Auftrag " in detail
        assert "Status <b>geprägt</b> · 20 von 20 geprägt · Kennzeichnung seriell" in detail
        for english in ("completed", "cancelled", "pack(s)", "minted", "identity", "Exports"):
            assert english not in detail, english
        menu = page.export_button.menu()
        assert menu is not None
        assert menu.actions()[0].text() == "CSV-Manifest"
    page = BatchesPage(sqlite_db)
    qtbot.addWidget(page)
    page.select_batch(batch_id)
    assert table_headers(page.table) == [
        "Batch",
        "Product",
        "Status",
        "Minted",
        "Identity",
        "Activation",
        "Created",
    ]
    assert page.table.item(0, 2).text() == "minted"
    detail = page.detail.text()
    assert "csv: completed, 2 pack(s)" in detail
    assert "qr: cancelled, 2 pack(s)" in detail
    assert "Status <b>minted</b> · 20 of 20 minted · serial identity" in detail


def test_every_status_word_has_german() -> None:
    """Each code the core can hand the UI is in the tables, and German differs from it."""
    bundle_words = {status_label(ExportKind.QR_BUNDLE, s) for s in PackStatus}
    assert {*PackStatus, jobs.CANCELLED, *bundle_words} == set(EXPORT_STATUS)
    assert set(BatchStatus) == set(BATCH_STATUS)
    assert set(TokenStatus) == set(TOKEN_STATUS)
    assert {*IdentityMode, *ActivationMode, *SerialKind} == set(MINT_MODE)
    assert set(RESULTS) == set(ENCODING_RESULT)
    assert set(COMMERCIAL_STATUSES) == set(COMMERCIAL_STATUS)
    assert PASSPORT_FIELD == DPP_FIELDS  # the same English labels as the catalogue's
    words = [
        *((encoding_result, code) for code in ENCODING_RESULT if code != "ok"),  # "ok" in German
        *((export_status, code) for code in EXPORT_STATUS),
        *((batch_status, code) for code in BATCH_STATUS),
        *((token_status, code) for code in TOKEN_STATUS),
        *((mint_mode, code) for code in MINT_MODE),
        *((commercial_status, code) for code in COMMERCIAL_STATUS),
    ]
    with german():
        untranslated = [code for word, code in words if word(code) == code]
        assert export_status("generating") == "wird erzeugt"
        assert export_status("no-such-status") == "no-such-status"
        fields = {key: passport_field(key) for key in PASSPORT_FIELD}
    assert not untranslated
    assert all(word(code) == code for word, code in words)  # English shows the code
    assert all(fields[key] != label for key, label in DPP_FIELDS.items())
    assert passport_field("material_composition") == "material composition"


def test_token_preview_reads_in_german(qtbot: QtBot, sqlite_db: Database) -> None:
    prepare_station(sqlite_db)
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=3)).batch_id, db=sqlite_db)

    def labels(preview: TokenPreview) -> list[str]:
        shown = (preview.form.labelForField(preview.fields[key]) for key, _ in FIELDS)
        return [label.text() for label in shown if isinstance(label, QLabel)]

    with german():
        page = TokensPage(sqlite_db)
        qtbot.addWidget(page)
        preview = page.preview
        assert labels(preview) == [
            "Token-ID",
            "Resolver-URL",
            "GTIN (01)",
            "Charge (10)",
            "Seriennummer (21)",
            "Status",
            "Aktivierung",
            "Erstellt",
            "Widerrufen",
        ]
        assert preview.empty_hint.text().startswith("Wählen Sie einen Token in der Liste")
        page.table.selectRow(0)
        assert preview.token is not None
        assert preview.fields["status"].text() == "aktiv"
        assert preview.fields["activation"].text() == "ab Prägung"
    english = TokenPreview(sqlite_db)
    qtbot.addWidget(english)
    assert labels(english)[3:5] == ["Lot (10)", "Serial (21)"]
    assert english.empty_hint.text().startswith("Select a token in the list")


def test_batch_is_auftrag_not_charge_in_german(qtbot: QtBot, sqlite_db: Database) -> None:
    """A batch is an "Auftrag" in German; a "Charge" is a lot (the dashboard counts batches)."""
    with german():
        page = DashboardPage(sqlite_db)
        qtbot.addWidget(page)
        assert page.cards["batches_created"].title.text() == "Angelegte Aufträge"
        for context, source in (
            ("StationsPage", "whole batch"),
            ("StationsPage", "&Batch"),
            ("StationsPage", "Choose a minted batch first"),
            ("BatchesPage", "Select a token of the batch first."),
        ):
            german_text = QCoreApplication.translate(context, source)
            assert german_text != source and "Charge" not in german_text, source
