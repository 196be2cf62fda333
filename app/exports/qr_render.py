"""Render many QR SVGs in order, on a pool of worker processes when there are many.

A pack of 10,000 codes is cut into chunks of 250 URLs; with two or more cores the chunks go
to a pool of two worker processes (``spawn``, so it is safe beside Qt threads and database
connections; they end with this process, see ``process_pool``), and results are taken back
strictly in chunk order, so output never depends on which worker was faster. The pool lives
as long as the :class:`QrRenderer` (one export run), not one pack. Small jobs, and machines
with one core, render in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from app.exports.process_pool import spawn_pool
from app.exports.qr_svg import QrStyle, code_svg

__all__ = ["CHUNK", "POOL_THRESHOLD", "WORKERS", "QrRenderer", "RenderCancelled", "render_chunk"]

CHUNK = 250
POOL_THRESHOLD = 2_000
WORKERS = 2


class RenderCancelled(Exception):
    """``cancelled()`` said stop in the middle of a pack."""


def render_chunk(urls: Sequence[str], style: QrStyle) -> list[bytes]:
    """The SVGs of ``urls`` (runs in the worker processes)."""
    return [code_svg(url, style) for url in urls]


class QrRenderer:
    """Turns URLs into SVG bytes, in order; close it (or use ``with``) to stop the pool."""

    def __init__(self, style: QrStyle, *, workers: int | None = None) -> None:
        self.style = style
        cores = os.cpu_count() or 1
        self.workers = min(WORKERS, cores) if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = spawn_pool(self.workers)
        return self._pool

    def render(
        self,
        urls: Sequence[str],
        *,
        cancelled: Callable[[], bool] = lambda: False,
        on_chunk: Callable[[int], None] = lambda _n: None,
    ) -> Iterator[bytes]:
        """Yield one SVG per URL, in order; ``on_chunk(n)`` after each chunk of ``n``."""
        chunks = [urls[i : i + CHUNK] for i in range(0, len(urls), CHUNK)]
        if self.workers < 2 or len(urls) < POOL_THRESHOLD:
            for chunk in chunks:
                if cancelled():
                    raise RenderCancelled
                yield from render_chunk(chunk, self.style)
                on_chunk(len(chunk))
            return
        pool = self._executor()
        futures: list[Future[list[bytes]]] = [
            pool.submit(render_chunk, chunk, self.style) for chunk in chunks
        ]
        try:
            for chunk, future in zip(chunks, futures, strict=True):
                if cancelled():
                    raise RenderCancelled
                yield from future.result()
                on_chunk(len(chunk))
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> QrRenderer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
