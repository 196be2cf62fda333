"""The brand setting "compressed URIs in QR codes": off by default; on, each code holds the
compressed GS1 Digital Link URI (which decompresses to the URL in the index), and token
URLs without a GTIN stay as they are."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.core.dl_compression import decompress_dl_uri, is_compressed_dl_uri
from app.exports.qr_svg import QrStyle, code_svg
from app.exports.service import generate_export
from app.storage.brand import brand_settings, update_brand
from app.storage.db import Database
from tests.exports.conftest import mint_serials, read_zip
from tests.exports.test_packs import pack_paths
from tests.exports.test_qr_codes import decode


def _bundle(station: Database, out: Path) -> dict[str, bytes]:
    uid = mint_serials(station, 3)
    [path] = pack_paths(generate_export(station, uid, "qr-bundle", out_dir=out))
    return read_zip(path)


def test_off_by_default(station: Database, out: Path) -> None:
    with station.read() as session:
        assert brand_settings(session).qr_compressed_uris is False
    files = _bundle(station, out)
    index = list(csv.reader(io.StringIO(files["index.csv"].decode("utf-8"))))
    assert decode(files["qr/0000001.svg"]) == [index[1][2]]


def test_on_codes_hold_the_compressed_uri(station: Database, out: Path) -> None:
    with station.write() as session:
        update_brand(session, qr_compressed_uris=True)
    files = _bundle(station, out)
    index = list(csv.reader(io.StringIO(files["index.csv"].decode("utf-8"))))
    for row in index[1:]:
        [content] = decode(files[row[3]])
        assert is_compressed_dl_uri(content) and content != row[2]
        assert decompress_dl_uri(content) == row[2]
        assert len(content) < len(row[2])


def test_token_urls_have_no_compressed_form() -> None:
    style = QrStyle(compressed=True)
    url = "https://id.acme.example/t/01JD3V7Q7S2D9X0Q8Z8R3QX1VA"
    assert style.content(url) == url
    assert decode(code_svg(url, style)) == [url]
