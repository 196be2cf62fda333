"""The scan path's reads: one indexed query each, straight on a DBAPI connection.

A scan costs one unique-index lookup of the token; going through the driver directly keeps
it near 10 µs on SQLite (SQLAlchemy's statement layer alone costs several times that). A
batch's and a lot's facts never change once pushed, so they are cached here instead of
joined. The reads run inline on the event loop, where they are cheaper than a hop to a
thread; a PostgreSQL round trip on the same host is ~100 µs, and more workers scale it out.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

_TOKEN = "SELECT id, status, batch_id, lot_id, serial FROM token WHERE "
TOKEN_BY_SERIAL = _TOKEN + "gtin = ? AND serial = ?"
TOKEN_BY_ID = _TOKEN + "id = ?"
BATCH = "SELECT uid, activation_mode, sku, gtin FROM batch WHERE id = ?"
LOT = "SELECT code, expiry FROM lot WHERE id = ?"
LOT_BY_CODE = (
    "SELECT l.id, l.code, l.expiry, l.activated_at IS NOT NULL, b.id, b.uid,"
    " b.activation_mode, b.sku, l.gtin FROM lot l JOIN batch b ON b.id = l.batch_id"
    " WHERE l.gtin = ? AND l.code = ? ORDER BY l.id DESC LIMIT 1"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A token as the scan path needs it."""

    token_id: str
    status: str
    lot_id: int | None
    lot: str | None
    batch_id: int
    batch_uid: str
    activation_mode: str
    sku: str
    gtin: str | None
    serial: str | None
    expiry: str | None


@dataclass(frozen=True, slots=True)
class LotRow:
    lot_id: int
    code: str
    expiry: str | None
    activated: bool
    batch_id: int
    batch_uid: str
    activation_mode: str
    sku: str
    gtin: str | None


class Lookup:
    """Reads for the scan path on one DBAPI connection per thread.

    On SQLite, starting a read transaction (WAL read locks) is about 40% of a lookup's cost,
    so reads made from an event loop share one snapshot for at most ``SNAPSHOT_S`` seconds:
    what they see may be that much older than the latest commit by another worker. A write
    in this process (a push, an activation) calls ``invalidate`` and the next read starts a
    fresh snapshot. PostgreSQL connections are autocommit: every read sees the latest data.
    """

    SNAPSHOT_S = 0.01

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self._batches: dict[int, tuple[str, str, str, str | None]] = {}
        self._lots: dict[int, tuple[str | None, str | None]] = {}
        self._generation = 0  # bumped by invalidate()
        self._closed = False

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.engine.raw_connection()
            if self.postgres:
                conn.driver_connection.autocommit = True  # type: ignore[union-attr]
            self._local.conn = conn
            self._local.snapshot = None
            with self._lock:
                self._all.append(conn)
        return conn

    def invalidate(self) -> None:
        """This process committed a change: the next read must see it (any thread)."""
        self._generation += 1

    def end_snapshot(self) -> None:
        """Close this thread's read transaction, if one is open."""
        snapshot = getattr(self._local, "snapshot", None)
        if snapshot is not None:
            self._local.snapshot = None
            if not self._closed:
                self._local.conn.driver_connection.execute("COMMIT")

    def _snapshot(self, conn: Any) -> None:
        """Start or renew the shared read transaction (SQLite, inside an event loop only)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # plain threads read in autocommit
        now = time.monotonic()
        snapshot = self._local.snapshot
        if snapshot is not None:
            started, generation = snapshot
            if now - started <= self.SNAPSHOT_S and generation == self._generation:
                return
            self.end_snapshot()
        conn.driver_connection.execute("BEGIN")
        self._local.snapshot = (now, self._generation)
        loop.call_later(self.SNAPSHOT_S, self._expire, now)

    def _expire(self, started: float) -> None:
        snapshot = getattr(self._local, "snapshot", None)
        if snapshot is not None and snapshot[0] == started:
            self.end_snapshot()  # idle: do not hold the WAL back

    def _one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        for attempt in (1, 2):
            conn = self._connection()
            try:
                if self.postgres:
                    with conn.driver_connection.cursor() as cursor:
                        cursor.execute(self._sql(sql), params)
                        row = cursor.fetchone()
                else:
                    self._snapshot(conn)
                    row = conn.driver_connection.execute(sql, params).fetchone()
                return tuple(row) if row is not None else None
            except (DBAPIError, self.engine.dialect.loaded_dbapi.Error):
                self._drop()
                if attempt == 2:
                    raise
        return None  # pragma: no cover

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        self._local.snapshot = None
        if conn is not None:
            with self._lock:
                if conn in self._all:
                    self._all.remove(conn)
            conn.invalidate()

    def unit_by_serial(self, gtin: str, serial: str) -> Unit | None:
        row = self._one(TOKEN_BY_SERIAL, (gtin, serial))
        return self.unit_from_row(row) if row else None

    def unit_by_id(self, token_id: str) -> Unit | None:
        row = self._one(TOKEN_BY_ID, (token_id,))
        return self.unit_from_row(row) if row else None

    def unit_from_row(self, row: tuple[Any, ...]) -> Unit | None:
        """A token row (id, status, batch id, lot id, serial) with its batch and lot facts."""
        token_id, status, batch_id, lot_id, serial = row
        batch = self._batch(batch_id)
        if batch is None:
            return None
        uid, activation_mode, sku, gtin = batch
        lot, expiry = self._lot(lot_id) if lot_id is not None else (None, None)
        return Unit(
            token_id, status, lot_id, lot, batch_id, uid, activation_mode, sku, gtin, serial, expiry
        )

    def _batch(self, batch_id: int) -> tuple[str, str, str, str | None] | None:
        """A batch's fixed facts (uid, activation mode, SKU, GTIN), cached: they never change."""
        found = self._batches.get(batch_id)
        if found is None:
            row = self._one(BATCH, (batch_id,))
            if row is None:
                return None
            found = self._batches[batch_id] = (row[0], row[1], row[2], row[3])
        return found

    def _lot(self, lot_id: int) -> tuple[str | None, str | None]:
        found = self._lots.get(lot_id)
        if found is None:
            row = self._one(LOT, (lot_id,))
            found = (row[0], row[1]) if row else (None, None)
            self._lots[lot_id] = found
        return found

    def lot(self, gtin: str, code: str) -> LotRow | None:
        row = self._one(LOT_BY_CODE, (gtin, code))
        return LotRow(row[0], row[1], row[2], bool(row[3]), *row[4:]) if row else None

    def close(self) -> None:
        self._closed = True
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
