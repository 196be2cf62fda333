"""The ZPL printer-encoder driver against the simulator, over a pty (pyserial) and TCP."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.core.epc import encode_sgtin_many
from app.devices.base import LabelJob, LabelOutcome, PrinterFault, RfidOptions
from app.devices.bus import BusThread, attach
from app.devices.rfid.printer import ZplPrinter
from app.devices.sim.zpl_engine import ZplPrinterEngine
from app.devices.sim.zpl_server import PtyPrinter, TcpPrinter

GTIN = "09506000001012"
OPTIONS = RfidOptions(
    tries=3, reply_timeout_s=0.4, write_timeout_s=0.2, stall_limit_s=10, status_timeout_s=0.3
)


def jobs(count: int, start: int = 1000) -> list[LabelJob]:
    serials = [str(start + n) for n in range(count)]
    return [
        LabelJob(
            n, sgtin.hex, f"https://id.acme.example/01/{GTIN}/21/{serial}", (f"(21) {serial}",)
        )
        for n, (serial, sgtin) in enumerate(
            zip(serials, encode_sgtin_many(GTIN, serials, 7), strict=True)
        )
    ]


@pytest.fixture(params=["pty", "tcp"])
def printer(
    request: pytest.FixtureRequest, engine: ZplPrinterEngine
) -> Iterator[tuple[ZplPrinter, BusThread]]:
    server = PtyPrinter(engine) if request.param == "pty" else TcpPrinter(engine)
    with server:
        url = server.path if isinstance(server, PtyPrinter) else server.url
        driver = ZplPrinter(url, options=OPTIONS)
        with attach(driver) as bus:
            yield driver, bus


def stream(
    driver: ZplPrinter, bus: BusThread, todo: list[LabelJob], window: int = 4
) -> list[LabelOutcome]:
    pending, out = list(todo), []
    deadline = time.monotonic() + 20
    while (pending or bus.call(driver.in_flight)) and time.monotonic() < deadline:
        while pending and len(bus.call(driver.in_flight)) < window:
            bus.call(driver.submit, pending.pop(0))
        out += bus.call(driver.collect, 0.1)
    return out


def test_status_and_a_stream_of_labels(
    printer: tuple[ZplPrinter, BusThread], engine: ZplPrinterEngine
) -> None:
    driver, bus = printer
    assert bus.call(driver.status).ready
    todo = jobs(20)
    out = stream(driver, bus, todo)
    assert [o.job.key for o in out] == list(range(20)) and all(o.ok and not o.voids for o in out)
    assert [label.epc for label in engine.labels] == [job.epc for job in todo]
    assert [o.tid for o in out] == [label.tid for label in engine.labels]
    assert engine.labels[3].qr == todo[3].qr_data and engine.labels[3].texts == ("(21) 1003",)
    assert bus.call(driver.encoded_log) == {job.epc for job in todo}


def test_two_voids_then_success(
    printer: tuple[ZplPrinter, BusThread], engine: ZplPrinterEngine
) -> None:
    driver, bus = printer
    engine.void_next(1, "no tag")
    engine.void_next(1, "write error")
    (only,) = stream(driver, bus, jobs(1))
    assert only.ok and len(only.voids) == 2
    assert "no tag answered" in only.voids[0].reason
    assert "instead of" in only.voids[1].reason and only.voids[1].tid
    assert [label.void for label in engine.labels] == [True, True, False]


def test_every_try_void_leaves_the_unit_unencoded(
    printer: tuple[ZplPrinter, BusThread], engine: ZplPrinterEngine
) -> None:
    driver, bus = printer
    engine.void_next(3)
    first, second = stream(driver, bus, jobs(2))
    assert not first.ok and len(first.voids) == 3 and "all 3 label(s) VOID" in (first.reason or "")
    assert second.ok  # the printer dropped the format and went on
    assert len(engine.labels) == 4


def test_paper_out_mid_job_pauses_and_loses_nothing(
    printer: tuple[ZplPrinter, BusThread], engine: ZplPrinterEngine
) -> None:
    driver, bus = printer
    engine.paper_out_after(3)
    todo = jobs(6)
    for job in todo:
        bus.call(driver.submit, job)
    out: list[LabelOutcome] = []
    with pytest.raises(PrinterFault) as fault:
        while True:
            out += bus.call(driver.collect, 0.1)
    assert fault.value.status.paper_out and len(out) == 3
    assert [j.key for j in bus.call(driver.in_flight)] == [3, 4, 5]
    engine.load_paper()
    bus.call(driver.resume)
    out += stream(driver, bus, [])
    assert [o.job.key for o in out] == list(range(6)) and all(o.ok for o in out)


def test_silent_printer_is_a_fault(
    printer: tuple[ZplPrinter, BusThread], engine: ZplPrinterEngine
) -> None:
    driver, bus = printer
    engine.silent_when_faulted = True
    engine.open_head()
    status = bus.call(driver.status)
    assert not status.answered and "does not answer" in status.describe()


def test_xoff_stall_loses_the_write_and_the_format_is_sent_again(engine: ZplPrinterEngine) -> None:
    engine.stall_after(formats=2, seconds=0.6)  # XOFF before the host writes format 3
    with PtyPrinter(engine) as server:
        driver = ZplPrinter(server.path, options=OPTIONS)
        with attach(driver) as bus:
            todo = jobs(8)
            out = stream(driver, bus, todo, window=2)
            assert driver.stalls >= 1
    assert [o.job.key for o in out] == list(range(8)) and all(o.ok for o in out)
    assert engine.encoded == [job.epc for job in todo]  # each exactly once, in order
    assert engine.formats_received == 8  # the lost write was sent again, once
