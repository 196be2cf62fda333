"""Prometheus metrics, served at ``/metrics`` (``prometheus-client``).

With several workers each process writes its values to files in ``PROMETHEUS_MULTIPROC_DIR``
(``server.serve`` makes a fresh directory when it starts workers) and ``/metrics`` adds them
up, so any worker answers for all of them. The variable must be set before
``prometheus_client`` is imported: this module is imported by the app, never by the command
that starts workers.

The scan path only adds to plain counters here (about 1 µs; a Prometheus counter and
histogram update cost 10 to 40 µs per request, the multiprocess files the most); ``flush``
moves them into the Prometheus values every ``FLUSH_S`` seconds and before each ``/metrics``
answer, so another worker's figures are at most that old.

- ``resolver_requests_total{status}``: public-side answers (scans, pages) by HTTP status;
- ``resolver_resolution_seconds``: time from request to answer on the public side;
- ``resolver_activations_total{level}``: first-scan activations this service made;
- ``resolver_bot_filtered_total``: resolutions not counted as a person's scan (crawlers,
  link previews, prefetches, HEAD), so neither recorded nor activating.
"""

from __future__ import annotations

import os
import threading
import time
from bisect import bisect_left

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
FLUSH_S = 0.5
CONTENT_TYPE = CONTENT_TYPE_LATEST.encode()

REQUESTS = Counter("resolver_requests", "Public-side requests answered, by HTTP status", ["status"])
RESOLUTION = Histogram(
    "resolver_resolution_seconds",
    "Time from a public-side request to its answer",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
ACTIVATIONS = Counter(
    "resolver_activations", "First-scan activations made by this service", ["level"]
)
BOT_FILTERED = Counter(
    "resolver_bot_filtered", "Resolutions not counted as a person's scan (bots, prefetch, HEAD)"
)
_by_status: dict[int, Counter] = {}
_BOUNDS: list[float] = list(RESOLUTION._upper_bounds)  # the buckets' upper bounds, +Inf last
_lock = threading.Lock()
_statuses: dict[int, int] = {}  # answers not yet flushed, by status
_buckets = [0] * len(_BOUNDS)  # latencies not yet flushed, by bucket
_seconds = [0.0]


def answered(status: int, started: float) -> None:
    """Count one public-side answer and its latency (``started``: ``perf_counter()``)."""
    elapsed = time.perf_counter() - started
    with _lock:
        _statuses[status] = _statuses.get(status, 0) + 1
        _buckets[bisect_left(_BOUNDS, elapsed)] += 1
        _seconds[0] += elapsed


def flush() -> None:
    """Move what ``answered`` counted into the Prometheus values (this worker's file)."""
    with _lock:
        statuses = dict(_statuses)
        buckets = list(_buckets)
        seconds = _seconds[0]
        _statuses.clear()
        _buckets[:] = [0] * len(_BOUNDS)
        _seconds[0] = 0.0
    for status, count in statuses.items():
        child = _by_status.get(status)
        if child is None:
            child = _by_status[status] = REQUESTS.labels(str(status))
        child.inc(count)
    if any(buckets):
        # Histogram.observe per request is what this saves; its values take sums as well.
        RESOLUTION._sum.inc(seconds)
        for index, count in enumerate(buckets):
            if count:
                RESOLUTION._buckets[index].inc(count)


def activated(level: str) -> None:
    ACTIVATIONS.labels(level).inc()


def bot_filtered() -> None:
    BOT_FILTERED.inc()


def exposition() -> bytes:
    """The text format of every metric, summed over the workers when there are several."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)
