"""The resolver service as one ASGI application.

``create_app()`` (an app factory: ``uvicorn app.resolver.app:create_app --factory``) reads
the environment; ``create_app(config)`` takes settings directly (tests, benchmarks). Paths
under ``/api/`` and ``/packs/`` go to the sync API (FastAPI behind the signature gate);
everything else is the public side (raw ASGI, the scan hot path). ``/healthz``, ``/readyz``
and ``/metrics`` are for operators (``app.resolver.health``).

With ``RESOLVER_REDIS_URL`` the sync API's rate limits are kept in Redis, shared by every
worker and instance; without it each process keeps its own (``app.resolver.ratelimit``).

The lifespan starts the telemetry writer and an hourly pack-expiry task, and stops both
(queued telemetry is written out at shutdown).
"""

from __future__ import annotations

import gc
import logging

import anyio
import anyio.to_thread
from starlette.types import Receive, Scope, Send

from app.resolver import metrics
from app.resolver.api import create_api
from app.resolver.auth import Verifier, master_key
from app.resolver.catalog import Catalog
from app.resolver.config import ResolverConfig
from app.resolver.db import ResolverDatabase, open_resolver_db
from app.resolver.gate import SignedApi
from app.resolver.health import PATHS as OPS_PATHS
from app.resolver.health import Health
from app.resolver.ingest import Ingest
from app.resolver.packs import PackStore
from app.resolver.privacy import install_log_filter
from app.resolver.ratelimit import Limiter, RateLimiter
from app.resolver.redis_state import RedisState, SharedRateLimiter
from app.resolver.reply import send_reply
from app.resolver.telemetry import TelemetryWriter
from app.resolver.web import PublicSite

log = logging.getLogger(__name__)
PACK_EXPIRY_INTERVAL_S = 3600


class ResolverApp:
    def __init__(self, config: ResolverConfig, db: ResolverDatabase | None = None) -> None:
        self.config = config
        self.db = db or open_resolver_db(config.db_url)
        self.catalog = Catalog(self.db, config.catalog_ttl_s)
        self.telemetry = TelemetryWriter(self.db, config.telemetry_interval_s)
        self.key = master_key(self.db, config.signing_key)
        self.packs = PackStore(self.db, config.pack_dir, self.key, config.base_url, config.clock)
        self.site = PublicSite(config, self.db, self.catalog, self.telemetry)
        self.ingest = Ingest(self.db, self.catalog, self.site.lookup.invalidate)
        self.verifier = Verifier(self.db, self.key, config.clock)
        self.redis = RedisState(config.redis_url, config.redis_prefix) if config.redis_url else None
        self.limiter = self._limiter("station", config.rate_per_second, config.rate_burst)
        ip_limiter = self._limiter("ip", config.rate_per_second * 4, config.rate_burst * 4)
        api = create_api(config, self.db, self.ingest, self.packs)
        self.api = SignedApi(api, config, self.verifier, self.limiter, ip_limiter)
        self.health = Health(self.db, self.redis)
        install_log_filter()

    def _limiter(self, name: str, rate: float, burst: int) -> Limiter:
        local = RateLimiter(rate, burst, self.config.clock)
        if self.redis is None:
            return local
        return SharedRateLimiter(self.redis, name, rate, burst, local)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            path: str = scope["path"]
            if path.startswith(("/api/", "/packs/")):
                await self.api(scope, receive, send)
            elif path in OPS_PATHS:
                reply = await self.health.answer(path)
                await send_reply(send, reply, head=scope["method"] == "HEAD")
            else:
                await self.site(scope, receive, send)
        elif kind == "lifespan":
            await self.lifespan(receive, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        assert message["type"] == "lifespan.startup"
        self.telemetry.start()
        gc.freeze()  # what start-up made lives forever: keep full collections short
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._expire_packs)
            tasks.start_soon(self._flush_metrics)
            await send({"type": "lifespan.startup.complete"})
            message = await receive()
            tasks.cancel_scope.cancel()
        await self.site.aclose()
        if self.redis is not None:
            await self.redis.aclose()
        await anyio.to_thread.run_sync(self.shutdown)
        await send({"type": "lifespan.shutdown.complete"})

    async def _flush_metrics(self) -> None:
        while True:
            await anyio.sleep(metrics.FLUSH_S)
            metrics.flush()

    async def _expire_packs(self) -> None:
        while True:
            try:
                await anyio.to_thread.run_sync(self.packs.expire)
            except Exception:
                log.exception("pack expiry failed")
            await anyio.sleep(PACK_EXPIRY_INTERVAL_S)

    def shutdown(self) -> None:
        """Write out queued telemetry and close connections (also for use without lifespan)."""
        metrics.flush()
        self.telemetry.stop()
        self.site.close()
        self.db.dispose()


def create_app(config: ResolverConfig | None = None) -> ResolverApp:
    return ResolverApp(config or ResolverConfig.from_env())
