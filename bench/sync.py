"""1,000,000 tokens from a station's outbox into the resolver's database over loopback.

    .venv/bin/python bench/sync.py [--units 1000000] [--backends sqlite,postgres]

A station (SQLite) mints the batch with the real engine while no resolver runs; then the
resolver starts as `main.py resolver` in its own process, and `sync_once` pushes everything
(reading the tokens by key range, gzip, signed HTTP, the service's bulk insert) and pulls.
Beside it: the same tokens put straight into a fresh resolver database through the service's
ingest code in-process (no station, no HTTP), the floor that the wire and the station add to.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATE = 30_000
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def mint_station(home: Path, units: int) -> tuple[object, str, float]:
    from app.minting.engine import mint
    from app.minting.request import MintRequest
    from app.minting.submit import submit
    from app.storage.db import open_database
    from tests.minting.conftest import READY_SKU, prepare_station

    db = open_database(f"sqlite:///{home / 'station.db'}")
    prepare_station(db)
    started = time.perf_counter()
    sub = submit(db, MintRequest(sku=READY_SKU, quantity=units))
    result = mint(sub.batch_id, db=db)
    assert result.minted == units, result
    return db, sub.uid, time.perf_counter() - started


def resolver_url(backend: str, tmp: Path, name: str) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'{name}.db'}", None
    import sqlalchemy as sa

    base = os.environ.get("MINTSTATION_TEST_PG", PG_DEFAULT)
    schema = f"bench_{secrets.token_hex(4)}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", schema


def drop(schema: str | None) -> None:
    if schema is None:
        return
    import sqlalchemy as sa

    engine = sa.create_engine(os.environ.get("MINTSTATION_TEST_PG", PG_DEFAULT))
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def count_tokens(url: str) -> int:
    from app.resolver.db import ResolverDatabase

    db = ResolverDatabase(url)
    with db.read() as conn:
        import sqlalchemy as sa

        n = int(conn.execute(sa.text("SELECT count(*) FROM token")).scalar_one())
    db.dispose()
    return n


def direct_ingest(url: str, station_db: object, uid: str, units: int) -> float:
    """The same messages the station would send, applied in-process: the service's floor."""
    from sqlalchemy import select

    from app.resolver.auth import Station
    from app.resolver.catalog import Catalog
    from app.resolver.db import open_resolver_db
    from app.resolver.ingest import Ingest
    from app.resolver.schemas import PushMessage
    from app.storage.db import Database
    from app.storage.models import OutboxMessage
    from app.sync.payloads import OutboxReader, catalog_messages

    assert isinstance(station_db, Database)
    with station_db.read() as session:
        messages, _digest = catalog_messages(session, "en")
        reader = OutboxReader(session)
        rows = session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
        messages += [reader.message(row) for row in rows]
    db = open_resolver_db(url)
    ingest = Ingest(db, Catalog(db))
    station = Station("ms_0000000000000000", "bench")
    started = time.perf_counter()
    for i in range(0, len(messages), 5):
        chunk = [PushMessage.model_validate(m) for m in messages[i : i + 5]]
        result = ingest.push(station, f"direct-{i}", chunk)
        assert not result.rejected, result.rejected
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_backend(backend: str, units: int, tmp: Path) -> bool:
    import httpx

    from app.resolver.auth import create_credential, master_key
    from app.resolver.db import open_resolver_db
    from app.sync.settings import configure
    from app.sync.worker import sync_once

    home = tmp / f"station-{backend}"
    home.mkdir()
    station, uid, mint_s = mint_station(home, units)
    url, schema = resolver_url(backend, tmp, "resolver")
    floor_url, floor_schema = resolver_url(backend, tmp, "floor")
    proc = None
    try:
        rdb = open_resolver_db(url)
        key_id, secret = create_credential(rdb, master_key(rdb, b"bench-key"), "bench station")
        rdb.dispose()
        port = free_port()
        configure(station, f"http://127.0.0.1:{port}", key_id, secret)  # type: ignore[arg-type]
        env = {**os.environ, "RESOLVER_DB": url, "RESOLVER_DOMAIN": "id.acme.example",
               "RESOLVER_SIGNING_KEY": "bench-key", "RESOLVER_PACK_DIR": str(tmp / "packs"),
               "RESOLVER_ACCESS_LOG": str(tmp / f"{backend}-access.log")}  # fmt: skip
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "resolver", "--port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the resolver did not start") from None
                time.sleep(0.1)
        started = time.perf_counter()
        report = sync_once(station)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - started
        assert report.ok, report.error
        stored = count_tokens(url)
        assert stored == units, stored
        floor = direct_ingest(floor_url, station, uid, units)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        station.dispose()  # type: ignore[attr-defined]
        drop(schema)
        drop(floor_schema)
    rate = units / elapsed
    floor_rate = units / floor
    print(f"[{backend}] minted {units:,} offline in {mint_s:.1f} s; then sync_once:")
    print(
        f"[{backend}] station outbox -> HTTP -> resolver DB {elapsed:6.2f} s"
        f" {rate:9,.0f} tokens/s ({report.pushes} pushes, {stored:,} tokens stored)"
    )
    print(
        f"[{backend}] beside: in-process ingest only       {floor:6.2f} s"
        f" {floor_rate:9,.0f} tokens/s (sync runs at {rate / floor_rate:.0%} of that)"
    )
    passed = rate >= TARGET_RATE
    print(f"  target: >= {TARGET_RATE:,} tokens/s end to end: {'met' if passed else 'NOT met'}")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            try:
                ok &= run_backend(backend, args.units, Path(tmp))
            except Exception as exc:
                if backend == "sqlite":
                    raise
                print(f"[{backend}] skipped: {str(exc).splitlines()[0]}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
