"""The export kinds, the files each pack holds, their CSV columns, and errors about them."""

from __future__ import annotations

from enum import StrEnum

from app.core.errors import MintStationError, ValidationError
from app.core.states import PackStatus, bundle_label

__all__ = [
    "MANIFEST_COLUMNS",
    "RFID_COLUMNS",
    "UNIT_COLUMNS",
    "BatchNotMintedError",
    "ExportKind",
    "ExportNotPossibleError",
    "parse_kind",
    "status_label",
]


class ExportKind(StrEnum):
    CSV = "csv"
    QR = "qr"
    NFC = "nfc"
    RFID = "rfid"
    QR_BUNDLE = "qr-bundle"
    LABEL_SHEET = "label-sheet"

    @property
    def display_name(self) -> str:
        return _TITLES[self]

    @property
    def file_name(self) -> str:
        """The file in each pack folder (a QR bundle pack is one ZIP instead: see layout)."""
        return _FILES[self]

    @property
    def is_manifest(self) -> bool:
        return self in (ExportKind.CSV, ExportKind.QR, ExportKind.NFC, ExportKind.RFID)

    @property
    def counts_printed_units(self) -> bool:
        """Print outputs of a lot batch have one unit per printed label, not per token."""
        return self in (ExportKind.QR_BUNDLE, ExportKind.LABEL_SHEET)


_TITLES = {
    ExportKind.CSV: "CSV manifest",
    ExportKind.QR: "QR manifest",
    ExportKind.NFC: "NFC encoding manifest",
    ExportKind.RFID: "RFID encoding manifest",
    ExportKind.QR_BUNDLE: "QR bundle (SVG ZIP)",
    ExportKind.LABEL_SHEET: "Label sheet (PDF)",
}
_FILES = {
    ExportKind.CSV: "manifest.csv",
    ExportKind.QR: "qr_manifest.csv",
    ExportKind.NFC: "nfc_manifest.csv",
    ExportKind.RFID: "rfid_manifest.csv",
    ExportKind.QR_BUNDLE: "index.csv",  # inside the pack's ZIP, beside qr/
    ExportKind.LABEL_SHEET: "labels.pdf",
}

MANIFEST_COLUMNS = ("token_id", "resolver_url", "serial", "gtin", "status", "created_at")
"""The CSV manifest: one row per token."""
UNIT_COLUMNS = ("mint_batch_id", "mint_unit_id", "serial", "gtin", "resolver_url", "created_at")
"""The QR and NFC encoding manifests, and the start of the RFID one."""
RFID_COLUMNS = (*UNIT_COLUMNS, "epc_hex", "epc_uri")


def parse_kind(text: str) -> ExportKind:
    try:
        return ExportKind(text.strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in ExportKind)
        raise ValidationError("kind", f"{text!r} is not an export kind ({choices})") from None


def status_label(kind: ExportKind, status: str) -> str:
    """Pack and job statuses as operators see them: QR bundles say queued/generating/ready."""
    if kind == ExportKind.QR_BUNDLE and status in PackStatus.__members__.values():
        return bundle_label(PackStatus(status))
    return status  # and a job's "cancelled", in every kind


class BatchNotMintedError(MintStationError):
    """Only a minted batch can be exported."""


class ExportNotPossibleError(MintStationError):
    """The batch or the brand lacks what this kind of export needs."""
