"""The scan path's token reads on PostgreSQL: batched, and off the event loop's back.

Profiling the plain scan on PostgreSQL (py-spy, wrk at 32 connections) showed the event
loop blocked about 70 % of the time in one synchronous round trip per scan (libpq's send and
the wait for the answer), so requests queued behind each other's round trips. Here every
scan that arrives while queries are in flight waits for the next one, and that query asks
for all of them at once (two batches may be out at a time, so one slow answer does not hold
every scan back) (``unnest`` of two arrays joined on the ``(gtin, serial)`` unique
index: one index probe per serial, see ``EXPLAIN`` in the README). The loop keeps serving
while the database works; under load one round trip answers tens of scans, and an idle
service answers a lone scan in one round trip as before.

Token rows are read afresh at every scan (never cached), so a revocation or activation made
through any instance is seen by the next scan on every other one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import psycopg
from sqlalchemy import Engine

log = logging.getLogger(__name__)
MAX_BATCH = 512
MAX_IN_FLIGHT = 2  # a second batch goes out while the first waits for the server
BY_SERIALS = (
    "SELECT t.gtin, t.serial, t.id, t.status, t.batch_id, t.lot_id"
    " FROM unnest(%s::text::varchar[], %s::text::varchar[]) AS k(gtin, serial)"
    " JOIN token t ON t.gtin = k.gtin AND t.serial = k.serial"
)
TokenRow = tuple[Any, ...]  # (id, status, batch_id, lot_id, serial): as Lookup reads it
_Waiting = tuple[str, str, "asyncio.Future[TokenRow | None]"]


def array_literal(values: list[str]) -> str:
    """A PostgreSQL text-array literal of ``values`` (each quoted), built with a few string
    operations: psycopg's list dumper, element by element, cost more than the query."""
    joined = "\x00".join(values)  # text cannot hold NUL, so it cannot be in a value
    if '"' in joined or "\\" in joined:
        joined = joined.replace("\\", "\\\\").replace('"', '\\"')
    return '{"' + joined.replace("\x00", '","') + '"}'


class BatchedReads:
    """Token-by-serial reads, one query per batch, up to ``MAX_IN_FLIGHT`` batches at once
    (each on its own asynchronous connection)."""

    def __init__(self, engine: Engine) -> None:
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        kwargs.pop("context", None)  # SQLAlchemy's adapters for its own connections
        self._args: list[Any] = list(args)
        self._kwargs: dict[str, Any] = dict(kwargs)
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._waiting: list[_Waiting] = []
        self._drains = 0  # batches being gathered or asked for
        self._gathering = False  # a drain is collecting this loop pass's requests
        self._tasks: set[asyncio.Task[None]] = set()
        self.queries = 0  # round trips made (tests: batching happens)

    async def unit_row(self, gtin: str, serial: str) -> TokenRow | None:
        """The token row of ``gtin``/``serial`` in Lookup's column order, or None."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[TokenRow | None] = loop.create_future()
        self._waiting.append((gtin, serial, future))
        if not self._gathering and self._drains < MAX_IN_FLIGHT:
            self._drains += 1
            self._gathering = True
            task = loop.create_task(self._drain())
            self._tasks.add(task)  # the loop keeps only a weak reference
            task.add_done_callback(self._tasks.discard)
        return await future

    async def _drain(self) -> None:
        conn: psycopg.AsyncConnection[Any] | None = None
        try:
            await asyncio.sleep(0)  # the requests parsed in this loop pass join the batch
            self._gathering = False
            conn = self._idle.pop() if self._idle else None
            while self._waiting:
                batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
                try:
                    conn, found = await self._query(conn, batch)
                except Exception as exc:
                    conn = None
                    for _g, _s, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for gtin, serial, future in batch:
                    if not future.done():
                        future.set_result(found.get((gtin, serial)))
        finally:
            self._gathering = False
            self._drains -= 1
            if conn is not None:
                self._idle.append(conn)

    async def _query(
        self, conn: psycopg.AsyncConnection[Any] | None, batch: list[_Waiting]
    ) -> tuple[psycopg.AsyncConnection[Any], dict[tuple[str, str], TokenRow]]:
        gtins = array_literal([g for g, _s, _f in batch])
        serials = array_literal([s for _g, s, _f in batch])
        for attempt in (1, 2):
            try:
                if conn is None or conn.closed:
                    conn = await psycopg.AsyncConnection.connect(
                        *self._args, autocommit=True, **self._kwargs
                    )
                async with conn.cursor() as cursor:
                    await cursor.execute(BY_SERIALS, (gtins, serials), prepare=True)
                    rows = await cursor.fetchall()
                self.queries += 1
                return conn, {(r[0], r[1]): (r[2], r[3], r[4], r[5], r[1]) for r in rows}
            except psycopg.OperationalError:
                if conn is not None:
                    with contextlib.suppress(psycopg.Error):  # broken: nothing to hand back
                        await conn.close()
                conn = None
                if attempt == 2:
                    raise
                log.warning("scan read connection lost; reconnecting")
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        """Close the connections (from the loop that used them)."""
        idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(psycopg.Error):
                await conn.close()
