"""The RFID station: labels streamed to a printer-encoder, each read-back matched to its unit.

Up to ``job.window`` labels are in the printer at once; every outcome is recorded as it
comes back (VOID labels one by one), and in the same transaction the next unit is claimed
and sent. Before the job, and whenever read-backs stop, the printer's status decides: paper
out, head open, paused or no answer pauses the station with the reason; the labels already
sent stay in the printer and nothing is lost. A unit whose every try was VOID stays
unencoded (the next run starts with it).

A station that died leaves claims on the units it had sent. When it starts again it waits
for the printer to finish those labels and reads the printer's RFID log: a unit whose EPC
the printer logged as written is recorded as encoded; the others are done again.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import replace

from sqlalchemy import select

from app.devices.base import LabelJob, LabelOutcome, PrinterFault, RfidEncoder
from app.devices.bus import BusThread, attach
from app.encoding import claims
from app.encoding.control import StationControl
from app.encoding.handler import QuietStationHandler, StationHandler
from app.encoding.job import LEASE_S, StationJob, StationState, StationSummary
from app.encoding.recording import Attempt
from app.encoding.run import CLAIM_BLOCK, ProgressFn, StationRun, no_progress
from app.encoding.units import StationUnit
from app.storage.db import Database
from app.storage.encoding_queries import encoded_keys
from app.storage.models import Token

COLLECT_S = 0.2
DRAIN_S = 30.0  # how long a restart waits for labels an earlier run left in the printer
RECOVERED = "recovered after a restart: the printer's RFID log shows this EPC written"


def run_rfid_station(
    job: StationJob,
    *,
    db: Database,
    printer: RfidEncoder,
    handler: StationHandler | None = None,
    control: StationControl | None = None,
    progress: ProgressFn = no_progress,
) -> StationSummary:
    """Print and encode the job's units until done, stopped, or ``job.count`` reached."""
    run = _RfidRun(
        job,
        db=db,
        device=printer,
        handler=handler or QuietStationHandler(),
        control=control or StationControl(),
        progress=progress,
    )
    if hasattr(printer, "handler"):
        printer.handler = run.messages
    with attach(printer) as bus:
        return run.loop(bus, printer)


