"""CSV, QR, NFC and RFID manifests: columns, RFC 4180 quoting, URLs, EPCs, lot batches."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import update

from app.core.digital_link import build_uri, serial_uri_prefix
from app.core.epc import encode_sgtin
from app.core.errors import NotFoundError
from app.core.ids import token_ids
from app.exports.kinds import (
    MANIFEST_COLUMNS,
    RFID_COLUMNS,
    UNIT_COLUMNS,
    BatchNotMintedError,
    ExportKind,
    ExportNotPossibleError,
)
from app.exports.service import generate_export
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.models import Brand
from app.storage.queries import token_page
from tests.exports.conftest import mint_lots, mint_serials
from tests.minting.conftest import READY_GTIN, READY_SKU

DOMAIN = "id.acme.example"
AWKWARD = ("A,1", 'B"2', 'C,"3"', "123456", "0042", "x/y?z")


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def export(db: Database, uid: str, kind: str, out: Path) -> list[Path]:
    result = generate_export(db, uid, kind, out_dir=out)
    assert result.status == "completed", result.reason
    return [Path(p.path) for p in result.job.packs if p.path]


def test_csv_manifest_columns_and_rfc4180_quoting(station: Database, out: Path) -> None:
    uid = mint_serials(station, len(AWKWARD), serials=AWKWARD)
    [path] = export(station, uid, "csv", out)
    assert path == out.resolve() / uid / "csv" / "pack-0001" / "manifest.csv"
    raw = path.read_bytes()
    # A serial with a comma and a double quote is quoted, its quotes doubled (RFC 4180).
    assert b'"C,""3"""' in raw
    assert b',"A,1",' in raw
    rows = read_csv(path)
    assert tuple(rows[0]) == MANIFEST_COLUMNS
    with station.read() as session:
        from app.storage.queries import get_batch

        views = token_page(session, batch=get_batch(session, uid), limit=100)
    assert [r[2] for r in rows[1:]] == list(AWKWARD)
    for row, view in zip(rows[1:], views, strict=True):
        token_id, url, serial, gtin, status, created = row
        assert (token_id, url, serial, gtin, status) == (
            view.token_id,
            view.resolver_url,
            view.serial,
            view.gtin,
            view.status,
        )
        assert created == view.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert rows[1][1] == serial_uri_prefix(DOMAIN, READY_GTIN) + "A%2C1"


@pytest.mark.parametrize("kind", ["qr", "nfc"])
def test_unit_manifests_have_the_six_columns(station: Database, out: Path, kind: str) -> None:
    uid = mint_serials(station, 12)
    [path] = export(station, uid, kind, out)
    assert path.name == f"{kind}_manifest.csv"
    rows = read_csv(path)
    assert tuple(rows[0]) == UNIT_COLUMNS
    assert len(rows) == 13
    ids = token_ids(uid, 0, 12)
    for n, row in enumerate(rows[1:]):
        assert row[:4] == [uid, ids[n], f"A{n + 1:08d}", READY_GTIN]
        assert row[4] == serial_uri_prefix(DOMAIN, READY_GTIN) + f"A{n + 1:08d}"


def test_rfid_manifest_epcs_match_core_encoding(station: Database, out: Path) -> None:
    serials = ("1", "274877906943", "274877906944", "0042", "A,1", 'B"2', "987654321")
    uid = mint_serials(station, len(serials), serials=serials)
    [path] = export(station, uid, "rfid", out)
    rows = read_csv(path)
    assert tuple(rows[0]) == RFID_COLUMNS
    schemes = []
    for row, serial in zip(rows[1:], serials, strict=True):
        expected = encode_sgtin(READY_GTIN, serial, 7)
        assert row[2] == serial
        assert (row[6], row[7]) == (expected.hex, expected.epc_uri)
        schemes.append("96" if len(row[6]) == 24 else "198")
    # Numeric serials without leading zeros that fit 38 bits: SGTIN-96; the rest: SGTIN-198.
    assert schemes == ["96", "96", "198", "198", "198", "198", "96"]


def test_rfid_needs_the_brand_company_prefix(station: Database, out: Path) -> None:
    uid = mint_serials(station, 3)
    with station.write() as session:
        session.execute(update(Brand).values(company_prefix=None, company_prefix_length=None))
    with pytest.raises(ExportNotPossibleError, match=rf"RFID manifest for batch {uid}.*prefix"):
        generate_export(station, uid, ExportKind.RFID, out_dir=out)
    # Other kinds still work.
    assert export(station, uid, "nfc", out)


def test_rfid_refuses_a_lot_batch(station: Database, out: Path) -> None:
    uid = mint_lots(station, (("L1", 2, 2),))
    with pytest.raises(ExportNotPossibleError, match="lot batch"):
        generate_export(station, uid, "rfid", out_dir=out)


def test_unknown_and_unminted_batches_are_refused(station: Database, out: Path) -> None:
    with pytest.raises(NotFoundError, match="no batch 01HZZZZZZZZZZZZZZZZZZZZZZZ: nothing"):
        generate_export(station, "01HZZZZZZZZZZZZZZZZZZZZZZZ", "csv", out_dir=out)
    with pytest.raises(NotFoundError, match="no batch 999"):
        generate_export(station, 999, "csv", out_dir=out)
    queued = submit(station, MintRequest(sku=READY_SKU, quantity=5))
    with pytest.raises(BatchNotMintedError, match=rf"batch {queued.uid} is queued \(0 of 5"):
        generate_export(station, queued.uid, "qr", out_dir=out)
    assert not any(out.iterdir())


def test_lot_batch_manifest_rows_are_tokens_with_the_lot_url(station: Database, out: Path) -> None:
    uid = mint_lots(station, (("L1", 3, 10), ("L/2", 2, 1)))
    [path] = export(station, uid, "qr", out)
    rows = read_csv(path)[1:]
    assert len(rows) == 5  # tokens, not printed labels
    assert [r[4] for r in rows] == [build_uri(DOMAIN, READY_GTIN, lot="L1")] * 3 + [
        build_uri(DOMAIN, READY_GTIN, lot="L/2")
    ] * 2
    assert rows[3][4].endswith("/10/L%2F2")
    assert all(r[2] == "" for r in rows)


def test_brand_without_gs1_gets_token_urls(station: Database, out: Path) -> None:
    uid = mint_serials(station, 4)
    with station.write() as session:
        session.execute(update(Brand).values(gs1_ready=False))
    [path] = export(station, uid, "csv", out)
    rows = read_csv(path)[1:]
    assert [r[1] for r in rows] == [f"https://{DOMAIN}/t/{t}" for t in token_ids(uid, 0, 4)]


def test_missing_tokens_are_reported_not_exported(station: Database, out: Path) -> None:
    uid = mint_serials(station, 4)
    with station.write() as session:
        from sqlalchemy import text

        session.execute(text("DELETE FROM token WHERE serial = 'A00000003'"))
    result = generate_export(station, uid, "csv", out_dir=out)
    assert result.status == "failed"
    assert result.reason is not None and "has 3 of the 4 tokens" in result.reason
