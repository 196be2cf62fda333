"""A Zebra-style RFID printer-encoder over ZPL: stream labels, reconcile each read-back.

Labels are streamed: several formats may be in the printer while the host reads the
``^HV`` read-backs, one EPC/TID pair per printed label, in printing order. A pair whose
EPC is the one sent encodes the label; any other pair is a VOID label (the printer prints
VOID over it and tries the next one) until the ``^RS`` try count is used up, after which
the printer drops the format and the unit stays unencoded. No read-back for
``reply_timeout_s`` means either the printer needs the operator (``~HS`` says so: the
labels stay in flight, :class:`PrinterFault` is raised) or the label failed.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from app.devices.base import (
    DeviceError,
    DeviceInfo,
    LabelJob,
    LabelOutcome,
    PrinterFault,
    PrinterStatus,
    RfidEncoder,
    RfidOptions,
    VoidLabel,
)
from app.devices.handler import DeviceHandler, SilentHandler
from app.devices.rfid import zpl
from app.devices.rfid.link import DEFAULT_BAUD, LineStalled, PrinterLink

DRIVER = "zpl"
LOG_IDLE_S = 0.3
_LATE_MEMORY = 64  # timed-out jobs remembered, in case their read-back comes after all


@dataclass
class _Flight:
    job: LabelJob
    since: float
    voids: list[VoidLabel] = field(default_factory=list)


class ZplPrinter(RfidEncoder):
    def __init__(
        self,
        url: str,
        *,
        options: RfidOptions | None = None,
        handler: DeviceHandler | None = None,
        baudrate: int = DEFAULT_BAUD,
    ) -> None:
        self.url = url
        self.options = options or RfidOptions()
        self.handler: DeviceHandler = handler or SilentHandler()
        self.info = DeviceInfo("rfid", url, f"ZPL printer-encoder {url}", DRIVER)
        self._link = PrinterLink(url, baudrate=baudrate, write_timeout=self.options.write_timeout_s)
        self._parser = zpl.ReplyParser()
        self._flights: deque[_Flight] = deque()
        self._late: deque[_Flight] = deque(maxlen=_LATE_MEMORY)
        self._frames: list[str] = []
        self._lines: list[str] = []
        self._epc: zpl.Field | None = None
        self._replies: deque[tuple[str, str | None]] = deque()
        self._silent_since = 0.0

    @property
    def bus(self) -> str:
        return self.url

    @property
    def stalls(self) -> int:
        return self._link.stalls

    def open(self) -> None:
        self._link.open()

    def close(self) -> None:
        self._link.close()

    # -- the byte stream -------------------------------------------------------------------

    def _pump(self, timeout: float) -> bool:
        """Read what arrives within ``timeout`` and sort it; True when anything came."""
        data = self._link.read(timeout)
        if not data:
            return False
        for token in self._parser.feed(data):
            if isinstance(token, zpl.Frame):
                self._frames.append(token.text)
            elif isinstance(token, zpl.Line):
                self._lines.append(token.text)
            elif token.name == "EPC":
                if self._epc is not None:  # a read-back without its TID
                    self._reply(self._epc.value, None)
                self._epc = token
            elif self._epc is not None:
                self._reply(self._epc.value, token.value or None)
                self._epc = None
        return True

    def _reply(self, epc: str, tid: str | None) -> None:
        if self._flights or self._late:  # else left over from before this session: dropped
            self._replies.append((epc, tid))

    def _send(self, data: bytes) -> None:
        """Send ``data`` whole, resending it while XOFF holds the line (up to the limit)."""
        started = time.monotonic()
        while True:
            try:
                self._link.write(data)
                return
            except LineStalled:
                waited = time.monotonic() - started
                if waited > self.options.stall_limit_s:
                    raise DeviceError(
                        f"the printer has held the line (XOFF) for {waited:.0f} s",
                        hint="check the printer's display; the label was not sent",
                    ) from None
                self.handler.status("the printer held the line (XOFF): sending the label again")
                self._pump(0.05)
                self._silent_since = time.monotonic()  # a busy printer is not a silent one

    # -- status ----------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        self._frames.clear()
        self._send(zpl.HOST_STATUS)
        deadline = time.monotonic() + self.options.status_timeout_s
        while len(self._frames) < 3 and time.monotonic() < deadline:
            self._pump(min(0.1, max(0.0, deadline - time.monotonic())))
        if not self._frames:
            return PrinterStatus(answered=False)
        found = zpl.parse_host_status(self._frames[:3])
        self._frames.clear()
        return found

    def pause(self) -> None:
        self._send(zpl.PAUSE)

    def resume(self) -> None:
        self._send(zpl.RESUME)

    def encoded_log(self) -> set[str]:
        self._lines.clear()
        self._send(zpl.RFID_LOG)
        while self._pump(LOG_IDLE_S):
            pass
        found = zpl.parse_log(self._lines)
        self._lines.clear()
        return found

    # -- labels ----------------------------------------------------------------------------

    def submit(self, job: LabelJob) -> None:
        self._send(zpl.label_format(job, tries=self.options.tries))
        now = time.monotonic()
        if not self._flights:
            self._silent_since = now
        self._flights.append(_Flight(job, now))

    def in_flight(self) -> list[LabelJob]:
        return [flight.job for flight in self._flights]

    def forget(self, keys: set[int]) -> None:
        self._flights = deque(f for f in self._flights if f.job.key not in keys)

    def collect(self, timeout: float) -> list[LabelOutcome]:
        if self._pump(timeout if not self._replies else 0.0):
            self._silent_since = time.monotonic()
        outcomes: list[LabelOutcome] = []
        while self._replies:
            outcomes.extend(self._reconcile(*self._replies.popleft()))
        if self._flights and not outcomes:
            outcomes.extend(self._check_silence())
        return outcomes

    def _check_silence(self) -> list[LabelOutcome]:
        silent = time.monotonic() - max(self._silent_since, self._flights[0].since)
        if silent < self.options.reply_timeout_s:
            return []
        stalls = self._link.stalls
        state = self.status()
        self._silent_since = time.monotonic()
        if not state.ready:
            raise PrinterFault(state)
        if self._link.stalls > stalls or self._replies:  # busy (XOFF) or answering after all
            return []
        flight = self._flights.popleft()
        self._late.append(flight)
        reason = f"no read-back from the printer within {self.options.reply_timeout_s:g} s"
        return [LabelOutcome(flight.job, False, voids=tuple(flight.voids), reason=reason)]

    def _reconcile(self, epc: str, tid: str | None) -> list[LabelOutcome]:
        if not self._flights:
            return self._late_success(epc, tid)
        head = self._flights[0]
        if epc == head.job.epc.upper():
            self._flights.popleft()
            return [LabelOutcome(head.job, True, tid, epc, tuple(head.voids))]
        later = [i for i, f in enumerate(self._flights) if f.job.epc.upper() == epc]
        if later:  # the printer skipped the formats before this one
            out = []
            for _ in range(later[0]):
                skipped = self._flights.popleft()
                reason = "the printer returned no read-back for this label"
                out.append(
                    LabelOutcome(skipped.job, False, voids=tuple(skipped.voids), reason=reason)
                )
            done = self._flights.popleft()
            return [*out, LabelOutcome(done.job, True, tid, epc, tuple(done.voids))]
        if any(f.job.epc.upper() == epc for f in self._late):
            return self._late_success(epc, tid)
        if epc:
            why = f"VOID: the tag read back {epc} instead of {head.job.epc.upper()}"
        else:
            why = "VOID: no tag answered (nothing read back)"
        head.voids.append(VoidLabel(why, epc or None, tid))
        if len(head.voids) < self.options.tries:
            return []
        self._flights.popleft()
        tries = self.options.tries
        reason = f"all {tries} label(s) VOID; last: {why}"
        return [LabelOutcome(head.job, False, voids=tuple(head.voids), reason=reason)]

    def _late_success(self, epc: str, tid: str | None) -> list[LabelOutcome]:
        for flight in self._late:
            if flight.job.epc.upper() == epc:
                self._late.remove(flight)
                return [LabelOutcome(flight.job, True, tid, epc, tuple(flight.voids))]
        return []
