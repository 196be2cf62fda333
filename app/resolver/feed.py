"""The feed stations pull: activations from ``change``, scan counts from ``scan``.

Each activation and each telemetry write (``scan_flush``, naming the scan keys it added)
carries a ``seq`` handed out under the ``counter`` row lock, so seqs commit in order and a
reader that has seen seq N never later finds a row below N appear. A page covers whole seqs
up to a row budget; the scan counts in it are what its scans add up to per token and per
batch (deltas: the station applies a page and its cursor in one transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from app.resolver.models import FEED, Change, Counter

TOKEN_ACTIVATED = "token.activated"
LOT_ACTIVATED = "lot.activated"
TOKEN_SCANS = "token.scans"
BATCH_SCANS = "batch.scans"
UNKNOWN_SCANS = "unknown.scans"  # scans of lots/serials the brand never registered (walk-up)


def driver_sql(conn: Connection, sql: str) -> str:
    """``?`` placeholders as the driver wants them (psycopg: ``%s``)."""
    return sql.replace("?", "%s") if conn.dialect.paramstyle in ("format", "pyformat") else sql


def reserve(conn: Connection, count: int) -> int:
    """Take ``count`` seqs under the counter's row lock; returns the first."""
    last = conn.execute(
        select(Counter.value).where(Counter.name == FEED).with_for_update()
    ).scalar_one()
    conn.execute(update(Counter).where(Counter.name == FEED).values(value=last + count))
    return int(last) + 1


def append(conn: Connection, at: datetime, rows: Sequence[dict[str, Any]]) -> None:
    """Add change rows (kind, token_id, batch_uid, lot) in the caller's transaction."""
    if not rows:
        return
    first = reserve(conn, len(rows))
    processor = Change.__table__.c.at.type.bind_processor(conn.dialect)
    stamp = processor(at) if processor else at
    values = [
        (first + i, stamp, r["kind"], r.get("token_id"), r.get("batch_uid"), r.get("lot"))
        for i, r in enumerate(rows)
    ]
    sql = "INSERT INTO change (seq, at, kind, token_id, batch_uid, lot) VALUES (?, ?, ?, ?, ?, ?)"
    conn.exec_driver_sql(driver_sql(conn, sql), values)


def _upto(conn: Connection, cursor: int, budget: int) -> tuple[int, bool]:
    """The last seq of a page starting after ``cursor`` of about ``budget`` rows, and whether
    more follow."""
    sizes: dict[int, int] = {}
    queries = (
        "SELECT seq, 1 FROM change WHERE seq > ? ORDER BY seq LIMIT ?",
        "SELECT seq, count FROM scan_flush WHERE seq > ? ORDER BY seq LIMIT ?",
    )
    for sql in queries:
        for seq, n in conn.exec_driver_sql(driver_sql(conn, sql), (cursor, budget + 1)):
            sizes[seq] = n
    if not sizes:
        return cursor, False
    upto, rows = cursor, 0
    ordered = sorted(sizes)
    for seq in ordered:
        if rows and rows + sizes[seq] > budget:
            return upto, True
        upto, rows = seq, rows + sizes[seq]
    return upto, len(ordered) > budget


def page(conn: Connection, cursor: int, budget: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Changes after ``cursor``: (rows, new cursor, more to come)."""
    upto, more = _upto(conn, cursor, budget)
    if upto == cursor:
        return [], cursor, False
    window = (cursor, upto)
    out: list[dict[str, Any]] = [
        dict(row)
        for row in conn.execute(
            select(
                Change.seq, Change.at, Change.kind, Change.token_id, Change.batch_uid, Change.lot
            )
            .where(Change.seq > cursor, Change.seq <= upto)
            .order_by(Change.seq)
        ).mappings()
    ]
    flushes = conn.exec_driver_sql(
        driver_sql(
            conn, "SELECT min(after_id), max(last_id) FROM scan_flush WHERE seq > ? AND seq <= ?"
        ),
        window,
    ).one()
    if flushes[0] is None:
        return out, upto, more
    keys = (flushes[0], flushes[1])
    token_sql = (
        "SELECT s.token_id, b.uid, count(*), max(s.at) FROM scan s"
        " JOIN batch b ON b.id = s.batch_id WHERE s.id > ? AND s.id <= ?"
        " AND s.token_id IS NOT NULL GROUP BY s.token_id, b.uid"
    )
    for token_id, uid, n, at in conn.exec_driver_sql(driver_sql(conn, token_sql), keys):
        out.append(_scans(TOKEN_SCANS, upto, at, token_id=token_id, batch_uid=uid, count=n))
    batch_sql = (
        "SELECT b.uid, count(*), max(s.at) FROM scan s JOIN batch b"
        " ON b.id = s.batch_id WHERE s.id > ? AND s.id <= ? GROUP BY b.uid"
    )
    for uid, n, at in conn.exec_driver_sql(driver_sql(conn, batch_sql), keys):
        out.append(_scans(BATCH_SCANS, upto, at, batch_uid=uid, count=n))
    unknown_sql = (
        "SELECT count(*), max(s.at) FROM scan s WHERE s.id > ? AND s.id <= ? AND s.unknown_unit"
    )
    n, at = conn.exec_driver_sql(driver_sql(conn, unknown_sql), keys).one()
    if n:
        out.append(_scans(UNKNOWN_SCANS, upto, at, count=n))
    return out, upto, more


def _scans(kind: str, seq: int, at: Any, **values: Any) -> dict[str, Any]:
    """A scan-count row; ``at`` is the page's last scan, in Unix seconds."""
    return {"seq": seq, "at": datetime.fromtimestamp(at, UTC), "kind": kind, "lot": None, **values}
