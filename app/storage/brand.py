"""The brand row and its passport template."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.brand import check_logo, validate_company_prefix
from app.core.digital_link import validate_domain
from app.core.errors import ValidationError
from app.dbkit.types import utcnow
from app.storage import audit
from app.storage.catalogue_queries import brand_settings, get_brand, published_template
from app.storage.models import Brand, PassportTemplate

# The reads live in app.storage.catalogue_queries; named here too for older callers.
__all__ = [
    "DEFAULT_TEMPLATE",
    "brand_settings",
    "get_brand",
    "publish_template",
    "published_template",
    "update_brand",
]

DEFAULT_TEMPLATE = "Default passport"


def update_brand(
    session: Session,
    *,
    name: str | None = None,
    resolver_domain: str | None = None,
    company_prefix: str | None = None,
    gs1_ready: bool | None = None,
    logo: tuple[bytes, str] | None = None,
    logo_in_bundles: bool | None = None,
    qr_compressed_uris: bool | None = None,
) -> Brand:
    """Change the brand's settings; each given value is validated first."""
    brand = get_brand(session)
    changed: dict[str, object] = {}
    if name is not None:
        if not name.strip():
            raise ValidationError("name", "is empty")
        brand.name = changed["name"] = name.strip()
    if resolver_domain is not None:
        brand.resolver_domain = changed["resolver_domain"] = validate_domain(resolver_domain)
    if company_prefix is not None:
        prefix = validate_company_prefix(company_prefix)
        brand.company_prefix = changed["company_prefix"] = prefix
        brand.company_prefix_length = len(prefix)
    if gs1_ready is not None:
        brand.gs1_ready = changed["gs1_ready"] = gs1_ready
    if logo is not None:
        data, suffix = logo
        brand.logo_mime = check_logo(data, suffix)
        brand.logo = data
        changed["logo"] = f"{len(data)} bytes"
    if logo_in_bundles is not None:
        brand.logo_in_bundles = changed["logo_in_bundles"] = logo_in_bundles
    if qr_compressed_uris is not None:
        brand.qr_compressed_uris = changed["qr_compressed_uris"] = qr_compressed_uris
    if changed:
        session.flush()
        audit.append(session, "brand", brand.id, "updated", changed)
    return brand


def publish_template(session: Session, name: str = DEFAULT_TEMPLATE) -> PassportTemplate:
    """Publish the named template, creating it if needed."""
    template = session.execute(
        select(PassportTemplate).where(PassportTemplate.name == name)
    ).scalar_one_or_none()
    if template is None:
        template = PassportTemplate(name=name, content={"sections": ["identity", "materials"]})
        session.add(template)
    if not template.published:
        template.published = True
        template.published_at = utcnow()
        session.flush()
        audit.append(session, "passport_template", template.id, "published", {"name": name})
    return template
