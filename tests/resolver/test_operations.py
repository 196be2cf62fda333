"""Operating the resolver: health and readiness, Prometheus metrics (also summed over
several workers), JSON-lines logs, header size caps, and rate limits without Redis."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.mmap_dict import MmapedDict

from app.resolver.app import ResolverApp
from app.resolver.httpcaps import MAX_HEADER_BYTES, MAX_REQUEST_LINE
from app.resolver.ratelimit import RateLimiter
from app.resolver.redis_state import RedisState, SharedRateLimiter
from tests.resolver.conftest import Service, start_service
from tests.resolver.redisdb import flush_prefix
from tests.resolver.seed import GTIN
from tests.resolver.server import PHONE_UA, ProcessServer, ThreadServer, config_for, free_port

BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def metric(text: str, name: str, **labels: str) -> float:
    """The sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for match in re.finditer(rf"^{re.escape(name)}(\{{[^}}]*\}})? (\S+)$", text, re.MULTILINE):
        found = dict(re.findall(r'(\w+)="([^"]*)"', match[1] or ""))
        if labels.items() <= found.items():
            total += float(match[2])
    return total


@pytest.fixture
def sqlite_service(tmp_path: Path) -> Iterator[Service]:
    log = tmp_path / "access.log"
    config = config_for(f"sqlite:///{tmp_path / 'resolver.db'}", tmp_path, access_log=log)
    yield from start_service(config)


def test_health_and_readiness(sqlite_service: Service) -> None:
    http = sqlite_service.http
    assert http.get("/healthz").text == "ok"
    ready = http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"ready": True, "database": "ok"}


def test_not_ready_while_redis_is_away(tmp_path: Path) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    app = ResolverApp(config_for(f"sqlite:///{tmp_path / 'r.db'}", tmp_path, redis_url=dead))
    with ThreadServer(app) as server:
        ready = httpx.get(server.url + "/readyz")
        alive = httpx.get(server.url + "/healthz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["ready"] is False and body["database"] == "ok"
    assert body["redis"].startswith("error: ")
    assert alive.status_code == 200  # liveness never asks the dependencies


def test_metrics_count_answers_latency_activations_and_bots(sqlite_service: Service) -> None:
    service = sqlite_service
    before = service.http.get("/metrics").text
    first_scan = f"/01/{GTIN}/21/{service.seeded.first_scan_serials[0]}"
    assert service.http.get(first_scan).status_code == 307  # activates
    assert service.http.get(first_scan).status_code == 307  # already active
    assert service.http.get(f"/01/{GTIN}/21/S0001", headers={"user-agent": BOT_UA}).is_redirect
    assert service.http.get("/01/09506000001036/21/X").status_code == 404
    after = service.http.get("/metrics")
    assert after.headers["content-type"].startswith("text/plain")
    text = after.text

    def delta(name: str, **labels: str) -> float:
        return metric(text, name, **labels) - metric(before, name, **labels)

    assert delta("resolver_requests_total", status="307") == 3
    assert delta("resolver_requests_total", status="404") == 1
    assert delta("resolver_resolution_seconds_count") == 4
    assert delta("resolver_activations_total", level="unit") == 1
    assert delta("resolver_bot_filtered_total") == 1


def test_metrics_add_up_over_workers(tmp_path: Path) -> None:
    """With two workers any one answers /metrics for both (multiprocess files)."""
    files = tmp_path / "metrics"
    files.mkdir()
    env = {
        "RESOLVER_DB": f"sqlite:///{tmp_path / 'resolver.db'}",
        "RESOLVER_DOMAIN": "id.acme.example",
        "RESOLVER_PACK_DIR": str(tmp_path / "packs"),
        "PROMETHEUS_MULTIPROC_DIR": str(files),
    }

    def total(url: str) -> float:
        return metric(httpx.get(url + "/metrics").text, "resolver_requests_total", status="404")

    def one(_: int) -> int:
        with httpx.Client(base_url=server.url) as once:  # a new connection each time
            return once.get("/01/09506000001036/21/X").status_code

    with ProcessServer(env, log=tmp_path / "out.log", args=["--workers", "2"]) as server:
        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(one, range(80))) == {404}
        deadline = time.monotonic() + 10  # each worker adds its figures every FLUSH_S
        while total(server.url) != 80:
            assert time.monotonic() < deadline, f"/metrics says {total(server.url)}, not 80"
            time.sleep(0.1)
        totals = {total(server.url) for _ in range(10)}
    per_worker = [
        sum(v for key, v, _ts, _pos in MmapedDict.read_all_values_from_file(str(f))  # type: ignore[no-untyped-call]
            if "resolver_requests_total" in key)
        for f in files.glob("counter_*.db")
    ]  # fmt: skip
    assert sorted(per_worker)[-2] > 0, f"one worker answered everything: {per_worker}"
    assert sum(per_worker) == 80
    assert totals == {80.0}  # whichever worker answered, it counted every worker's answers


