"""Encoding stations against the simulators, beside bare nfcpy and pyserial loops.

    .venv/bin/python bench/stations.py [--nfc-units N] [--rfid-units N] [--rounds R]

Each figure is measured twice in one run, once per simulator timing:

* ``device``: the simulators take the time the hardware takes. The NTAG field answers each
  frame after 1 ms (a USB reader's round trip) and a WRITE after 4.1 ms more (the NTAG21x
  EEPROM write time); the printer takes the host's bytes at 115,200 baud and needs 0.2 s a
  label (a 2-inch label at 10 ips). This is what a station spends on a production line.
* ``instant``: the simulators answer at once, so the figures show the software alone.

The bare loops do the same protocol work as the stations: NFC senses and activates the tag
with nfcpy, reads its NDEF area, writes the URI record and reads it back; RFID sends the
same ZPL formats over pyserial with the same number in flight and matches each ``^HV``
read-back with its EPC. The stations add claims, one recorded transaction per unit (record,
audit event, outbox message; RFID groups the read-backs that arrive together), the bus
thread and the handler calls. The best of ``--rounds`` runs of each is printed, with the
ratio station / bare per unit (target: at most 1.10).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ndef  # noqa: E402
import nfc  # noqa: E402
import nfc.clf  # noqa: E402
import nfc.tag  # noqa: E402
import serial  # noqa: E402

from app.core.epc import encode_sgtin_many  # noqa: E402
from app.devices.base import LabelJob, RfidOptions  # noqa: E402
from app.devices.nfc.encoder import NfcpyEncoder  # noqa: E402
from app.devices.rfid import zpl  # noqa: E402
from app.devices.rfid.printer import ZplPrinter  # noqa: E402
from app.devices.sim.feeder import TagFeeder  # noqa: E402
from app.devices.sim.ntag import SimTag  # noqa: E402
from app.devices.sim.ntag_udp import NtagField  # noqa: E402
from app.devices.sim.zpl_engine import ZplPrinterEngine  # noqa: E402
from app.devices.sim.zpl_server import PtyPrinter  # noqa: E402
from app.encoding.handler import QuietStationHandler, UnitOutcome  # noqa: E402
from app.encoding.job import StationJob  # noqa: E402
from app.encoding.nfc_station import run_nfc_station  # noqa: E402
from app.encoding.rfid_station import run_rfid_station  # noqa: E402
from app.encoding.units import StationUnit  # noqa: E402
from app.minting.engine import mint  # noqa: E402
from app.minting.request import MintRequest, SerialKind, SerialSpec  # noqa: E402
from app.minting.submit import submit  # noqa: E402
from app.storage.brand import publish_template, update_brand  # noqa: E402
from app.storage.db import Database, open_database  # noqa: E402
from app.storage.products import import_products  # noqa: E402
from app.storage.queries import get_batch, token_page  # noqa: E402

SKU = "ACM-DRL-18V"
GTIN = "09506000001012"
DOMAIN = "id.acme.example"
WINDOW = 4


@dataclass(frozen=True)
class Timing:
    name: str
    frame_s: float  # NTAG: every answer
    write_s: float  # NTAG: WRITE on top
    baud: int | None  # printer line
    label_s: float  # printer: per label


DEVICE = Timing("device", 0.001, 0.0041, 115_200, 0.2)
INSTANT = Timing("instant", 0.0, 0.0, None, 0.0)


def unit_urls(db: Database, batch_id: int) -> list[tuple[str, str]]:
    """(serial, resolver URL) of the batch's units: the bare loops write the same data."""
    with db.read() as session:
        views = token_page(session, batch=get_batch(session, batch_id), limit=1_000_000)
    return [(view.serial or "", view.resolver_url) for view in views]


def station_db(folder: Path, units: int) -> tuple[Database, int]:
    db = open_database(f"sqlite:///{folder / 'station.db'}")
    with db.write() as session:
        update_brand(session, name="Acme", resolver_domain=DOMAIN, company_prefix="9506000")
        publish_template(session)
        import_products(session, (ROOT / "resources/sample/products.csv").read_text())
    serials = SerialSpec(kind=SerialKind.NUMERIC)
    sub = submit(db, MintRequest(sku=SKU, quantity=units, serials=serials))
    mint(sub.batch_id, db=db)
    return db, sub.batch_id


# -- NFC -----------------------------------------------------------------------------------


def nfc_field(timing: Timing) -> NtagField:
    return NtagField(delay_s=timing.frame_s, write_delay_s=timing.write_s)


def bare_nfc(units: int, timing: Timing) -> float:
    with tempfile.TemporaryDirectory() as folder, nfc_field(timing) as field:
        db, batch_id = station_db(Path(folder), units)
        urls = [url for _serial, url in unit_urls(db, batch_id)]
        db.dispose()
        clf = nfc.ContactlessFrontend(field.path)
        try:
            started = time.perf_counter()
            for n in range(units):
                field.present(SimTag("NTAG215"))
                target = clf.sense(nfc.clf.RemoteTarget("106A"), iterations=1)
                tag = nfc.tag.activate(clf, target)
                message = b"".join(ndef.message_encoder([ndef.UriRecord(urls[n])]))
                assert tag.ndef.is_writeable and len(message) <= tag.ndef.capacity
                tag.ndef.octets = message
                assert not tag.ndef.has_changed
                field.remove()
            return (time.perf_counter() - started) / units
        finally:
            clf.close()


