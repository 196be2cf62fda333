"""Tables of printing and scan-back verification.

``label_template`` holds the label templates (their layout as JSON, see
``app.printing.templates``). ``print_job`` is one request to print a range of a batch's
units on one printer; it is resumable: ``done_count`` says how far it got, committed with
the units' ``print_record`` rows. A unit's first print has ``print_no`` 1; a reprint takes
the next number and must give a reason (a CHECK), so (token, print_no) being unique means
two stations cannot both make "the first print" of one unit.

``verify_run`` is one scan-back session on a batch (it stays open across restarts until it
is finished); ``verify_scan`` records every scan with its outcome and, when the scan named
one of the station's units, that unit and the print it was checked against.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.dbkit.types import BigKey, utcnow
from app.storage.base import Base

OUTCOMES = (
    "verified",
    "duplicate",
    "not_printed",
    "other_batch",
    "unknown",
    "revoked",
    "unreadable",
)
JOB_STATUSES = ("printing", "completed", "failed", "stopped")


class LabelTemplate(Base):
    __tablename__ = "label_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    layout: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PrintJob(Base):
    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint("status IN ('printing', 'completed', 'failed', 'stopped')", name="status"),
        CheckConstraint("NOT reprint OR reason IS NOT NULL", name="reprint_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"), index=True)
    printer: Mapped[str] = mapped_column(String(300))
    backend: Mapped[str] = mapped_column(String(10))  # "system" or "zpl"
    template_name: Mapped[str] = mapped_column(String(100))
    first_unit: Mapped[int] = mapped_column(Integer)  # 0-based position in the batch
    unit_count: Mapped[int] = mapped_column(Integer)
    done_count: Mapped[int] = mapped_column(Integer, default=0)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    station: Mapped[str] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class PrintRecord(Base):
    __tablename__ = "print_record"
    __table_args__ = (
        UniqueConstraint("token_key", "print_no"),
        CheckConstraint("print_no = 1 OR reason IS NOT NULL", name="reprint_has_reason"),
        Index("ix_print_record_batch_id", "batch_id", "token_key"),
    )

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    token_key: Mapped[int] = mapped_column(BigInteger, ForeignKey("token.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    job_id: Mapped[int] = mapped_column(ForeignKey("print_job.id"))
    print_no: Mapped[int] = mapped_column(Integer)
    printer: Mapped[str] = mapped_column(String(300))
    template_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class VerifyRun(Base):
    __tablename__ = "verify_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"), index=True)
    station: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class VerifyScan(Base):
    __tablename__ = "verify_scan"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('verified', 'duplicate', 'not_printed', 'other_batch', 'unknown',"
            " 'revoked', 'unreadable')",
            name="outcome",
        ),
        Index("ix_verify_scan_run_id", "run_id", "outcome"),
        Index("ix_verify_scan_token_key", "token_key", "outcome"),
    )

    id: Mapped[int] = mapped_column(BigKey, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("verify_run.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("mint_batch.id"))
    token_key: Mapped[int | None] = mapped_column(BigInteger)  # no FK: other batches' units too
    print_no: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    scanned: Mapped[str] = mapped_column(String(500))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
