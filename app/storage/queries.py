"""Read-side queries for the command line and the window: batches, token pages, KPIs.

Token pages are keyset pages over the integer key, never OFFSET, so the thousandth page costs
what the first does.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.errors import NotFoundError, ValidationError
from app.core.ids import token_ids, token_seq, ulid_to_int
from app.core.urls import ResolverUrls
from app.storage import counters
from app.storage.brand import get_brand
from app.storage.models import Lot, MintBatch, Product, ProductionRun, Token

_T = TypeVar("_T")


@dataclass(frozen=True)
class LotView:
    code: str
    quantity: int
    print_quantity: int
    expiry: date | None


@dataclass(frozen=True)
class BatchView:
    id: int
    uid: str
    sku: str
    product_name: str
    gtin: str | None
    identity_mode: str
    activation_mode: str
    quantity: int
    minted_count: int
    status: str
    serial_source: str | None
    failure_reason: str | None
    run_code: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    lots: list[LotView]


@dataclass(frozen=True)
class TokenView:
    key: int
    token_id: str
    batch_uid: str
    gtin: str | None
    serial: str | None
    lot: str | None
    status: str
    activation_mode: str
    created_at: datetime
    activated_at: datetime | None
    revoked_at: datetime | None
    revoke_reason: str | None
    resolver_url: str


def get_batch(session: Session, ref: str | int) -> MintBatch:
    """A batch by its id (as shown everywhere, a ULID) or its local number."""
    text_ref = str(ref).strip()
    stmt = (
        select(MintBatch).where(MintBatch.id == int(text_ref))
        if text_ref.isdigit()
        else select(MintBatch).where(MintBatch.uid == text_ref.upper())
    )
    batch = session.execute(stmt).scalar_one_or_none()
    if batch is None:
        raise NotFoundError(f"no batch {text_ref}")
    return batch


def batch_view(session: Session, batch: MintBatch) -> BatchView:
    product = session.get(Product, batch.product_id)
    assert product is not None
    run = session.get(ProductionRun, batch.production_run_id) if batch.production_run_id else None
    lots = [LotView(lot.code, lot.quantity, lot.print_quantity, lot.expiry) for lot in batch.lots]
    return BatchView(
        id=batch.id,
        uid=batch.uid,
        sku=product.sku,
        product_name=product.name,
        gtin=batch.gtin,
        identity_mode=batch.identity_mode,
        activation_mode=batch.activation_mode,
        quantity=batch.quantity,
        minted_count=batch.minted_count,
        status=batch.status,
        serial_source=batch.serial_source,
        failure_reason=batch.failure_reason,
        run_code=run.code if run else None,
        created_at=batch.created_at,
        started_at=batch.started_at,
        finished_at=batch.finished_at,
        lots=lots,
    )


def list_batches(
    session: Session, *, status: str | None = None, limit: int = 200, before_id: int | None = None
) -> list[BatchView]:
    """Newest first, in keyset pages."""
    stmt = select(MintBatch).order_by(MintBatch.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(MintBatch.status == status)
    if before_id is not None:
        stmt = stmt.where(MintBatch.id < before_id)
    return [batch_view(session, b) for b in session.execute(stmt).scalars()]


class TokenViews:
    """Turns token rows into views, caching the batches, lots and brand they refer to."""

    def __init__(self, session: Session) -> None:
        self.session = session
        brand = get_brand(session)
        self.urls = ResolverUrls(brand.resolver_domain, brand.gs1_ready)
        self._batches: dict[int, MintBatch] = {}
        self._lots: dict[int, str] = {}

    def batch(self, batch_id: int) -> MintBatch:
        batch = self._batches.get(batch_id)
        if batch is None:
            batch = self.session.get(MintBatch, batch_id)
            assert batch is not None
            self._batches[batch_id] = batch
            for lot in batch.lots:
                self._lots[lot.id] = lot.code
        return batch

    def views(self, rows: Sequence[Token]) -> list[TokenView]:
        out = []
        for row in rows:
            batch = self.batch(row.batch_id)
            assert batch.first_token_id is not None
            seq = row.id - batch.first_token_id
            token_id = token_ids(batch.uid, seq, 1)[0]
            lot = self._lots.get(row.lot_id) if row.lot_id else None
            out.append(
                TokenView(
                    key=row.id,
                    token_id=token_id,
                    batch_uid=batch.uid,
                    gtin=row.gtin,
                    serial=row.serial,
                    lot=lot,
                    status=row.status,
                    activation_mode=batch.activation_mode,
                    created_at=row.created_at,
                    activated_at=row.activated_at,
                    revoked_at=row.revoked_at,
                    revoke_reason=row.revoke_reason,
                    resolver_url=self.urls.for_unit(
                        token_id=token_id, gtin=row.gtin, serial=row.serial, lot=lot
                    ),
                )
            )
        return out


def token_filter(stmt: Select[_T], batch: MintBatch | None, status: str | None) -> Select[_T]:
    if batch is not None and batch.first_token_id is not None:
        last = batch.first_token_id + batch.quantity - 1
        stmt = stmt.where(Token.id.between(batch.first_token_id, last))
    if status:
        stmt = stmt.where(Token.status == status)
    return stmt


def token_page(
    session: Session,
    *,
    batch: MintBatch | None = None,
    status: str | None = None,
    after_key: int | None = None,
    limit: int = 100,
) -> list[TokenView]:
    stmt = token_filter(select(Token), batch, status).order_by(Token.id).limit(limit)
    if after_key is not None:
        stmt = stmt.where(Token.id > after_key)
    rows = session.execute(stmt).scalars().all()
    return TokenViews(session).views(rows)


def token_key(session: Session, token_id: str) -> int:
    """The integer key of a token given its public id (a ULID derived from its batch)."""
    try:
        value = ulid_to_int(token_id.strip())
    except ValidationError:
        raise NotFoundError(f"{token_id!r} is not a token id") from None
    canonical = token_id.strip().upper()
    batch = session.execute(
        select(MintBatch).where(MintBatch.uid <= canonical).order_by(MintBatch.uid.desc()).limit(1)
    ).scalar_one_or_none()
    if batch is None or batch.first_token_id is None:
        raise NotFoundError(f"no token {token_id}")
    seq = token_seq(batch.uid, canonical)
    if not 0 <= seq < batch.minted_count or value < 0:
        raise NotFoundError(f"no token {token_id}")
    return batch.first_token_id + seq


def find_token(session: Session, token_id: str) -> TokenView:
    row = session.get(Token, token_key(session, token_id))
    if row is None:
        raise NotFoundError(f"no token {token_id}")
    return TokenViews(session).views([row])[0]


def find_by_identifiers(
    session: Session, gtin: str, *, serial: str | None = None, lot: str | None = None
) -> list[TokenView]:
    """Tokens named by a scan: GTIN + serial is one token; GTIN + lot the lot's first ones."""
    stmt = select(Token).where(Token.gtin == gtin)
    if serial is not None:
        stmt = stmt.where(Token.serial == serial)
    elif lot is not None:
        stmt = stmt.join(Lot, Lot.id == Token.lot_id).where(Lot.code == lot)
    rows = session.execute(stmt.order_by(Token.id).limit(50)).scalars().all()
    return TokenViews(session).views(rows)


