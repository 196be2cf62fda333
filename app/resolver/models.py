"""The resolver's own tables (its own metadata: it never shares the station's database).

Tokens are keyed by their public id (a ULID), so ``/t/{id}`` and activation are primary-key
lookups and a pushed chunk of a batch is an append in key order. The feed stations pull is
``change`` (activations) plus ``scan_flush`` (telemetry writes), both stamped with a ``seq``
handed out under the ``counter`` row lock, so it grows in commit order and a reader never
skips a row committed late.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Double,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.dbkit.naming import new_metadata
from app.dbkit.types import BigKey, Ulid, type_annotation_map, utcnow

FEED = "feed"
CATALOG = "catalog"


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map: ClassVar[dict[Any, Any]] = type_annotation_map()


class Counter(Base):
    """Named counters: the change feed's last seq and the catalogue's version."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Setting(Base):
    __tablename__ = "setting"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Brand(Base):
    __tablename__ = "brand"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[dict[str, Any]] = mapped_column(default=dict)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Product(Base):
    """A product and its passport content: ``{language: {field: value}}``."""

    __tablename__ = "product"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    default_language: Mapped[str] = mapped_column(String(35), default="en")
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Link(Base):
    """A stored link of a product (``lot`` empty) or of one of its lots."""

    __tablename__ = "link"
    __table_args__ = (Index("ix_link_sku_lot", "sku", "lot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    lot: Mapped[str | None] = mapped_column(String(20))
    link_type: Mapped[str] = mapped_column(String(80))
    href: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(200), default="")
    hreflang: Mapped[str | None] = mapped_column(String(35))
    media_type: Mapped[str | None] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class Batch(Base):
    __tablename__ = "batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(Ulid, unique=True)
    sku: Mapped[str] = mapped_column(String(64))
    gtin: Mapped[str | None] = mapped_column(String(14))
    identity_mode: Mapped[str] = mapped_column(String(10))
    activation_mode: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    station: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Lot(Base):
    __tablename__ = "lot"
    __table_args__ = (
        UniqueConstraint("batch_id", "code"),
        Index("ix_lot_gtin_code", "gtin", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(Integer)
    gtin: Mapped[str | None] = mapped_column(String(14))
    code: Mapped[str] = mapped_column(String(20))
    first_seq: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    expiry: Mapped[str | None] = mapped_column(String(10))
    activated_at: Mapped[datetime | None]


class Token(Base):
    __tablename__ = "token"
    __table_args__ = (UniqueConstraint("gtin", "serial"), {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(Ulid, primary_key=True)
    batch_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int | None] = mapped_column(Integer)
    gtin: Mapped[str | None] = mapped_column(String(14))
    serial: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    activated_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class Revocation(Base):
    """Every revocation received; re-applied to tokens pushed late (revoked wins)."""

    __tablename__ = "revocation"

    token_id: Mapped[str] = mapped_column(Ulid, primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime] = mapped_column(default=utcnow)


class Encoding(Base):
    """What a station wrote onto a tag or label for a token (topic ``token.encoded``)."""

    __tablename__ = "encoding"

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    token_id: Mapped[str] = mapped_column(Ulid, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    station: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class Scan(Base):
    """One human scan, with GDPR-safe metadata only: never a full IP address.

    Append-only, and nothing but its key is indexed: each telemetry write is one ``ScanFlush``
    that names the key range it added, which is how the feed finds new scans.
    """

    __tablename__ = "scan"

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    at: Mapped[float] = mapped_column(Double)  # Unix seconds, UTC: cheap to write in bulk
    token_id: Mapped[str | None] = mapped_column(Ulid)
    batch_id: Mapped[int | None] = mapped_column(Integer)
    sku: Mapped[str | None] = mapped_column(String(64))
    ip_prefix: Mapped[str | None] = mapped_column(String(50))
    country: Mapped[str | None] = mapped_column(String(2))
    user_agent: Mapped[str] = mapped_column(String(512), default="")
    language: Mapped[str | None] = mapped_column(String(35))
    # A scan of a lot or serial the brand never registered, under a GTIN it knows: answered
    # by walking up to the GTIN's links, and a trust signal, never an activation.
    unknown_unit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ScanFlush(Base):
    """One telemetry write: its feed seq and the scan keys it added, (after_id, last_id]."""

    __tablename__ = "scan_flush"

    seq: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=False)
    after_id: Mapped[int] = mapped_column(BigInteger)
    last_id: Mapped[int] = mapped_column(BigInteger)
    count: Mapped[int] = mapped_column(Integer)


class Change(Base):
    """Activations, in the feed stations pull (scan counts come from ``scan`` rows by seq)."""

    __tablename__ = "change"

    seq: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    token_id: Mapped[str | None] = mapped_column(Ulid)
    batch_uid: Mapped[str | None] = mapped_column(Ulid)
    lot: Mapped[str | None] = mapped_column(String(20))


class StationCredential(Base):
    """A station's key id and its signing key, wrapped: the secret itself is never stored."""

    __tablename__ = "station_credential"

    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    station: Mapped[str] = mapped_column(String(100))
    wrapped_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class Nonce(Base):
    __tablename__ = "nonce"

    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[int] = mapped_column(BigInteger, index=True)


class MessageKey(Base):
    """Idempotency keys of the pushed messages already applied."""

    __tablename__ = "message_key"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    topic: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushRequest(Base):
    """The answer to each push, replayed when the same Idempotency-Key comes again."""

    __tablename__ = "push_request"

    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    response: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Pack(Base):
    __tablename__ = "pack"
    __table_args__ = (UniqueConstraint("key_id", "idempotency_key"),)

    id: Mapped[str] = mapped_column(Ulid, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(128))
    batch_uid: Mapped[str | None] = mapped_column(Ulid)
    name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    expired_at: Mapped[datetime | None]
