"""The batched token reads of the PostgreSQL scan path: right rows, few round trips, and a
connection lost between batches is made again."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from app.resolver.db import ResolverDatabase, open_resolver_db
from app.resolver.pgreads import BatchedReads, TokenRow, array_literal
from tests.resolver.conftest import pg_resolver_url

pytestmark = pytest.mark.postgres
GTIN = "09506000001012"


@pytest.fixture
def pg_db(pg_schema_url: tuple[str, str]) -> Iterator[ResolverDatabase]:
    db = open_resolver_db(pg_resolver_url(*pg_schema_url))
    with db.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO token (id, batch_id, lot_id, gtin, serial, status)"
                " SELECT 'T' || lpad(n::text, 25, '0'), 7, NULL, :gtin, 'S' || n, 'minted'"
                " FROM generate_series(1, 100) AS n"
            ),
            {"gtin": GTIN},
        )
    yield db
    db.dispose()


def test_concurrent_reads_share_round_trips(pg_db: ResolverDatabase) -> None:
    reads = BatchedReads(pg_db.engine)
    wanted = [f"S{n}" for n in range(1, 101)] + ["S999", "nope"]

    async def read_all() -> list[object]:
        try:
            return list(await asyncio.gather(*(reads.unit_row(GTIN, s) for s in wanted)))
        finally:
            await reads.aclose()

    rows = asyncio.run(read_all())
    assert rows[:100] == [(f"T{n:025d}", "minted", 7, None, f"S{n}") for n in range(1, 101)]
    assert rows[100:] == [None, None]
    assert 1 <= reads.queries <= 3  # 102 scans, not 102 round trips


def test_a_lost_connection_is_made_again(pg_db: ResolverDatabase) -> None:
    reads = BatchedReads(pg_db.engine)
    before: list[int] = []
    after: list[int] = []

    async def twice() -> tuple[TokenRow | None, TokenRow | None]:
        try:
            first = await reads.unit_row(GTIN, "S1")
            (used,) = reads._idle  # the server drops the connection that read
            before.append(used.info.backend_pid)
            with pg_db.engine.connect() as admin:
                admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": before[0]})
            await asyncio.sleep(0.2)
            second = await reads.unit_row(GTIN, "S2")
            after.extend(c.info.backend_pid for c in reads._idle)
            return first, second
        finally:
            await reads.aclose()

    first, second = asyncio.run(twice())
    assert first is not None and first[4] == "S1"
    assert second is not None and second[4] == "S2"
    assert reads.queries == 2
    assert len(after) == 1 and after != before  # a new connection answered


@pytest.mark.parametrize(
    "values",
    [
        ["S1", "NULL", "a b", "", "{x},y"],
        ['q"uote', "back\\slash", '\\"', "ä€"],
    ],
)
def test_array_literal_reads_back_as_the_values(pg_db: ResolverDatabase, values: list[str]) -> None:
    with pg_db.engine.connect() as conn:
        got = conn.execute(
            sa.text("SELECT CAST(CAST(:a AS text) AS varchar[])"), {"a": array_literal(values)}
        ).scalar_one()
    assert got == values


def test_serials_that_need_quoting_are_found(pg_db: ResolverDatabase) -> None:
    odd = ['a"b', "c\\d", "NULL", "e,f"]
    with pg_db.write() as conn:
        for n, serial in enumerate(odd):
            conn.execute(
                sa.text(
                    "INSERT INTO token (id, batch_id, lot_id, gtin, serial, status)"
                    " VALUES (:id, 7, NULL, :gtin, :serial, 'minted')"
                ),
                {"id": f"Q{n:025d}", "gtin": GTIN, "serial": serial},
            )
    reads = BatchedReads(pg_db.engine)

    async def read_all() -> list[TokenRow | None]:
        try:
            return list(await asyncio.gather(*(reads.unit_row(GTIN, s) for s in odd)))
        finally:
            await reads.aclose()

    rows = asyncio.run(read_all())
    assert [row[4] if row else None for row in rows] == odd
