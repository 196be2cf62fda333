"""Bulk token inserts through the driver, the hot path of minting.

Rows go in through ``app.dbkit.bulk`` (``ON CONFLICT DO NOTHING`` on SQLite, ``COPY`` into a
staging table on PostgreSQL), so a serial that collides with one already minted, by another
batch or another station at the same moment, is skipped instead of aborting the
transaction. The caller then sees which units are missing and regenerates
their serials; the unique (serial, GTIN) index is what guarantees no duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from app.dbkit.bulk import driver_value, insert_ignoring_conflicts
from app.storage.models import Token

COLUMNS = ("id", "batch_id", "lot_id", "gtin", "serial", "status", "created_at", "activated_at")
TokenRow = tuple[int, int, int | None, str | None, str | None, str, Any, Any]


def db_timestamp(conn: Connection, value: datetime) -> Any:
    """``value`` as the driver stores it in the token table, processed once per cycle."""
    return driver_value(conn, Token.__table__.c.created_at, value)


def insert_rows(conn: Connection, rows: Sequence[TokenRow]) -> None:
    insert_ignoring_conflicts(conn, "token", COLUMNS, rows)


def present_ids(conn: Connection, first: int, last: int) -> set[int]:
    result = conn.execute(
        text("SELECT id FROM token WHERE id BETWEEN :a AND :b"), {"a": first, "b": last}
    )
    return {row[0] for row in result}


def count_range(conn: Connection, first: int, last: int) -> int:
    result = conn.execute(
        text("SELECT count(*) FROM token WHERE id BETWEEN :a AND :b"), {"a": first, "b": last}
    )
    return int(result.scalar_one())
