"""A batch is never stranded, and serials are unique by their strings at submit (issue 14)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.cli.main import main as cli_main
from app.core.states import BatchStatus
from app.minting.engine import mint, outcome, resume_failed
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.submit import MintRefused, preflight, submit
from app.storage.db import Database
from app.storage.models import AuditEvent, MintBatch, OutboxMessage, SerialCounter, Token
from tests.conftest import pg_database, prepare_station
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home


def _rows(db: Database) -> tuple[int, ...]:
    """How many rows of everything a submit writes."""
    with db.read() as session:
        return tuple(
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (MintBatch, Token, AuditEvent, OutboxMessage, SerialCounter)
        )


def _seq(quantity: int, prefix: str = "", width: int = 8, start: int | None = None) -> MintRequest:
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix=prefix, width=width, start=start)
    return MintRequest(sku=READY_SKU, quantity=quantity, serials=spec)


def _byo(serials: list[str]) -> MintRequest:
    spec = SerialSpec(kind=SerialKind.LIST, serials=tuple(serials))
    return MintRequest(sku=READY_SKU, quantity=len(serials), serials=spec)


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (_seq(5, prefix="A B"), "serial prefix"),
        (_seq(5, prefix="#"), "serial prefix"),
        (_seq(5, prefix="Ü"), "serial prefix"),
        (_seq(5, width=-1), "serial width"),
        (_seq(5, width=21), "serial width"),
        (_seq(5, start=-3), "negative"),
        (_seq(200, width=2), "does not fit in 2 digits"),
        (_seq(5, prefix="P" * 15, width=8), "at most 20"),
    ],
)
def test_bad_sequential_sources_are_refused_before_anything_is_written(
    station: Database, request_: MintRequest, words: str
) -> None:
    before = _rows(station)
    with pytest.raises(MintRefused, match=words):
        submit(station, request_)
    assert preflight(station, request_) is not None
    assert _rows(station) == before


def _strand(db: Database, batch_id: int, prefix: str) -> None:
    """What a batch queued by an older version with an unchecked prefix looks like."""
    with db.write() as session:
        session.execute(
            update(MintBatch).where(MintBatch.id == batch_id).values(serial_prefix=prefix)
        )


def test_an_engine_error_fails_the_batch_at_once_with_its_reason(station: Database) -> None:
    batch = submit(station, _seq(10, prefix="OK"))
    _strand(station, batch.batch_id, "A B")
    result = mint(batch.batch_id, db=station)
    assert result.status == BatchStatus.FAILED
    assert result.reason is not None and "prefix" in result.reason
    with station.read() as session:
        assert session.get(MintBatch, batch.batch_id).attempts == 0  # type: ignore[union-attr]


def test_worker_reports_a_failed_batch_and_mints_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare_home(tmp_path)
    home = ["--home", str(tmp_path)]
    base = ["mint", "--sku", READY_SKU, "--detach", "--serials", "sequential"]
    assert cli_main([*home, *base, "--quantity", "10", "--serial-prefix", "S"]) == 0
    assert cli_main([*home, *base, "--quantity", "20", "--serial-prefix", "T"]) == 0
    db = Database(f"sqlite:///{tmp_path / 'mintstation.db'}")
    try:
        with db.read() as session:
            first, second = session.execute(select(MintBatch.id).order_by(MintBatch.id)).scalars()
        _strand(db, first, "#")
        capsys.readouterr()
        assert cli_main([*home, "worker"]) == 1
        err = capsys.readouterr().err
        assert "failed" in err and "prefix" in err and "Traceback" not in err
        assert outcome(db, first).status == BatchStatus.FAILED
        assert outcome(db, second).status == BatchStatus.MINTED
        assert cli_main([*home, "worker"]) == 0  # nothing left blocks the queue
    finally:
        db.dispose()


def test_batches_resume_finishes_a_batch_left_processing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare_home(tmp_path)
    home = ["--home", str(tmp_path)]
    assert cli_main([*home, "mint", "--sku", READY_SKU, "--quantity", "30", "--detach"]) == 0
    db = Database(f"sqlite:///{tmp_path / 'mintstation.db'}")
    try:
        with db.read() as session:
            batch = session.execute(select(MintBatch)).scalar_one()
        calls = iter([False, True])  # one cycle, then "the process died"
        stopped = mint(batch.id, db=db, cycle_size=10, cancelled=lambda: next(calls))
        assert (stopped.status, stopped.minted) == (BatchStatus.PROCESSING, 10)
        capsys.readouterr()
        assert cli_main([*home, "batches", "resume", batch.uid]) == 0
        assert "minted: 30" in capsys.readouterr().out
        assert outcome(db, batch.id).status == BatchStatus.MINTED
        assert cli_main([*home, "batches", "resume", batch.uid]) == 2
        assert "already minted" in capsys.readouterr().err
    finally:
        db.dispose()


def test_resume_failed_on_processing_writes_nothing(station: Database) -> None:
    batch = submit(station, _seq(5))
    with station.write() as session:
        session.execute(
            update(MintBatch)
            .where(MintBatch.id == batch.batch_id)
            .values(status=BatchStatus.PROCESSING.value)
        )
    before = _rows(station)
    resume_failed(station, batch.batch_id)
    assert _rows(station) == before
    assert mint(batch.batch_id, db=station).status == BatchStatus.MINTED


def test_byo_overlapping_a_reserved_range_is_refused(station: Database) -> None:
    submit(station, _seq(1000))  # 00000001..00001000, queued, nothing minted yet
    before = _rows(station)
    with pytest.raises(MintRefused) as err:
        submit(station, _byo([f"{n:08d}" for n in range(500, 1500)]))
    lines = [e.line for e in err.value.row_errors]
    assert lines[0] == 1 and len(lines) == 501
    assert "reserved by batch" in str(err.value)
    assert _rows(station) == before


def test_sequential_sources_making_the_same_strings_are_refused(station: Database) -> None:
    submit(station, _seq(30_000, width=8, start=25_001))  # 00025001..00055000
    before = _rows(station)
    with pytest.raises(MintRefused, match="at '00025001'"):
        submit(station, _seq(30_000, prefix="000", width=5))  # 00000001..00030000
    with pytest.raises(MintRefused, match="at '00025001'"):
        submit(station, _seq(10, prefix="0002", width=0, start=5001))
    assert _rows(station) == before
    # Disjoint strings pass: the same digits but a different length.
    assert submit(station, _seq(10, prefix="000", width=6)).created


def test_sequential_over_minted_or_listed_serials_is_refused(station: Database) -> None:
    mint(submit(station, _byo(["Z0042", "Z-1"])).batch_id, db=station)
    submit(station, _byo(["Y7", "Y8"]))  # queued, not minted
    before = _rows(station)
    with pytest.raises(MintRefused, match="'Z0042', already minted"):
        submit(station, _seq(100, prefix="Z", width=4))
    with pytest.raises(MintRefused, match=r"list of batch \w+ at 'Y7'"):
        submit(station, _seq(9, prefix="Y", width=0, start=1))
    with pytest.raises(MintRefused, match="'Y8' is reserved"):
        submit(station, _byo(["Y9", "Y8"]))
    assert _rows(station) == before
    assert submit(station, _seq(41, prefix="Z", width=4)).created  # Z0000..Z0040


def test_concurrent_submits_never_share_a_serial(pg_schema_url: tuple[str, str]) -> None:
    """Threads on separate connections submit sources that overlap pairwise; one wins."""
    url, schema = pg_schema_url
    setup = pg_database(url, schema)
    prepare_station(setup)
    setup.dispose()
    requests = [
        _seq(100, prefix="", width=8, start=1),
        _seq(100, prefix="0", width=7, start=50),
        _seq(100, prefix="00", width=6, start=90),
        _seq(100, prefix="000000", width=0, start=1),
        _byo([f"{n:08d}" for n in range(95, 97)]),
        _byo([f"{n:08d}" for n in range(96, 99)]),
    ]
    barrier = threading.Barrier(len(requests))
    accepted: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []
    stations = [pg_database(url, schema) for _ in requests]  # opened (migrated) up front

    def one(db: Database, request: MintRequest) -> None:
        try:
            barrier.wait(timeout=30)
            accepted.append(submit(db, request).batch_id)
        except MintRefused as exc:
            refused.append(str(exc))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [
        threading.Thread(target=one, args=(db, r)) for db, r in zip(stations, requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(accepted) == 1 and len(refused) == len(requests) - 1
    check = pg_database(url, schema)
    try:
        mint(accepted[0], db=check)
        with check.read() as session:
            duplicated = session.execute(
                select(func.count()).select_from(
                    select(Token.serial).group_by(Token.serial).having(func.count() > 1).subquery()
                )
            ).scalar_one()
        assert duplicated == 0
    finally:
        check.dispose()
