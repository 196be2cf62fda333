"""Scan-back verification: classify every scan of a printed batch and record it per unit.

A scan is what a scanner types: a Digital Link URL (plain or compressed), a ``/t/`` token
URL, or a GS1 element string. Outcomes, checked in this order:

- ``unreadable``: not a code the station can read;
- ``unknown``: it names no unit of this station (or no unit at all, like a bare GTIN);
- ``other_batch``: a unit of another batch;
- ``revoked``: a unit of this batch that was revoked;
- ``not_printed``: a unit of this batch with no print record;
- ``duplicate``: its current print was verified already: a second label with one code;
- ``verified``: the first good read of the unit's current print.

A run belongs to a batch and stays open until it is finished, so a station that restarts
(or a CLI run that ends) continues it; counts are per run, the never-verified list per batch.
``scan_many`` classifies and records a group of scans in one transaction (the scans that
arrived while the previous group was committing), which keeps up with any scanner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.core.digital_link import ParsedLink, parse_scan
from app.core.dl_compression import decompress_dl_uri, is_compressed_dl_uri
from app.core.errors import MintStationError, NotFoundError
from app.core.states import TokenStatus
from app.dbkit.types import utcnow
from app.printing.jobs import station_name
from app.printing.units import BatchInfo, load_batch
from app.storage import audit
from app.storage.db import Database
from app.storage.models import MintBatch, Token
from app.storage.printing_models import OUTCOMES, PrintRecord, VerifyRun, VerifyScan
from app.storage.queries import token_key

__all__ = ["OUTCOMES", "ScanResult", "UnverifiedUnit", "Verifier"]

MAX_SCAN = 500
_TOKEN_BY_SERIAL = "SELECT id, batch_id, status FROM token WHERE serial = ? AND gtin = ?"
_LAST_PRINT = "SELECT max(print_no) FROM print_record WHERE token_key = ?"
_VERIFIED = (
    "SELECT 1 FROM verify_scan WHERE token_key = ? AND outcome = 'verified' AND print_no = ?"
    " LIMIT 1"
)


@dataclass(frozen=True)
class ScanResult:
    outcome: str
    scanned: str
    unit: int | None  # 1-based position in this batch
    serial: str | None
    detail: str
    at: datetime

    @property
    def ok(self) -> bool:
        return self.outcome == "verified"


@dataclass(frozen=True)
class UnverifiedUnit:
    unit: int  # 1-based
    serial: str | None
    prints: int


@dataclass(frozen=True)
class _Found:
    key: int | None
    batch_id: int | None
    status: str | None
    serial: str | None


class Verifier:
    """One verify run on one batch; open it once, feed it scans from one thread."""

    def __init__(
        self,
        db: Database,
        batch_ref: str | int,
        *,
        station: str | None = None,
        new_run: bool = False,
    ) -> None:
        self.db = db
        self.station = (station or station_name())[:200]
        with db.write() as session:
            self.batch: BatchInfo = load_batch(session, batch_ref)
            run = session.execute(
                select(VerifyRun)
                .where(VerifyRun.batch_id == self.batch.id, VerifyRun.finished_at.is_(None))
                .order_by(VerifyRun.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if run is not None and new_run:
                run.finished_at = utcnow()
                run = None
            self.resumed = run is not None
            if run is None:
                run = VerifyRun(batch_id=self.batch.id, station=self.station)
                session.add(run)
                session.flush()
                audit.append(session, "verify_run", run.id, "started", {"batch": self.batch.uid})
            self.run_id = run.id
            self.started_at = run.started_at
        self._batch_uids: dict[int, str] = {}
        self._pyformat = db.engine.dialect.paramstyle != "qmark"
        self._cursor: Any = None

    # -- classification ------------------------------------------------------------------------

    def _parse(self, text: str) -> ParsedLink:
        body = text.strip()
        if is_compressed_dl_uri(body):
            body = decompress_dl_uri(body)
        return parse_scan(body)

    def _find(self, session: Session, link: ParsedLink) -> _Found:
        if link.token_id is not None:
            try:
                key = token_key(session, link.token_id)
            except NotFoundError:
                return _Found(None, None, None, None)
            found = session.execute(
                select(Token.batch_id, Token.status, Token.serial).where(Token.id == key)
            ).one_or_none()
            if found is None:
                return _Found(None, None, None, None)
            return _Found(key, found[0], found[1], found[2])
        if link.gtin is None or link.serial is None:
            return _Found(None, None, None, None)
        row = self._first(session, _TOKEN_BY_SERIAL, (link.serial, link.gtin))
        return (
            _Found(row[0], row[1], row[2], link.serial) if row else _Found(None, None, None, None)
        )

    def _first(self, session: Session, sql: str, params: tuple[object, ...]) -> Any:
        """One row of a plain SQL statement on the transaction's own DBAPI cursor: the hot
        path skips SQLAlchemy's statement building and result objects, which cost several
        times the query itself (about 250 scans/s with them)."""
        if self._pyformat:
            sql = sql.replace("?", "%s")
        cursor = self._cursor
        if cursor is None:
            cursor = self._cursor = session.connection().connection.cursor()
        cursor.execute(sql, params)
        return cursor.fetchone()

    def _other_uid(self, session: Session, batch_id: int) -> str:
        if batch_id not in self._batch_uids:
            uid = session.execute(select(MintBatch.uid).where(MintBatch.id == batch_id)).scalar()
            self._batch_uids[batch_id] = uid or str(batch_id)
        return self._batch_uids[batch_id]

    def _classify(
        self, session: Session, text: str, verified_now: set[tuple[int, int]]
    ) -> tuple[ScanResult, dict[str, object]]:
        at = utcnow()
        try:
            link = self._parse(text)
        except MintStationError as exc:
            reason = getattr(exc, "reason", str(exc))
            return ScanResult("unreadable", text, None, None, str(reason), at), {}
        found = self._find(session, link)
        if found.key is None or found.batch_id is None:
            what = link.serial or link.token_id or link.gtin or "?"
            return ScanResult("unknown", text, None, link.serial, f"no unit {what} here", at), {}
        unit = found.key - self.batch.first_token_id + 1
        if found.batch_id != self.batch.id:
            other = self._other_uid(session, found.batch_id)
            result = ScanResult(
                "other_batch", text, None, found.serial, f"a unit of batch {other}", at
            )
            return result, {"token_key": found.key}
        row: dict[str, object] = {"token_key": found.key}
        if found.status == TokenStatus.REVOKED:
            return ScanResult("revoked", text, unit, found.serial, "this unit was revoked", at), row
        print_no = self._first(session, _LAST_PRINT, (found.key,))[0]
        if print_no is None:
            return ScanResult(
                "not_printed", text, unit, found.serial, "no print of this unit is recorded", at
            ), row
        row["print_no"] = print_no
        seen = (found.key, print_no) in verified_now or (
            self._first(session, _VERIFIED, (found.key, print_no)) is not None
        )
        if seen:
            return ScanResult(
                "duplicate",
                text,
                unit,
                found.serial,
                "this code was verified already: two labels carry it",
                at,
            ), row
        verified_now.add((found.key, print_no))
        note = f"print {print_no}" if print_no > 1 else "first print"
        return ScanResult("verified", text, unit, found.serial, note, at), row

    # -- the loop's entry points ---------------------------------------------------------------

    def scan(self, text: str) -> ScanResult:
        return self.scan_many([text])[0]

    def scan_many(self, texts: Sequence[str]) -> list[ScanResult]:
        """Classify and record these scans in one transaction, in order."""
        results: list[ScanResult] = []
        rows: list[dict[str, object]] = []
        verified_now: set[tuple[int, int]] = set()
        with self.db.write() as session:
            try:
                for text in texts:
                    clean = text.strip()[:MAX_SCAN].replace("\x00", "\ufffd")  # not in PG text
                    result, extra = self._classify(session, clean, verified_now)
                    results.append(result)
                    rows.append(
                        {
                            "run_id": self.run_id,
                            "batch_id": self.batch.id,
                            "token_key": extra.get("token_key"),
                            "print_no": extra.get("print_no"),
                            "outcome": result.outcome,
                            "scanned": clean,
                            "detail": result.detail[:500].replace("\x00", "\ufffd"),
                            "at": result.at,
                        }
                    )
            finally:
                if self._cursor is not None:
                    self._cursor.close()
                    self._cursor = None
            if rows:
                session.execute(insert(VerifyScan), rows)
        return results

    # -- figures -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Scans of this run by outcome, every outcome named (0 when none)."""
        with self.db.read() as session:
            rows = session.execute(
                select(VerifyScan.outcome, func.count())
                .where(VerifyScan.run_id == self.run_id)
                .group_by(VerifyScan.outcome)
            ).all()
        found = Counter({outcome: int(n) for outcome, n in rows})
        return {outcome: found[outcome] for outcome in OUTCOMES}

    def never_verified(self, limit: int = 1000) -> list[UnverifiedUnit]:
        """Printed units of the batch with no verified scan of their current print."""
        return never_verified(self.db, self.batch, limit=limit)

    def finish(self) -> None:
        with self.db.write() as session:
            run = session.get(VerifyRun, self.run_id)
            if run is not None and run.finished_at is None:
                run.finished_at = utcnow()
                audit.append(session, "verify_run", run.id, "finished", self.counts_in(session))

    def counts_in(self, session: Session) -> dict[str, object]:
        rows = session.execute(
            select(VerifyScan.outcome, func.count())
            .where(VerifyScan.run_id == self.run_id)
            .group_by(VerifyScan.outcome)
        ).all()
        return {outcome: int(n) for outcome, n in rows}


def never_verified(db: Database, batch: BatchInfo, *, limit: int = 1000) -> list[UnverifiedUnit]:
    last = (
        select(PrintRecord.token_key, func.max(PrintRecord.print_no).label("print_no"))
        .where(PrintRecord.batch_id == batch.id)
        .group_by(PrintRecord.token_key)
        .subquery()
    )
    verified = (
        select(VerifyScan.id)
        .where(
            VerifyScan.token_key == last.c.token_key,
            VerifyScan.print_no == last.c.print_no,
            VerifyScan.outcome == "verified",
        )
        .exists()
    )
    with db.read() as session:
        rows = session.execute(
            select(last.c.token_key, last.c.print_no, Token.serial)
            .join(Token, Token.id == last.c.token_key)
            .where(~verified)
            .order_by(last.c.token_key)
            .limit(limit)
        ).all()
    return [UnverifiedUnit(key - batch.first_token_id + 1, serial, n) for key, n, serial in rows]


def outcome_counts(results: Iterable[ScanResult]) -> dict[str, int]:
    found = Counter(r.outcome for r in results)
    return {outcome: found[outcome] for outcome in OUTCOMES}
