"""Export a 1,000,000-token batch to 100 CSV packs, beside the sqlite3 shell writing CSV.

    .venv/bin/python bench/export_csv.py [--units N]

The batch is minted first with the real engine into a temporary station home (nothing is
cached between runs). The export runs in a fresh process, through ``generate_export`` with
everything a real export does: the lease, the job and pack rows, audit, one primary-key range
query per pack, derived token ids and URLs, ``csv.writer``, sha256, fsync and rename. Its
memory is sampled after every pack. Beside it, the ``sqlite3`` command-line shell writes the
same rows (``SELECT id, serial, gtin, status, created_at, lot_id FROM token WHERE id BETWEEN
..``) as CSV to a file, the fastest a plain dump of the query gets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATE = 300_000
TARGET_RATIO = 0.35


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def mint_batch(home: Path, units: int) -> dict[str, object]:
    from app.minting.engine import mint
    from app.minting.request import MintRequest
    from app.minting.submit import submit
    from app.storage.db import open_database
    from tests.minting.conftest import READY_SKU, prepare_station

    db = open_database(f"sqlite:///{home / 'mintstation.db'}")
    prepare_station(db)
    started = time.perf_counter()
    sub = submit(db, MintRequest(sku=READY_SKU, quantity=units))
    result = mint(sub.batch_id, db=db)
    elapsed = time.perf_counter() - started
    with db.read() as session:
        from app.storage.queries import get_batch

        batch = get_batch(session, sub.uid)
        first = batch.first_token_id or 0
    db.dispose()
    assert result.minted == units, result
    return {"uid": sub.uid, "first": first, "mint_seconds": elapsed}


def export(home: Path, uid: str, out: str, helpers: int | None) -> dict[str, object]:
    from app.exports import manifest_maker
    from app.exports.service import generate_export
    from app.storage.db import open_database

    if helpers is not None:
        manifest_maker.HELPERS = helpers

    db = open_database(f"sqlite:///{home / 'mintstation.db'}")
    samples: list[tuple[int, float]] = []
    packs = 0

    def progress(done: int, _total: int) -> None:
        nonlocal packs
        packs += 1
        samples.append((done, round(rss_mb(), 1)))

    made_by_helpers = 0
    real_close = manifest_maker.ManifestMaker.close

    def close(self: manifest_maker.ManifestMaker) -> None:
        nonlocal made_by_helpers
        made_by_helpers = self.made_by_helpers
        real_close(self)

    manifest_maker.ManifestMaker.close = close  # type: ignore[method-assign]
    started = time.perf_counter()
    result = generate_export(db, uid, "csv", out_dir=home / out, progress=progress)
    elapsed = time.perf_counter() - started
    db.dispose()
    assert result.status == "completed", result.reason
    size = sum(p.size_bytes or 0 for p in result.job.packs)
    return {
        "seconds": elapsed,
        "packs": len(result.job.packs),
        "bytes": size,
        "rss_samples": samples,
        "made_by_helpers": made_by_helpers,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def query_text(first: int, units: int) -> str:
    """The export's own range query (``units.token_query``) over the whole batch."""
    from app.exports.units import _SERIAL_SQL

    bounds = _SERIAL_SQL.replace("{m} AND {m}", f"{first} AND {first + units - 1}")
    return bounds + " ORDER BY id"


def sqlite_shell(home: Path, first: int, units: int) -> dict[str, float]:
    shell = shutil.which("sqlite3")
    if shell is None:
        raise SystemExit("the sqlite3 shell is missing: apt-get install -y sqlite3")
    query = query_text(first, units)
    target = home / "shell.csv"
    started = time.perf_counter()
    with open(target, "wb") as out:
        subprocess.run(
            [shell, "-csv", "-header", str(home / "mintstation.db"), query], stdout=out, check=True
        )
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "bytes": target.stat().st_size}


def child(kind: str, home: Path, extra: list[str]) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", kind, "--home", str(home), *extra]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, 1-minute load average {load:.2f} at the start"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--child", choices=["mint", "export"])
    parser.add_argument("--home")
    parser.add_argument("--uid")
    parser.add_argument("--out", default="exports")
    parser.add_argument("--helpers", type=int, help="helper processes (default: the module's)")
    args = parser.parse_args()
    if args.child == "mint":
        print(json.dumps(mint_batch(Path(args.home), args.units)))
        return
    if args.child == "export":
        print(json.dumps(export(Path(args.home), args.uid, args.out, args.helpers)))
        return

    units = args.units
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        minted = child("mint", home, ["--units", str(units)])
        uid = str(minted["uid"])
        first = int(str(minted["first"]))
        shells = []
        runs = []
        for attempt in range(2):  # interleaved, best of two each: the machine is shared
            shells.append(sqlite_shell(home, first, units))
            extra = ["--uid", uid, "--out", f"exports-{attempt}"]
            if args.helpers is not None:
                extra += ["--helpers", str(args.helpers)]
            runs.append(child("export", home, extra))
    shell = min(shells, key=lambda r: r["seconds"])
    ours = min(runs, key=lambda r: float(str(r["seconds"])))
    shell_seconds = float(shell["seconds"])
    ours_seconds = float(str(ours["seconds"]))
    rate = units / ours_seconds
    shell_rate = units / shell_seconds
    samples = ours["rss_samples"]
    assert isinstance(samples, list)
    print(f"units: {units:,} (minted in {float(str(minted['mint_seconds'])):.1f} s)")
    shell_runs = ", ".join(f"{float(r['seconds']):.2f}" for r in shells)
    our_runs = ", ".join(f"{float(str(r['seconds'])):.2f}" for r in runs)
    print(f"query: {query_text(first, units)}")
    print(
        f"sqlite3 shell -csv    : {shell_rate:>10,.0f} rows/s ({shell_seconds:.2f} s,"
        f" {int(str(shell['bytes'])) / 1e6:.0f} MB; runs"
        f" {shell_runs} s)"
    )
    print(
        f"generate_export csv   : {rate:>10,.0f} rows/s ({ours_seconds:.2f} s,"
        f" {ours['packs']} packs, {int(str(ours['bytes'])) / 1e6:.0f} MB,"
        f" {ours['made_by_helpers']} packs by helper processes; runs"
        f" {our_runs} s)"
    )
    ratio = rate / shell_rate
    print(f"rate target {TARGET_RATE:,} rows/s: {'met' if rate >= TARGET_RATE else 'MISSED'}")
    print(
        f"ratio to the shell: {ratio:.2f} (target {TARGET_RATIO}: "
        f"{'met' if ratio >= TARGET_RATIO else 'MISSED'})"
    )
    picks = [samples[1], samples[len(samples) // 2], samples[-1]] if len(samples) > 2 else samples
    memory = ", ".join(f"{done:,} rows: {mb} MB" for done, mb in picks)
    print(f"export process RSS after packs: {memory}; peak {float(str(ours['peak_mb'])):.0f} MB")


if __name__ == "__main__":
    main()
