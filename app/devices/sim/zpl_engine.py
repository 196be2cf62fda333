"""A simulated ZPL RFID printer-encoder: what it does with the bytes it is sent.

The engine knows the commands the station uses and ignores the rest, like a printer does
with what it does not support. Formats (``^XA``...``^XZ``) queue up and print one after the
other; tilde commands act at once: ``~HS`` (status), ``~HL`` (RFID log), ``~PP``/``~PS``
(pause, resume), ``~JA`` (cancel all). A format encodes the EPC, reads back into ``^FN``
fields and sends ``^HV`` fields after every label, padded to their length. A failed encode
prints VOID and the next label is tried, up to the ``^RS`` try count, then the format is
dropped (``N``), or the printer pauses (``P``/``E``). Faults are switched on by tests:
``void_next``, ``paper_out_after``, ``open_head``, ``stall_after`` (XOFF, then XON later).
The transport (pty or TCP) moves bytes in and out and calls ``tick`` to let time pass.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

XON, XOFF = b"\x11", b"\x13"
_HEX_ESCAPE = re.compile(rb"_([0-9A-Fa-f]{2})")
_TILDE = ("HS", "HL", "PP", "PS", "JA")


@dataclass
class LabelFormat:
    tries: int = 3
    on_error: str = "N"
    epc: str | None = None
    user_memory: bytes | None = None
    reads: dict[int, tuple[str, int]] = field(default_factory=dict)  # ^FN -> (bank, bytes)
    replies: list[tuple[int, int, str, str]] = field(default_factory=list)  # ^HV
    qr: str | None = None
    texts: list[str] = field(default_factory=list)
    used: int = 0  # labels tried so far


@dataclass(frozen=True)
class PrintedLabel:
    epc: str | None  # what the inlay holds afterwards
    tid: str
    void: bool
    reason: str = ""
    qr: str | None = None
    texts: tuple[str, ...] = ()
    user_memory: bytes | None = None


def _decode_field(data: bytes, indicator: bytes | None) -> str:
    if indicator is not None:
        data = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    return data.decode("utf-8", "replace")


def parse_format(body: bytes) -> LabelFormat:
    """The parts of one ``^XA...^XZ`` format the simulator acts on."""
    fmt = LabelFormat()
    pending_write: str | None = None
    pending_read: tuple[str, int] | None = None
    qr_next = False
    indicator: bytes | None = None
    for chunk in body.split(b"^")[1:]:
        code, params = chunk[:2].decode("ascii", "replace"), chunk[2:]
        args = params.decode("ascii", "replace").split(",")
        if code == "RS":
            if len(args) > 3 and args[3].strip():
                fmt.tries = max(1, min(10, int(args[3])))
            if len(args) > 4 and args[4].strip():
                fmt.on_error = args[4].strip().upper()
        elif code == "RF" and args[0].startswith("W"):
            pending_write = (args[4] if len(args) > 4 else "E").strip() or "E"
        elif code == "RF" and args[0].startswith("R"):
            bank = (args[4] if len(args) > 4 else "E").strip() or "E"
            pending_read = (bank, int(args[3]) if len(args) > 3 and args[3] else 12)
        elif code == "FN" and pending_read is not None:
            fmt.reads[int(args[0] or 0)] = pending_read
            pending_read = None
        elif code == "HV":
            number, length = int(args[0] or 0), int(args[1] or 64) if len(args) > 1 else 64
            header = args[2] if len(args) > 2 else ""
            term = args[3] if len(args) > 3 else ""
            fmt.replies.append((number, length, header, term))
        elif code == "FH":
            indicator = params[:1] or b"_"
        elif code == "BQ":
            qr_next = True
        elif code == "FD":
            text = _decode_field(params, indicator)
            if pending_write in ("A", "E", "1"):
                fmt.epc = text.strip().upper()
            elif pending_write == "3":
                fmt.user_memory = bytes.fromhex(text.strip())
            elif qr_next:
                fmt.qr = text[3:] if text[:3] in ("QA,", "MA,", "HA,", "LA,") else text
            else:
                fmt.texts.append(text)
            pending_write, qr_next, indicator = None, False, None
    return fmt


class ZplPrinterEngine:
    """The printer's state; thread-safe, driven by a transport."""

    def __init__(
        self, *, paper: int = 100_000, label_time_s: float = 0.0, user_memory_bytes: int = 64
    ) -> None:
        self.paper = paper
        self.label_time_s = label_time_s
        self.user_memory_bytes = user_memory_bytes
        self.paused = False
        self.paper_out = False
        self.head_open = False
        self.ribbon_out = False
        self.silent_when_faulted = False
        self.labels: list[PrintedLabel] = []
        self.log: list[str] = []
        self.formats_received = 0
        self.formats_cut = 0  # formats dropped because a new ^XA came before their ^XZ
        self._lock = threading.RLock()
        self._input = bytearray()
        self._output = bytearray()
        self._queue: deque[LabelFormat] = deque()
        self._voids: deque[str] = deque()
        self._paper_out_after: int | None = None
        self._stall: tuple[int, float] | None = None
        self._xon_at: float | None = None
        self._next_label_at = 0.0

    # -- faults and operator actions (tests) -----------------------------------------------

    def void_next(self, count: int, reason: str = "no tag") -> None:
        """The next ``count`` encodes fail: ``no tag`` reads nothing back, ``write error``
        leaves the inlay's old EPC."""
        with self._lock:
            self._voids.extend([reason] * count)

    def paper_out_after(self, labels: int) -> None:
        with self._lock:
            self._paper_out_after = labels

    def load_paper(self, labels: int = 100_000) -> None:
        """Media loaded; like a real printer it stays paused until resumed (~PS or button)."""
        with self._lock:
            self.paper, self.paper_out = labels, False

    def press_pause(self) -> None:
        with self._lock:
            self.paused = not self.paused

    def open_head(self, is_open: bool = True) -> None:
        with self._lock:
            self.head_open = is_open

    def stall_after(self, formats: int, seconds: float) -> None:
        """After the ``formats``-th format arrives, XOFF the line for ``seconds``."""
        with self._lock:
            self._stall = (formats, seconds)

    @property
    def encoded(self) -> list[str]:
        """EPCs of labels encoded successfully, in printing order."""
        with self._lock:
            return [label.epc or "" for label in self.labels if not label.void]

    @property
    def formats_waiting(self) -> int:
        with self._lock:
            return len(self._queue)

    # -- bytes in and out ------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        with self._lock:
            self._input += data
            self._parse_input()

    def take_output(self) -> bytes:
        with self._lock:
            out = bytes(self._output)
            self._output.clear()
            return out

    def _parse_input(self) -> None:
        buf = self._input
        while True:
            tilde = buf.find(b"~")
            if tilde >= 0 and len(buf) >= tilde + 3:
                command = buf[tilde + 1 : tilde + 3].decode("ascii", "replace").upper()
                del buf[tilde : tilde + 3]
                if command in _TILDE:
                    self._tilde(command)
                continue
            end = buf.find(b"^XZ")
            if end < 0 or (0 <= tilde < end):
                return
            start = buf.rfind(b"^XA", 0, end)  # a format cut short before it is dropped
            if start > 0 and buf.find(b"^XA", 0, start) >= 0:
                self.formats_cut += 1
            body = bytes(buf[start:end]) if start >= 0 else b""
            del buf[: end + 3]
            if body:
                self._queue.append(parse_format(body))
                self.formats_received += 1
                self._maybe_stall()

    def _maybe_stall(self) -> None:
        if self._stall is not None and self.formats_received >= self._stall[0]:
            self._output += XOFF
            self._xon_at = time.monotonic() + self._stall[1]
            self._stall = None

    def _tilde(self, command: str) -> None:
        if command == "HS":
            faulted = self.paper_out or self.head_open or self.ribbon_out
            if not (self.silent_when_faulted and faulted):
                self._output += self._host_status()
        elif command == "HL":
            self._output += b"".join(f"{entry}\r\n".encode() for entry in self.log)
        elif command == "PP":
            self.paused = True
        elif command == "PS":
            self.paused = False
        elif command == "JA":
            self._queue.clear()

    def _host_status(self) -> bytes:
        one = f"030,{int(self.paper_out)},{int(self.paused)},1218,{len(self._queue):03d},0,0,0"
        two = f"001,0,{int(self.head_open)},{int(self.ribbon_out)},0,2,6,0,00000000,1,000"
        frames = [one + ",000,0,0,0", two, "1234,0"]
        return b"".join(b"\x02" + frame.encode() + b"\x03\r\n" for frame in frames)

    # -- printing --------------------------------------------------------------------------

    def tick(self, now: float | None = None) -> None:
        """Let time pass: release a stalled line, print what is due."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if self._xon_at is not None and now >= self._xon_at:
                self._output += XON
                self._xon_at = None
            while self._queue and now >= self._next_label_at and self._can_print():
                self._print_one(self._queue[0])
                self._next_label_at = now + self.label_time_s

    def _can_print(self) -> bool:
        if self.paper <= 0 and not self.paper_out:
            self.paper_out = self.paused = True
        return not (self.paused or self.paper_out or self.head_open or self.ribbon_out)

    def _print_one(self, fmt: LabelFormat) -> None:
        self.paper -= 1
        if self._paper_out_after is not None:
            self._paper_out_after -= 1
            if self._paper_out_after <= 0:
                self.paper, self._paper_out_after = 0, None
        fmt.used += 1
        tid = "E2801190" + secrets.token_hex(8).upper()
        epc = fmt.epc or ""
        failure = self._voids.popleft() if self._voids else None
        if failure is None and fmt.user_memory and len(fmt.user_memory) > self.user_memory_bytes:
            failure = "user memory too small"
        if failure is None:
            self.log.append(f"W,0000,{epc}")
            read = {"E": epc, "A": epc, "1": epc, "2": tid}
            label = PrintedLabel(epc, tid, False, "", fmt.qr, tuple(fmt.texts), fmt.user_memory)
        else:
            old = "E200" + secrets.token_hex(10).upper() if failure != "no tag" else ""
            self.log.append(f"W,4005,{epc}")
            read = {"E": old, "A": old, "1": old, "2": tid if old else ""}
            label = PrintedLabel(old or None, tid if old else "", True, failure, fmt.qr)
        self.labels.append(label)
        for number, length, header, term in fmt.replies:
            bank = fmt.reads.get(number, ("E", 12))[0]
            self._output += (header + read.get(bank, "").ljust(length)[:length] + term).encode()
        if not label.void:
            self._queue.popleft()
        elif fmt.used >= fmt.tries:
            if fmt.on_error == "N":
                self._queue.popleft()
            else:
                fmt.used = 0
                self.paused = True
