"""The window's quick service calls (app.workers.actions) against a real SQLite file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from sqlalchemy import func, select

from app.resources import SAMPLE_PRODUCTS
from app.storage.db import Database
from app.storage.models import Product
from app.workers.actions import import_catalogue

ROWS = 4_000
DESCRIPTION = "d" * 2_000  # wide rows: the file is ~8 MB, its SKU/GTIN sets stay small


def _products(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Product)) or 0)


def test_import_catalogue_imports_the_sample_file(sqlite_db: Database) -> None:
    report = import_catalogue(sqlite_db, SAMPLE_PRODUCTS)
    assert not report.errors
    assert report.created == _products(sqlite_db) > 0


def test_import_catalogue_streams_the_file_instead_of_reading_it_whole(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """The window's import used to read the whole file into one string (then a StringIO):
    its peak was over twice the file. Streamed, the peak stays well under the file's size."""
    big = tmp_path / "catalogue.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("sku,name,commercial_status,description\n")
        for n in range(ROWS):
            out.write(f"SKU-{n},Product {n},active,{DESCRIPTION}\n")
        out.write(f"SKU-{ROWS},Bad row,not-a-status,x\n")  # at the end: every row is read
    size = big.stat().st_size
    tracemalloc.start()
    try:
        report = import_catalogue(sqlite_db, big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(e.line, e.field) for e in report.errors] == [(ROWS + 2, "commercial_status")]
    assert _products(sqlite_db) == 0  # a bad row: nothing is written
    assert peak < size / 2, f"peak {peak:,} bytes for a {size:,}-byte file"
