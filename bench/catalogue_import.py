"""Import a 50 MB catalogue CSV: peak memory and rate, beside the plain csv module.

    .venv/bin/python bench/catalogue_import.py [--mb 50]

The file has every column, quoted names with commas and doubled quotes, and a multi-line
description on every tenth row. Each run is a process of its own, so its peak resident
memory (``ru_maxrss``) is its own:

- ``csv.reader``: the plain csv module streaming the file, nothing kept (the floor);
- ``csv.DictReader list``: what the import did before (all rows in memory at once);
- ``check``: the strict streamed reader with every row rule, nothing written;
- ``import``: the whole import into a new SQLite station database (check, then write).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = (
    "sku,name,gtin,commercial_status,manufacturer,country_of_origin,material_composition,"
    "recyclability,category,description,recycled_content_pct,carbon_footprint_kg\n"
)


def gtin14(n: int) -> str:
    body = f"0950600{n:06d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def make_file(path: Path, megabytes: int) -> int:
    target = megabytes * 1_000_000
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        while out.tell() < target:
            rows += 1
            description = '"Cordless tool, ' + "brushless motor and two batteries. " * 3
            if rows % 10 == 0:
                description += '\r\nSecond line with ""quotes"", commas.'
            description += '"'
            out.write(
                f'SKU-{rows:07d},"Drill {rows}, ""pro"" edition",{gtin14(rows)},active,'
                f"Acme Tools GmbH,DE,steel 60% / ABS 40%,yes,tools,{description},35,"
                f"{rows % 97}.5\r\n"
            )
    return rows


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: Path) -> None:
    db = None
    if mode == "import":
        from app.storage.db import open_database

        db = open_database(f"sqlite:///{path.with_suffix('.db')}")  # migrations not timed
    started = time.perf_counter()
    rows = 0
    if mode == "csv.reader":
        import csv

        with path.open(encoding="utf-8", newline="") as f:
            for _row in csv.reader(f):
                rows += 1
        rows -= 1
    elif mode == "csv.DictReader list":
        import csv
        import io

        text = path.read_bytes().decode("utf-8")
        rows = len(list(csv.DictReader(io.StringIO(text, newline=""))))
    elif mode == "check":
        from app.core.catalogue import CatalogueCheck, read_catalogue

        check = CatalogueCheck()
        with path.open(encoding="utf-8", errors="surrogateescape", newline="") as f:
            for _ in read_catalogue(f, check):
                rows += 1
        assert check.error_count == 0, check.errors[:3]
    else:
        from app.storage.products import import_products_file

        assert db is not None
        with db.write() as session:
            report = import_products_file(session, path)
        assert report.ok, report.errors[:3]
        rows = report.created
        db.dispose()
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalogue.csv"
        rows = make_file(path, args.mb)
        size = path.stat().st_size / 1e6
        print(f"catalogue: {size:.1f} MB, {rows:,} products")
        base = subprocess.run(
            [sys.executable, "-c", "import resource; print(resource.getrusage(0).ru_maxrss)"],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"an empty Python process peaks at {int(base.stdout) / 1024:.0f} MB")
        for mode in ("csv.reader", "csv.DictReader list", "check", "import"):
            done = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{mode:<20} {r['rows']:>9,} rows  {r['seconds']:6.1f} s"
                f"  {r['rows'] / r['seconds']:>9,.0f} rows/s  {size / r['seconds']:6.1f} MB/s"
                f"  peak {r['peak_mb']:6.0f} MB"
            )


if __name__ == "__main__":
    main()
