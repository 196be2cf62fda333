"""The product catalogue in the database: import, list and readiness."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.core.catalogue import (
    CatalogueCheck,
    ProductRecord,
    duplicates,
    read_catalogue,
)
from app.core.errors import NotFoundError, ValidationError
from app.core.serials import RowError
from app.storage import audit
from app.storage.catalogue_queries import (
    ImportReport,
    ProductView,
    get_product,
    list_products,
    product_view,
    to_record,
)
from app.storage.models import Product

# The reads live in app.storage.catalogue_queries; named here too for older callers.
__all__ = [
    "ImportReport",
    "ProductView",
    "get_product",
    "import_products",
    "import_products_file",
    "list_products",
    "product_view",
    "read_csv_file",
    "to_record",
]


def read_csv_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotFoundError(f"{path}: line {line} is not UTF-8 text") from exc


Lines = Callable[[], AbstractContextManager[Iterable[str]]]
CHUNK = 1000


def import_products(session: Session, text: str, *, source: str = "") -> ImportReport:
    """Import catalogue CSV text; with any bad row nothing is written.

    Rows are matched to existing products by SKU and update them.
    """
    return _import(session, lambda: nullcontext(io.StringIO(text, newline="")), source)


def import_products_file(session: Session, path: Path, *, source: str = "") -> ImportReport:
    """Import a catalogue CSV file, streamed: every row is checked (into a temporary file)
    before any is written, in chunks of bulk statements.

    Memory stays bounded by the chunk size and the SKU/GTIN sets, not the file's size (a
    50 MB catalogue peaks well under 300 MB). Any bad row means nothing is written.
    """
    try:
        with path.open("rb") as probe:
            head = probe.read(2)
    except OSError as exc:
        raise NotFoundError(f"cannot read {path}: {exc.strerror}") from exc
    if head in (b"\xff\xfe", b"\xfe\xff"):
        raise ValidationError("file", f"{path} is UTF-16; save it as UTF-8 CSV")

    def lines() -> AbstractContextManager[Iterable[str]]:
        return path.open(encoding="utf-8", errors="surrogateescape", newline="")

    return _import(session, lines, source or path.name)


def _import(session: Session, lines: Lines, source: str) -> ImportReport:
    check = CatalogueCheck()
    seen_sku: dict[str, int] = {}
    seen_gtin: dict[str, int] = {}
    pending: list[tuple[int, ProductRecord]] = []
    # Checked rows wait in a temporary file (not in memory) until every row is known good.
    with lines() as stream, tempfile.TemporaryFile("w+", encoding="utf-8") as checked:
        for line, record in read_catalogue(stream, check):
            for error in duplicates(line, record, seen_sku, seen_gtin):
                check.add(error)
            pending.append((line, record))
            if len(pending) >= CHUNK:
                _conflicts_with_database(session, pending, check)
                pending.clear()
            if not check.error_count:
                checked.write(json.dumps(_columns(record), ensure_ascii=False) + "\n")
        _conflicts_with_database(session, pending, check)
        if check.rows == 0 and check.error_count == 0:
            check.add(RowError(1, "file", "has no product rows"))
        if check.error_count:
            errors = sorted(check.errors, key=lambda e: e.line)
            return ImportReport(0, 0, errors, check.error_count)
        checked.seek(0)
        created = updated = 0
        chunk: list[dict[str, Any]] = []
        for text in checked:
            chunk.append(json.loads(text))
            if len(chunk) >= CHUNK:
                created, updated = _write(session, chunk, created, updated)
        created, updated = _write(session, chunk, created, updated)
    detail = {"created": created, "updated": updated, "source": source}
    audit.append(session, "product", "catalogue", "imported", detail)
    return ImportReport(created, updated, [])


def _write(
    session: Session, chunk: list[dict[str, Any]], created: int, updated: int
) -> tuple[int, int]:
    """Insert or update one chunk with two bulk statements (no ORM objects are kept)."""
    if not chunk:
        return created, updated
    rows = session.execute(
        select(Product.sku, Product.id).where(Product.sku.in_([r["sku"] for r in chunk]))
    )
    ids: dict[str, int] = {row.sku: row.id for row in rows}
    fresh = [r for r in chunk if r["sku"] not in ids]
    changed = [{"id": ids[r["sku"]], **r} for r in chunk if r["sku"] in ids]
    if fresh:
        session.execute(insert(Product), fresh)
    if changed:
        session.execute(update(Product), changed)
    chunk.clear()
    return created + len(fresh), updated + len(changed)


def _columns(record: ProductRecord) -> dict[str, Any]:
    return {
        "sku": record.sku,
        "name": record.name,
        "gtin": record.gtin,
        "commercial_status": record.commercial_status,
        "dpp": dict(record.dpp),
    }


def _conflicts_with_database(
    session: Session, parsed: Sequence[tuple[int, ProductRecord]], check: CatalogueCheck
) -> None:
    """A GTIN already held by another SKU is an error on that row."""
    gtins = {r.gtin: (line, r.sku) for line, r in parsed if r.gtin}
    if not gtins:
        return
    holders = session.execute(select(Product.gtin, Product.sku).where(Product.gtin.in_(gtins)))
    for gtin, sku in sorted(holders, key=lambda h: gtins[h[0] or ""][0]):
        line, wanted_sku = gtins[gtin or ""]
        if sku != wanted_sku:
            check.add(RowError(line, "gtin", f"{gtin} already belongs to product {sku}"))
