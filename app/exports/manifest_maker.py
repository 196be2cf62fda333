"""Manifest packs made ahead of the writer, in order, on every core there is.

Reading a pack's 10,000 rows and turning them into CSV is CPU work in Python; writing and
fsyncing it is mostly waiting. So packs are made a few steps ahead of the caller, each
written and fsynced under its temporary name (``files.PreparedFile``) by whoever made it;
the caller then takes them strictly in order, moves each into place and records it. Makers:

- a thread of this process, always: it makes pack k + 1 while the caller records pack k;
- for a SQLite station database (a file any process can open) and a long export on two or
  more cores, also helper processes, one per idle core beside this process's (``spawn``:
  safe beside Qt threads), once they have started. They hand back only a file name and its
  digest, never the bytes: a megabyte through a pipe costs the receiver many GIL hand-overs.

At most ``MAX_AHEAD`` packs wait unpublished, so disk and memory use stay flat; who made a
pack never changes its bytes. Prepared packs nobody took (a cancel, a failure) are deleted.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import MintStationError
from app.exports.files import PackWriter, PreparedFile
from app.exports.kinds import ExportKind
from app.exports.manifests import manifest_bytes
from app.exports.process_pool import spawn_pool
from app.exports.units import BatchPlan

if TYPE_CHECKING:  # helper processes import this module: keep SQLAlchemy out of it
    from app.storage.db import Database

__all__ = ["HELPERS", "HELPER_MIN_PACKS", "MAX_AHEAD", "ManifestJob", "ManifestMaker"]

HELPERS: int | None = None  # default: one per core beyond this process's, at most 3
HELPER_MIN_PACKS = 8  # fewer packs do not pay for starting the helpers
MAX_AHEAD = 3

_helper_conn: sqlite3.Connection | None = None


@dataclass(frozen=True)
class ManifestJob:
    """Everything a process needs to make one manifest pack."""

    plan: BatchPlan
    kind: ExportKind
    company_prefix_length: int | None
    index: int
    first_unit: int
    unit_count: int
    path: Path


def _ping() -> bool:
    return True


def _prepare(raw: Any, paramstyle: str, job: ManifestJob) -> PreparedFile:
    data = manifest_bytes(
        raw,
        paramstyle,
        job.plan,
        job.kind,
        job.first_unit,
        job.unit_count,
        job.company_prefix_length,
    )
    with PackWriter(job.path) as sink:
        sink.write(data)
        return sink.prepare()


def _helper_prepare(db_path: str, job: ManifestJob) -> PreparedFile:
    """Runs in a helper process, on its own connection to the station database."""
    global _helper_conn  # noqa: PLW0603 - one connection per helper process
    if _helper_conn is None:
        _helper_conn = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    try:
        return _prepare(_helper_conn, "qmark", job)
    except MintStationError as exc:  # subclasses with extra arguments do not unpickle
        raise MintStationError(str(exc)) from None


def _spare_cores() -> int:
    """Cores not busy now (this process counts as busy), at most 3.

    Helpers only pay off on idle cores: on a machine already loaded they compete with this
    process and slow the export down, so the 1-minute load average decides.
    """
    cores = os.cpu_count() or 1
    try:
        busy = max(1.0, os.getloadavg()[0])
    except (AttributeError, OSError):  # pragma: no cover - no load average (Windows)
        busy = 1.0
    return max(0, min(3, int(cores - busy + 0.5)))


def _sqlite_file(db: Database) -> str | None:
    if not db.is_sqlite:
        return None
    name = db.engine.url.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return str(Path(name).resolve())


class ManifestMaker:
    """Gives the prepared files of the given packs in order; close it to stop its makers."""

    def __init__(self, db: Database, jobs: list[ManifestJob], *, helpers: int | None = None):
        self.db = db
        self._unassigned = deque(jobs)
        self._ahead: dict[int, Future[PreparedFile]] = {}
        self._db_path = _sqlite_file(db)
        spare = _spare_cores() if HELPERS is None else HELPERS
        wanted = spare if len(jobs) >= HELPER_MIN_PACKS else 0
        count = (wanted if helpers is None else helpers) if self._db_path else 0
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manifest")
        self._thread_job: Future[PreparedFile] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._warm: list[Future[bool]] = []
        self._helper_jobs: list[Future[PreparedFile]] = []
        self.made_by_helpers = 0
        if count:
            self._pool = spawn_pool(count)
            # Start the helpers now; the thread makes packs until they answer.
            self._warm = [self._pool.submit(_ping) for _ in range(count)]

    def _local(self, job: ManifestJob) -> PreparedFile:
        with self.db.engine.connect() as conn:
            return _prepare(conn.connection.dbapi_connection, conn.dialect.paramstyle, job)

    def _submit(self, job: ManifestJob) -> Future[PreparedFile] | None:
        """The pack to an idle helper process, else to the idle thread, else None."""
        if self._pool is not None and self._db_path is not None:
            self._helper_jobs = [f for f in self._helper_jobs if not f.done()]
            if sum(f.done() for f in self._warm) > len(self._helper_jobs):
                future = self._pool.submit(_helper_prepare, self._db_path, job)
                self._helper_jobs.append(future)
                self.made_by_helpers += 1
                return future
        if self._thread_job is None or self._thread_job.done():
            self._thread_job = self._thread.submit(self._local, job)
            return self._thread_job
        return None

    def _feed(self) -> None:
        """Keep the makers busy on the next packs, at most MAX_AHEAD waiting."""
        while self._unassigned and len(self._ahead) < MAX_AHEAD:
            future = self._submit(self._unassigned[0])
            if future is None:
                return
            self._ahead[self._unassigned.popleft().index] = future

    def take(self, index: int) -> PreparedFile:
        """Pack ``index``, the next in order, written and fsynced under its temporary name."""
        self._feed()
        future = self._ahead.pop(index)  # packs are handed out and taken in order
        prepared = future.result()
        self._feed()  # the next packs get made while the caller publishes this one
        return prepared

    def close(self) -> None:
        """Stop the makers and delete what they prepared that nobody took."""
        for future in self._ahead.values():
            future.cancel()
        self._thread.shutdown(wait=True)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for future in self._ahead.values():
            if future.done() and not future.cancelled() and future.exception() is None:
                future.result().discard()
        self._ahead.clear()

    def __enter__(self) -> ManifestMaker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
