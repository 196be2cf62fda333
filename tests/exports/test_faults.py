"""A killed generator, a full disk, and generators racing for the same export."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import select

from app.cli.main import main as cli_main
from app.core.errors import ConflictError
from app.dbkit.types import utcnow
from app.exports import files, service
from app.exports.kinds import ExportKind
from app.exports.locks import ExportLease
from app.exports.service import generate_export
from app.storage import audit
from app.storage.db import Database
from app.storage.models import ExportJob, ExportLock, MintBatch
from tests.exports.conftest import Clock, mint_serials
from tests.exports.test_packs import digests, pack_paths
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_main.py")
KILL_PACK = 1_000


def test_sigkill_mid_pack_then_rerun_makes_only_the_unfinished_packs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    prepare_home(home)
    assert cli_main(["--home", str(home), "brand", "set", "--gcp", "9506000"]) == 0
    args = ["--home", str(home), "mint", "--sku", READY_SKU, "--quantity", "3000"]
    assert cli_main([*args, "--serials", "sequential"]) == 0
    db_path = home / "mintstation.db"
    with sqlite3.connect(db_path) as conn:
        uid = conn.execute("SELECT uid FROM mint_batch").fetchone()[0]
    cmd = [sys.executable, str(RUNNER), str(KILL_PACK), "--home", str(home), "export", uid]
    cmd += ["--kind", "qr-bundle", "--json"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    # Kill when the progress bar shows the second pack under way (past 1,000, before 2,000).
    while True:
        line = proc.stderr.readline()
        assert line, "the export ended before the kill point"
        match = re.search(r"([0-9,]+)/[0-9,]+ units", line)
        if match and KILL_PACK < int(match.group(1).replace(",", "")) < 2 * KILL_PACK:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with sqlite3.connect(db_path) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM export_pack ORDER BY id")]
        holder = conn.execute("SELECT holder FROM export_lock").fetchone()[0]
    assert statuses == ["completed", "generating", "pending"]
    assert holder.split(":")[1] == str(proc.pid)  # the dead process still holds the lock
    folder = home / "exports" / uid / "qr-bundle"
    first = folder / "pack-0001.zip"
    first_stat = first.stat()
    assert not (folder / "pack-0002.zip").exists()  # nothing partial under the final name
    # The dead process's lock is unexpired, but its process is gone from this host: the
    # rerun takes it over at once.
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert rerun.returncode == 0, rerun.stderr
    result = json.loads(rerun.stdout)
    assert result["outcome"] == "completed"
    assert result["generated"] == [2, 3]
    assert first.stat().st_mtime_ns == first_stat.st_mtime_ns
    assert first.stat().st_ino == first_stat.st_ino
    assert not list(folder.glob(".*.part"))
    # Byte for byte what an uninterrupted run makes.
    db = Database(f"sqlite:///{db_path}")
    try:
        service.PACK_SIZE, saved = KILL_PACK, service.PACK_SIZE
        fresh = generate_export(db, uid, "qr-bundle", out_dir=tmp_path / "fresh")
    finally:
        service.PACK_SIZE = saved
        db.dispose()
    resumed = [Path(p["path"]) for p in result["job"]["packs"]]
    assert digests(resumed) == digests(pack_paths(fresh))
    assert [p["sha256"] for p in result["job"]["packs"]] == digests(resumed)


def test_disk_full_fails_the_pack_cleanly_and_a_later_run_completes_it(
    station: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PACK_SIZE", 20)
    uid = mint_serials(station, 50)
    real_write = files._write

    def full_disk(handle: BinaryIO, data: bytes) -> None:
        if "pack-0002" in str(handle.name):
            real_write(handle, data[: len(data) // 2])  # part of it lands, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(handle, data)

    monkeypatch.setattr(files, "_write", full_disk)
    failed = generate_export(station, uid, "csv", out_dir=out)
    assert failed.status == "failed"
    assert failed.reason is not None and "the disk is full while writing" in failed.reason
    assert [p.status for p in failed.job.packs] == ["completed", "failed", "pending"]
    assert failed.job.packs[1].error == failed.reason
    assert failed.job.status == "failed"
    assert failed.job.error == f"pack 2: {failed.reason}"
    pack2 = out.resolve() / uid / "csv" / "pack-0002"
    assert not (pack2 / "manifest.csv").exists()
    assert not list(pack2.iterdir())  # the partial temporary file is gone too
    with station.read() as session:
        actions = [e.action for e in audit.iter_events(session, entity_type="export_job")]
    assert actions == ["created", "failed"]

    monkeypatch.setattr(files, "_write", real_write)
    kept = pack_paths(failed)[0].stat().st_mtime_ns
    done = generate_export(station, uid, "csv", out_dir=out)
    assert (done.status, done.generated, done.new_job) == ("completed", [1, 2], False)
    assert pack_paths(done)[0].stat().st_mtime_ns == kept
    fresh = generate_export(station, uid, "csv", out_dir=out.parent / "fresh")
    assert digests(pack_paths(done)) == digests(pack_paths(fresh))


def test_racing_for_the_lease_exactly_one_wins(station: Database) -> None:
    uid = mint_serials(station, 1)
    with station.read() as session:
        from app.storage.queries import get_batch

        batch_id = get_batch(session, uid).id
    racers = [ExportLease(station, batch_id, uid, ExportKind.CSV, now=utcnow) for _ in range(6)]
    barrier = threading.Barrier(len(racers))
    won: list[str] = []
    refused: list[str] = []

    def race(lease: ExportLease) -> None:
        barrier.wait()
        try:
            lease.acquire()
            won.append(lease.holder)
        except ConflictError as exc:
            refused.append(str(exc))

    threads = [threading.Thread(target=race, args=(lease,)) for lease in racers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1
    assert len(refused) == 5
    assert all(won[0] in message and "locked until" in message for message in refused)


def test_two_generators_on_one_export_only_one_runs(station: Database, out: Path) -> None:
    uid = mint_serials(station, 30)
    holding = threading.Event()
    tried = threading.Event()
    results: list[service.ExportOutcome] = []

    def first_progress(done: int, _total: int) -> None:
        if done == 0:
            holding.set()
            assert tried.wait(30)

    def first() -> None:
        results.append(generate_export(station, uid, "qr", out_dir=out, progress=first_progress))

    thread = threading.Thread(target=first)
    thread.start()
    assert holding.wait(30)
    try:
        with pytest.raises(ConflictError, match=r"QR manifest of batch .* is being generated by"):
            generate_export(station, uid, "qr", out_dir=out)
    finally:
        tried.set()
        thread.join()
    assert results[0].status == "completed"
    assert results[0].generated == [0]
    with station.read() as session:
        assert session.execute(select(ExportLock)).first() is None  # released


def test_an_expired_lock_of_a_dead_process_is_taken_over(station: Database, out: Path) -> None:
    uid = mint_serials(station, 5)
    clock = Clock()
    with station.read() as session:
        from app.storage.queries import get_batch

        batch_id = get_batch(session, uid).id
    dead = ExportLease(station, batch_id, uid, ExportKind.CSV, now=clock)
    dead.acquire()  # and never released: the process "died"
    with pytest.raises(ConflictError, match=rf"{dead.holder} \(locked until 2030-01-01 12:10:00"):
        generate_export(station, uid, "csv", out_dir=out, now=clock)
    clock.advance(minutes=10)
    result = generate_export(station, uid, "csv", out_dir=out, now=clock)
    assert result.status == "completed"


def _home_with_batch(home: Path, quantity: int) -> str:
    """A station home with one minted batch; its uid."""
    prepare_home(home)
    args = ["--home", str(home), "mint", "--sku", READY_SKU, "--quantity", str(quantity), "--json"]
    assert cli_main(args) == 0
    db = Database(f"sqlite:///{home / 'mintstation.db'}")
    try:
        with db.read() as session:
            return str(session.execute(select(MintBatch.uid)).scalar_one())
    finally:
        db.dispose()


def _parts(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


def test_a_real_full_disk_leaves_no_part_file_and_cancel_frees_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.filesystems import tmpfs

    uid = _home_with_batch(tmp_path / "home", 3000)
    home = ["--home", str(tmp_path / "home")]
    with tmpfs(tmp_path / "small", size_kb=128) as small:
        capsys.readouterr()
        code = cli_main([*home, "export", uid, "--kind", "qr-bundle", "--out", str(small)])
        err = capsys.readouterr().err
        assert code == 1
        assert "disk is full" in err and str(small) in err and "Traceback" not in err
        assert _parts(small) == []
        assert cli_main([*home, "exports", "list", "--json"]) == 0
        (job,) = json.loads(capsys.readouterr().out)
        assert job["status"] == "failed"
        assert cli_main([*home, "exports", "cancel", str(job["id"])]) == 0
        assert "is cancelled" in capsys.readouterr().out
        assert cli_main([*home, "exports", "cancel", str(job["id"])]) == 0  # idempotent
    capsys.readouterr()
    # Without --out the export starts anew in the default folder and completes.
    assert cli_main([*home, "export", uid, "--kind", "csv"]) == 0
    code = cli_main([*home, "export", uid, "--kind", "qr-bundle"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "ready" in out and "was cancelled" not in err
    assert cli_main([*home, "exports", "cancel", "1"]) == 0  # the cancelled job again
    capsys.readouterr()
    assert cli_main([*home, "exports", "cancel", "2"]) == 2  # a completed job: refused
    assert "nothing to cancel" in capsys.readouterr().err


def test_a_new_out_folder_never_continues_an_old_job_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.filesystems import read_only_view

    uid = _home_with_batch(tmp_path / "home", 50)
    home = ["--home", str(tmp_path / "home")]
    (tmp_path / "plain").mkdir()
    with read_only_view(tmp_path / "plain", tmp_path / "ro") as ro:
        capsys.readouterr()
        assert cli_main([*home, "export", uid, "--kind", "csv", "--out", str(ro)]) == 1
        assert str(ro) in capsys.readouterr().err
    other = tmp_path / "other"
    assert cli_main([*home, "export", uid, "--kind", "csv", "--out", str(other), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "export job 1" in err and "was cancelled" in err
    result = json.loads(out)
    assert result["job"]["out_dir"] == str(other.resolve())
    assert result["job"]["status"] == "completed"
    assert cli_main([*home, "exports", "list", "--json"]) == 0
    statuses = {job["id"]: job["status"] for job in json.loads(capsys.readouterr().out)}
    assert statuses == {1: "cancelled", 2: "completed"}


def test_cancel_stops_a_running_export_before_its_next_pack(station: Database, out: Path) -> None:
    uid = mint_serials(station, 30)
    jobs_seen: list[int] = []

    def progress(done: int, _total: int) -> None:
        if done == 10 and not jobs_seen:
            with station.read() as session:
                job_id = session.execute(select(ExportJob.id)).scalar_one()
            jobs_seen.append(job_id)
            service.cancel_export(station, job_id)

    result = generate_export(station, uid, "csv", out_dir=out, pack_size=10, progress=progress)
    assert result.status == "stopped", result.reason
    assert result.job.status == "cancelled"
    done = [p for p in result.job.packs if p.status == "completed"]
    assert len(done) == 1
    again = generate_export(station, uid, "csv", out_dir=out, pack_size=10)
    assert again.new_job and again.status == "completed"
