"""The product catalogue's rules: the DPP fields, CSV rows and "Ready to mint".

A product is ready to mint when (the seeds' three prerequisites) its required DPP fields are
filled, its commercial status is active, and the brand has a published passport template.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from app.core.errors import ValidationError
from app.core.gtin import normalize_gtin
from app.core.serials import RowError

COMMERCIAL_STATUSES = ("active", "pre-launch", "discontinued", "withdrawn")
ACTIVE_STATUS = "active"

# DPP field -> label shown to people. The first group must be filled before minting.
REQUIRED_DPP_FIELDS: dict[str, str] = {
    "manufacturer": "manufacturer",
    "country_of_origin": "country of origin",
    "material_composition": "material composition",
    "recyclability": "recyclability",
}
OPTIONAL_DPP_FIELDS: dict[str, str] = {
    "category": "category",
    "description": "description",
    "recycled_content_pct": "recycled content (%)",
    "carbon_footprint_kg": "carbon footprint (kg CO2e)",
    "care_instructions": "care instructions",
    "repair_info": "repair information",
}
DPP_FIELDS = {**REQUIRED_DPP_FIELDS, **OPTIONAL_DPP_FIELDS}
CSV_COLUMNS = ("sku", "name", "gtin", "commercial_status", *DPP_FIELDS)
REQUIRED_COLUMNS = ("sku", "name", "commercial_status")
MAX_SKU = 64
MAX_NAME = 200


@dataclass(frozen=True)
class ProductRecord:
    sku: str
    name: str
    gtin: str | None
    commercial_status: str
    dpp: dict[str, str] = field(default_factory=dict)


def readiness(record: ProductRecord, *, template_published: bool, gs1_ready: bool) -> list[str]:
    """Why the product cannot be minted yet; an empty list means "Ready to mint"."""
    reasons: list[str] = []
    missing = [label for key, label in REQUIRED_DPP_FIELDS.items() if not record.dpp.get(key)]
    if gs1_ready and not record.gtin:
        missing.insert(0, "GTIN")
    if missing:
        reasons.append("required DPP fields missing: " + ", ".join(missing))
    if record.commercial_status != ACTIVE_STATUS:
        reasons.append(f"commercial status is {record.commercial_status!r}, not 'active'")
    if not template_published:
        reasons.append("the brand has no published passport template")
    return reasons


def _check_row(row: dict[str, str]) -> ProductRecord:
    sku = row.get("sku", "").strip()
    if not sku:
        raise ValidationError("sku", "is empty")
    if len(sku) > MAX_SKU:
        raise ValidationError("sku", f"is {len(sku)} characters, at most {MAX_SKU} allowed")
    name = row.get("name", "").strip()
    if not name:
        raise ValidationError("name", "is empty")
    if len(name) > MAX_NAME:
        raise ValidationError("name", f"is {len(name)} characters, at most {MAX_NAME} allowed")
    raw_gtin = row.get("gtin", "").strip()
    gtin = normalize_gtin(raw_gtin) if raw_gtin else None
    status = row.get("commercial_status", "").strip().lower()
    if status not in COMMERCIAL_STATUSES:
        allowed = ", ".join(COMMERCIAL_STATUSES)
        raise ValidationError("commercial_status", f"{status!r} is not one of {allowed}")
    dpp = {key: row.get(key, "").strip() for key in DPP_FIELDS if row.get(key, "").strip()}
    _check_dpp(dpp)
    return ProductRecord(sku=sku, name=name, gtin=gtin, commercial_status=status, dpp=dpp)


def _check_dpp(dpp: dict[str, str]) -> None:
    country = dpp.get("country_of_origin")
    if country is not None and not (len(country) == 2 and country.isascii() and country.isupper()):
        raise ValidationError("country_of_origin", f"{country!r} is not an ISO 3166 code like DE")
    for key, low, high in (("recycled_content_pct", 0, 100), ("carbon_footprint_kg", 0, None)):
        value = dpp.get(key)
        if value is None:
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValidationError(key, f"{value!r} is not a number") from None
        if not number.is_finite() or number < low or (high is not None and number > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise ValidationError(key, f"{value} is not {bounds}")


def parse_products_csv(text: str) -> tuple[list[tuple[int, ProductRecord]], list[RowError]]:
    """Parse a catalogue CSV into (line, record) pairs and every bad row's error.

    Where there is any error the caller imports nothing.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        return [], [RowError(1, "header", "missing column(s): " + ", ".join(missing))]
    unknown = [col for col in header if col not in CSV_COLUMNS]
    if unknown:
        return [], [RowError(1, "header", "unknown column(s): " + ", ".join(unknown))]
    reader.fieldnames = header
    records: list[tuple[int, ProductRecord]] = []
    errors: list[RowError] = []
    seen_sku: dict[str, int] = {}
    seen_gtin: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(RowError(line, "row", "has more fields than the header"))
            continue
        try:
            record = _check_row({k: v or "" for k, v in row.items()})
        except ValidationError as exc:
            errors.append(RowError(line, exc.field, exc.reason))
            continue
        errors.extend(_duplicates(line, record, seen_sku, seen_gtin))
        records.append((line, record))
    if not records and not errors:
        errors.append(RowError(1, "file", "has no product rows"))
    return records, errors


def _duplicates(
    line: int, record: ProductRecord, seen_sku: dict[str, int], seen_gtin: dict[str, int]
) -> Iterable[RowError]:
    if record.sku in seen_sku:
        yield RowError(line, "sku", f"{record.sku!r} repeats line {seen_sku[record.sku]}")
    seen_sku.setdefault(record.sku, line)
    if record.gtin:
        if record.gtin in seen_gtin:
            yield RowError(line, "gtin", f"{record.gtin} repeats line {seen_gtin[record.gtin]}")
        seen_gtin.setdefault(record.gtin, line)


def format_row_errors(errors: Sequence[RowError], *, limit: int = 50) -> str:
    lines = [str(error) for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return "\n".join(lines)
