"""Tokens pushed by a station, in bulk: ids derived from the batch, rows in one statement.

A chunk names its batch and its sequence range; the token ids are `token_ids(batch, seq,
n)` (the station derives them the same way), so only serials and statuses travel. Rows go
in with ``ON CONFLICT DO NOTHING`` (a re-sent chunk changes nothing); then the chunk's id
range is counted, and a shortfall that is not a re-send is a serial collision, refused.
Revocations that arrived before their tokens are applied last: revoked wins.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, text, update

from app.core.ids import token_ids
from app.core.states import ActivationMode, TokenStatus
from app.dbkit.bulk import driver_value, insert_ignoring_conflicts
from app.resolver.models import Batch, Lot, Revocation, Token
from app.resolver.schemas import TokensMintedPayload

COLUMNS = ("id", "batch_id", "lot_id", "gtin", "serial", "status", "activated_at")
_STATUS = {"m": TokenStatus.MINTED.value, "a": TokenStatus.ACTIVE.value, "r": "revoked"}


class IngestError(Exception):
    """A message that cannot be applied; the station keeps it and shows the reason."""


def insert_tokens(conn: Connection, payload: TokensMintedPayload, now: datetime) -> None:
    batch = conn.execute(
        select(
            Batch.id, Batch.gtin, Batch.activation_mode, Batch.quantity, Batch.identity_mode
        ).where(Batch.uid == payload.batch)
    ).first()
    if batch is None:
        raise IngestError(f"batch {payload.batch} is not known yet (push batch.created first)")
    count = payload.count
    if payload.first_seq + count > batch.quantity:
        raise IngestError("the chunk goes past the batch's quantity")
    if payload.serials is not None and len(payload.serials) != count:
        raise IngestError(f"{len(payload.serials)} serials for {count} tokens")
    if payload.statuses is not None and len(payload.statuses) != count:
        raise IngestError(f"{len(payload.statuses)} statuses for {count} tokens")
    ids = token_ids(payload.batch, payload.first_seq, count)
    lot_ids = _lot_ids(conn, batch.id, payload.first_seq, count)
    default = "a" if batch.activation_mode == ActivationMode.AT_MINT else "m"
    codes = payload.statuses or default * count
    stamp = driver_value(conn, Token.__table__.c.activated_at, now)
    serials: list[str | None] = list(payload.serials) if payload.serials else [None] * count
    rows = [
        (ids[i], batch.id, lot_ids[i], batch.gtin, serials[i], _STATUS[codes[i]],
         stamp if codes[i] == "a" else None)
        for i in range(count)
    ]  # fmt: skip
    insert_ignoring_conflicts(conn, "token", COLUMNS, rows)
    present = conn.execute(
        select(func.count()).select_from(Token).where(Token.id.between(ids[0], ids[-1]))
    ).scalar_one()
    if present != count:
        raise IngestError(_collisions(conn, batch.gtin, ids, payload.serials))
    _apply_revocations(conn, ids[0], ids[-1], now)


def _lot_ids(conn: Connection, batch_id: int, first_seq: int, count: int) -> list[int | None]:
    lots = conn.execute(
        select(Lot.id, Lot.first_seq, Lot.quantity)
        .where(Lot.batch_id == batch_id)
        .order_by(Lot.first_seq)
    ).all()
    if not lots:
        return [None] * count
    starts = [lot.first_seq for lot in lots]
    out: list[int | None] = []
    for seq in range(first_seq, first_seq + count):
        i = bisect_right(starts, seq) - 1
        inside = i >= 0 and seq < lots[i].first_seq + lots[i].quantity
        out.append(lots[i].id if inside else None)
    return out


def _collisions(
    conn: Connection, gtin: str | None, ids: list[str], serials: list[str] | None
) -> str:
    present = {
        row[0]
        for row in conn.execute(
            text("SELECT id FROM token WHERE id >= :a AND id <= :b"), {"a": ids[0], "b": ids[-1]}
        )
    }
    missing = [i for i, token_id in enumerate(ids) if token_id not in present]
    if serials is None:
        return f"{len(missing)} token(s) could not be stored"
    taken = ", ".join(repr(serials[i]) for i in missing[:5])
    return f"serial(s) {taken} already belong to other tokens of GTIN {gtin}"


def _apply_revocations(conn: Connection, first: str, last: str, now: datetime) -> None:
    pending = conn.execute(
        select(Revocation.token_id, Revocation.reason, Revocation.revoked_at).where(
            Revocation.token_id.between(first, last)
        )
    ).all()
    for token_id, reason, at in pending:
        conn.execute(
            update(Token)
            .where(Token.id == token_id)
            .values(status="revoked", revoke_reason=reason, revoked_at=at or now)
        )


def revoke(conn: Connection, token_id: str, reason: str, now: datetime) -> None:
    """Record the revocation and apply it; a token not yet pushed gets it when it arrives."""
    exists = conn.execute(select(Revocation.token_id).where(Revocation.token_id == token_id))
    if exists.first() is None:
        conn.execute(insert(Revocation).values(token_id=token_id, reason=reason, revoked_at=now))
    conn.execute(
        update(Token)
        .where(Token.id == token_id)
        .values(status="revoked", revoke_reason=reason, revoked_at=now)
    )
