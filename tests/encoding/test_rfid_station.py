"""The RFID station over pyserial and the simulated ZPL printer-encoder."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.core.epc import decode_sgtin
from app.devices.base import RfidOptions
from app.devices.rfid.printer import ZplPrinter
from app.devices.sim.zpl_engine import ZplPrinterEngine
from app.devices.sim.zpl_server import PtyPrinter, TcpPrinter
from app.encoding.control import StationControl
from app.encoding.job import StationJob, StationState, StationSummary
from app.encoding.rfid_station import run_rfid_station
from app.minting.request import SerialKind, SerialSpec
from app.storage.db import Database
from app.storage.encoding_models import EncodingRecord
from app.storage.encoding_queries import encoding_history
from app.storage.queries import get_batch, token_page
from tests.encoding.conftest import NUMERIC, Recorder, minted_batch, ok_counts

OPTIONS = RfidOptions(tries=3, reply_timeout_s=1.0, write_timeout_s=0.3, status_timeout_s=0.5)


@pytest.fixture
def engine() -> ZplPrinterEngine:
    return ZplPrinterEngine()


@pytest.fixture
def printer(engine: ZplPrinterEngine) -> Iterator[PtyPrinter]:
    with PtyPrinter(engine) as running:
        yield running


def run(
    db: Database,
    url: str,
    job: StationJob,
    handler: Recorder | None = None,
    options: RfidOptions = OPTIONS,
    **kw: object,
) -> StationSummary:
    driver = ZplPrinter(url, options=options)
    return run_rfid_station(job, db=db, printer=driver, handler=handler or Recorder(), **kw)  # type: ignore[arg-type]


def records(db: Database) -> list[EncodingRecord]:
    with db.read() as session:
        return list(session.execute(select(EncodingRecord).order_by(EncodingRecord.id)).scalars())


def test_a_full_run(station: Database, printer: PtyPrinter, engine: ZplPrinterEngine) -> None:
    batch_id = minted_batch(station, 60, NUMERIC)
    summary = run(station, printer.path, StationJob("rfid", batch_id, window=6))
    assert (summary.state, summary.encoded, summary.failed) == (StationState.FINISHED, 60, 0)
    with station.read() as session:
        units = token_page(session, batch=get_batch(session, batch_id), limit=100)
    rows = records(station)
    assert [r.token_key for r in rows] == [u.key for u in units]
    assert [r.tag_uid for r in rows] == [label.tid for label in engine.labels]
    for unit, label in zip(units, engine.labels, strict=True):
        assert decode_sgtin(label.epc or "")[:2] == (unit.gtin, unit.serial)
        assert label.qr == unit.resolver_url
        assert label.texts == (f"(01) {unit.gtin}", f"(21) {unit.serial}")


def test_two_voids_then_success(
    sqlite_station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 3, NUMERIC)
    engine.void_next(2)
    summary = run(db, printer.path, StationJob("rfid", batch_id))
    assert summary.encoded == 3 and summary.failed == 2
    first = records(db)[0].token_key
    with db.read() as session:
        history = encoding_history(session, first)
    assert [h.result for h in history] == ["void", "void", "ok"]
    assert all("VOID" in (h.reason or "") for h in history[:2])


def test_every_try_void(
    sqlite_station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 4, NUMERIC)
    engine.void_next(3)
    handler = Recorder()
    summary = run(db, printer.path, StationJob("rfid", batch_id), handler)
    assert summary.encoded == 3 and summary.failed == 3 and len(summary.left_unencoded) == 1
    (failed,) = handler.of("failed")
    assert failed[1] == summary.left_unencoded[0] and "all 3 label(s) VOID" in str(failed[2])
    assert failed[1] not in ok_counts(db, "rfid")  # stays unencoded
    again = run(db, printer.path, StationJob("rfid", batch_id))
    assert again.encoded == 1 and len(ok_counts(db, "rfid")) == 4


def test_paper_out_mid_job_then_resumed(
    station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    batch_id = minted_batch(station, 20, NUMERIC)
    engine.paper_out_after(7)
    control = StationControl()
    handler = Recorder()

    def operator() -> None:
        deadline = time.monotonic() + 20
        while not control.paused and time.monotonic() < deadline:
            time.sleep(0.01)
        engine.load_paper()
        control.resume()

    helper = threading.Thread(target=operator)
    helper.start()
    summary = run(station, printer.path, StationJob("rfid", batch_id), handler, control=control)
    helper.join()
    assert summary.state is StationState.FINISHED and summary.encoded == 20
    paused = [s for s in handler.statuses if s.state is StationState.PAUSED]
    assert paused and "out of labels" in paused[0].message and paused[0].done == 7
    assert ok_counts(station, "rfid") == dict.fromkeys(ok_counts(station, "rfid"), 1)
    assert len(engine.encoded) == len(set(engine.encoded)) == 20


def test_printer_not_ready_before_the_job(
    sqlite_station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 5, NUMERIC)
    engine.open_head()
    control = StationControl()
    handler = Recorder()

    problems: list[str] = []

    def operator() -> None:
        # A deadline, and findings handed to the test thread: an assert in here would only
        # be a warning, and a station that never paused would leave this loop spinning.
        deadline = time.monotonic() + 20
        while not control.paused:
            if time.monotonic() > deadline:
                problems.append("the station never paused for the open head")
                control.stop()
                return
            time.sleep(0.01)
        if engine.formats_received:  # nothing may be sent to a printer with its head up
            problems.append(f"{engine.formats_received} format(s) sent with the head open")
        engine.open_head(False)
        control.resume()

    helper = threading.Thread(target=operator)
    helper.start()
    try:
        summary = run(db, printer.path, StationJob("rfid", batch_id), handler, control=control)
    finally:
        helper.join(timeout=30)
    assert not helper.is_alive(), "the operator thread is stuck"
    assert problems == []
    assert summary.encoded == 5
    paused = next(s for s in handler.statuses if s.state is StationState.PAUSED)
    assert "head open" in paused.message


def test_stalled_line_over_tcp_and_pty(sqlite_station: Database, engine: ZplPrinterEngine) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 16, NUMERIC)
    engine.stall_after(formats=3, seconds=0.5)
    with PtyPrinter(engine) as pty:
        first = run(db, pty.path, StationJob("rfid", batch_id, count=8))
    with TcpPrinter(engine) as tcp:
        second = run(db, tcp.url, StationJob("rfid", batch_id))
    assert first.encoded == 8 and second.encoded == 8
    assert len(engine.encoded) == len(set(engine.encoded)) == 16


def test_sgtin96_and_198_mixed_and_user_memory(
    sqlite_station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    db = sqlite_station
    serials = SerialSpec(kind=SerialKind.LIST, serials=("1001", "LOT/A-1", "0123", "1002"))
    batch_id = minted_batch(db, 4, serials)
    summary = run(db, printer.path, StationJob("rfid", batch_id, user_memory=True, window=4))
    assert summary.encoded == 4 and summary.failed == 0
    decoded = [decode_sgtin(label.epc or "") for label in engine.labels]
    assert [(serial, scheme) for _gtin, serial, _filter, scheme in decoded] == [
        ("1001", "sgtin-96"),
        ("LOT/A-1", "sgtin-198"),
        ("0123", "sgtin-198"),  # a leading zero does not fit SGTIN-96
        ("1002", "sgtin-96"),
    ]
    assert [len(r.epc_hex or "") for r in records(db)] == [24, 52, 52, 24]
    assert all(label.user_memory == (label.qr or "").encode() for label in engine.labels)


def test_a_read_back_that_comes_late_still_counts(sqlite_station: Database) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 3, NUMERIC)
    engine = ZplPrinterEngine(label_time_s=0.5)  # slower than the 0.3 s reply timeout
    impatient = RfidOptions(reply_timeout_s=0.3, status_timeout_s=0.5)
    with PtyPrinter(engine) as printer:
        summary = run(db, printer.path, StationJob("rfid", batch_id, window=2), options=impatient)
    assert summary.encoded == 3 and summary.left_unencoded == ()
    results = [r.result for r in records(db)]
    assert results.count("ok") == 3 and "failed" in results
    assert len(engine.encoded) == len(set(engine.encoded)) == 3


def test_operator_pause_resume_stop_and_restart(
    sqlite_station: Database, printer: PtyPrinter, engine: ZplPrinterEngine
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 30, NUMERIC)
    control = StationControl()

    class Operator(Recorder):
        def unit_encoded(self, unit: object, outcome: object) -> None:
            super().unit_encoded(unit, outcome)  # type: ignore[arg-type]
            done = len(self.of("encoded"))
            if done == 5:
                control.pause()
                threading.Timer(0.3, control.resume).start()
            if done == 15:
                control.stop()

    handler = Operator()
    first = run(db, printer.path, StationJob("rfid", batch_id), handler, control=control)
    assert first.state is StationState.STOPPED and 15 <= first.encoded < 30
    assert any(s.message == "paused by the operator" for s in handler.statuses)
    assert not engine.paused  # the printer was paused with the station, and resumed with it
    rest = run(db, printer.path, StationJob("rfid", batch_id))
    assert rest.state is StationState.FINISHED and first.encoded + rest.encoded == 30
    assert len(engine.encoded) == len(set(engine.encoded)) == 30
