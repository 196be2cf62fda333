"""Scan telemetry: recorded by the scan path in memory, written in batches by one thread.

A scan costs the scan path one deque append; every ``interval`` seconds the writer thread
inserts the queued scans in one transaction and records the key range as one feed seq: the
table is append-only, and the counts stations pull are counted from it (see ``feed.page``). At
shutdown the buffer is written out.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

from app.resolver import feed
from app.resolver.db import ResolverDatabase

log = logging.getLogger(__name__)
MAX_BUFFER = 200_000
MAX_FLUSH = 20_000


@dataclass(frozen=True, slots=True)
class ScanRecord:
    at: float  # Unix seconds
    token_id: str | None
    batch_id: int | None
    batch_uid: str | None
    sku: str | None
    ip_prefix: str | None
    country: str | None
    user_agent: str
    language: str | None


class TelemetryWriter:
    def __init__(self, db: ResolverDatabase, interval: float = 0.2) -> None:
        self.db = db
        self.interval = interval
        self._queue: deque[ScanRecord] = deque()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._writing = threading.Lock()  # flush() returns only once in-flight scans are written
        self.dropped = 0

    def record(self, scan: ScanRecord) -> None:
        if len(self._queue) >= MAX_BUFFER:
            self.dropped += 1
            return
        self._queue.append(scan)

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
            return self._flush()

    def _flush(self) -> int:
        written = 0
        while self._queue:
            batch: list[ScanRecord] = []
            while self._queue and len(batch) < MAX_FLUSH:
                batch.append(self._queue.popleft())
            try:
                self._write(batch)
            except Exception:
                self._queue.extendleft(reversed(batch))
                raise
            written += len(batch)
        return written

    def _write(self, scans: list[ScanRecord]) -> None:
        """One append-only insert, stamped with one feed seq (counts are derived on pull)."""
        with self.db.write(durable=False) as conn:
            seq = feed.reserve(conn, 1)  # also serialises writers: keys grow with seqs
            after = conn.exec_driver_sql(LAST_ID).scalar_one()
            conn.exec_driver_sql(
                feed.driver_sql(conn, INSERT_SCAN),
                [
                    (s.at, s.token_id, s.batch_id, s.sku, s.ip_prefix, s.country, s.user_agent,
                     s.language)
                    for s in scans
                ],
            )  # fmt: skip
            last = conn.exec_driver_sql(LAST_ID).scalar_one()
            conn.exec_driver_sql(
                feed.driver_sql(conn, INSERT_FLUSH), (seq, after, last, len(scans))
            )


LAST_ID = "SELECT coalesce(max(id), 0) FROM scan"
INSERT_FLUSH = "INSERT INTO scan_flush (seq, after_id, last_id, count) VALUES (?, ?, ?, ?)"
INSERT_SCAN = (
    "INSERT INTO scan (at, token_id, batch_id, sku, ip_prefix, country, user_agent, language)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
