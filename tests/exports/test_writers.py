"""The fast CSV joiner against csv.writer, the ZIP stream against zipfile, the pack maker."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

import pytest

from app.exports import manifest_maker, service
from app.exports.batches import load_plan
from app.exports.kinds import ExportKind
from app.exports.manifest_maker import ManifestJob, ManifestMaker
from app.exports.manifests import csv_column, csv_text
from app.exports.service import generate_export
from app.exports.zipstream import ZipStream
from app.storage.db import Database
from tests.exports.conftest import mint_serials
from tests.exports.test_packs import digests, pack_paths


def test_csv_text_equals_csv_writer_on_awkward_fields() -> None:
    rnd = random.Random(5)
    alphabet = 'ab,"\r\n x;é€'
    header = ("a", "b,c", 'd"e')
    columns = [
        ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6))) for _row in range(300)]
        for _col in header
    ]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(header)
    writer.writerows(zip(*columns, strict=True))
    ours = csv_text(header, [csv_column(c) for c in columns])
    assert ours == expected.getvalue()
    assert list(csv.reader(io.StringIO(ours, newline="")))[1:] == [
        list(row) for row in zip(*columns, strict=True)
    ]


def test_zip_stream_is_a_valid_deterministic_zip() -> None:
    entries = [("qr/0000001.svg", b"<svg/>" * 50), ("qr/0000002.svg", b"<svg/>" * 50)]
    entries += [("qr/0000003.svg", b"other"), ("index.csv", b"a,b\r\n")]

    def build() -> bytes:
        out = io.BytesIO()
        stream = ZipStream(out)
        for name, data in entries:
            stream.add(name, data)
        stream.close()
        return out.getvalue()

    data = build()
    assert data == build()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, i.date_time) for i in archive.infolist()] == [
            (name, (1980, 1, 1, 0, 0, 0)) for name, _ in entries
        ]
        assert all(archive.read(name) == body for name, body in entries)
        assert archive.infolist()[0].external_attr >> 16 == 0o100644


def test_maker_with_helper_processes_gives_the_same_bytes(
    sqlite_station: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid = mint_serials(sqlite_station, 120)
    with sqlite_station.read() as session:
        plan = load_plan(session, uid)

    def jobs(folder: Path) -> list[ManifestJob]:
        return [
            ManifestJob(plan, ExportKind.QR, None, n, n * 10, 10, folder / f"{n}.csv")
            for n in range(12)
        ]

    with ManifestMaker(sqlite_station, jobs(tmp_path / "alone"), helpers=0) as here:
        alone = [here.take(n).publish() for n in range(12)]
    with ManifestMaker(sqlite_station, jobs(tmp_path / "shared"), helpers=2) as shared:
        for future in shared._warm:
            future.result(timeout=60)  # let the helpers start so they take packs
        together = [shared.take(n).publish() for n in range(6)]
        assert shared.made_by_helpers > 0
    # Packs prepared ahead but never taken are deleted with the maker.
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == [
        f"{n}.csv" for n in sorted(range(6), key=str)
    ]
    assert [w.path.read_bytes() for w in together] == [w.path.read_bytes() for w in alone[:6]]
    assert [w.sha256 for w in together] == [w.sha256 for w in alone[:6]]
    assert len({w.sha256 for w in alone}) == 12

    monkeypatch.setattr(service, "PACK_SIZE", 10)
    monkeypatch.setattr(manifest_maker, "HELPER_MIN_PACKS", 2)
    first = generate_export(sqlite_station, uid, "csv", out_dir=tmp_path / "a")
    monkeypatch.setattr(manifest_maker, "HELPERS", 0)
    second = generate_export(sqlite_station, uid, "csv", out_dir=tmp_path / "b")
    assert digests(pack_paths(first)) == digests(pack_paths(second))
