"""Packing, determinism, resumption, bundles and label sheets, counters and audit."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
import segno

from app.core.digital_link import build_uri, serial_uri_prefix
from app.core.packs import PACK_SIZE
from app.exports import service
from app.exports.bundle import LOT_INDEX_COLUMNS, SERIAL_INDEX_COLUMNS
from app.exports.service import generate_export
from app.storage import audit, counters
from app.storage.brand import update_brand
from app.storage.db import Database
from tests.exports.conftest import mint_lots, mint_serials, read_zip
from tests.exports.test_qr_codes import LOGO_SVG, decode, segno_svg
from tests.minting.conftest import READY_GTIN

DOMAIN = "id.acme.example"


def digests(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def pack_paths(result: service.ExportOutcome) -> list[Path]:
    return [Path(p.path) for p in result.job.packs if p.path]


def export_events(db: Database) -> list[tuple[str, str]]:
    with db.read() as session:
        return [
            (e.entity_id, e.action) for e in audit.iter_events(session, entity_type="export_job")
        ]


def exports_completed(db: Database) -> int:
    with db.read() as session:
        return counters.read_all(session)[counters.EXPORTS_COMPLETED]


def test_a_batch_gives_ceil_n_over_pack_size_packs(station: Database, out: Path) -> None:
    uid = mint_serials(station, 25_000)
    seen: list[tuple[int, int]] = []
    result = generate_export(
        station, uid, "csv", out_dir=out, progress=lambda d, t: seen.append((d, t))
    )
    assert PACK_SIZE == 10_000
    assert [p.unit_count for p in result.job.packs] == [10_000, 10_000, 5_000]
    assert seen == [(0, 25_000), (10_000, 25_000), (20_000, 25_000), (25_000, 25_000)]
    serials = []
    for path in pack_paths(result):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))[1:]
        serials.append((rows[0][2], rows[-1][2], len(rows)))
    assert serials == [
        ("A00000001", "A00010000", 10_000),
        ("A00010001", "A00020000", 10_000),
        ("A00020001", "A00025000", 5_000),
    ]
    assert exports_completed(station) == 1
    assert export_events(station) == [("1", "created"), ("1", "completed")]
    # Running it again finds the job complete: nothing is made, nothing counted twice.
    again = generate_export(station, uid, "csv", out_dir=out)
    assert (again.status, again.generated, again.new_job) == ("completed", [], False)
    assert exports_completed(station) == 1


@pytest.mark.parametrize("kind", ["csv", "rfid", "qr-bundle", "label-sheet"])
def test_regenerating_gives_byte_identical_packs(
    sqlite_station: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setattr(service, "PACK_SIZE", 12 if kind == "label-sheet" else 40)
    uid = mint_serials(sqlite_station, 30 if kind == "label-sheet" else 100)
    first = generate_export(sqlite_station, uid, kind, out_dir=tmp_path / "a")
    second = generate_export(sqlite_station, uid, kind, out_dir=tmp_path / "b")
    assert second.new_job
    assert len(first.job.packs) == 3
    assert digests(pack_paths(first)) == digests(pack_paths(second))
    assert [p.sha256 for p in first.job.packs] == digests(pack_paths(first))


def test_resume_makes_only_unfinished_packs(
    station: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PACK_SIZE", 10)
    uid = mint_serials(station, 45)
    calls = 0

    def stop_after_two() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    stopped = generate_export(station, uid, "nfc", out_dir=out, cancelled=stop_after_two)
    assert stopped.status == "stopped"
    assert stopped.generated == [0, 1]
    statuses = [p.status for p in stopped.job.packs]
    assert statuses == ["completed", "completed", "pending", "pending", "pending"]
    kept = {p: p.stat().st_mtime_ns for p in pack_paths(stopped)}
    resumed = generate_export(station, uid, "nfc", out_dir=out)
    assert (resumed.status, resumed.generated, resumed.new_job) == ("completed", [2, 3, 4], False)
    assert {p: p.stat().st_mtime_ns for p in pack_paths(stopped)} == kept
    fresh = generate_export(station, uid, "nfc", out_dir=out.parent / "fresh")
    assert digests(pack_paths(resumed)) == digests(pack_paths(fresh))
    assert exports_completed(station) == 2


def test_serial_bundle_holds_one_svg_per_unit(station: Database, out: Path) -> None:
    uid = mint_serials(station, 12, serials=tuple(f"S,{n}" for n in range(12)))
    result = generate_export(station, uid, "qr-bundle", out_dir=out)
    [path] = pack_paths(result)
    assert path == out.resolve() / uid / "qr-bundle" / "pack-0001.zip"
    files = read_zip(path)
    assert sorted(files) == ["index.csv"] + [f"qr/{n:07d}.svg" for n in range(1, 13)]
    index = list(csv.reader(io.StringIO(files["index.csv"].decode("utf-8"), newline="")))
    assert tuple(index[0]) == SERIAL_INDEX_COLUMNS
    prefix = serial_uri_prefix(DOMAIN, READY_GTIN)
    for n, (serial, gtin, url, name) in enumerate(index[1:]):
        assert (serial, gtin, url, name) == (f"S,{n}", READY_GTIN, f"{prefix}S%2C{n}", name)
        # Byte for byte what segno writes by default for the same URL and level M.
        assert files[name] == segno_svg(url, "m")
    assert decode(files["qr/0000003.svg"]) == [f"{prefix}S%2C2"]


def test_lot_bundle_repeats_each_lot_url_print_quantity_times(
    station: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PACK_SIZE", 8)
    uid = mint_lots(station, (("L1", 2, 5), ("L2", 1, 7)))
    result = generate_export(station, uid, "qr-bundle", out_dir=out)
    assert [p.unit_count for p in result.job.packs] == [8, 4]  # printed units, not tokens
    rows: list[list[str]] = []
    svgs: dict[str, bytes] = {}
    for path in pack_paths(result):
        files = read_zip(path)
        index = list(csv.reader(io.StringIO(files["index.csv"].decode("utf-8"), newline="")))
        assert tuple(index[0]) == LOT_INDEX_COLUMNS
        rows += index[1:]
        svgs |= {name: data for name, data in files.items() if name.startswith("qr/")}
    url1, url2 = (build_uri(DOMAIN, READY_GTIN, lot=c) for c in ("L1", "L2"))
    assert [(r[0], r[2]) for r in rows] == [("L1", url1)] * 5 + [("L2", url2)] * 7
    assert [r[3] for r in rows] == [f"qr/{n:07d}.svg" for n in range(1, 13)]
    assert len(svgs) == 12
    assert {svgs[r[3]] for r in rows if r[0] == "L1"} == {segno_svg(url1, "m")}
    assert decode(svgs["qr/0000012.svg"]) == [url2]


def test_bundle_with_logo_uses_level_h(station: Database, out: Path) -> None:
    with station.write() as session:
        update_brand(session, logo=(LOGO_SVG, ".svg"), logo_in_bundles=True)
    uid = mint_serials(station, 3)
    result = generate_export(station, uid, "qr-bundle", out_dir=out)
    files = read_zip(pack_paths(result)[0])
    url = serial_uri_prefix(DOMAIN, READY_GTIN) + "A00000002"
    svg = files["qr/0000002.svg"]
    assert b"<image" in svg
    assert svg.startswith(segno_svg(url, "h")[: -len(b"</svg>\n")])
    assert segno.make(url, error="h").error == "H"
    assert decode(svg) == [url]


def test_label_sheet_is_a_pdf_per_pack(station: Database, out: Path) -> None:
    uid = mint_lots(station, (("LOT<&>", 1, 30),))
    result = generate_export(station, uid, "label-sheet", out_dir=out)
    [path] = pack_paths(result)
    assert path == out.resolve() / uid / "label-sheet" / "pack-0001" / "labels.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 2  # 30 labels, 24/page
    assert result.job.packs[0].unit_count == 30
