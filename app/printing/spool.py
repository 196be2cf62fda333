"""Where rendered labels go: a queue of the system's print service, or a Zebra speaking ZPL.

System queues are CUPS queues on Linux and macOS: listed and fed through pycups when it is
installed, else through CUPS's own ``lpstat`` and ``lp`` commands (the same service either
way). Each chunk of labels becomes one PDF (``render.write_pdf``) and one CUPS job. The
desktop window can instead paint the same labels through Qt's print support (the Windows
spooler included): that sink lives in ``app.workers.printing`` because only workers and the
UI import Qt.

A printer named ``zpl:URL`` is a Zebra reached directly: ``zpl:socket://HOST:9100`` for its
raw TCP port, ``zpl:/dev/ttyUSB0`` (or ``zpl:COM3``) for a serial line, with XON/XOFF, over
``app.devices.rfid.link.PrinterLink``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.core.errors import MintStationError, NotFoundError
from app.devices.base import DeviceError
from app.devices.rfid.link import LineStalled, PrinterLink
from app.printing.render import Logo, write_pdf
from app.printing.templates import LabelTemplate
from app.printing.units import LabelUnit
from app.printing.zpl import label_zpl, qr_magnification

__all__ = [
    "CupsSink",
    "LabelSink",
    "PrintError",
    "PrinterInfo",
    "ZplSink",
    "list_printers",
    "open_sink",
]

ZPL_PREFIX = "zpl:"
_STATES = {3: "idle", 4: "printing", 5: "stopped"}


class PrintError(MintStationError):
    """The printer or the print service refused or lost a job."""


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    backend: str  # "system"
    description: str
    state: str
    is_default: bool


class LabelSink(Protocol):
    """Takes chunks of labels, in order, for one printer."""

    printer: str
    backend: str

    def send(self, units: Sequence[LabelUnit], title: str) -> None: ...

    def close(self) -> None: ...


def _pycups() -> Any:
    try:
        import cups  # type: ignore[import-not-found]  # noqa: PLC0415 - optional
    except ImportError:
        return None
    return cups


def _run(args: list[str]) -> str:
    if shutil.which(args[0]) is None:
        raise PrintError(
            f"the system print service is not available: no {args[0]} command and no pycups"
            " (install CUPS, or `pip install pycups`)"
        )
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PrintError(f"{args[0]}: {detail[-1] if detail else 'failed'}")
    return done.stdout


def list_printers() -> list[PrinterInfo]:
    """The print queues the operating system knows (CUPS)."""
    cups = _pycups()
    if cups is not None:
        try:
            conn = cups.Connection()
            printers = conn.getPrinters()
            default = conn.getDefault()
        except (RuntimeError, cups.IPPError) as exc:
            raise PrintError(f"cannot reach the print service (CUPS): {exc}") from exc
        return [
            PrinterInfo(
                name,
                "system",
                str(attrs.get("printer-info", "")),
                _STATES.get(int(attrs.get("printer-state", 0)), "unknown"),
                name == default,
            )
            for name, attrs in sorted(printers.items())
        ]
    try:
        listing = _run(["lpstat", "-p"])
    except PrintError as exc:
        if "No destinations" in str(exc):
            return []
        raise
    try:
        default_line = _run(["lpstat", "-d"])
    except PrintError:
        default_line = ""
    default = default_line.rsplit(":", 1)[-1].strip() if ":" in default_line else ""
    out = []
    for line in listing.splitlines():
        words = line.split()
        if len(words) >= 4 and words[0] == "printer":
            state = "stopped" if "disabled" in line else "printing" if "now" in line else "idle"
            out.append(PrinterInfo(words[1], "system", "", state, words[1] == default))
    return out


class CupsSink:
    """Each chunk becomes one PDF and one CUPS job on ``printer``."""

    backend = "system"

    def __init__(self, printer: str, template: LabelTemplate, logo: Logo = None) -> None:
        self.printer = printer
        self.template = template
        self.logo = logo
        self.job_ids: list[int] = []
        known = {p.name for p in list_printers()}
        if printer not in known:
            names = ", ".join(sorted(known)) or "none"
            raise NotFoundError(f"no printer {printer!r} in the print service (queues: {names})")

    def options(self) -> dict[str, str]:
        t = self.template
        if t.sheet is not None:
            media = (
                "A4"
                if (t.sheet.page_width_mm, t.sheet.page_height_mm) == (210, 297)
                else (f"Custom.{t.sheet.page_width_mm:g}x{t.sheet.page_height_mm:g}mm")
            )
        else:
            media = f"Custom.{t.width_mm:g}x{t.height_mm:g}mm"
        return {"media": media, "print-scaling": "none"}

    def send(self, units: Sequence[LabelUnit], title: str) -> None:
        fd, path = tempfile.mkstemp(prefix="mintstation-labels-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as sink:
                write_pdf(sink, self.template, units, logo=self.logo)
            self.job_ids.append(self._submit(path, title))
        finally:
            os.unlink(path)

    def _submit(self, path: str, title: str) -> int:
        options = self.options()
        cups = _pycups()
        if cups is not None:
            try:
                return int(cups.Connection().printFile(self.printer, path, title, options))
            except (RuntimeError, cups.IPPError) as exc:
                raise PrintError(
                    f"the print service refused the job for {self.printer}: {exc}"
                ) from exc
        args = ["lp", "-d", self.printer, "-t", title]
        for key, value in options.items():
            args += ["-o", f"{key}={value}"]
        out = _run([*args, path])
        words = out.split()  # "request id is QUEUE-12 (1 file(s))"
        if len(words) >= 4 and "-" in words[3]:
            return int(words[3].rsplit("-", 1)[1])
        return 0

    def close(self) -> None:
        """Nothing to close: CUPS holds the jobs."""


class ZplSink:
    """Labels as ZPL straight to a Zebra (TCP 9100 or a serial port)."""

    backend = "zpl"

    def __init__(self, printer: str, template: LabelTemplate, *, write_timeout: float = 10.0):
        self.printer = printer
        self.template = template
        self.url = printer[len(ZPL_PREFIX) :] if printer.startswith(ZPL_PREFIX) else printer
        self._link = PrinterLink(self.url, write_timeout=write_timeout)
        try:
            self._link.open()
        except DeviceError as exc:
            raise PrintError(str(exc)) from exc
        self._magnification: dict[int, int] = {}

    def send(self, units: Sequence[LabelUnit], title: str) -> None:
        del title
        data = bytearray()
        for unit in units:
            size = len(unit.url)
            if size not in self._magnification:
                self._magnification[size] = qr_magnification(self.template, unit.url)
            data += label_zpl(self.template, unit, magnification=self._magnification[size])
        try:
            self._link.write(bytes(data))
        except LineStalled as exc:
            raise PrintError(f"the printer at {self.url} stopped taking data ({exc})") from exc
        except DeviceError as exc:
            raise PrintError(str(exc)) from exc

    def close(self) -> None:
        self._link.close()


def open_sink(printer: str, template: LabelTemplate, logo: Logo = None) -> LabelSink:
    """The sink for a printer name: ``zpl:URL`` (or ``socket://``) for ZPL, else a queue."""
    if printer.startswith((ZPL_PREFIX, "socket://")):
        return ZplSink(printer, template)
    return CupsSink(printer, template, logo)
