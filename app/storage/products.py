"""The product catalogue in the database: import, list and readiness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.catalogue import ProductRecord, parse_products_csv, readiness
from app.core.errors import NotFoundError
from app.core.serials import RowError
from app.storage import audit
from app.storage.brand import get_brand, published_template
from app.storage.models import Product


@dataclass(frozen=True)
class ProductView:
    id: int
    record: ProductRecord
    reasons: list[str]

    @property
    def ready(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def to_record(product: Product) -> ProductRecord:
    return ProductRecord(
        sku=product.sku,
        name=product.name,
        gtin=product.gtin,
        commercial_status=product.commercial_status,
        dpp=dict(product.dpp),
    )


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


def import_products(session: Session, text: str, *, source: str = "") -> ImportReport:
    """Import catalogue CSV text; with any bad row nothing is written.

    Rows are matched to existing products by SKU and update them.
    """
    parsed, errors = parse_products_csv(text)
    if not errors:
        errors = _conflicts_with_database(session, parsed)
    if errors:
        return ImportReport(0, 0, errors)
    existing = {
        p.sku: p
        for p in session.execute(
            select(Product).where(Product.sku.in_([r.sku for _, r in parsed]))
        ).scalars()
    }
    created = updated = 0
    for _, record in parsed:
        product = existing.get(record.sku)
        if product is None:
            session.add(_new_product(record))
            created += 1
        else:
            product.name = record.name
            product.gtin = record.gtin
            product.commercial_status = record.commercial_status
            product.dpp = dict(record.dpp)
            updated += 1
    session.flush()
    detail = {"created": created, "updated": updated, "source": source}
    audit.append(session, "product", "catalogue", "imported", detail)
    return ImportReport(created, updated, [])


def _new_product(record: ProductRecord) -> Product:
    return Product(
        sku=record.sku,
        name=record.name,
        gtin=record.gtin,
        commercial_status=record.commercial_status,
        dpp=dict(record.dpp),
    )


def _conflicts_with_database(
    session: Session, parsed: Sequence[tuple[int, ProductRecord]]
) -> list[RowError]:
    """A GTIN already held by another SKU is an error on that row."""
    gtins = {r.gtin: (line, r.sku) for line, r in parsed if r.gtin}
    if not gtins:
        return []
    holders = session.execute(select(Product.gtin, Product.sku).where(Product.gtin.in_(gtins)))
    errors = []
    for gtin, sku in holders:
        line, wanted_sku = gtins[gtin or ""]
        if sku != wanted_sku:
            errors.append(RowError(line, "gtin", f"{gtin} already belongs to product {sku}"))
    return sorted(errors, key=lambda e: e.line)


def list_products(
    session: Session, *, ready_only: bool = False, search: str | None = None
) -> list[ProductView]:
    """The catalogue (thousands of rows at most) with each product's readiness."""
    stmt = select(Product).order_by(Product.sku)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(
            or_(Product.sku.ilike(like), Product.name.ilike(like), Product.gtin.ilike(like))
        )
    template_published = published_template(session) is not None
    gs1_ready = get_brand(session).gs1_ready
    views = []
    for product in session.execute(stmt).scalars():
        record = to_record(product)
        reasons = readiness(record, template_published=template_published, gs1_ready=gs1_ready)
        if ready_only and reasons:
            continue
        views.append(ProductView(product.id, record, reasons))
    return views


def get_product(session: Session, sku: str) -> Product:
    product = session.execute(select(Product).where(Product.sku == sku)).scalar_one_or_none()
    if product is None:
        raise NotFoundError(f"no product with SKU {sku!r}")
    return product


def product_view(session: Session, product: Product) -> ProductView:
    record = to_record(product)
    reasons = readiness(
        record,
        template_published=published_template(session) is not None,
        gs1_ready=get_brand(session).gs1_ready,
    )
    return ProductView(product.id, record, reasons)
