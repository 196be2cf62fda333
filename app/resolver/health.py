"""Liveness, readiness and metrics endpoints for load balancers and monitoring.

- ``/healthz``: the process answers (no dependency is asked: a database outage must not
  make an orchestrator restart every instance);
- ``/readyz``: the database answers ``SELECT 1`` and, when configured, Redis answers PING,
  each within ``CHECK_TIMEOUT_S``; 200 with what was checked, else 503 naming what failed;
- ``/metrics``: Prometheus text format (see ``app.resolver.metrics``).

A reverse proxy should keep ``/metrics`` and ``/readyz`` to the internal network (see
``installer/resolver/``).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import anyio
import anyio.to_thread
from sqlalchemy import text

from app.resolver import metrics
from app.resolver.db import ResolverDatabase
from app.resolver.redis_state import RedisState
from app.resolver.reply import NO_STORE, Reply

CHECK_TIMEOUT_S = 2.0
PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class Health:
    def __init__(self, db: ResolverDatabase, redis: RedisState | None) -> None:
        self.db = db
        self.redis = redis

    async def answer(self, path: str) -> Reply:
        if path == "/healthz":
            return Reply(200, [(b"content-type", b"text/plain"), NO_STORE], b"ok")
        if path == "/metrics":
            metrics.flush()
            body = await anyio.to_thread.run_sync(metrics.exposition)
            return Reply(200, [(b"content-type", metrics.CONTENT_TYPE), NO_STORE], body)
        return await self.readiness()

    async def readiness(self) -> Reply:
        checks = {"database": await self._check(self._database)}
        if self.redis is not None:
            checks["redis"] = await self._check(self.redis.ping)
        ready = all(value == "ok" for value in checks.values())
        body = json.dumps({"ready": ready, **checks}).encode()
        headers = [(b"content-type", b"application/json"), NO_STORE]
        return Reply(200 if ready else 503, headers, body)

    async def _database(self) -> None:
        await anyio.to_thread.run_sync(self._select_one, abandon_on_cancel=True)

    def _select_one(self) -> None:
        with self.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    @staticmethod
    async def _check(probe: Callable[[], Awaitable[None]]) -> str:
        try:
            with anyio.fail_after(CHECK_TIMEOUT_S):
                await probe()
        except TimeoutError:
            return f"no answer within {CHECK_TIMEOUT_S:g} s"
        except Exception as exc:
            first = (str(exc).splitlines() or [""])[0][:200]
            return f"error: {type(exc).__name__}: {first}"
        return "ok"
