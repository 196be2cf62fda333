"""Token buckets per key, for the sync API (per station key, and per client network).

Where a limit holds:

- ``RateLimiter`` keeps its buckets in this process's memory: with N workers and M instances
  a station may send N x M times the rate. It is what runs without ``RESOLVER_REDIS_URL``,
  and the stand-in while Redis cannot be reached.
- ``SharedRateLimiter`` (``app.resolver.redis_state``) keeps them in Redis: one bucket per
  key for every worker of every instance.

Both answer ``acquire(key)``: 0 when the request may go, else the seconds to wait (for
Retry-After).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol


class Limiter(Protocol):
    async def acquire(self, key: str) -> float: ...


class RateLimiter:
    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    async def acquire(self, key: str) -> float:
        return self.take(key)

    def take(self, key: str) -> float:
        """0 when the request may go; else the seconds to wait (for Retry-After)."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + max(0.0, now - at) * self.rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > 10_000:
                self._buckets.clear()
            return (1 - tokens) / self.rate if self.rate > 0 else 60.0
