"""Make one 10,000-code QR bundle pack, beside a plain segno loop writing the same ZIP.

    .venv/bin/python bench/export_qr.py [--codes N] [--sample N]

Ours is ``generate_export(kind="qr-bundle")`` on a freshly minted 10,000-unit batch: the
lease, job rows, token read, exact-segno codes with the vectorised mask choice on a pool of
two worker processes (its start-up included), the ZIP with index.csv, fsync and rename. The
plain loop is one process calling ``segno.make(url, error=...)`` and ``save(kind="svg")`` into
a ZIP with the same entries; it is timed on a sample (1,000 codes by default) and scaled to
the pack, as segno's time per code does not depend on the position in the pack. Then the same
with the brand logo (error correction H), and a lot bundle of 10,000 identical labels.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0
TARGET_RATIO = 4.0
LOT_TARGET_SECONDS = 1.0
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    b'<circle cx="20" cy="20" r="18" fill="#d2232a"/>'
    b'<path d="M10 28 L20 10 L30 28 Z" fill="#ffd100"/></svg>'
)


def plain_loop(urls: list[str], error: str, logo: bool) -> float:
    """segno.make + SVG write of each URL into one ZIP, one process; seconds."""
    import segno

    from app.exports.qr_svg import QrStyle, _logo_svg

    style = QrStyle(LOGO, "image/svg+xml")
    started = time.perf_counter()
    with zipfile.ZipFile(io.BytesIO(), "w") as archive:
        for n, url in enumerate(urls, start=1):
            qr = segno.make(url, error=error)
            out = io.BytesIO()
            qr.save(out, kind="svg")
            svg = out.getvalue()
            if logo:
                width = int(qr.symbol_size()[0])
                assert style.logo is not None
                svg = _logo_svg(svg.decode(), width, style.logo, "image/svg+xml").encode()
            entry = zipfile.ZipInfo(f"qr/{n:07d}.svg", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, svg)
    return time.perf_counter() - started


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, 1-minute load average {load:.2f} at the start"


def main() -> None:
    print(f"machine: {machine()}")
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1_000)
    args = parser.parse_args()

    from app.core.states import IdentityMode
    from app.exports.batches import load_plan
    from app.exports.service import generate_export
    from app.minting.engine import mint
    from app.minting.request import LotSpec, MintRequest
    from app.minting.submit import submit
    from app.storage.brand import update_brand
    from app.storage.db import open_database
    from tests.minting.conftest import READY_SKU, prepare_station

    codes = args.codes
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = open_database(f"sqlite:///{home / 'mintstation.db'}")
        prepare_station(db)
        batch = submit(db, MintRequest(sku=READY_SKU, quantity=codes))
        mint(batch.batch_id, db=db)
        lot_request = MintRequest(
            sku=READY_SKU,
            quantity=1,
            identity_mode=IdentityMode.LOT,
            lots=(LotSpec("LOT1", 1, codes),),
        )
        lots = submit(db, lot_request)
        mint(lots.batch_id, db=db)
        with db.read() as session:
            plan = load_plan(session, batch.uid)
        from app.exports.units import read_tokens

        with db.engine.connect() as conn:
            urls = read_tokens(
                conn.connection.dbapi_connection, conn.dialect.paramstyle, plan, 0, codes
            ).urls
        sample = urls[: args.sample]

        def ours(out: str, uid: str) -> float:
            started = time.perf_counter()
            result = generate_export(db, uid, "qr-bundle", out_dir=home / out)
            elapsed = time.perf_counter() - started
            assert result.status == "completed", result.reason
            return elapsed

        rows = []
        for label, error, logo in (("level M, no logo", "m", False), ("level H, logo", "h", True)):
            if logo:
                with db.write() as session:
                    update_brand(session, logo=(LOGO, ".svg"), logo_in_bundles=True)
            ours_s = ours(f"ours-{error}", batch.uid)
            plain_s = plain_loop(sample, error, logo) * codes / len(sample)
            rows.append((label, ours_s, plain_s))
        lot_s = ours("lot", lots.uid)
        db.dispose()

    print(
        f"one QR bundle pack of {codes:,} codes (2 cores; plain loop timed on {args.sample:,}"
        f" codes and scaled x{codes / args.sample:g})"
    )
    for label, ours_s, plain_s in rows:
        ratio = plain_s / ours_s
        verdict = "met" if ours_s <= TARGET_SECONDS and ratio >= TARGET_RATIO else "MISSED"
        print(
            f"  {label:<17} ours {ours_s:6.2f} s ({codes / ours_s:,.0f} codes/s)"
            f"   plain segno loop {plain_s:6.2f} s ({codes / plain_s:,.0f} codes/s)"
            f"   ratio {ratio:4.1f}x   [target <= {TARGET_SECONDS:g} s and >= {TARGET_RATIO:g}x:"
            f" {verdict}]"
        )
    lot_verdict = "met" if lot_s < LOT_TARGET_SECONDS else "MISSED"
    print(
        f"  lot bundle of {codes:,} identical labels: {lot_s:.2f} s"
        f"  [target < {LOT_TARGET_SECONDS:g} s: {lot_verdict}]"
    )


if __name__ == "__main__":
    main()
