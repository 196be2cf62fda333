"""Scan telemetry: recorded by the scan path in memory, written in batches by one thread.

A scan costs the scan path one list append; every ``interval`` seconds the writer thread
inserts the queued scans in one transaction and records the key range as one feed seq: the
table is append-only, and the counts stations pull are counted from it (see ``feed.page``). At
shutdown the buffer is written out.

On PostgreSQL the rows go in with ``COPY ... FROM STDIN``: profiled under load, the
``executemany`` of a batch held the interpreter (and so the scan path) about 12 % of the time;
COPY sends the batch as one stream. Nothing is lost but what a crash leaves in the buffer
(at most ``interval`` seconds of scans per process).
"""

from __future__ import annotations

import logging
import threading
from typing import Any, NamedTuple

from app.resolver import feed
from app.resolver.db import ResolverDatabase

log = logging.getLogger(__name__)
MAX_BUFFER = 200_000
MAX_FLUSH = 20_000


class ScanRecord(NamedTuple):
    """One scan, in the column order of the insert (a tuple goes to the driver as it is)."""

    at: float  # Unix seconds
    token_id: str | None
    batch_id: int | None
    sku: str | None
    ip_prefix: str | None
    country: str | None
    user_agent: str
    language: str | None
    unknown_unit: bool = False  # a lot or serial the brand never registered (walk-up)


class TelemetryWriter:
    def __init__(self, db: ResolverDatabase, interval: float = 0.2) -> None:
        self.db = db
        self.interval = interval
        self._buffer: list[ScanRecord] = []
        self._buffer_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._writing = threading.Lock()  # flush() returns only once in-flight scans are written
        self.dropped = 0

    def record(self, scan: ScanRecord) -> None:
        with self._buffer_lock:
            if len(self._buffer) < MAX_BUFFER:
                self._buffer.append(scan)
                return
        self.dropped += 1

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="resolver-telemetry")
            self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.flush()
            except Exception:  # keep the thread alive; the scans stay queued for the next try
                log.exception("telemetry flush failed")

    def flush(self) -> int:
        """Write out what is queued (and wait for a write under way); returns how many."""
        with self._writing:
            with self._buffer_lock:
                scans, self._buffer = self._buffer, []
            for start in range(0, len(scans), MAX_FLUSH):
                try:
                    self._write(scans[start : start + MAX_FLUSH])
                except Exception:
                    with self._buffer_lock:
                        self._buffer[:0] = scans[start:]  # back in front, for the next try
                    raise
            return len(scans)

    def _write(self, scans: list[ScanRecord]) -> None:
        """One append-only insert; its key range becomes one feed seq (counts come on pull)."""
        with self.db.write(durable=False) as conn:
            seq = feed.reserve(conn, 1)  # also serialises writers: keys grow with seqs
            after = conn.exec_driver_sql(LAST_ID).scalar_one()
            if conn.dialect.name == "postgresql":
                raw: Any = conn.connection.driver_connection
                with raw.cursor() as cursor, cursor.copy(COPY_SCAN) as copy:
                    for scan in scans:
                        copy.write_row(scan)
            else:
                conn.exec_driver_sql(feed.driver_sql(conn, INSERT_SCAN), scans)
            last = conn.exec_driver_sql(LAST_ID).scalar_one()
            conn.exec_driver_sql(
                feed.driver_sql(conn, INSERT_FLUSH), (seq, after, last, len(scans))
            )


LAST_ID = "SELECT coalesce(max(id), 0) FROM scan"
INSERT_FLUSH = "INSERT INTO scan_flush (seq, after_id, last_id, count) VALUES (?, ?, ?, ?)"
COPY_SCAN = (
    "COPY scan (at, token_id, batch_id, sku, ip_prefix, country, user_agent, language,"
    " unknown_unit) FROM STDIN"
)
INSERT_SCAN = (
    "INSERT INTO scan (at, token_id, batch_id, sku, ip_prefix, country, user_agent, language,"
    " unknown_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
