"""The station's side of sync: where to sync to, how far it got, and what came back.

Scan figures are the sums of what each pulled page added (a page and the pull cursor are
stored together, so none is counted twice); a token's row is keyed by its station key.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.dbkit.types import BigKey, utcnow
from app.storage.base import Base


class SyncSettings(Base):
    """The resolver this station syncs with, and its credentials (one row, id 1)."""

    __tablename__ = "sync_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    resolver_url: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(40))
    secret: Mapped[str] = mapped_column(Text)
    content_language: Mapped[str] = mapped_column(String(35), default="en")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncState(Base):
    """How far sync got (one row, id 1): the pull cursor and the last attempts."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    catalog_digest: Mapped[str | None] = mapped_column(String(64))
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)


class TokenScanCount(Base):
    __tablename__ = "token_scan_count"

    token_id: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=False)
    scans: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BatchScanCount(Base):
    __tablename__ = "batch_scan_count"

    batch_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    scans: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