class _RfidRun(StationRun):
    def loop(self, bus: BusThread, printer: RfidEncoder) -> StationSummary:
        self.bus, self.printer = bus, printer
        self.queue: deque[StationUnit] = deque()  # claimed, not sent yet
        self.flights: dict[int, StationUnit] = {}
        self.overdue: dict[int, StationUnit] = {}  # no read-back in time; it may yet come
        self.overdue_since = 0.0
        self.exhausted = False
        try:
            if self._ready() and self._recover():
                self._stream()
            if self.control.stopped:
                self._drain(self.printer.options.reply_timeout_s)
        finally:  # claims of labels still in the printer stay: in doubt until the next start
            self.release([unit.key for unit in self.queue] + list(self.overdue))
        finished = not self.flights and (self.exhausted or self.count_reached())
        return self.summary(finished=finished)

    # -- printer state ---------------------------------------------------------------------

    def _ready(self) -> bool:
        """Wait (paused, telling the operator why) until the printer can print; False: stop."""
        while not self.control.stopped:
            if self.control.paused:
                self._hold()
                continue
            status = self.bus.call(self.printer.status)
            if status.ready:
                return True
            if status.paused and not status.faulted and self.state is StationState.PAUSED:
                self.bus.call(self.printer.resume)  # the operator resumed us: resume it too
                continue
            self.control.pause(f"printer: {status.describe()}; fix it, then resume")
        return False

    def _hold(self) -> None:
        """Paused: tell the operator, keep settling labels that still come back, wait."""
        self.say(StationState.PAUSED, self.control.reason or "paused by the operator")
        if self.flights and self.control.reason is None:
            self.bus.call(self.printer.pause)
        renew_at = time.monotonic() + LEASE_S / 2
        while not self.control.wait_running(COLLECT_S) and not self.control.stopped:
            if self.flights:
                self._collect()
            if time.monotonic() > renew_at:  # a long pause: keep the claims alive
                held = [*self.flights, *self.overdue, *(unit.key for unit in self.queue)]
                self.renew(held)
                renew_at = time.monotonic() + LEASE_S / 2
        self.say(StationState.PAUSED, "resuming: checking the printer")

    def _collect(self) -> bool:
        """Settle what came back; False when the printer needs the operator."""
        try:
            outcomes = self.bus.call(self.printer.collect, COLLECT_S)
        except PrinterFault as fault:
            if not self.control.paused:
                self.control.pause(f"printer: {fault.status.describe()}; fix it, then resume")
            return False
        if outcomes:
            self._settle(outcomes)
        return True

    # -- streaming -------------------------------------------------------------------------

    def _room(self) -> int:
        room = self.job.window - len(self.flights)
        if self.job.count is not None:
            room = min(room, self.job.count - self.encoded - len(self.flights))
        return max(0, room)

    def _stream(self) -> None:
        self.say(StationState.RUNNING, f"printing on {self.device_name}")
        while not self.control.stopped:
            if self.control.paused:
                self._hold()
                if not self._ready():
                    return
                self.say(StationState.RUNNING, f"printing on {self.device_name}")
                continue
            while self._room() and not self.exhausted:
                if not self.queue:
                    self.queue.extend(self.claim(max(CLAIM_BLOCK, self._room())))
                    self.exhausted = not self.queue
                    continue
                self._send(self.queue.popleft())
            if not self.flights:
                grace = self.printer.options.reply_timeout_s * 2
                if not self.overdue or time.monotonic() - self.overdue_since > grace:
                    return  # overdue labels that never came stay unencoded
            self._collect()

    def _send(self, unit: StationUnit) -> None:
        assert unit.epc is not None
        lines = tuple(
            text for text in (f"(01) {unit.gtin}", f"(21) {unit.serial}") if "None" not in text
        )
        memory = unit.url.encode() if self.job.user_memory else None
        self.bus.call(self.printer.submit, LabelJob(unit.key, unit.epc, unit.url, lines, memory))
        self.flights[unit.key] = unit

    def _settle(self, outcomes: list[LabelOutcome]) -> None:
        """Record the outcomes that came back together, in one transaction.

        Should the station die before the commit, these units keep their claims and the
        next start finds them in the printer's log: nothing is encoded twice. A unit whose
        read-back did not come in time keeps its claim until the run ends, in case the
        label turns up after all (then it is recorded as encoded).
        """
        device, tries = self.device_name, self.printer.options.tries
        batch: list[tuple[StationUnit, list[Attempt], bool]] = []
        reasons: list[str | None] = []
        for outcome in outcomes:
            key = outcome.job.key
            unit = self.flights.pop(key, None) or self.overdue.pop(key, None)
            if unit is None:
                continue
            if key in self.given_up:
                self.given_up.remove(key)  # overdue, but there after all
            attempts = [Attempt("void", device, v.tid, unit.epc, v.reason) for v in outcome.voids]
            if outcome.ok:
                attempts.append(Attempt("ok", device, outcome.tid, unit.epc))
            elif len(outcome.voids) < tries:
                attempts.append(Attempt("failed", device, None, unit.epc, outcome.reason))
                self.overdue[key] = unit
                self.overdue_since = time.monotonic()
            all_void = not outcome.ok and len(outcome.voids) >= tries
            batch.append((unit, attempts, all_void))
            reasons.append(outcome.reason)
        if not batch:
            return
        results = self.write_many(batch)
        for (unit, _attempts, _void), result, reason in zip(batch, results, reasons, strict=True):
            failures = result.voids + (result.result == "failed")
            if result.result == "ok":
                self.failed += failures
                self.encoded_one(unit, result)
                continue
            self.given_up.append(unit.key)
            self.failed_one(unit, replace(result, reason=reason or result.reason), failures)

    def _drain(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.flights and time.monotonic() < deadline and self._collect():
            pass

    # -- after a crash ---------------------------------------------------------------------

    def _recover(self) -> bool:
        """Settle the units an earlier run of this station left in the printer."""
        with self.db.read() as session:
            keys = claims.own_claims(session, self.plan, self.station)
            done = encoded_keys(session, self.plan.batch_id, self.plan.kind, keys)
            rows = session.execute(
                select(Token.id, Token.gtin, Token.serial, Token.lot_id).where(
                    Token.id.in_(sorted(set(keys) - done))
                )
            ).all()
        self.release(sorted(done))
        if not rows:
            return True
        units = [self.plan.unit(row.id, row.gtin, row.serial, row.lot_id) for row in rows]
        self.say(StationState.WAITING, f"{len(units)} label(s) from an earlier run: checking")
        deadline = time.monotonic() + DRAIN_S
        while not self.control.stopped:
            status = self.bus.call(self.printer.status)
            if status.formats_buffered == 0 or time.monotonic() > deadline:
                break
            if status.faulted:
                self.control.pause(f"printer: {status.describe()}; fix it, then resume")
                self._hold()
            time.sleep(COLLECT_S)
        if self.control.stopped:
            return False
        written = self.bus.call(self.printer.encoded_log)
        for unit in units:
            if unit.epc in written:
                attempt = Attempt("ok", self.device_name, None, unit.epc, RECOVERED)
                self.encoded_one(unit, self.write_down(unit, [attempt]))
            else:
                self.release([unit.key])
        return True
