"""Printing and verifying: labels rendered and spooled to a real CUPS queue, and the verify
loop's throughput through the real recording path.

    .venv/bin/python bench/printing.py [--units 10000] [--printer MintPDF] [--template T]

1. ``print_labels`` renders the batch's labels (PDF per 500-label chunk, cairo) and spools
   each chunk to the CUPS queue (``.ci/cups-pdf`` makes ``MintPDF``), recording every unit;
   beside it, in the same run, plain ``segno.make`` of the same URLs (only the QR codes:
   the floor any label renderer built on segno pays).
2. The verify loop: every printed URL scanned once, then 1,000 of them again (duplicates),
   through ``Verifier.scan_many`` in groups of 50 (what queues up behind a commit) and one
   scan per transaction (a slow scanner), against a plain ``parse_scan`` of the same strings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import segno  # noqa: E402

from app.core.digital_link import parse_scan  # noqa: E402
from app.minting.engine import mint  # noqa: E402
from app.minting.request import MintRequest, SerialKind, SerialSpec  # noqa: E402
from app.minting.submit import submit  # noqa: E402
from app.printing.jobs import PrintRequest, print_labels  # noqa: E402
from app.printing.store import get_template  # noqa: E402
from app.printing.units import load_batch, read_units  # noqa: E402
from app.printing.verify import Verifier  # noqa: E402
from app.storage.brand import publish_template, update_brand  # noqa: E402
from app.storage.db import Database, open_database  # noqa: E402
from app.storage.products import import_products  # noqa: E402


def station(folder: Path, units: int) -> tuple[Database, str]:
    db = open_database(f"sqlite:///{folder / 'station.db'}")
    with db.write() as session:
        update_brand(
            session, name="Acme", resolver_domain="id.acme.example", company_prefix="9506000"
        )
        publish_template(session)
        import_products(session, (ROOT / "resources/sample/products.csv").read_text())
    spec = SerialSpec(kind=SerialKind.SEQUENTIAL, prefix="A")
    submitted = submit(db, MintRequest(sku="ACM-DRL-18V", quantity=units, serials=spec))
    mint(submitted.batch_id, db=db)
    return db, submitted.uid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--printer", default="MintPDF")
    parser.add_argument("--template", default="a4-4x10")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, batch = station(Path(tmp), args.units)
        with db.read() as session:
            info = load_batch(session, batch)
            urls = [u.url for u in read_units(session, info, 0, args.units)]
            error = get_template(session, args.template).qr.error.lower()

        started = time.perf_counter()
        for url in urls:
            segno.make(url, error=error, micro=False, boost_error=False)
        segno_s = time.perf_counter() - started

        started = time.perf_counter()
        outcome = print_labels(db, PrintRequest(batch, args.printer, template=args.template))
        print_s = time.perf_counter() - started
        assert outcome.status == "completed", outcome

        scans = urls + urls[:1000]
        started = time.perf_counter()
        for text in scans:
            parse_scan(text)
        parse_s = time.perf_counter() - started

        verifier = Verifier(db, batch)
        started = time.perf_counter()
        for i in range(0, len(scans), 50):
            verifier.scan_many(scans[i : i + 50])
        grouped_s = time.perf_counter() - started
        counts = verifier.counts()
        assert counts["verified"] == args.units and counts["duplicate"] == 1000, counts

        single = Verifier(db, batch, new_run=True)
        few = scans[-2000:]
        started = time.perf_counter()
        for text in few:
            single.scan(text)
        single_s = time.perf_counter() - started
        db.dispose()

    n = args.units
    print(f"printing {n:,} labels ({args.template}) to CUPS queue {args.printer}:")
    print(f"  render + spool + record: {print_s:7.2f} s  {n / print_s:8,.0f} labels/s")
    print(
        f"  plain segno.make, same URLs: {segno_s:7.2f} s  {n / segno_s:8,.0f} codes/s"
        f"  (labels/s = {segno_s / print_s:.2f} x segno's codes/s)"
    )
    print(f"verify loop, {len(scans):,} scans ({n:,} verified, 1,000 duplicates):")
    print(f"  groups of 50 per transaction: {len(scans) / grouped_s:8,.0f} scans/s")
    print(f"  one scan per transaction:     {len(few) / single_s:8,.0f} scans/s")
    print(f"  plain parse_scan, same text:  {len(scans) / parse_s:8,.0f} scans/s")


if __name__ == "__main__":
    main()
