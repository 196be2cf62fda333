"""Mint 1,000,000 serial tokens through the real engine, beside a bare sqlite3 loop.

    .venv/bin/python bench/mint.py [--units N] [--pg URL | --no-pg]

The bare loop inserts equivalent rows with plain ``sqlite3.executemany``: 26-character ids,
12-character random serials, a unique (GTIN, serial) index, WAL, ``synchronous=FULL`` and
20,000-row transactions. The engine run includes everything a real batch does: the request
checks, audit, outbox, counters, progress callbacks. Each side runs in a process of its own so
its peak memory can be read; the engine also samples its memory as the batch grows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK = 20_000
GTIN = "09506000001012"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare(units: int, folder: Path) -> dict[str, float]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE token (id TEXT PRIMARY KEY, gtin TEXT NOT NULL, serial TEXT NOT NULL,"
        " status TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    conn.execute("CREATE UNIQUE INDEX ux_token_gtin_serial ON token (gtin, serial)")
    started = time.perf_counter()
    done = 0
    while done < units:
        n = min(CHUNK, units - done)
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        rows = [
            (secrets.token_hex(13), GTIN, secrets.token_hex(6), "active", now) for _ in range(n)
        ]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO token VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        done += n
    elapsed = time.perf_counter() - started
    conn.close()
    return {"seconds": elapsed, "rate": units / elapsed, "peak_mb": peak_mb()}


def engine(units: int, url: str, schema: str | None) -> dict[str, object]:
    from app.minting.engine import mint
    from app.minting.request import MintRequest
    from app.minting.submit import submit
    from app.storage.db import open_database
    from tests.minting.conftest import READY_SKU, prepare_station

    kwargs = {"connect_args": {"options": f"-csearch_path={schema}"}} if schema else {}
    db = open_database(url, **kwargs)  # type: ignore[arg-type]
    prepare_station(db)
    samples: list[tuple[int, float]] = []

    def progress(done: int, total: int) -> None:
        if done in (total // 10, total // 2, total) or done % (total // 5 or 1) == 0:
            samples.append((done, rss_mb()))

    started = time.perf_counter()
    sub = submit(db, MintRequest(sku=READY_SKU, quantity=units))
    result = mint(sub.batch_id, db=db, progress=progress)
    elapsed = time.perf_counter() - started
    db.dispose()
    assert result.minted == units, result
    return {
        "seconds": elapsed,
        "rate": units / elapsed,
        "peak_mb": peak_mb(),
        "rss_samples": samples,
    }


def child(kind: str, units: int, target: str, schema: str | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", kind, "--units", str(units), "--target", target]
    if schema:
        cmd += ["--schema", schema]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def pg_run(units: int, url: str) -> dict[str, object] | str:
    import sqlalchemy as sa

    schema = f"bench_{secrets.token_hex(4)}"
    try:
        admin = sa.create_engine(url)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        return f"skipped: {str(exc).splitlines()[0]}"
    try:
        return child("engine", units, url, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--pg", default=os.environ.get("MINTSTATION_TEST_PG", PG_DEFAULT))
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--child", choices=["bare", "engine"])
    parser.add_argument("--target")
    parser.add_argument("--schema")
    args = parser.parse_args()
    if args.child == "bare":
        print(json.dumps(bare(args.units, Path(args.target))))
        return
    if args.child == "engine":
        print(json.dumps(engine(args.units, args.target, args.schema)))
        return

    units = args.units
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare_result = child("bare", units, str(folder), None)
        engine_result = child("engine", units, f"sqlite:///{folder / 'station.db'}", None)
    print(f"units: {units:,}")
    print(
        f"bare sqlite3 executemany : {bare_result['rate']:>10,.0f} rows/s "
        f"({bare_result['seconds']:.1f} s, peak {bare_result['peak_mb']:.0f} MB)"
    )
    print(
        f"engine on SQLite         : {engine_result['rate']:>10,.0f} tokens/s "
        f"({engine_result['seconds']:.1f} s, peak {engine_result['peak_mb']:.0f} MB)"
    )
    ratio = float(engine_result["rate"]) / float(bare_result["rate"])  # type: ignore[arg-type]
    print(f"ratio engine / bare      : {ratio:.2f}  (target >= 1.0)")
    samples = engine_result["rss_samples"]
    assert isinstance(samples, list)
    print("engine RSS as the batch grows: " + ", ".join(f"{d:,}: {m:.0f} MB" for d, m in samples))
    if not args.no_pg:
        pg = pg_run(units, args.pg)
        if isinstance(pg, str):
            print(f"engine on PostgreSQL     : {pg}")
        else:
            print(
                f"engine on PostgreSQL     : {pg['rate']:>10,.0f} tokens/s "
                f"({pg['seconds']:.1f} s, peak {pg['peak_mb']:.0f} MB)"
            )


if __name__ == "__main__":
    main()
