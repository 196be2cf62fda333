"""The station's tables, as typed SQLAlchemy 2 models.

Tables are singular with ``_at`` timestamps. Tokens carry an integer key allocated in one
contiguous range per batch, so a batch's tokens are a primary-key range; their public id (a
ULID) and their resolver URL are derived, not stored (see ``app.core.ids``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.dbkit.types import BigKey, Ulid, utcnow
from app.storage.base import Base


class Brand(Base):
    """The one brand this station mints for (shared by stations on one database)."""

    __tablename__ = "brand"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    resolver_domain: Mapped[str] = mapped_column(String(253), default="")
    gs1_ready: Mapped[bool] = mapped_column(Boolean, default=True)
    company_prefix: Mapped[str | None] = mapped_column(String(12))
    company_prefix_length: Mapped[int | None] = mapped_column(Integer)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(40))
    logo_in_bundles: Mapped[bool] = mapped_column(Boolean, default=False)
    # QR codes carry the compressed GS1 Digital Link URI (shorter: a smaller symbol)
    qr_compressed_uris: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PassportTemplate(Base):
    """The brand's passport template; minting needs one that is published."""

    __tablename__ = "passport_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None]
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Product(Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True)
    commercial_status: Mapped[str] = mapped_column(String(20))
    dpp: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProductionRun(Base):
    """An ERP production run; its quantity caps what all its batches may mint."""

    __tablename__ = "production_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    erp_quantity: Mapped[int | None] = mapped_column(Integer)
    reserved_quantity: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    product: Mapped[Product] = relationship()


class MintBatch(Base):
    __tablename__ = "mint_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(Ulid, unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    production_run_id: Mapped[int | None] = mapped_column(ForeignKey("production_run.id"))
    gtin: Mapped[str | None] = mapped_column(String(14))
    identity_mode: Mapped[str] = mapped_column(String(10))
    activation_mode: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer)
    minted_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), index=True)
    serial_source: Mapped[str | None] = mapped_column(String(12))
    serial_prefix: Mapped[str | None] = mapped_column(String(20))
    serial_width: Mapped[int | None] = mapped_column(Integer)
    serial_start: Mapped[int | None] = mapped_column(BigInteger)
    serial_list: Mapped[bytes | None] = mapped_column(LargeBinary)
    first_token_id: Mapped[int | None] = mapped_column(BigInteger)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    product: Mapped[Product] = relationship()
    lots: Mapped[list[Lot]] = relationship(order_by="Lot.position", back_populates="batch")


class Lot(Base):
    __tablename__ = "lot"
    __table_args__ = (UniqueConstraint("batch_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer)
    print_quantity: Mapped[int] = mapped_column(Integer)
    expiry: Mapped[date | None] = mapped_column(Date)
    first_seq: Mapped[int] = mapped_column(Integer)

    batch: Mapped[MintBatch] = relationship(back_populates="lots")


class Token(Base):
    """One minted unit. Its key is ``batch.first_token_id + seq``; never deleted."""

    __tablename__ = "token"
    __table_args__ = (UniqueConstraint("serial", "gtin"),)

    id: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=False)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    gtin: Mapped[str | None] = mapped_column(String(14))
    serial: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class IdAllocator(Base):
    """Hands out contiguous key ranges (token ids) under a row lock."""

    __tablename__ = "id_allocator"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)


class SerialCounter(Base):
    """The next free sequential serial number per GTIN and prefix."""

    __tablename__ = "serial_counter"

    gtin: Mapped[str] = mapped_column(String(14), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)


class Counter(Base):
    """Dashboard figures kept up to date in the same transactions that change them."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEvent(Base):
    """Append-only log; each row carries the hash of the one before it."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    entity_type: Mapped[str] = mapped_column(String(30), index=True)
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's tip; writers lock this row so appends are serialised."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class OutboxMessage(Base):
    """A change the cloud must learn of, written in the same transaction as the change."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    topic: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class ExportJob(Base):
    __tablename__ = "export_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    out_dir: Mapped[str] = mapped_column(Text)
    pack_count: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    packs: Mapped[list[ExportPack]] = relationship(
        order_by="ExportPack.pack_index", back_populates="job"
    )


class ExportPack(Base):
    __tablename__ = "export_pack"
    __table_args__ = (UniqueConstraint("job_id", "pack_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("export_job.id"))
    pack_index: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    unit_count: Mapped[int] = mapped_column(Integer)
    path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    generated_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    expired_at: Mapped[datetime | None]

    job: Mapped[ExportJob] = relationship(back_populates="packs")


class ExportLock(Base):
    """A 10-minute lease per batch and export kind; an expired one may be taken over."""

    __tablename__ = "export_lock"

    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
