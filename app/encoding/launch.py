"""Open a station's device (or the built-in simulator) and run the station on it.

One place for what the command line and the window both do: pick the reader or the
printer-encoder by path, or start a simulator for demos, then run the NFC or RFID station.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field

from app.devices import registry
from app.devices.base import RfidOptions
from app.devices.sim.feeder import TagFeeder
from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField
from app.encoding.control import StationControl
from app.encoding.handler import StationHandler
from app.encoding.job import StationJob, StationSummary
from app.encoding.nfc_station import run_nfc_station
from app.encoding.rfid_station import run_rfid_station
from app.encoding.run import ProgressFn, no_progress
from app.storage.db import Database


@dataclass(frozen=True)
class DeviceChoice:
    """Where the station's device is: a path, or the simulator (``simulate``)."""

    path: str = ""
    simulate: bool = False
    sim_tag: str = "NTAG215"
    rfid_options: RfidOptions = field(default_factory=RfidOptions)
    baudrate: int = 9600


def open_and_run(
    job: StationJob,
    *,
    db: Database,
    device: DeviceChoice,
    handler: StationHandler,
    control: StationControl,
    progress: ProgressFn = no_progress,
    use_feeder: Callable[[TagFeeder], None] | None = None,
) -> StationSummary:
    """Run ``job`` on the chosen device. With the NFC simulator, ``use_feeder`` gets the
    feeder that plays the operator (placing and taking tags)."""
    with ExitStack() as stack:
        path = device.path
        if job.kind == "nfc":
            if device.simulate:
                nfc_field = stack.enter_context(NtagField())
                feeder = TagFeeder(nfc_field, lambda: SimTag(device.sim_tag))
                if use_feeder is not None:
                    use_feeder(feeder)
                path = nfc_field.path
            encoder = registry.open_nfc(path)
            return run_nfc_station(
                job, db=db, encoder=encoder, handler=handler, control=control, progress=progress
            )
        if device.simulate:  # a pty: POSIX only
            from app.devices.sim.zpl_server import PtyPrinter  # noqa: PLC0415

            path = stack.enter_context(PtyPrinter()).path
        printer = registry.open_rfid(path, options=device.rfid_options, baudrate=device.baudrate)
        return run_rfid_station(
            job, db=db, printer=printer, handler=handler, control=control, progress=progress
        )
