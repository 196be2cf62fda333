"""Read-side queries on encoding: a token's history (for the token preview) and progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.encoding_models import EncodingRecord


@dataclass(frozen=True)
class EncodingView:
    id: int
    at: datetime
    kind: str
    result: str
    device: str
    station: str
    tag_uid: str | None
    epc_hex: str | None
    reason: str | None
    encoding_no: int | None


def encoding_history(session: Session, token_key: int) -> list[EncodingView]:
    """Every encode attempt of one token, oldest first: NFC and RFID, ok, failed and VOID."""
    rows = session.execute(
        select(EncodingRecord)
        .where(EncodingRecord.token_key == token_key)
        .order_by(EncodingRecord.at, EncodingRecord.id)
    ).scalars()
    return [
        EncodingView(
            id=row.id,
            at=row.at,
            kind=row.kind,
            result=row.result,
            device=row.device,
            station=row.station,
            tag_uid=row.tag_uid,
            epc_hex=row.epc_hex,
            reason=row.reason,
            encoding_no=row.encoding_no,
        )
        for row in rows
    ]


def encoded_count(
    session: Session,
    batch_id: int,
    kind: str,
    first_key: int | None = None,
    last_key: int | None = None,
) -> int:
    """Units of a batch (optionally a key range of it) encoded at least once for ``kind``."""
    stmt = select(func.count(func.distinct(EncodingRecord.token_key))).where(
        EncodingRecord.batch_id == batch_id,
        EncodingRecord.kind == kind,
        EncodingRecord.result == "ok",
    )
    if first_key is not None:
        stmt = stmt.where(EncodingRecord.token_key >= first_key)
    if last_key is not None:
        stmt = stmt.where(EncodingRecord.token_key <= last_key)
    return int(session.execute(stmt).scalar_one())


def last_encoding(session: Session, token_key: int, kind: str) -> EncodingView | None:
    """The token's latest successful encoding of this kind, if any."""
    for view in reversed(encoding_history(session, token_key)):
        if view.kind == kind and view.result == "ok":
            return view
    return None


def encoded_keys(session: Session, batch_id: int, kind: str, keys: list[int]) -> set[int]:
    """Which of ``keys`` (tokens of one batch) are encoded for ``kind``."""
    if not keys:
        return set()
    stmt = select(EncodingRecord.token_key).where(
        EncodingRecord.batch_id == batch_id,
        EncodingRecord.kind == kind,
        EncodingRecord.result == "ok",
        EncodingRecord.token_key.in_(keys),
    )
    return set(session.execute(stmt).scalars())
