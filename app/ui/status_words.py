"""Status and mode words the core gives in English (codes), as the UI shows them.

``app.exports``, ``app.core`` and ``app.storage`` do not import Qt: they hand the UI plain
codes ("cancelled", "minted", "at-mint"). The UI translates them here, at its edge, when it
shows them. English shows the code itself; an unknown code is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def _names(*pairs: tuple[str, object]) -> dict[str, str]:
    return {code: str(source) for code, source in pairs}


# Export jobs and packs (app.exports.kinds.status_label: QR bundles say queued/ready).
EXPORT_STATUS = _names(
    ("pending", QT_TRANSLATE_NOOP("ExportStatus", "pending")),
    ("queued", QT_TRANSLATE_NOOP("ExportStatus", "queued")),
    ("generating", QT_TRANSLATE_NOOP("ExportStatus", "generating")),
    ("completed", QT_TRANSLATE_NOOP("ExportStatus", "completed")),
    ("ready", QT_TRANSLATE_NOOP("ExportStatus", "ready")),
    ("failed", QT_TRANSLATE_NOOP("ExportStatus", "failed")),
    ("cancelled", QT_TRANSLATE_NOOP("ExportStatus", "cancelled")),
)
BATCH_STATUS = _names(
    ("queued", QT_TRANSLATE_NOOP("BatchStatus", "queued")),
    ("processing", QT_TRANSLATE_NOOP("BatchStatus", "processing")),
    ("minted", QT_TRANSLATE_NOOP("BatchStatus", "minted")),
    ("failed", QT_TRANSLATE_NOOP("BatchStatus", "failed")),
)
TOKEN_STATUS = _names(
    ("minted", QT_TRANSLATE_NOOP("TokenStatus", "minted")),
    ("active", QT_TRANSLATE_NOOP("TokenStatus", "active")),
    ("revoked", QT_TRANSLATE_NOOP("TokenStatus", "revoked")),
)
# A batch's identity mode, activation mode and serial source.
MINT_MODE = _names(
    ("serial", QT_TRANSLATE_NOOP("MintMode", "serial")),
    ("lot", QT_TRANSLATE_NOOP("MintMode", "lot")),
    ("at-mint", QT_TRANSLATE_NOOP("MintMode", "at-mint")),
    ("first-scan", QT_TRANSLATE_NOOP("MintMode", "first-scan")),
    ("sequential", QT_TRANSLATE_NOOP("MintMode", "sequential")),
    ("random", QT_TRANSLATE_NOOP("MintMode", "random")),
    ("numeric", QT_TRANSLATE_NOOP("MintMode", "numeric")),
    ("list", QT_TRANSLATE_NOOP("MintMode", "list")),
)

# One encode attempt of a tag (app.storage.encoding_models.RESULTS).
ENCODING_RESULT = _names(
    ("ok", QT_TRANSLATE_NOOP("EncodingResult", "ok")),
    ("failed", QT_TRANSLATE_NOOP("EncodingResult", "failed")),
    ("void", QT_TRANSLATE_NOOP("EncodingResult", "void")),
)

# A product's commercial status (app.core.catalogue.COMMERCIAL_STATUSES).
COMMERCIAL_STATUS = _names(
    ("active", QT_TRANSLATE_NOOP("CommercialStatus", "active")),
    ("pre-launch", QT_TRANSLATE_NOOP("CommercialStatus", "pre-launch")),
    ("discontinued", QT_TRANSLATE_NOOP("CommercialStatus", "discontinued")),
    ("withdrawn", QT_TRANSLATE_NOOP("CommercialStatus", "withdrawn")),
)
# The passport fields' labels (app.core.catalogue.DPP_FIELDS gives the same English labels).
PASSPORT_FIELD = _names(
    ("manufacturer", QT_TRANSLATE_NOOP("PassportField", "manufacturer")),
    ("country_of_origin", QT_TRANSLATE_NOOP("PassportField", "country of origin")),
    ("material_composition", QT_TRANSLATE_NOOP("PassportField", "material composition")),
    ("recyclability", QT_TRANSLATE_NOOP("PassportField", "recyclability")),
    ("category", QT_TRANSLATE_NOOP("PassportField", "category")),
    ("description", QT_TRANSLATE_NOOP("PassportField", "description")),
    ("recycled_content_pct", QT_TRANSLATE_NOOP("PassportField", "recycled content (%)")),
    ("carbon_footprint_kg", QT_TRANSLATE_NOOP("PassportField", "carbon footprint (kg CO2e)")),
    ("care_instructions", QT_TRANSLATE_NOOP("PassportField", "care instructions")),
    ("repair_info", QT_TRANSLATE_NOOP("PassportField", "repair information")),
)


def _word(context: str, names: dict[str, str], code: str) -> str:
    source = names.get(code)
    return QCoreApplication.translate(context, source) if source is not None else code


def export_status(code: str) -> str:
    """An export job's or pack's status word ("cancelled" → "abgebrochen" in German)."""
    return _word("ExportStatus", EXPORT_STATUS, code)


def batch_status(code: str) -> str:
    return _word("BatchStatus", BATCH_STATUS, code)


def token_status(code: str) -> str:
    return _word("TokenStatus", TOKEN_STATUS, code)


def mint_mode(code: str) -> str:
    """An identity mode, activation mode or serial source."""
    return _word("MintMode", MINT_MODE, code)


def encoding_result(code: str) -> str:
    """The result of one encode attempt (ok, failed, void: a tag written over as invalid)."""
    return _word("EncodingResult", ENCODING_RESULT, code)


def commercial_status(code: str) -> str:
    return _word("CommercialStatus", COMMERCIAL_STATUS, code)


def passport_field(key: str) -> str:
    """A passport field's label (its key when the field is not one of the catalogue's)."""
    return _word("PassportField", PASSPORT_FIELD, key)
