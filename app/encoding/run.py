"""What the NFC and RFID stations share: the plan, the tallies, claims and recording."""

from __future__ import annotations

from collections.abc import Callable

from app.dbkit.types import utcnow
from app.devices.base import Device
from app.encoding import claims
from app.encoding.control import StationControl
from app.encoding.handler import DeviceMessages, StationHandler, StationStatus, UnitOutcome
from app.encoding.job import StationJob, StationState, StationSummary, station_id
from app.encoding.recording import Attempt, record
from app.encoding.units import JobPlan, StationUnit, load_plan
from app.storage.db import Database
from app.storage.encoding_queries import encoded_count

ProgressFn = Callable[[int, int], None]


RELEASE_EVERY = 32
CLAIM_BLOCK = 16


def no_progress(_done: int, _total: int) -> None:
    return None


class StationRun:
    """One run of a station job: tallies what happened and writes it down."""

    def __init__(
        self,
        job: StationJob,
        *,
        db: Database,
        device: Device,
        handler: StationHandler,
        control: StationControl,
        progress: ProgressFn,
    ) -> None:
        self.job = job
        self.db = db
        self.device = device
        self.handler = handler
        self.control = control
        self.progress = progress
        with db.read() as session:
            self.plan: JobPlan = load_plan(session, job)
            self.done = encoded_count(
                session, self.plan.batch_id, job.kind, self.plan.first_key, self.plan.last_key
            )
        if self.plan.reencode:
            self.done = 0
        self.station = station_id(job.kind, device.info.path)
        self.messages = DeviceMessages(handler, (self.done, self.plan.total))
        self.encoded = 0
        self.failed = 0
        self.cursor = self.plan.first_key - 1  # units up to here were handed out by this run
        self.given_up: list[int] = []
        self._settled: list[int] = []  # claims to let go of
        self.state = StationState.STARTING

    @property
    def device_name(self) -> str:
        return self.device.info.name

    def say(self, state: StationState, message: str) -> None:
        self.state = self.messages.state = state
        self.messages.done = self.done
        self.handler.status(StationStatus(state, message, self.done, self.plan.total))

    def count_reached(self) -> bool:
        return self.job.count is not None and self.encoded >= self.job.count

    def claim(self, limit: int) -> list[StationUnit]:
        """Claim the next units after the cursor (one transaction)."""
        if self.job.count is not None:
            limit = min(limit, self.job.count - self.encoded)
        if limit <= 0:
            return []
        with self.db.write() as session:
            rows = claims.next_units(
                session, self.plan, self.station, after_key=self.cursor, limit=limit, now=utcnow()
            )
        units = [self.plan.unit(row.id, row.gtin, row.serial, row.lot_id) for row in rows]
        if units:
            self.cursor = units[-1].key
        return units

    def write_down(
        self, unit: StationUnit, attempts: list[Attempt], *, settled: bool = False
    ) -> UnitOutcome:
        """Record one unit's attempts in one transaction; returns the last as recorded."""
        return self.write_many([(unit, attempts, settled)])[0]

    def write_many(self, batch: list[tuple[StationUnit, list[Attempt], bool]]) -> list[UnitOutcome]:
        """Record several units' attempts in one transaction (each with its audit and outbox).

        Claims of units that are settled (encoded, or given up: the bool) are let go of a
        few dozen at a time, in the same transactions: an encoded unit is never handed out
        again whether or not its claim is still there.
        """
        for unit, attempts, settled in batch:
            if attempts[-1].result == "ok" or settled:
                self._settled.append(unit.key)
        flush = len(self._settled) >= RELEASE_EVERY
        outcomes = []
        with self.db.write() as session:
            now = utcnow()
            for unit, attempts, _settled in batch:
                record_id = 0
                for attempt in attempts:
                    record_id = record(session, self.plan, unit, attempt, self.station, now)
                last = attempts[-1]
                voids = sum(1 for attempt in attempts if attempt.result == "void")
                outcomes.append(
                    UnitOutcome(
                        last.result, record_id, last.tag_uid, last.epc_hex, last.reason, voids
                    )
                )
            if flush:
                claims.release(session, self.station, self.job.kind, self._settled)
        if flush:
            self._settled.clear()
        return outcomes

    def encoded_one(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        self.encoded += 1
        self.done += 1
        self.handler.unit_encoded(unit, outcome)
        self.progress(self.done, self.plan.total)

    def failed_one(self, unit: StationUnit, outcome: UnitOutcome, attempts: int = 1) -> None:
        """Tell the operator; ``attempts`` failed attempts (VOID labels) are counted."""
        self.failed += attempts
        self.handler.unit_failed(unit, outcome)

    def renew(self, keys: list[int]) -> None:
        with self.db.write() as session:
            claims.renew(session, self.station, self.job.kind, keys, utcnow())

    def release(self, keys: list[int]) -> None:
        """Let go of ``keys`` and of every settled unit's claim (at the end of a run)."""
        keys = [*keys, *self._settled]
        if keys:
            with self.db.write() as session:
                claims.release(session, self.station, self.job.kind, keys)
            self._settled.clear()

    def summary(self, finished: bool) -> StationSummary:
        state = StationState.FINISHED if finished else StationState.STOPPED
        if finished:
            message = f"finished: {self.done:,} of {self.plan.total:,} unit(s) encoded"
        else:
            message = (
                f"stopped at {self.done:,} of {self.plan.total:,}; running the job again"
                " continues with the first unit not encoded"
            )
        if self.given_up:
            message += f"; {len(self.given_up)} unit(s) left unencoded after failed tries"
        self.say(state, message)
        return StationSummary(
            state,
            self.encoded,
            self.failed,
            self.done,
            self.plan.total,
            tuple(self.given_up),
            message,
        )
