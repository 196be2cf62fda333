"""The NFC station over nfcpy and the simulated field: whole runs, faults, restarts."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import ndef
import pytest
from sqlalchemy import func, select

from app.core.errors import ConflictError, ValidationError
from app.devices.base import LockMode
from app.devices.nfc.encoder import NfcpyEncoder
from app.devices.sim.feeder import TagFeeder, tags
from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField
from app.encoding.control import StationControl
from app.encoding.handler import UnitOutcome
from app.encoding.job import StationJob, StationState
from app.encoding.nfc_station import run_nfc_station
from app.encoding.units import StationUnit
from app.storage import audit
from app.storage.db import Database
from app.storage.encoding_models import EncodingRecord
from app.storage.encoding_queries import encoding_history
from app.storage.models import OutboxMessage
from app.storage.queries import get_batch, token_page
from tests.encoding.conftest import NUMERIC, Recorder, minted_batch, ok_counts


class Operator(Recorder):
    """Puts a tag on the reader when asked and takes it away once told how it went."""

    def __init__(self, feeder: TagFeeder) -> None:
        super().__init__()
        self.feeder = feeder

    def present_tag(self, unit: StationUnit) -> None:
        super().present_tag(unit)
        self.feeder.place()

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        super().unit_encoded(unit, outcome)
        self.feeder.take()

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        super().unit_failed(unit, outcome)
        self.feeder.take()


@pytest.fixture
def field() -> Iterator[NtagField]:
    with NtagField() as running:
        yield running


def uri_on(tag: SimTag) -> str | None:
    message = tag.ndef_message()
    return str(next(iter(ndef.message_decoder(message))).iri) if message else None


def run(db: Database, field: NtagField, job: StationJob, operator: Operator, **kw: object):  # type: ignore[no-untyped-def]
    encoder = NfcpyEncoder(field.path)
    return run_nfc_station(job, db=db, encoder=encoder, handler=operator, **kw)  # type: ignore[arg-type]


def test_a_full_run_of_200_units(station: Database, field: NtagField) -> None:
    batch_id = minted_batch(station, 200)
    operator = Operator(TagFeeder(field, lambda: SimTag("NTAG213")))
    summary = run(station, field, StationJob("nfc", batch_id), operator)
    assert summary.state is StationState.FINISHED
    assert (summary.encoded, summary.done, summary.total) == (200, 200, 200)
    with station.read() as session:
        units = token_page(session, batch=get_batch(session, batch_id), limit=500)
        records = (
            session.execute(select(EncodingRecord).order_by(EncodingRecord.id)).scalars().all()
        )
        assert audit.verify_chain(session).ok
        keys = (
            session.execute(
                select(OutboxMessage.idempotency_key).where(OutboxMessage.topic == "token.encoded")
            )
            .scalars()
            .all()
        )
        history = encoding_history(session, units[7].key)
    ok = [r for r in records if r.result == "ok"]
    # a busy machine may make a tag miss nfcpy's 5 ms read timeout: that is a failed attempt,
    # recorded, and the unit goes on the next tag
    assert summary.failed == len(records) - len(ok)
    assert [r.token_key for r in ok] == [u.key for u in units]  # in order, once each
    by_uid = {tag.uid.hex().upper(): tag for tag in field.presented}
    assert [uri_on(by_uid[r.tag_uid or ""]) for r in ok] == [u.resolver_url for u in units]
    assert len(set(keys)) == len(records)
    assert [(h.kind, h.result, h.encoding_no) for h in history if h.result == "ok"] == [
        ("nfc", "ok", 1)
    ]
    assert ok_counts(station, "nfc") == {u.key: 1 for u in units}


def test_tag_removed_mid_write_is_retried_on_the_next_tag(
    sqlite_station: Database, field: NtagField
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 3)
    supply = tags(SimTag("NTAG215", remove_after_writes=3))
    seen: list[dict[int, int]] = []

    class Watching(Operator):
        def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
            seen.append(ok_counts(db, "nfc"))  # not encoded before the next tag
            super().unit_failed(unit, outcome)

    operator = Watching(TagFeeder(field, supply=supply))
    summary = run(db, field, StationJob("nfc", batch_id), operator)
    assert summary.state is StationState.FINISHED and summary.encoded == 3
    first = operator.of("encoded")[0][1]
    assert operator.of("failed")[0][1] == first
    assert "lost during the write" in str(operator.of("failed")[0][2])
    assert seen[0] == {}  # not encoded when the next tag was asked for
    with db.read() as session:
        history = encoding_history(session, first)
    assert history[0].result == "failed" and history[-1].result == "ok"
    assert history[0].tag_uid == field.presented[0].uid.hex().upper()
    assert uri_on(field.presented[0]) is None and uri_on(field.presented[1]) is not None


def test_read_only_and_too_small_tags_fail_and_the_unit_waits(
    sqlite_station: Database, field: NtagField
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 2)
    supply = tags(SimTag("NTAG213", read_only=True), SimTag("NTAG210"), SimTag("NTAG213"))
    operator = Operator(TagFeeder(field, supply=supply))
    summary = run(db, field, StationJob("nfc", batch_id), operator)
    assert summary.encoded == 2 and summary.failed >= 2
    failures = operator.of("failed")
    read_only = [key for _, key, why in failures if "read-only" in str(why)]
    too_small = [key for _, key, why in failures if "tag too small" in str(why)]
    assert read_only == too_small == [operator.of("encoded")[0][1]]  # the same unit each time


def test_lock_count_and_restart(sqlite_station: Database, field: NtagField) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 10)
    operator = Operator(TagFeeder(field))
    first = run(db, field, StationJob("nfc", batch_id, count=4, lock=LockMode.PERMANENT), operator)
    assert (first.state, first.encoded, first.done) == (StationState.FINISHED, 4, 4)
    assert all(tag.memory[15] == 0x0F for tag in field.presented)  # locked for good
    second = run(db, field, StationJob("nfc", batch_id), Operator(TagFeeder(field)))
    assert (second.encoded, second.done) == (6, 10)
    assert set(ok_counts(db, "nfc").values()) == {1} and len(ok_counts(db, "nfc")) == 10


def test_pause_resume_and_stop(sqlite_station: Database, field: NtagField) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 30)
    control = StationControl()

    class Pausing(Operator):
        def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
            super().unit_encoded(unit, outcome)
            done = len(self.of("encoded"))
            if done == 5:
                control.pause("coffee")
                threading.Timer(0.2, control.resume).start()
            if done == 12:
                control.stop()

    operator = Pausing(TagFeeder(field))
    summary = run(db, field, StationJob("nfc", batch_id), operator, control=control)
    assert summary.state is StationState.STOPPED and summary.encoded == 12
    assert any(s.state is StationState.PAUSED and s.message == "coffee" for s in operator.statuses)
    rest = run(db, field, StationJob("nfc", batch_id), Operator(TagFeeder(field)))
    assert rest.encoded == 18 and rest.state is StationState.FINISHED
    with db.read() as session:
        keys = (
            session.execute(select(EncodingRecord.token_key).order_by(EncodingRecord.id))
            .scalars()
            .all()
        )
    assert keys == sorted(keys) and len(set(keys)) == 30  # in order, never twice


def test_a_tag_carrying_an_encoded_unit_is_not_overwritten(
    sqlite_station: Database, field: NtagField
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 3, NUMERIC)
    operator = Operator(TagFeeder(field))
    run(db, field, StationJob("nfc", batch_id, count=1), operator)
    done_tag = field.presented[0]
    done_uri = uri_on(done_tag)
    operator = Operator(TagFeeder(field, supply=tags(done_tag)))
    summary = run(db, field, StationJob("nfc", batch_id), operator)
    assert summary.encoded == 2
    assert "already carries an encoded unit" in str(operator.of("failed")[0][2])
    assert uri_on(done_tag) == done_uri


def test_reencode_needs_a_reason_and_numbers_the_encodings(
    sqlite_station: Database, field: NtagField
) -> None:
    db = sqlite_station
    batch_id = minted_batch(db, 3)
    run(db, field, StationJob("nfc", batch_id), Operator(TagFeeder(field)))
    key = min(ok_counts(db, "nfc"))
    with pytest.raises(ValidationError, match="reason"):
        run(db, field, StationJob("nfc", batch_id, reencode=(key,)), Operator(TagFeeder(field)))
    job = StationJob("nfc", batch_id, reencode=(key,), reason="tag damaged in packing")
    summary = run(db, field, job, Operator(TagFeeder(field)))
    assert summary.encoded == 1
    with db.read() as session:
        history = encoding_history(session, key)
    assert [(h.result, h.encoding_no) for h in history] == [("ok", 1), ("ok", 2)]
    assert history[1].reason == "re-encode: tag damaged in packing"


def test_encoded_twice_without_reencode_is_impossible(station: Database) -> None:
    from app.dbkit.types import utcnow
    from app.encoding.recording import Attempt, record
    from app.encoding.units import load_plan

    batch_id = minted_batch(station, 1)
    with station.read() as session:
        plan = load_plan(session, StationJob("nfc", batch_id))
    unit = plan.unit(plan.first_key, None, None, None)
    with station.write() as session:
        record(session, plan, unit, Attempt("ok", "reader A"), "station A", utcnow())
    with pytest.raises(ConflictError, match="already encoded"), station.write() as session:
        record(session, plan, unit, Attempt("ok", "reader B"), "station B", utcnow())
    with pytest.raises(Exception, match=r"(?i)check|constraint"), station.write() as session:
        session.add(
            EncodingRecord(
                token_key=unit.key,
                batch_id=batch_id,
                kind="nfc",
                device="x",
                station="y",
                result="ok",
                encoding_no=2,
                at=utcnow(),
            )
        )  # a second encoding without a reason
    with station.read() as session:
        assert session.execute(select(func.count()).select_from(EncodingRecord)).scalar_one() == 1


def test_two_stations_share_a_batch_without_overlap(station: Database) -> None:
    batch_id = minted_batch(station, 40)
    results = []
    with NtagField() as one, NtagField() as two:

        def run_station(field: NtagField) -> None:
            results.append(
                run(station, field, StationJob("nfc", batch_id), Operator(TagFeeder(field)))
            )

        threads = [threading.Thread(target=run_station, args=(f,)) for f in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        presented = one.presented + two.presented
    assert sum(r.encoded for r in results) == 40
    assert ok_counts(station, "nfc") == dict.fromkeys(ok_counts(station, "nfc"), 1)
    assert len(ok_counts(station, "nfc")) == 40
    written = [uri_on(tag) for tag in presented if uri_on(tag)]
    assert len(written) == len(set(written)) == 40  # no unit on two tags
