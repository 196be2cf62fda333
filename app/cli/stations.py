"""`devices` and `station` subcommands: find readers and printers, run an encoding station."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TypeAlias

from app.cli.context import open_station_db, print_json
from app.cli.progress import ProgressBar
from app.core.errors import ValidationError
from app.devices import registry
from app.devices.base import LockMode, RfidOptions
from app.devices.sim.feeder import TagFeeder
from app.devices.sim.ntag import MODELS
from app.encoding.control import StationControl
from app.encoding.job import StationJob, StationState

if TYPE_CHECKING:
    from app.encoding.handler import StationStatus, UnitOutcome
    from app.encoding.units import StationUnit
    from app.storage.db import Database


Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
_EXIT = {StationState.FINISHED: 0, StationState.STOPPED: 3}


def register(sub: Sub) -> None:
    d = sub.add_parser("devices", help="NFC readers and RFID printer-encoders")
    dsub = d.add_subparsers(dest="action", required=True)
    dl = dsub.add_parser("list", help="what is connected")
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(handler=cmd_devices_list)

    s = sub.add_parser("station", help="encode a batch onto NFC tags or RFID labels")
    ssub = s.add_subparsers(dest="kind", required=True)
    nfc = ssub.add_parser("nfc", help="write each unit's URL to an NFC tag")
    _common(nfc, "reader path: usb, usb:VID:PID, usb:BUS:DEV, tty:USB0:pn532, udp:HOST:PORT")
    nfc.add_argument("--lock", action="store_true", help="lock each tag for good after writing")
    nfc.add_argument("--password", help="protect each tag with a write password (6+ chars)")
    nfc.add_argument("--sim-tag", choices=sorted(MODELS), default="NTAG215")
    nfc.set_defaults(handler=cmd_station)
    rfid = ssub.add_parser("rfid", help="print and encode an RFID label per unit (ZPL)")
    _common(rfid, "printer: a serial port (/dev/ttyUSB0, COM3) or socket://HOST:9100")
    rfid.add_argument("--company-prefix-length", type=int, metavar="L")
    rfid.add_argument("--tries", type=int, default=3, help="labels tried per unit (^RS)")
    rfid.add_argument("--window", type=int, default=4, help="labels in the printer at once")
    rfid.add_argument("--user-memory", action="store_true", help="write the URL to user memory")
    rfid.add_argument("--reply-timeout", type=float, default=10.0, metavar="SECONDS")
    rfid.add_argument("--baud", type=int, default=9600)
    rfid.set_defaults(handler=cmd_station)


def _common(p: argparse.ArgumentParser, device_help: str) -> None:
    p.add_argument("--device", metavar="PATH", help=device_help)
    p.add_argument("--batch", required=True, metavar="ID")
    p.add_argument("--pack", type=int, metavar="K", help="only pack K (0-based, 10,000 units)")
    p.add_argument("--count", type=int, metavar="N", help="stop after N units")
    p.add_argument("--reencode", action="append", default=[], metavar="TOKEN_ID")
    p.add_argument("--reason", help="why the units are encoded again (with --reencode)")
    p.add_argument("--simulate", action="store_true", help="use the built-in simulator")


def cmd_devices_list(args: argparse.Namespace) -> int:
    found, problems = registry.list_devices()
    if args.json:
        print_json({"devices": [vars(info) for info in found], "problems": problems})
        return 0
    for info in found:
        note = f"  ({info.note})" if info.note else ""
        print(f"{info.kind:<5} {info.path:<24} {info.name} [{info.driver}]{note}")
    if not found:
        print("no NFC readers or serial ports found")
    elif not any(info.kind == "nfc" for info in found):
        print("no NFC reader found on USB", file=sys.stderr)
    print("networked printers: use socket://HOST:9100", file=sys.stderr)
    for problem in problems:
        print(f"note: {problem}", file=sys.stderr)
    return 0


class TerminalHandler:
    """Prints what the operator must know to stderr; the progress bar shows the rest.

    With a simulator's ``feeder`` it also plays the operator, who gives up (stops the
    station) after ``GIVE_UP`` failures in a row.
    """

    GIVE_UP = 5

    def __init__(
        self, feeder: TagFeeder | None = None, control: StationControl | None = None
    ) -> None:
        self.feeder = feeder
        self.control = control
        self._said = ""
        self._failures = 0

    def use_feeder(self, feeder: TagFeeder) -> None:
        """With the NFC simulator, play the operator who places and takes the tags."""
        self.feeder = feeder

    def present_tag(self, unit: StationUnit) -> None:
        if self.feeder is not None:
            self.feeder.place()

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        self._failures = 0
        if self.feeder is not None:
            self.feeder.take()

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        print(f"{unit.label}: {outcome.reason}", file=sys.stderr)
        self._failures += 1
        if self.feeder is not None:
            self.feeder.take()
            if self._failures >= self.GIVE_UP and self.control is not None:
                print("the simulated operator gives up", file=sys.stderr)
                self.control.stop()

    def status(self, status: StationStatus) -> None:
        quiet = status.state in (StationState.WAITING, StationState.RUNNING) and self.feeder
        if status.message != self._said and not quiet:
            self._said = status.message
            print(f"[{status.state}] {status.message}", file=sys.stderr)


@contextmanager
def _ctrl_c(control: StationControl) -> Iterator[None]:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        if control.stopped:
            raise KeyboardInterrupt
        control.stop()
        print("\nstopping after the current unit; run again to continue", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _job(args: argparse.Namespace, db: Database) -> StationJob:
    from app.storage.queries import get_batch, token_key

    keys: list[int] = []
    with db.read() as session:
        batch = get_batch(session, args.batch)
        keys = [token_key(session, token) for token in args.reencode]
    password = args.password.encode() if getattr(args, "password", None) else None
    lock = (
        LockMode.PASSWORD
        if password
        else LockMode.PERMANENT
        if getattr(args, "lock", False)
        else LockMode.NONE
    )
    return StationJob(
        kind=args.kind,
        batch=batch.id,
        pack=args.pack,
        count=args.count,
        lock=lock,
        password=password,
        company_prefix_length=getattr(args, "company_prefix_length", None),
        user_memory=getattr(args, "user_memory", False),
        window=getattr(args, "window", 4),
        reencode=tuple(keys),
        reason=args.reason,
    )


def cmd_station(args: argparse.Namespace) -> int:
    from app.encoding.launch import DeviceChoice, open_and_run

    if not args.device and not args.simulate:
        raise ValidationError("device", "give --device PATH (or --simulate for a demo)")
    db = open_station_db(args)
    job = _job(args, db)
    control = StationControl()
    bar = ProgressBar(f"{args.kind} batch {args.batch}")
    handler = TerminalHandler(control=control)
    device = DeviceChoice(
        path=args.device or "",
        simulate=args.simulate,
        sim_tag=getattr(args, "sim_tag", "NTAG215"),
        rfid_options=RfidOptions(
            tries=getattr(args, "tries", 3), reply_timeout_s=getattr(args, "reply_timeout", 10.0)
        ),
        baudrate=getattr(args, "baud", 9600),
    )
    with _ctrl_c(control):
        summary = open_and_run(
            job,
            db=db,
            device=device,
            handler=handler,
            control=control,
            progress=bar,
            use_feeder=handler.use_feeder,
        )
    print(summary.message)
    if summary.left_unencoded:
        return 1
    return _EXIT.get(summary.state, 3)
