"""Tables of the encoding stations: every encode attempt, and which station holds which unit.

A unit (a token) counts as encoded for a kind (``nfc`` or ``rfid``) when it has an ``ok``
record. Only ``ok`` records carry an ``encoding_no`` and (token, kind, encoding_no) is
unique, so a second ``ok`` record for the first encoding cannot be written, whichever
station tries; a re-encode takes the next number and must give a reason (a CHECK).

``encoding_claim`` says which station is working on a unit right now, so two stations on one
batch never write the same unit at once. A claim has a lease: a station that died leaves
its claims behind, and they lapse.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.dbkit.types import BigKey
from app.storage.base import Base

KINDS = ("nfc", "rfid")
RESULTS = ("ok", "failed", "void")


class EncodingRecord(Base):
    __tablename__ = "encoding_record"
    __table_args__ = (
        UniqueConstraint("token_key", "kind", "encoding_no"),
        CheckConstraint("kind IN ('nfc', 'rfid')", name="kind"),
        CheckConstraint("result IN ('ok', 'failed', 'void')", name="result"),
        CheckConstraint(
            "(result = 'ok' AND encoding_no IS NOT NULL)"
            " OR (result <> 'ok' AND encoding_no IS NULL)",
            name="numbered_when_ok",
        ),
        CheckConstraint(
            "encoding_no IS NULL OR encoding_no = 1 OR reason IS NOT NULL",
            name="reencode_has_reason",
        ),
        Index("ix_encoding_record_batch_id", "batch_id", "kind", "token_key"),
    )

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    token_key: Mapped[int] = mapped_column(BigInteger, ForeignKey("token.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    kind: Mapped[str] = mapped_column(String(4))
    device: Mapped[str] = mapped_column(String(200))
    station: Mapped[str] = mapped_column(String(200))
    tag_uid: Mapped[str | None] = mapped_column(String(64))  # NFC UID or RFID TID
    epc_hex: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(6))
    reason: Mapped[str | None] = mapped_column(Text)
    encoding_no: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime]


class EncodingClaim(Base):
    __tablename__ = "encoding_claim"
    __table_args__ = (Index("ix_encoding_claim_station", "station", "kind"),)

    token_key: Mapped[int] = mapped_column(BigInteger, ForeignKey("token.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    station: Mapped[str] = mapped_column(String(200))
    claimed_at: Mapped[datetime]
    expires_at: Mapped[datetime]