def test_access_log_is_json_lines_with_truncated_clients(sqlite_service: Service) -> None:
    service = sqlite_service
    assert service.http.get(f"/01/{GTIN}/21/S0001").status_code == 307
    assert service.http.get("/01/09506000001036/21/X").status_code == 404
    log = service.config.access_log
    assert log is not None
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    scans = [e for e in entries if e["path"].startswith("/01/")]
    assert [(e["path"], e["status"]) for e in scans[-2:]] == [
        (f"/01/{GTIN}/21/S0001", 307),
        ("/01/09506000001036/21/X", 404),
    ]
    assert {e["client"] for e in entries} == {"127.0.0.0/24"}
    assert all(e["kind"] == "access" and e["time"].endswith("Z") for e in entries)
    assert "127.0.0.1" not in log.read_text()


def raw_request(port: int, head: bytes, chunks: int = 1) -> bytes:
    """Send ``head`` (in ``chunks`` pieces) and return what the server answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        size = -(-len(head) // chunks)
        try:
            for start in range(0, len(head), size):
                sock.sendall(head[start : start + size])
        except OSError:
            pass  # the server may close as soon as it has refused
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_oversized_request_lines_and_headers_are_refused(sqlite_service: Service) -> None:
    port = sqlite_service.server.port
    ok = f"GET /01/{GTIN}/21/S0001 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n"
    ua = f"user-agent: {PHONE_UA}\r\n"
    assert raw_request(port, (ok + ua + "\r\n").encode()).startswith(b"HTTP/1.1 307")
    cookie = "cookie: " + "a" * (MAX_HEADER_BYTES - 100) + "\r\n"
    assert raw_request(port, (ok + cookie + "\r\n").encode()).startswith(b"HTTP/1.1 307")
    too_big = cookie + "x-more: " + "b" * 200 + "\r\n"
    answer = raw_request(port, (ok + too_big + "\r\n").encode())
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large")
    many = "".join(f"x-h{n}: 1\r\n" for n in range(101))
    assert raw_request(port, (ok + many + "\r\n").encode()).startswith(b"HTTP/1.1 431")
    # One header that never ends, sent in pieces: refused before it is complete.
    endless = (ok + "x-endless: " + "c" * (4 * MAX_HEADER_BYTES)).encode()
    assert raw_request(port, endless, chunks=64).startswith(b"HTTP/1.1 431")
    long_line = f"GET /01/{GTIN}/21/{'9' * MAX_REQUEST_LINE} HTTP/1.1\r\nhost: x\r\n\r\n"
    assert raw_request(port, long_line.encode()).startswith(b"HTTP/1.1 414 URI Too Long")
    assert sqlite_service.http.get("/healthz").status_code == 200  # still serving


def test_rate_limit_falls_back_to_the_process_while_redis_is_away() -> None:
    local = RateLimiter(0.001, 2, clock=lambda: 1000.0)
    state = RedisState(f"redis://127.0.0.1:{free_port()}/0", "test:")
    limiter = SharedRateLimiter(state, "station", 0.001, 2, local)

    async def three() -> list[float]:
        try:
            return [await limiter.acquire("ms_1") for _ in range(3)]
        finally:
            await state.aclose()

    waits = asyncio.run(three())
    assert waits[:2] == [0.0, 0.0] and waits[2] > 0


def test_shared_buckets_are_one_bucket_for_every_limiter(redis_url: str) -> None:
    prefix = f"test:{secrets.token_hex(6)}:"

    async def run() -> list[float]:
        states = [RedisState(redis_url, prefix) for _ in range(2)]
        limiters = [
            SharedRateLimiter(s, "station", 0.001, 3, RateLimiter(1000, 1000, clock=lambda: 0.0))
            for s in states
        ]
        try:
            return [await limiters[n % 2].acquire("ms_1") for n in range(5)]
        finally:
            for state in states:
                await state.aclose()

    try:
        waits = asyncio.run(run())
    finally:
        flush_prefix(redis_url, prefix)
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert all(wait > 100 for wait in waits[3:])  # 1 per 1000 s
