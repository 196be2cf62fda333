"""The Redis server for tests: where it is, whether it answers, and clearing a key prefix."""

from __future__ import annotations

import os

import redis

REDIS_ENV = "MINTSTATION_TEST_REDIS"
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"


def redis_test_url() -> str:
    return os.environ.get(REDIS_ENV, REDIS_DEFAULT)


def redis_problem(url: str) -> str | None:
    """None when the server answers PING, else why not."""
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


def flush_prefix(url: str, prefix: str) -> None:
    """Delete every key a test made under ``prefix``."""
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=prefix + "*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
