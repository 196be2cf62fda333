"""Run an encoding station on a thread of its own and turn its handler calls into signals.

The station (``app.encoding``) talks to the operator through a handler protocol; here that
protocol becomes Qt signals, delivered to the Stations page on the GUI thread. In demo mode
the built-in simulators stand in for the reader or the printer-encoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.devices import registry
from app.devices.base import DeviceInfo, LockMode
from app.devices.sim.feeder import TagFeeder
from app.encoding.control import StationControl
from app.encoding.handler import StationStatus, UnitOutcome
from app.encoding.job import StationJob, StationSummary
from app.encoding.launch import DeviceChoice, open_and_run
from app.encoding.units import StationUnit
from app.storage.db import Database
from app.workers.job import Job

__all__ = ["DeviceInfo", "EncodingJob", "QtStationHandler", "StationRequest", "find_devices"]


def find_devices() -> tuple[list[DeviceInfo], list[str]]:
    """The readers and printer-encoders connected, and the problems met looking (hints)."""
    return registry.list_devices()


class QtStationHandler(QObject):
    """The station's handler: every call becomes a signal (queued to the GUI thread)."""

    tag_wanted = Signal(str)
    encoded = Signal(str, str)
    failed = Signal(str, str)
    status_changed = Signal(str, str, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.feeder: TagFeeder | None = None

    def use_feeder(self, feeder: TagFeeder) -> None:
        """Demo mode: the NFC simulator's feeder plays the operator."""
        self.feeder = feeder

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
    device = DeviceChoice(path=request.device, simulate=request.simulate)
    return open_and_run(
        job,
        db=db,
        device=device,
        handler=handler,
        control=control,
        progress=progress,
        use_feeder=handler.use_feeder,
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
