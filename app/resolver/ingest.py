"""Applying a station's push: every message once (by its idempotency key), each in its own
savepoint so one bad message is refused without losing the others, the whole push in one
transaction together with its answer (replayed for a repeated Idempotency-Key)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from app.core.errors import ValidationError as CoreValidationError
from app.core.gtin import normalize_gtin
from app.dbkit.types import utcnow
from app.resolver.auth import Station
from app.resolver.catalog import Catalog
from app.resolver.db import ResolverDatabase
from app.resolver.ingest_tokens import IngestError, insert_tokens, revoke
from app.resolver.links import normalize_link_type
from app.resolver.models import (
    CATALOG,
    Batch,
    Brand,
    Counter,
    Encoding,
    Link,
    Lot,
    MessageKey,
    Product,
    PushRequest,
)
from app.resolver.schemas import (
    BatchCreatedPayload,
    BatchStatusPayload,
    BrandPayload,
    ProductPayload,
    PushMessage,
    PushResult,
    Rejected,
    TokenEncodedPayload,
    TokenRevokedPayload,
    TokensMintedPayload,
)

MAX_LOGO = 512 * 1024
Handler = Callable[[Connection, Any, Station, datetime], bool]  # True: the catalogue changed


def _brand(conn: Connection, p: BrandPayload, _s: Station, now: datetime) -> bool:
    values: dict[str, Any] = {"name": p.name, "theme": p.theme, "updated_at": now}
    if p.logo_base64 is not None:
        try:
            logo = base64.b64decode(p.logo_base64, validate=True)
        except binascii.Error:
            raise IngestError("logo_base64 is not base64") from None
        if len(logo) > MAX_LOGO or not p.logo_mime:
            raise IngestError("the logo needs a MIME type and at most 512 KiB")
        values |= {"logo": logo, "logo_mime": p.logo_mime}
    conn.execute(update(Brand).where(Brand.id == 1).values(**values))
    return True


def _gtin(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalize_gtin(value)
    except CoreValidationError as exc:
        raise IngestError(f"GTIN {exc.reason}") from None


def _product(conn: Connection, p: ProductPayload, _s: Station, now: datetime) -> bool:
    values = {
        "sku": p.sku,
        "gtin": _gtin(p.gtin),
        "name": p.name,
        "default_language": p.default_language.lower(),
        "content": {lang.lower(): fields for lang, fields in p.content.items()},
        "updated_at": now,
    }
    if conn.execute(select(Product.sku).where(Product.sku == p.sku)).first() is None:
        conn.execute(insert(Product).values(**values))
    else:
        conn.execute(update(Product).where(Product.sku == p.sku).values(**values))
    conn.execute(delete(Link).where(Link.sku == p.sku))
    rows = []
    for link in p.links:
        link_type = normalize_link_type(link.link_type)
        if not isinstance(link_type, str):
            raise IngestError(f"{link.link_type!r} is not a link type")
        rows.append(
            {
                "sku": p.sku,
                "lot": link.lot,
                "link_type": link_type,
                "href": link.href,
                "title": link.title,
                "hreflang": ",".join(lang.lower() for lang in link.hreflang) or None,
                "media_type": link.type,
                "is_default": link.default,
            }
        )
    if rows:
        conn.execute(insert(Link), rows)
    return True


def _batch_created(conn: Connection, p: BatchCreatedPayload, s: Station, now: datetime) -> bool:
    if conn.execute(select(Batch.id).where(Batch.uid == p.batch)).first() is not None:
        return False
    gtin = _gtin(p.gtin)
    batch_id = conn.execute(
        insert(Batch)
        .values(
            uid=p.batch,
            sku=p.sku,
            gtin=gtin,
            identity_mode=p.identity_mode,
            activation_mode=p.activation_mode,
            quantity=p.quantity,
            status=p.status,
            station=s.name,
            created_at=now,
            updated_at=now,
        )
        .returning(Batch.id)
    ).scalar_one()
    if p.lots:
        conn.execute(
            insert(Lot),
            [
                {
                    "batch_id": batch_id,
                    "gtin": gtin,
                    "code": lot.code,
                    "first_seq": lot.first_seq,
                    "quantity": lot.quantity,
                    "expiry": lot.expiry,
                }
                for lot in p.lots
            ],
        )
    return False


def _batch_status(conn: Connection, p: BatchStatusPayload, _s: Station, now: datetime) -> bool:
    conn.execute(update(Batch).where(Batch.uid == p.batch).values(status=p.to, updated_at=now))
    return False


def _tokens(conn: Connection, p: TokensMintedPayload, _s: Station, now: datetime) -> bool:
    insert_tokens(conn, p, now)
    return False


def _revoked(conn: Connection, p: TokenRevokedPayload, _s: Station, now: datetime) -> bool:
    revoke(conn, p.token, p.reason, now)
    return False


def _encoded(conn: Connection, p: TokenEncodedPayload, s: Station, now: datetime) -> bool:
    payload = p.model_dump(mode="json")
    conn.execute(
        insert(Encoding).values(token_id=p.token, payload=payload, station=s.name, received_at=now)
    )
    return False


HANDLERS: dict[str, tuple[type[BaseModel], Handler]] = {
    "brand": (BrandPayload, _brand),
    "product": (ProductPayload, _product),
    "batch.created": (BatchCreatedPayload, _batch_created),
    "batch.status": (BatchStatusPayload, _batch_status),
    "tokens.minted": (TokensMintedPayload, _tokens),
    "token.revoked": (TokenRevokedPayload, _revoked),
    "token.encoded": (TokenEncodedPayload, _encoded),
}


def _claim(conn: Connection, key: str, topic: str, now: datetime) -> bool:
    """Record the message key; False when it was applied before (by any push)."""
    table = MessageKey.__table__
    values = {"key": key, "topic": topic, "received_at": now}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return conn.execute(stmt.returning(table.c.key)).first() is not None


class Ingest:
    def __init__(
        self,
        db: ResolverDatabase,
        catalog: Catalog,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = db
        self.catalog = catalog
        self.on_commit = on_commit  # tells the scan path's reads to look again

    def push(
        self, station: Station, idempotency_key: str, messages: list[PushMessage]
    ) -> PushResult:
        now = utcnow()
        result = PushResult(accepted=[], duplicates=[], rejected=[])
        catalog_changed = False
        with self.db.write() as conn:
            earlier = conn.execute(
                select(PushRequest.response).where(
                    PushRequest.key_id == station.key_id,
                    PushRequest.idempotency_key == idempotency_key,
                )
            ).scalar()
            if earlier is not None:
                return PushResult.model_validate(earlier)
            for message in messages:
                try:
                    with conn.begin_nested():
                        if not _claim(conn, message.key, message.topic, now):
                            result.duplicates.append(message.key)
                            continue
                        catalog_changed |= self._apply(conn, message, station, now)
                except (IngestError, ValidationError, IntegrityError) as exc:
                    result.rejected.append(Rejected(key=message.key, error=_reason(exc)))
                    continue
                result.accepted.append(message.key)
            if catalog_changed:
                conn.execute(
                    update(Counter).where(Counter.name == CATALOG).values(value=Counter.value + 1)
                )
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            conn.execute(
                dialect.insert(PushRequest.__table__)
                .values(
                    key_id=station.key_id,
                    idempotency_key=idempotency_key,
                    response=result.model_dump(mode="json"),
                    at=now,
                )
                .on_conflict_do_nothing()
            )
        self.on_commit()
        if catalog_changed:
            self.catalog.invalidate()
        return result

    def _apply(
        self, conn: Connection, message: PushMessage, station: Station, now: datetime
    ) -> bool:
        entry = HANDLERS.get(message.topic)
        if entry is None:
            raise IngestError(f"unknown topic {message.topic!r}")
        model, handler = entry
        return handler(conn, model.model_validate(message.payload), station, now)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"invalid payload: {where}: {first['msg']}"[:500]
    if isinstance(exc, IntegrityError):
        return f"conflicts with stored data: {str(exc.orig).splitlines()[0]}"[:500]
    return str(exc)[:500]
