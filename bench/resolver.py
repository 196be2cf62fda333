"""Resolutions per second and p99 latency of the real resolver on loopback, beside a bare
ASGI app that returns a fixed redirect under the same server settings, in the same run.

    .venv/bin/python bench/resolver.py [--seconds 10] [--connections 32] [--tokens 20000]
                                       [--backends sqlite,postgres]

The service runs as `main.py resolver` in its own process (one uvicorn worker, the production
logging: access log to a file with truncated client addresses). The bare app runs in another
process under uvicorn with the same options. Load comes from a third process: `wrk` (one
thread, a Lua script that asks for a random minted serial with a phone's user agent, so each
request is a person's scan: lookup, telemetry, 307) or, without wrk, a bounded httpx loop.
Everything talks to 127.0.0.1 only; each run is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATE = 2_000
TARGET_P99_MS = 20.0
TARGET_RATIO = 0.5
GTIN = "09506000001012"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"
PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
LUA = """
local serials = {}
for line in io.lines("%(serials)s") do serials[#serials + 1] = line end
math.randomseed(7)
request = function()
  local s = serials[math.random(#serials)]
  return wrk.format("GET", "/01/%(gtin)s/21/" .. s, {["User-Agent"] = "%(ua)s"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(99), summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.errors.status))
end
"""


async def bare_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A fixed 307, nothing else: what uvicorn alone costs."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    headers = [(b"location", b"https://id.example.com/passport/01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    await send({"type": "http.response.start", "status": 307, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def serve_bare(port: int, access_log: str, workers: int = 1) -> None:
    import uvicorn

    from app.resolver.config import ResolverConfig
    from app.resolver.server import server_options

    options = server_options(ResolverConfig(access_log=Path(access_log)))
    if workers > 1:
        uvicorn.run(
            "resolver:bare_app", app_dir=str(Path(__file__).parent), host="127.0.0.1",
            port=port, workers=workers, **options,
        )  # fmt: skip
        return
    uvicorn.run(bare_app, host="127.0.0.1", port=port, **options)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def seed(db_url: str, tokens: int) -> list[str]:
    """Catalogue and `tokens` minted serials, through the service's own ingest."""
    from app.core.ids import new_batch_base
    from app.resolver.auth import Station
    from app.resolver.catalog import Catalog
    from app.resolver.db import open_resolver_db
    from app.resolver.ingest import Ingest
    from app.resolver.schemas import PushMessage

    db = open_resolver_db(db_url)
    uid = new_batch_base(tokens)
    serials = [f"B{n:09d}" for n in random.Random(1).sample(range(10**9), tokens)]
    messages = [
        {"key": "p", "topic": "product", "payload": {"sku": "DRL", "name": "Drill", "gtin": GTIN,
         "content": {"en": {"manufacturer": "Acme"}}}},
        {"key": "b", "topic": "batch.created", "payload": {"batch": uid, "sku": "DRL",
         "gtin": GTIN, "identity_mode": "serial", "activation_mode": "at-mint",
         "quantity": tokens}},
        {"key": "t", "topic": "tokens.minted", "payload": {"batch": uid, "first_seq": 0,
         "count": tokens, "serials": serials}},
    ]  # fmt: skip
    result = Ingest(db, Catalog(db)).push(
        Station("ms_0000000000000000", "bench"),
        "seed",
        [PushMessage.model_validate(m) for m in messages],
    )
    assert not result.rejected, result.rejected
    db.dispose()
    return serials


def run_wrk(port: int, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(script),
         f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    assert match, out
    requests, micros, p99, socket_errors, status_errors = map(int, match.groups())
    return {
        "rate": requests / (micros / 1e6),
        "p99_ms": p99 / 1000,
        "errors": socket_errors + status_errors,
    }


async def _httpx_load(port: int, serials: list[str], seconds: float, connections: int) -> Any:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, headers={"user-agent": PHONE_UA}
    ) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < deadline:
                started = time.perf_counter()
                answer = await client.get(f"/01/{GTIN}/21/{rng.choice(serials)}")
                latencies.append(time.perf_counter() - started)
                errors += answer.status_code != 307

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
    return {"rate": len(latencies) / elapsed, "p99_ms": p99 * 1000, "errors": errors}


def run_load(
    port: int, script: Path, serials: Path, seconds: int, connections: int
) -> dict[str, float]:
    if shutil.which("wrk"):
        return run_wrk(port, script, seconds, connections)
    # httpx's pool slows down past ~8 concurrent requests; the loop is then the limit.
    out = subprocess.run(
        [sys.executable, __file__, "--httpx-load", str(port), str(serials), str(seconds),
         str(min(connections, 8))],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    rate, p99, errors = out.split()
    return {"rate": float(rate), "p99_ms": float(p99), "errors": float(errors)}


class Served:
    """A server process on a free port, stopped at the end."""

    def __init__(self, command: list[str], env: dict[str, str], port: int) -> None:
        self.port = port
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            wait_ready(port, self.proc)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    ordered = sorted(runs, key=lambda r: r["rate"])
    return ordered[len(ordered) // 2]


def compare(bare: Served, reals: list[Served], args: argparse.Namespace, script: Path,
            serials: Path) -> tuple[dict[str, float], list[dict[str, float]]]:  # fmt: skip
    """Alternate the bare app and each resolver under the same load, ``rounds`` times; the
    median run of each."""
    for server in (bare, *reals):
        run_load(server.port, script, serials, 2, args.connections)  # warm-up
    bare_runs: list[dict[str, float]] = []
    real_runs: list[list[dict[str, float]]] = [[] for _ in reals]
    for _ in range(args.rounds):
        bare_runs.append(run_load(bare.port, script, serials, args.seconds, args.connections))
        for runs, real in zip(real_runs, reals, strict=True):
            runs.append(run_load(real.port, script, serials, args.seconds, args.connections))
    return median(bare_runs), [median(runs) for runs in real_runs]


def redis_available(url: str) -> str | None:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.ping()
        client.close()
    except (redis.RedisError, OSError) as exc:
        return str(exc) or type(exc).__name__
    return None


def scans_answered(port: int) -> int:
    """The resolver's own count of 307 answers (``/metrics``, summed over its workers)."""
    import httpx

    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    found = re.findall(r'^resolver_requests_total\{status="307"\} (\S+)$', text, re.MULTILINE)
    return int(sum(float(value) for value in found))


def scans_recorded(db_url: str) -> int:
    import sqlalchemy as sa

    from app.resolver.db import ResolverDatabase

    db = ResolverDatabase(db_url)
    with db.engine.connect() as conn:
        count = int(conn.execute(sa.text("SELECT count(*) FROM scan")).scalar_one())
    db.dispose()
    return count


def pg_url(base: str) -> tuple[str, str]:
    import secrets

    import sqlalchemy as sa

    schema = f"bench_{secrets.token_hex(4)}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", schema


def drop_schema(base: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=20_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, e.g. 1,2")
    parser.add_argument("--serve-bare", nargs=3, metavar=("PORT", "LOG", "WORKERS"))
    parser.add_argument("--httpx-load", nargs=4, metavar=("PORT", "SERIALS", "SECONDS", "CONN"))
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1], int(args.serve_bare[2]))
        return 0
    if args.httpx_load:
        port, serial_file, seconds, conns = args.httpx_load
        serials = Path(serial_file).read_text().split()
        result = asyncio.run(_httpx_load(int(port), serials, float(seconds), int(conns)))
        print(result["rate"], result["p99_ms"], result["errors"])
        return 0

    tool = "wrk (1 thread)" if shutil.which("wrk") else "httpx loop (second process)"
    if not shutil.which("wrk"):
        print("note: without wrk the httpx client is the bottleneck (apt-get install wrk)")
    print(
        f"load: {tool}, {args.connections} connections, {args.seconds} s per run, loopback;"
        f" median of {args.rounds} alternating runs per app"
    )
    redis_url = os.environ.get("RESOLVER_REDIS_URL", REDIS_DEFAULT)
    redis_problem = redis_available(redis_url)
    if redis_problem:
        print(f"redis: skipped ({redis_problem})")
    variants = [False] if redis_problem else [False, True]
    ok = True
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        script = tmp / "scan.lua"
        serial_file = tmp / "serials.txt"
        for backend in args.backends.split(","):
            schema = None
            base = os.environ.get("MINTSTATION_TEST_PG", PG_DEFAULT)
            if backend == "sqlite":
                db_url = f"sqlite:///{tmp / 'resolver.db'}"
            else:
                try:
                    db_url, schema = pg_url(base)
                except Exception as exc:
                    print(f"postgres: skipped ({str(exc).splitlines()[0]})")
                    continue
            try:
                serials = seed(db_url, args.tokens)
                serial_file.write_text("\n".join(serials))
                script.write_text(LUA % {"serials": serial_file, "gtin": GTIN, "ua": PHONE_UA})
                for workers in [int(w) for w in args.workers.split(",")]:
                    ok &= run_block(backend, db_url, workers, variants, redis_url, args, tmp,
                                    script, serial_file)  # fmt: skip
            finally:
                if schema is not None:
                    drop_schema(base, schema)
    return 0 if ok else 1


def run_block(
    backend: str,
    db_url: str,
    workers: int,
    variants: list[bool],
    redis_url: str,
    args: argparse.Namespace,
    tmp: Path,
    script: Path,
    serial_file: Path,
) -> bool:
    """The bare app and the resolver (without and with Redis) at ``workers`` workers."""
    import secrets

    servers: list[Served] = []
    recorded_before = scans_recorded(db_url)
    try:
        bare_port = free_port()
        bare_log = tmp / f"bare-{backend}-{workers}-access.log"
        command = [sys.executable, __file__, "--serve-bare", str(bare_port), str(bare_log),
                   str(workers)]  # fmt: skip
        servers.append(Served(command, dict(os.environ), bare_port))
        for with_redis in variants:
            port = free_port()
            env = {**os.environ, "RESOLVER_DB": db_url, "RESOLVER_DOMAIN": "id.acme.example",
                   "RESOLVER_ACCESS_LOG": str(tmp / f"{backend}-{workers}-access.log"),
                   "RESOLVER_PACK_DIR": str(tmp / "packs")}  # fmt: skip
            env.pop("RESOLVER_REDIS_URL", None)
            if with_redis:
                env["RESOLVER_REDIS_URL"] = redis_url
                env["RESOLVER_REDIS_PREFIX"] = f"bench:{secrets.token_hex(4)}:"
            command = [sys.executable, str(ROOT / "main.py"), "resolver", "--port", str(port),
                       "--workers", str(workers)]  # fmt: skip
            servers.append(Served(command, env, port))
        bare, reals = compare(servers[0], servers[1:], args, script, serial_file)
        time.sleep(1.0)  # every worker moves its counters to /metrics each 0.5 s (FLUSH_S)
        answered = sum(scans_answered(server.port) for server in servers[1:])
    finally:
        for server in servers:
            server.stop()  # the resolvers write out their queued telemetry
    label = f"[{backend}, {workers} worker{'s' if workers > 1 else ''}]"
    print(f"{label} bare ASGI redirect  {bare['rate']:8,.0f} req/s  p99 "
          f"{bare['p99_ms']:5.1f} ms  errors {bare['errors']:.0f}")  # fmt: skip
    passed = True
    for with_redis, real in zip(variants, reals, strict=True):
        ratio = real["rate"] / bare["rate"]
        name = "resolver + Redis " if with_redis else "resolver         "
        print(f"{label} {name} {real['rate']:8,.0f} req/s  p99 "
              f"{real['p99_ms']:5.1f} ms  errors {real['errors']:.0f}"
              f"  = {ratio:.0%} of the bare app")  # fmt: skip
        if workers == 1:
            fast = real["p99_ms"] < TARGET_P99_MS and ratio >= TARGET_RATIO
            if backend == "sqlite":
                fast = fast and real["rate"] >= TARGET_RATE
            passed &= fast
    recorded = scans_recorded(db_url) - recorded_before
    print(f"{label} scans answered (307, warm-ups included): {answered:,}; recorded in the"
          f" database: {recorded:,}")  # fmt: skip
    passed &= recorded == answered
    if workers == 1:
        verdict = "met" if passed else "NOT met"
        extra = f" >= {TARGET_RATE:,}/s," if backend == "sqlite" else ""
        print(f"  target ({backend}, 1 worker):{extra} p99 < {TARGET_P99_MS:.0f} ms,"
              f" >= {TARGET_RATIO:.0%} of bare: {verdict}")  # fmt: skip
    return passed


if __name__ == "__main__":
    sys.exit(main())