def kpis(session: Session) -> dict[str, int]:
    """The dashboard's four figures, from counters: no table scan at any size."""
    values = counters.read_all(session)
    return {
        "total_tokens_minted": values.get(counters.TOKENS_MINTED, 0),
        "active_tokens": values.get(counters.TOKENS_ACTIVE, 0),
        "batches_created": values.get(counters.BATCHES_CREATED, 0),
        "exported_printed": values.get(counters.EXPORTS_COMPLETED, 0),
    }


def token_segments(session: Session, batch_id: int | None = None) -> list[tuple[int, int]]:
    """(first key, minted count) of each batch with tokens, in key order.

    Every batch's tokens are one key range, so these segments map a table row to a token key
    without touching the token table: the index behind a million-row view costs one small query.
    """
    stmt = (
        select(MintBatch.first_token_id, MintBatch.minted_count)
        .where(MintBatch.minted_count > 0, MintBatch.first_token_id.is_not(None))
        .order_by(MintBatch.first_token_id)
    )
    if batch_id is not None:
        stmt = stmt.where(MintBatch.id == batch_id)
    return [(first, count) for first, count in session.execute(stmt) if first is not None]


def tokens_between(session: Session, first_key: int, last_key: int) -> list[Token]:
    stmt = select(Token).where(Token.id.between(first_key, last_key)).order_by(Token.id)
    return list(session.execute(stmt).scalars())


def token_keys_with_status(session: Session, status: str, batch: MintBatch | None) -> list[int]:
    stmt = token_filter(select(Token.id), batch, status).order_by(Token.id)
    return list(session.execute(stmt).scalars())


def search_token_keys(session: Session, text_value: str, *, limit: int = 1000) -> list[int]:
    """Keys of tokens whose serial or lot code starts with, or whose GTIN or id is, the text."""
    value = text_value.strip()
    if not value:
        return []
    keys: set[int] = set()
    with suppress(NotFoundError):
        keys.add(token_key(session, value))
    prefix = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    serial_stmt = select(Token.id).where(Token.serial.like(prefix, escape="\\")).limit(limit)
    keys.update(session.execute(serial_stmt).scalars())
    if value.isdigit() and len(value) in (8, 12, 13, 14):
        gtin_stmt = select(Token.id).where(Token.gtin == value.zfill(14)).limit(limit)
        keys.update(session.execute(gtin_stmt).scalars())
    lot_stmt = (
        select(Token.id).join(Lot, Lot.id == Token.lot_id).where(Lot.code == value).limit(limit)
    )
    keys.update(session.execute(lot_stmt).scalars())
    return sorted(keys)[:limit]
