"""Run an encoding station on a thread of its own and turn its handler calls into signals.

The station (``app.encoding``) talks to the operator through a handler protocol; here that
protocol becomes Qt signals, delivered to the Stations page on the GUI thread. In demo mode
the built-in simulators stand in for the reader or the printer-encoder.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.devices import registry
from app.devices.base import DeviceInfo, LockMode, RfidOptions
from app.devices.sim.feeder import TagFeeder
from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField
from app.encoding.control import StationControl
from app.encoding.handler import StationStatus, UnitOutcome
from app.encoding.job import StationJob, StationSummary
from app.encoding.nfc_station import run_nfc_station
from app.encoding.rfid_station import run_rfid_station
from app.encoding.units import StationUnit
from app.storage.db import Database
from app.workers.job import Job

__all__ = ["DeviceInfo", "EncodingJob", "QtStationHandler", "StationRequest", "list_devices"]


def list_devices() -> list[DeviceInfo]:
    devices, _problems = registry.list_devices()
    return devices


class QtStationHandler(QObject):
    """The station's handler: every call becomes a signal (queued to the GUI thread)."""

    tag_wanted = Signal(str)
    encoded = Signal(str, str)
    failed = Signal(str, str)
    status_changed = Signal(str, str, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.feeder: TagFeeder | None = None

    def present_tag(self, unit: StationUnit) -> None:
        if self.feeder is not None:
            self.feeder.place()
        self.tag_wanted.emit(unit.label)

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        if self.feeder is not None:
            self.feeder.take()
        detail = outcome.tag_uid or outcome.epc or ""
        self.encoded.emit(unit.label, detail)

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        if self.feeder is not None:
            self.feeder.take()
        self.failed.emit(unit.label, outcome.reason or outcome.result)

    def status(self, status: StationStatus) -> None:
        self.status_changed.emit(str(status.state), status.message, status.done, status.total)


@dataclass(frozen=True)
class StationRequest:
    kind: str  # "nfc" | "rfid"
    batch_id: int
    device: str = ""
    simulate: bool = False
    pack: int | None = None
    lock: bool = False
    company_prefix_length: int | None = None


def _run_station(
    request: StationRequest,
    db: Database,
    handler: QtStationHandler,
    control: StationControl,
    *,
    progress: Any,
    cancelled: Any,
) -> StationSummary:
    job = StationJob(
        kind="nfc" if request.kind == "nfc" else "rfid",
        batch=request.batch_id,
        pack=request.pack,
        lock=LockMode.PERMANENT if request.lock else LockMode.NONE,
        company_prefix_length=request.company_prefix_length,
    )
    with ExitStack() as stack:
        path = request.device
        if request.kind == "nfc":
            if request.simulate:
                field = stack.enter_context(NtagField())
                handler.feeder = TagFeeder(field, SimTag)
                path = field.path
            encoder = registry.open_nfc(path)
            return run_nfc_station(
                job, db=db, encoder=encoder, handler=handler, control=control, progress=progress
            )
        if request.simulate:
            from app.devices.sim.zpl_server import PtyPrinter  # noqa: PLC0415 - POSIX only

            path = stack.enter_context(PtyPrinter()).path
        printer = registry.open_rfid(path, options=RfidOptions())
        return run_rfid_station(
            job, db=db, printer=printer, handler=handler, control=control, progress=progress
        )


class EncodingJob(Job):
    """A station run; cancel (or window close) stops it after the current unit."""

    def __init__(self, db: Database, request: StationRequest) -> None:
        self.handler = QtStationHandler()
        self.control = StationControl()
        super().__init__(
            _run_station,
            request,
            db,
            self.handler,
            self.control,
            name=f"station:{request.kind}:{request.batch_id}",
        )

    def cancel(self) -> None:
        self.control.stop()
        super().cancel()
