"""The units a print job labels: a batch read once, then its tokens by key range.

Only serialised batches (a token per unit) are printed and verified unit by unit: a lot
batch's labels share one code per lot, so there is nothing to tell two of them apart; their
label sheets come from Exports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import NotFoundError, ValidationError
from app.core.ids import token_ids
from app.core.packs import PACK_SIZE, pack_count, pack_range
from app.core.states import BatchStatus, IdentityMode
from app.core.urls import ResolverUrls
from app.storage.brand import brand_settings
from app.storage.models import Product, Token
from app.storage.queries import get_batch

__all__ = ["BatchInfo", "LabelUnit", "load_batch", "read_units", "unit_range"]


@dataclass(frozen=True)
class LabelUnit:
    """Everything one label shows."""

    key: int  # the token's primary key
    position: int  # 0-based position in the batch
    token_id: str
    url: str
    gtin: str
    serial: str
    lot: str
    expiry: str
    product_name: str

    def field(self, name: str) -> str:
        """The text of a template field, with the GS1 human-readable AI prefixes."""
        if name == "gtin":
            return f"(01) {self.gtin}" if self.gtin else ""
        if name == "serial":
            return f"(21) {self.serial}" if self.serial else ""
        if name == "lot":
            return f"(10) {self.lot}" if self.lot else ""
        if name == "expiry":
            return f"(17) {self.expiry}" if self.expiry else ""
        if name == "url":
            return self.url
        if name == "product_name":
            return self.product_name
        return ""


@dataclass(frozen=True)
class BatchInfo:
    id: int
    uid: str
    gtin: str | None
    quantity: int
    first_token_id: int
    product_name: str
    urls: ResolverUrls
    logo: bytes | None
    logo_mime: str | None


def load_batch(session: Session, ref: str | int) -> BatchInfo:
    """A minted serialised batch, or a clear refusal."""
    try:
        batch = get_batch(session, ref)
    except NotFoundError:
        raise NotFoundError(f"no batch {str(ref).strip()}: nothing to print") from None
    if batch.identity_mode == IdentityMode.LOT:
        raise ValidationError(
            "batch",
            f"{batch.uid} is a lot batch: its labels share one code per lot, so they cannot be"
            " printed and verified unit by unit; print its label sheets from Exports",
        )
    if batch.status != BatchStatus.MINTED or batch.first_token_id is None:
        raise ValidationError(
            "batch", f"{batch.uid} is {batch.status}: only minted batches can be printed"
        )
    product = session.get(Product, batch.product_id)
    brand = brand_settings(session)
    return BatchInfo(
        id=batch.id,
        uid=batch.uid,
        gtin=batch.gtin,
        quantity=batch.quantity,
        first_token_id=batch.first_token_id,
        product_name=product.name if product else "",
        urls=ResolverUrls(brand.resolver_domain, brand.gs1_ready),
        logo=brand.logo,
        logo_mime=brand.logo_mime,
    )


def unit_range(
    batch: BatchInfo, *, pack: int | None = None, first: int | None = None, count: int | None = None
) -> range:
    """0-based positions: pack K (1-based), units N.. (1-based) for M, or the whole batch."""
    if pack is not None:
        if first is not None or count is not None:
            raise ValidationError("range", "give either --pack or --first/--count, not both")
        packs = pack_count(batch.quantity, pack_size=PACK_SIZE)
        if not 1 <= pack <= packs:
            raise ValidationError("pack", f"must be between 1 and {packs}, got {pack}")
        return pack_range(pack - 1, batch.quantity, pack_size=PACK_SIZE)
    start = 1 if first is None else first
    if not 1 <= start <= batch.quantity:
        raise ValidationError("first", f"must be between 1 and {batch.quantity:,}, got {start}")
    available = batch.quantity - start + 1
    size = available if count is None else count
    if not 1 <= size <= available:
        raise ValidationError(
            "count", f"must be between 1 and {available:,} from unit {start:,}, got {size}"
        )
    return range(start - 1, start - 1 + size)


def read_units(session: Session, batch: BatchInfo, start: int, count: int) -> list[LabelUnit]:
    """Units ``start .. start + count - 1`` (0-based) in key order: one range query."""
    first = batch.first_token_id + start
    rows = session.execute(
        select(Token.id, Token.gtin, Token.serial)
        .where(Token.id.between(first, first + count - 1))
        .order_by(Token.id)
    ).all()
    if len(rows) != count:
        raise NotFoundError(
            f"batch {batch.uid} has {len(rows):,} of the {count:,} units from unit {start + 1:,}"
        )
    ids = token_ids(batch.uid, start, count)
    units = []
    for n, (key, gtin, serial) in enumerate(rows):
        token_id = ids[n]
        url = batch.urls.for_unit(token_id=token_id, gtin=gtin, serial=serial, lot=None)
        units.append(
            LabelUnit(
                key=key,
                position=start + n,
                token_id=token_id,
                url=url,
                gtin=gtin or "",
                serial=serial or "",
                lot="",
                expiry="",
                product_name=batch.product_name,
            )
        )
    return units
