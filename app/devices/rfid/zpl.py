"""ZPL for RFID labels: the label format, the status query and the printer's replies.

A label format encodes the EPC (``^RFW,H,,,A`` adjusts the PC bits for SGTIN-96 or -198),
optionally writes the resolver URL to user memory, reads the EPC and the TID back into
fields 1 and 2 and returns both to the host after every label (``^HV...,L``), and prints a
QR code (``^BQN``) with the human-readable GTIN and serial. Field data goes through ``^FH``
so that ``^``, ``~`` and ``_`` in a URL or serial cannot end the field early.

Replies arrive on one byte stream: ``~HS`` status strings framed by STX/ETX, ``EPC:``/``TID:``
read-backs ended by ``;`` (the ``^HV`` termination), and plain text lines (``~HL``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.devices.base import LabelJob, PrinterStatus

STX, ETX = 0x02, 0x03
XON, XOFF = 0x11, 0x13
TID_CHARS = 24
_BLANK = frozenset(b"\r\n ")
EPC_HEADER = b"EPC:"
TID_HEADER = b"TID:"
FIELD_END = ";"  # the ^HV termination: SGTIN-96 and -198 read-backs can share a stream
_SAFE = {chr(c) for c in range(0x20, 0x7F)} - {"^", "~", "_"}


def field_hex(text: str) -> str:
    """``text`` for a ``^FH_^FD`` field: ``^``, ``~``, ``_`` and non-ASCII as ``_XX``."""
    out = []
    for char in text:
        if char in _SAFE:
            out.append(char)
        else:
            out.extend(f"_{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def label_format(job: LabelJob, *, tries: int) -> bytes:
    """The ZPL format of one RFID label; ``tries`` labels are used before it is given up."""
    epc = job.epc.upper()
    parts = [
        "^XA^CI28",
        f"^RS8,,,{tries},N",
        f"^RFW,H,,,A^FD{epc}^FS",
    ]
    if job.user_memory:
        data = job.user_memory.hex().upper()
        parts.append(f"^RFW,H,0,{len(job.user_memory)},3^FD{data}^FS")
    parts += [
        f"^RFR,H,0,{len(epc) // 2},E^FN1^FS",
        f"^RFR,H,0,{TID_CHARS // 2},2^FN2^FS",
        f"^HV1,{len(epc)},EPC:,{FIELD_END},L",
        f"^HV2,{TID_CHARS},TID:,{FIELD_END},L",
        f"^FO30,30^BQN,2,5^FH_^FDQA,{field_hex(job.qr_data)}^FS",
    ]
    for row, line in enumerate(job.lines):
        parts.append(f"^FO280,{40 + 40 * row}^A0N,30,30^FH_^FD{field_hex(line)}^FS")
    parts.append("^PQ1^XZ\r\n")
    return "".join(parts).encode("ascii")


HOST_STATUS = b"~HS"
RFID_LOG = b"~HL"
PAUSE = b"~PP"
RESUME = b"~PS"
CANCEL_ALL = b"~JA"


def parse_host_status(frames: list[str]) -> PrinterStatus:
    """``~HS``: string 1 has paper out and pause (fields 2 and 3, formats buffered in 5);
    string 2 has head up and ribbon out (fields 3 and 4, the first two are settings)."""
    one = frames[0].split(",")
    two = frames[1].split(",") if len(frames) > 1 else []

    def flag(values: list[str], index: int) -> bool:
        return len(values) > index and values[index].strip() == "1"

    buffered = one[4].strip() if len(one) > 4 else "0"
    return PrinterStatus(
        answered=True,
        paper_out=flag(one, 1),
        paused=flag(one, 2),
        head_open=flag(two, 2),
        ribbon_out=flag(two, 3),
        formats_buffered=int(buffered) if buffered.isdigit() else 0,
    )


@dataclass(frozen=True)
class Field:
    name: str  # "EPC" or "TID"
    value: str  # hex, empty when the printer read nothing


@dataclass(frozen=True)
class Frame:
    text: str  # one STX...ETX string


@dataclass(frozen=True)
class Line:
    text: str  # a plain line (the RFID log)


Token = Field | Frame | Line


class ReplyParser:
    """Splits the printer's byte stream into tokens; feed it bytes as they come.

    A read-back field runs from its header to the ``;`` termination (or, from a printer
    that ignores the termination, to the next header or status string); the printer pads
    it with spaces to the ``^HV`` length, which are dropped.
    """

    _HEADERS = (EPC_HEADER, TID_HEADER)
    _ENDS = (FIELD_END.encode(), EPC_HEADER, TID_HEADER, bytes([STX]))

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Token]:
        self._buffer += data.translate(None, bytes([XON, XOFF]))  # software flow control
        tokens: list[Token] = []
        while True:
            token = self._next()
            if token is None:
                return tokens
            if not isinstance(token, bool):
                tokens.append(token)

    def _next(self) -> Token | bool | None:
        """One token, True when something was skipped, None when more bytes are needed."""
        buf = self._buffer
        while buf and buf[0] in _BLANK:
            del buf[:1]
        if not buf:
            return None
        if buf[0] == STX:
            end = buf.find(ETX)
            if end < 0:
                return None
            text = buf[1:end].decode("ascii", "replace")
            del buf[: end + 1]
            return Frame(text)
        for header in self._HEADERS:
            if buf.startswith(header):
                return self._field(header)
            if header.startswith(bytes(buf[: len(header)])):
                return None  # a header that has not fully arrived
        end = buf.find(b"\n")
        if end < 0:
            return None
        text = buf[:end].decode("ascii", "replace").strip()
        del buf[: end + 1]
        return Line(text) if text else True

    def _field(self, header: bytes) -> Field | None:
        buf, start = self._buffer, len(header)
        ends = [at for at in (buf.find(end, start) for end in self._ENDS) if at >= 0]
        if not ends:
            return None
        end = min(ends)
        value = buf[start:end].decode("ascii", "replace").strip().upper()
        del buf[: end + (1 if buf[end : end + 1] == self._ENDS[0] else 0)]
        return Field(header[:3].decode(), value)


def parse_log(lines: list[str]) -> set[str]:
    """EPCs of successful writes in an RFID log.

    Entries are ``W,0000,<data>`` on older firmware and ``[time]W,F1,D3,27,00000000,<data>``
    on newer: the operation ends the first field, the status is the one before the data.
    """
    written = set()
    for line in lines:
        parts = [part.strip() for part in line.split(",")]
        if len(parts) >= 3 and parts[0].endswith("W") and parts[-2] and not parts[-2].strip("0"):
            written.add(parts[-1].upper())
    return written
