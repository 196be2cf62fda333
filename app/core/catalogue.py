"""The product catalogue's rules: the DPP fields, CSV rows and "Ready to mint".

A product is ready to mint when (the seeds' three prerequisites) its required DPP fields are
filled, its commercial status is active, and the brand has a published passport template.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import accumulate

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


# Bytes that were not UTF-8, as read with errors="surrogateescape".
_UNDECODED = re.compile("[\udc80-\udcff]")
_FIELD = r'(?:"(?:[^"]|"")*"|[^",\r\n]*)'
# A record on one line whose every field is bare (no quote) or wholly quoted, quotes doubled.
_ONE_LINE_RECORD = re.compile(f"{_FIELD}(?:,{_FIELD})*")
_FIELD_START = re.compile(f"(?:^|(?<=,)){_FIELD}")
MAX_FIELD_CHARS = 20_000
_CSV_MODULE_LIMIT = 100_000  # under csv.field_size_limit(): longer lines take the slow path
"""The longest field a catalogue CSV may hold (characters); longer is a row error."""


@dataclass(frozen=True)
class CsvRecord:
    """One CSV record: the line it starts on and its fields with their starting columns.

    A well-formed one-line record read by the csv module leaves ``columns`` empty and keeps
    its ``text``: the columns are worked out only when a row error needs one.
    """

    line: int
    fields: list[str]
    columns: list[int]
    text: str | None = None

    def column(self, index: int) -> int | None:
        """Where field ``index`` starts; None for a field the row does not have."""
        if not self.columns and self.text is not None:
            self.columns.extend(_column_starts(self.text))
        return self.columns[index] if index < len(self.columns) else None


class _Lines:
    """Physical lines (terminator split off) with their numbers, pulled one at a time."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._it = iter(lines)
        self.number = 0

    def next(self) -> tuple[str, str] | None:
        raw = next(self._it, None)
        if raw is None:
            return None
        self.number += 1
        body = raw.rstrip("\r\n")
        return body, raw[len(body) :]


class _RecordError(Exception):
    def __init__(self, line: int, column: int, reason: str) -> None:
        self.error = RowError(line, "row", reason, column)


def iter_csv_records(
    lines: Iterable[str], *, max_field: int = MAX_FIELD_CHARS
) -> Iterator[CsvRecord | RowError]:
    """Read RFC 4180 CSV strictly, one record at a time, from physical lines.

    ``lines`` keep their terminators (a file opened with ``newline=""``). An unterminated
    quote, a quote inside an unquoted field or text after a closing quote, and a field over
    ``max_field`` characters are RowErrors naming line and column; reading goes on at the
    next line. Blank lines are skipped. Memory stays bounded by ``max_field`` per field.
    """
    source = _Lines(lines)
    while (current := source.next()) is not None:
        body, _ = current
        if not body:
            continue
        line = source.number
        if '"' not in body:
            fields = body.split(",")
            columns = list(accumulate((len(f) + 1 for f in fields[:-1]), initial=1))
            long = next((i for i, f in enumerate(fields) if len(f) > max_field), None)
            if long is not None:
                yield _too_long(line, columns[long], max_field)
            else:
                yield CsvRecord(line, fields, columns, body)
            continue
        if len(body) <= _CSV_MODULE_LIMIT and _ONE_LINE_RECORD.fullmatch(body):
            # Well formed on one line (the common case): the csv module splits it, in C.
            fields = next(csv.reader((body,)))
            if all(len(f) <= max_field for f in fields):
                yield CsvRecord(line, fields, [], body)
                continue
        try:
            yield _quoted_record(source, current, max_field)
        except _RecordError as exc:
            yield exc.error


def _column_starts(body: str) -> list[int]:
    """Where each field of a well-formed one-line record starts (1-based)."""
    return [m.start() + 1 for m in _FIELD_START.finditer(body)]


def _too_long(line: int, column: int, max_field: int) -> RowError:
    return RowError(line, "row", f"a field is over the limit of {max_field:,} characters", column)


def _quoted_record(source: _Lines, current: tuple[str, str], max_field: int) -> CsvRecord:
    """The slow path for a record with quotes: scans with str.find, not per character."""
    body, ending = current
    line = source.number
    fields: list[str] = []
    columns: list[int] = []
    pos = 0
    while True:
        columns.append(pos + 1)
        if pos < len(body) and body[pos] == '"':
            value, body, ending, pos = _quoted_field(source, body, ending, pos, max_field)
        else:
            end = body.find(",", pos)
            end = len(body) if end == -1 else end
            value = body[pos:end]
            quote = value.find('"')
            if quote != -1:
                raise _RecordError(
                    source.number,
                    pos + quote + 1,
                    "a quote inside an unquoted field (quote the whole field and double"
                    ' the quote: "a ""b"" c")',
                )
            if len(value) > max_field:
                raise _RecordError(source.number, pos + 1, _too_long(0, 0, max_field).reason)
            pos = end
        fields.append(value)
        if pos >= len(body):
            return CsvRecord(line, fields, columns)
        if body[pos] != ",":
            raise _RecordError(
                source.number, pos + 1, "text after a closing quote (a stray quote?)"
            )
        pos += 1
        if pos == len(body):
            columns.append(pos + 1)
            fields.append("")
            return CsvRecord(line, fields, columns)


