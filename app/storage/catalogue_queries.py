"""The read side of the brand and the catalogue: what windows and reports may import.

The writes (``update_brand``, ``publish_template``, ``import_products``) stay in
``app.storage.brand`` and ``app.storage.products`` and run as services; import-linter keeps
``app.ui`` to query modules like this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.brand import BrandSettings
from app.core.catalogue import ProductRecord, readiness
from app.core.errors import NotFoundError
from app.core.serials import RowError
from app.storage.models import Brand, PassportTemplate, Product

if TYPE_CHECKING:
    from app.storage.db import Database


def get_brand(session: Session) -> Brand:
    return session.execute(select(Brand).where(Brand.id == 1)).scalar_one()


def needs_first_run(db: Database) -> bool:
    """A station whose brand has no name or resolver domain yet."""
    with db.read() as session:
        return not brand_settings(session).configured


def brand_settings(session: Session) -> BrandSettings:
    brand = get_brand(session)
    return BrandSettings(
        name=brand.name,
        resolver_domain=brand.resolver_domain,
        gs1_ready=brand.gs1_ready,
        company_prefix=brand.company_prefix,
        company_prefix_length=brand.company_prefix_length,
        logo=brand.logo,
        logo_mime=brand.logo_mime,
        logo_in_bundles=brand.logo_in_bundles,
        qr_compressed_uris=brand.qr_compressed_uris,
    )


def published_template(session: Session) -> PassportTemplate | None:
    stmt = select(PassportTemplate).where(PassportTemplate.published.is_(True)).limit(1)
    return session.execute(stmt).scalar_one_or_none()


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
    error_count: int = 0
    """All bad rows; ``errors`` holds the first 1,000 of them."""

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