class Operator(QuietStationHandler):
    def __init__(self, feeder: TagFeeder) -> None:
        self.feeder = feeder

    def present_tag(self, unit: StationUnit) -> None:
        self.feeder.place()

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        self.feeder.take()

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        self.feeder.take()


def station_nfc(units: int, timing: Timing) -> float:
    with tempfile.TemporaryDirectory() as folder, nfc_field(timing) as field:
        db, batch_id = station_db(Path(folder), units)
        operator = Operator(TagFeeder(field, lambda: SimTag("NTAG215")))
        started = time.perf_counter()
        summary = run_nfc_station(
            StationJob("nfc", batch_id), db=db, encoder=NfcpyEncoder(field.path), handler=operator
        )
        elapsed = time.perf_counter() - started
        assert summary.encoded == units, summary
        db.dispose()
        return elapsed / units


# -- RFID ----------------------------------------------------------------------------------


def printer(timing: Timing) -> PtyPrinter:
    engine = ZplPrinterEngine(label_time_s=timing.label_s)
    return PtyPrinter(engine, baud=timing.baud)


def rfid_jobs(units: int) -> list[LabelJob]:
    """The labels of a freshly minted batch, as the station would make them."""
    with tempfile.TemporaryDirectory() as folder:
        db, batch_id = station_db(Path(folder), units)
        pairs = unit_urls(db, batch_id)
        db.dispose()
    sgtins = encode_sgtin_many(GTIN, [serial for serial, _url in pairs], 7)
    return [
        LabelJob(n, sgtin.hex, url, (f"(01) {GTIN}", f"(21) {serial}"))
        for n, ((serial, url), sgtin) in enumerate(zip(pairs, sgtins, strict=True))
    ]


_READ_BACK = re.compile(rb"EPC:([0-9A-F ]*);TID:([0-9A-F ]*);")


def bare_rfid(units: int, timing: Timing) -> float:
    jobs = rfid_jobs(units)
    with printer(timing) as sim:
        port = serial.serial_for_url(sim.path, baudrate=9600, xonxoff=True, timeout=1)
        try:
            port.write(zpl.HOST_STATUS)
            status = b""
            while status.count(b"\x03") < 3:
                status += port.read(1)
            started = time.perf_counter()
            sent, done, buffer = 0, 0, b""
            while done < units:
                if time.perf_counter() - started > 10 + units:
                    raise RuntimeError(f"the bare loop got {done} of {units} read-backs")
                while sent < units and sent - done < WINDOW:
                    port.write(zpl.label_format(jobs[sent], tries=3))
                    sent += 1
                buffer += port.read(max(1, port.in_waiting))
                while (match := _READ_BACK.search(buffer)) is not None:
                    assert match.group(1).decode().strip() == jobs[done].epc
                    buffer = buffer[match.end() :]
                    done += 1
            return (time.perf_counter() - started) / units
        finally:
            port.close()


def station_rfid(units: int, timing: Timing) -> float:
    with tempfile.TemporaryDirectory() as folder, printer(timing) as sim:
        db, batch_id = station_db(Path(folder), units)
        driver = ZplPrinter(sim.path, options=RfidOptions())
        started = time.perf_counter()
        job = StationJob("rfid", batch_id, window=WINDOW)
        summary = run_rfid_station(job, db=db, printer=driver)
        elapsed = time.perf_counter() - started
        assert summary.encoded == units, summary
        db.dispose()
        return elapsed / units


# -- report --------------------------------------------------------------------------------


def best(measure: Callable[[int, Timing], float], units: int, timing: Timing, rounds: int) -> float:
    return min(measure(units, timing) for _ in range(rounds))


def report(kind: str, unit: str, bare_s: float, station_s: float) -> None:
    ratio = station_s / bare_s
    verdict = "ok" if ratio <= 1.10 else "over the 10 % target"
    if unit == "tag":
        figures = f"bare {bare_s * 1000:7.2f} ms/tag   station {station_s * 1000:7.2f} ms/tag"
    else:
        figures = f"bare {60 / bare_s:8,.0f} labels/min   station {60 / station_s:8,.0f} labels/min"
    print(f"  {kind:<5} {figures}   ratio {ratio:5.3f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device-units", type=int, default=40, help="tags/labels, device timing")
    parser.add_argument("--nfc-units", type=int, default=200, help="tags, instant timing")
    parser.add_argument("--rfid-units", type=int, default=400, help="labels, instant timing")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    plan = (
        (DEVICE, args.device_units, args.device_units),
        (INSTANT, args.nfc_units, args.rfid_units),
    )
    for timing, nfc_units, rfid_units in plan:
        print(f"{timing.name} timing: {nfc_units} tags, {rfid_units} labels, best of {args.rounds}")
        bare = best(bare_nfc, nfc_units, timing, args.rounds)
        station = best(station_nfc, nfc_units, timing, args.rounds)
        report("NFC", "tag", bare, station)
        bare = best(bare_rfid, rfid_units, timing, args.rounds)
        station = best(station_rfid, rfid_units, timing, args.rounds)
        report("RFID", "label", bare, station)


if __name__ == "__main__":
    main()