def _quoted_field(
    source: _Lines, body: str, ending: str, pos: int, max_field: int
) -> tuple[str, str, str, int]:
    """Read the quoted field opening at ``body[pos]``; may pull more lines."""
    open_line, open_column = source.number, pos + 1
    parts: list[str] = []
    size = 0
    pos += 1
    while True:
        close = body.find('"', pos)
        if close == -1:
            chunk = body[pos:] + ending
            size += len(chunk)
            if size <= max_field:
                parts.append(chunk)
            following = source.next()
            if following is None or not ending:
                raise _RecordError(
                    open_line,
                    open_column,
                    "the quote opened here is never closed (an unterminated quoted field)",
                )
            body, ending = following
            pos = 0
            continue
        size += close - pos
        if size <= max_field:
            parts.append(body[pos:close])
        if body.startswith('"', close + 1):
            size += 1
            if size <= max_field:
                parts.append('"')
            pos = close + 2
            continue
        if size > max_field:
            raise _RecordError(open_line, open_column, _too_long(0, 0, max_field).reason)
        return "".join(parts), body, ending, close + 1


@dataclass
class CatalogueCheck:
    """What reading a catalogue found: how many good rows, and the bad ones (capped)."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    max_errors: int = 1000

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(error)


def read_catalogue(
    lines: Iterable[str], check: CatalogueCheck, *, max_field: int = MAX_FIELD_CHARS
) -> Iterator[tuple[int, ProductRecord]]:
    """Stream (line, record) for each good row of a catalogue CSV; bad rows go to ``check``.

    The header must name the required columns and no unknown ones. A row's field errors
    name the column where that field starts.
    """
    header: list[str] | None = None
    for item in iter_csv_records(_strip_bom(lines), max_field=max_field):
        if isinstance(item, RowError):
            check.add(item)
            if header is None:
                return
            continue
        if header is None:
            header = [name.strip().lower() for name in item.fields]
            problem = _header_problem(header)
            if problem is not None:
                check.add(RowError(item.line, "header", problem))
                return
            continue
        record = _record(item, header, check)
        if record is not None:
            check.rows += 1
            yield item.line, record
    if header is None:
        check.add(RowError(1, "file", "is empty; the first line names the columns"))


def _strip_bom(lines: Iterable[str]) -> Iterator[str]:
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    yield first.removeprefix("\ufeff")
    yield from it


def _header_problem(header: list[str]) -> str | None:
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        return "missing column(s): " + ", ".join(missing)
    unknown = [col for col in header if col not in CSV_COLUMNS]
    if unknown:
        return "unknown column(s): " + ", ".join(unknown)
    repeated = sorted({col for col in header if header.count(col) > 1})
    if repeated:
        return "repeated column(s): " + ", ".join(repeated)
    return None


def _record(item: CsvRecord, header: list[str], check: CatalogueCheck) -> ProductRecord | None:
    if len(item.fields) > len(header):
        extra = item.column(len(header))
        check.add(RowError(item.line, "row", "has more fields than the header", extra))
        return None
    undecoded = _UNDECODED.search(item.text) if item.text is not None else True
    for i, value in enumerate(item.fields if undecoded else ()):
        bad = _UNDECODED.search(value)
        if bad is not None:
            reason = f"not valid UTF-8 text (byte 0x{ord(bad.group()) - 0xDC00:02X})"
            check.add(RowError(item.line, header[i], reason, item.column(i)))
            return None
    row = dict(zip(header, item.fields, strict=False))
    try:
        return _check_row(row)
    except ValidationError as exc:
        column = item.column(header.index(exc.field)) if exc.field in header else None
        check.add(RowError(item.line, exc.field, exc.reason, column))
        return None


def parse_products_csv(text: str) -> tuple[list[tuple[int, ProductRecord]], list[RowError]]:
    """Parse a catalogue CSV into (line, record) pairs and every bad row's error.

    Where there is any error the caller imports nothing.
    """
    check = CatalogueCheck(max_errors=10**9)
    records: list[tuple[int, ProductRecord]] = []
    seen_sku: dict[str, int] = {}
    seen_gtin: dict[str, int] = {}
    for line, record in read_catalogue(io.StringIO(text, newline=""), check):
        for error in duplicates(line, record, seen_sku, seen_gtin):
            check.add(error)
        records.append((line, record))
    if not records and not check.errors:
        check.add(RowError(1, "file", "has no product rows"))
    return records, sorted(check.errors, key=lambda e: e.line)


def duplicates(
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
