"""Bulk token inserts through the driver, the hot path of minting.

Rows go in through ``INSERT ... ON CONFLICT DO NOTHING`` (SQLite) or ``COPY`` into a staging
table and one set-based insert (PostgreSQL), so a serial that collides with one already
minted, by another batch or another station at the same moment, is skipped instead of
aborting the transaction. The caller then sees which units are missing and regenerates
their serials; the unique (serial, GTIN) index is what guarantees no duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, text

from app.storage.models import Token

if TYPE_CHECKING:
    import psycopg

COLUMNS = ("id", "batch_id", "lot_id", "gtin", "serial", "status", "created_at", "activated_at")
TokenRow = tuple[int, int, int | None, str | None, str | None, str, Any, Any]
_COLS = ", ".join(COLUMNS)


def db_timestamp(conn: Connection, value: datetime) -> Any:
    """``value`` as the driver stores it in the token table, processed once per cycle."""
    processor = Token.__table__.c.created_at.type.bind_processor(conn.dialect)
    return processor(value) if processor else value


def insert_rows(conn: Connection, rows: Sequence[TokenRow]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, rows)
    else:
        marks = ", ".join("?" * len(COLUMNS))
        sql = f"INSERT INTO token ({_COLS}) VALUES ({marks}) ON CONFLICT DO NOTHING"
        conn.exec_driver_sql(sql, list(rows))


def _copy_postgres(conn: Connection, rows: Sequence[TokenRow]) -> None:
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS token_stage"
        " (LIKE token INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
    )
    conn.exec_driver_sql("TRUNCATE token_stage")
    raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
    with raw.cursor() as cursor, cursor.copy(f"COPY token_stage ({_COLS}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    conn.exec_driver_sql(
        f"INSERT INTO token ({_COLS}) SELECT {_COLS} FROM token_stage ON CONFLICT DO NOTHING"
    )


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
