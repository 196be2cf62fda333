"""State shared by every worker and instance, in Redis (``RESOLVER_REDIS_URL``).

What is per process without Redis and what moves here:

- the sync API's rate limits (per station key, per client network): token buckets kept in
  Redis by one Lua script, timed by Redis's own clock so instances' clocks need not agree;
- nothing else needs to: replayed nonces, activations, tokens and the catalogue's version
  already live in the shared database.

When Redis cannot be answered the limiter falls back to this process's buckets (the limit
then holds per process, as without Redis) and ``/readyz`` reports Redis as down; a request
is never refused because Redis is away.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from app.resolver.ratelimit import RateLimiter

log = logging.getLogger(__name__)
WARN_EVERY_S = 60.0

# KEYS[1] the bucket; ARGV rate per second, burst. Returns the wait in seconds, as a string
# (Lua numbers come back from Redis as integers).
TOKEN_BUCKET = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
elseif rate > 0 then
  wait = (1 - tokens) / rate
else
  wait = 60
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local ttl = 60000
if rate > 0 then ttl = math.ceil(burst / rate * 1000) + 1000 end
redis.call('PEXPIRE', KEYS[1], ttl)
return tostring(wait)
"""


class RedisState:
    """One Redis client per process, made on first use inside the event loop."""

    def __init__(self, url: str, prefix: str) -> None:
        self.url = url
        self.prefix = prefix
        self._client: aioredis.Redis | None = None

    @property
    def client(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.Redis.from_url(
                self.url, socket_timeout=1.0, socket_connect_timeout=1.0
            )
        return self._client

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    async def ping(self) -> None:
        """Raises when Redis does not answer (for ``/readyz``)."""
        await self.client.ping()

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()


class SharedRateLimiter:
    """A token bucket per key in Redis, shared by every worker and instance."""

    def __init__(
        self, state: RedisState, name: str, rate: float, burst: int, fallback: RateLimiter
    ) -> None:
        self.state = state
        self.name = name
        self.rate = rate
        self.burst = burst
        self.fallback = fallback
        self._script: Any = None
        self._warned = 0.0

    async def acquire(self, key: str) -> float:
        try:
            if self._script is None:
                self._script = self.state.client.register_script(TOKEN_BUCKET)
            answer = await self._script(
                keys=[self.state.key("rate", self.name, key)], args=[self.rate, self.burst]
            )
            return float(answer)
        except (RedisError, OSError) as exc:
            now = time.monotonic()
            if now - self._warned > WARN_EVERY_S:
                self._warned = now
                log.warning("Redis unavailable (%s): rate limits hold per process for now", exc)
            return self.fallback.take(key)
