"""Claims: a station takes a unit before putting it on a tag, so no two stations write it.

The next units of a job are the lowest keys in its range that are not revoked, have no
``ok`` record of the job's kind and are not held by another station's live claim. Taking a
claim is an ``INSERT ... ON CONFLICT DO NOTHING``: of two stations racing for one unit, one
gets it and the other moves on. A station's own claims left by a run that died are taken
back by the same station; another station's lapse after the lease.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Row, and_, delete, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.core.states import TokenStatus
from app.encoding.job import LEASE_S
from app.encoding.units import JobPlan
from app.storage.encoding_models import EncodingClaim, EncodingRecord
from app.storage.models import Token

UnitRow = Row[int, str | None, str | None, int | None]  # id, gtin, serial, lot_id


def _lease(now: datetime) -> datetime:
    return now + timedelta(seconds=LEASE_S)


def next_units(
    session: Session,
    plan: JobPlan,
    station: str,
    *,
    after_key: int,
    limit: int,
    now: datetime,
) -> list[UnitRow]:
    """Claim up to ``limit`` units after ``after_key``, in key order (two statements)."""
    encoded = exists().where(
        EncodingRecord.token_key == Token.id,
        EncodingRecord.kind == plan.kind,
        EncodingRecord.result == "ok",
    )
    held = exists().where(
        EncodingClaim.token_key == Token.id,
        EncodingClaim.kind == plan.kind,
        EncodingClaim.station != station,
        EncodingClaim.expires_at > now,
    )
    stmt = (
        select(Token.id, Token.gtin, Token.serial, Token.lot_id)
        .where(
            Token.id > after_key,
            Token.id.between(plan.first_key, plan.last_key),
            Token.status != TokenStatus.REVOKED,
            ~held,
        )
        .order_by(Token.id)
        .limit(limit)
    )
    stmt = stmt.where(Token.id.in_(plan.reencode)) if plan.reencode else stmt.where(~encoded)
    rows: list[UnitRow] = list(session.execute(stmt).all())
    if not rows:
        return []
    taken = _take(session, plan, station, [row.id for row in rows], now)
    return [row for row in rows if row.id in taken]


def _take(
    session: Session, plan: JobPlan, station: str, keys: list[int], now: datetime
) -> set[int]:
    """Insert claims; take over our own and lapsed ones; the keys we now hold."""
    values = [
        {
            "token_key": key,
            "kind": plan.kind,
            "batch_id": plan.batch_id,
            "station": station,
            "claimed_at": now,
            "expires_at": _lease(now),
        }
        for key in keys
    ]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(EncodingClaim).values(values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[EncodingClaim.token_key, EncodingClaim.kind],
        set_={
            "station": stmt.excluded.station,
            "batch_id": stmt.excluded.batch_id,
            "claimed_at": stmt.excluded.claimed_at,
            "expires_at": stmt.excluded.expires_at,
        },
        where=or_(
            EncodingClaim.station == stmt.excluded.station,
            EncodingClaim.expires_at <= stmt.excluded.claimed_at,
        ),
    )
    return set(session.execute(stmt.returning(EncodingClaim.token_key)).scalars())


def release(session: Session, station: str, kind: str, keys: list[int]) -> None:
    if keys:
        session.execute(
            delete(EncodingClaim).where(
                EncodingClaim.station == station,
                EncodingClaim.kind == kind,
                EncodingClaim.token_key.in_(keys),
            )
        )


def renew(session: Session, station: str, kind: str, keys: list[int], now: datetime) -> None:
    if keys:
        session.execute(
            update(EncodingClaim)
            .where(
                EncodingClaim.station == station,
                EncodingClaim.kind == kind,
                EncodingClaim.token_key.in_(keys),
            )
            .values(expires_at=_lease(now))
        )


def own_claims(session: Session, plan: JobPlan, station: str) -> list[int]:
    """Units this station held when an earlier run ended without letting go (it died)."""
    stmt = (
        select(EncodingClaim.token_key)
        .where(
            and_(
                EncodingClaim.station == station,
                EncodingClaim.kind == plan.kind,
                EncodingClaim.token_key.between(plan.first_key, plan.last_key),
            )
        )
        .order_by(EncodingClaim.token_key)
    )
    return list(session.execute(stmt).scalars())
