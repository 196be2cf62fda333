"""Retention with an injected clock: files go after 30 days, history stays, regenerating works."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.exports import service
from app.exports.jobs import list_jobs
from app.exports.retention import sweep_expired
from app.exports.service import generate_export
from app.storage import audit, counters
from app.storage.db import Database
from tests.exports.conftest import Clock, mint_serials
from tests.exports.test_packs import digests, pack_paths


def test_sweep_removes_files_after_30_days_and_keeps_history(
    station: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PACK_SIZE", 10)
    uid = mint_serials(station, 25)
    clock = Clock()
    made = clock()
    first = generate_export(station, uid, "qr-bundle", out_dir=out, now=clock)
    paths = pack_paths(first)
    assert len(paths) == 3
    assert all(p.expires_at == made + timedelta(days=30) for p in first.job.packs)

    clock.advance(days=29, hours=23)
    assert sweep_expired(station, now=clock).packs == 0
    assert all(p.is_file() for p in paths)

    clock.advance(hours=1)
    report = sweep_expired(station, now=clock)
    assert (report.jobs, report.packs) == (1, 3)
    assert not any(p.exists() for p in paths)
    assert not (out.resolve() / uid / "qr-bundle" / "pack-0001").exists()
    with station.read() as session:
        [job] = list_jobs(session)
        events = [e.action for e in audit.iter_events(session, entity_type="export_job")]
    assert job.status == "completed" and job.expired
    assert all(p.expired_at == clock() and p.sha256 for p in job.packs)
    assert events == ["created", "completed", "files expired"]
    assert sweep_expired(station, now=clock).packs == 0  # idempotent

    clock.advance(days=1)
    again = generate_export(station, uid, "qr-bundle", out_dir=out, now=clock)
    assert again.new_job and again.generated == [0, 1, 2]
    assert all(p.is_file() for p in pack_paths(again))
    assert all(p.expires_at == clock() + timedelta(days=30) for p in again.job.packs)
    assert digests(pack_paths(again)) == [p.sha256 for p in first.job.packs]
    with station.read() as session:
        history = list_jobs(session)
        assert counters.read_all(session)[counters.EXPORTS_COMPLETED] == 2
    assert [(j.id, j.expired) for j in history] == [(again.job.id, False), (first.job.id, True)]


def test_an_unswept_expired_job_is_regenerated_not_reported(station: Database, out: Path) -> None:
    uid = mint_serials(station, 5)
    clock = Clock()
    first = generate_export(station, uid, "csv", out_dir=out, now=clock)
    clock.advance(days=31)
    again = generate_export(station, uid, "csv", out_dir=out, now=clock)
    assert again.new_job
    assert pack_paths(again) == pack_paths(first)
    assert pack_paths(again)[0].is_file()
    # The old job is retired, so a later sweep cannot delete the new job's file.
    assert sweep_expired(station, now=clock).packs == 0
    assert pack_paths(again)[0].is_file()


def test_files_removed_by_hand_are_made_again(station: Database, out: Path) -> None:
    uid = mint_serials(station, 5)
    first = generate_export(station, uid, "csv", out_dir=out)
    pack_paths(first)[0].unlink()
    again = generate_export(station, uid, "csv", out_dir=out)
    assert again.new_job and pack_paths(again)[0].is_file()
