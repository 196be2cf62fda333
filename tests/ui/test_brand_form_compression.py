"""The brand form's "compressed URIs in QR codes" checkbox loads and saves the setting."""

from __future__ import annotations

from app.storage.brand import brand_settings
from app.storage.db import Database
from app.ui.dialogs.brand_form import BrandFormWidget


def test_checkbox_loads_and_saves_the_setting(qtbot: object, sqlite_db: Database) -> None:
    form = BrandFormWidget()
    qtbot.addWidget(form)  # type: ignore[attr-defined]
    with sqlite_db.read() as session:
        form.load(brand_settings(session))
    assert not form.qr_compressed_uris.isChecked()
    assert "qr_compressed_uris" not in form.changes()
    form.qr_compressed_uris.setChecked(True)
    assert form.changes()["qr_compressed_uris"] is True
    form.save(sqlite_db)
    with sqlite_db.read() as session:
        saved = brand_settings(session)
    assert saved.qr_compressed_uris is True
    reloaded = BrandFormWidget()
    qtbot.addWidget(reloaded)  # type: ignore[attr-defined]
    reloaded.load(saved)
    assert reloaded.qr_compressed_uris.isChecked()
