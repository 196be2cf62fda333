"""Bulk inserts through the driver, for the hot paths (minting, a station's token push).

Rows go in through ``INSERT ... ON CONFLICT DO NOTHING`` (SQLite, one executemany) or
``COPY`` into a temporary staging table and one set-based insert (PostgreSQL, psycopg 3), so
a row that collides with a unique key already stored is skipped instead of aborting the
transaction; the caller counts what arrived and decides what a shortfall means.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, Connection

if TYPE_CHECKING:
    import psycopg


def insert_ignoring_conflicts(
    conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (driver-ready values in ``columns`` order) into ``table``, skipping
    any that conflict with a unique key."""
    if not rows:
        return
    cols = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, table, cols, rows)
        return
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    conn.exec_driver_sql(sql, list(rows))


def _copy_postgres(conn: Connection, table: str, cols: str, rows: Sequence[Sequence[Any]]) -> None:
    stage = f"{table}_stage"
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {stage}"
        f" (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
    )
    conn.exec_driver_sql(f"TRUNCATE {stage}")
    raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
    with raw.cursor() as cursor, cursor.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    conn.exec_driver_sql(
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} ON CONFLICT DO NOTHING"
    )


def driver_value(conn: Connection, column: ColumnElement[Any], value: Any) -> Any:
    """``value`` as the driver stores it in ``column``: process once, reuse for many rows."""
    processor = column.type.bind_processor(conn.dialect)
    return processor(value) if processor else value
