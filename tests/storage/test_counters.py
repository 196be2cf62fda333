"""Per-day counters: bumped in the writing transaction, read as one primary-key range."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.exports.service import generate_export
from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage import counters
from app.storage.db import Database
from app.sync.pull import Applier, PullReport
from tests.conftest import READY_SKU, prepare_station


def test_bump_day_creates_then_adds_and_per_day_fills_gaps(db: Database) -> None:
    day = date(2026, 11, 30)
    with db.write() as session:
        counters.bump_day(session, counters.EXPORTS_COMPLETED, 2, day)
        counters.bump_day(session, counters.EXPORTS_COMPLETED, 3, day)
        counters.bump_day(session, counters.EXPORTS_COMPLETED, 7, day - timedelta(days=2))
        counters.bump_day(session, counters.CONSUMER_SCANS, 99, day)
        counters.bump_day(session, counters.EXPORTS_COMPLETED, 0, day + timedelta(days=1))
    with db.read() as session:
        figures = counters.per_day(session, counters.EXPORTS_COMPLETED, 5, day + timedelta(1))
        totals = counters.read_all(session)
    # Oldest first; the day without a row is 0, other metrics do not leak in.
    assert figures == [0, 7, 0, 5, 0]
    assert totals[counters.day_name(counters.EXPORTS_COMPLETED, day)] == 5


def test_minting_counts_the_units_of_today(db: Database) -> None:
    prepare_station(db)
    batch_id = submit(db, MintRequest(sku=READY_SKU, quantity=1_234)).batch_id
    mint(batch_id, db=db)
    with db.read() as session:
        figures = counters.per_day(session, counters.TOKENS_MINTED, 30)
    assert figures[-1] == 1_234
    assert sum(figures) == 1_234


def test_a_finished_export_counts_for_today(db: Database, tmp_path: Path) -> None:
    prepare_station(db)
    batch_id = submit(db, MintRequest(sku=READY_SKU, quantity=50)).batch_id
    mint(batch_id, db=db)
    generate_export(db, batch_id, "csv", out_dir=tmp_path / "out")
    with db.read() as session:
        figures = counters.per_day(session, counters.EXPORTS_COMPLETED, 30)
    assert figures[-1] == 1 and sum(figures) == 1


def test_pulled_batch_scans_count_on_the_day_the_resolver_saw_them(db: Database) -> None:
    prepare_station(db)
    batch_id = submit(db, MintRequest(sku=READY_SKU, quantity=10)).batch_id
    mint(batch_id, db=db)
    with db.read() as session:
        uid = session.execute(sa.text("SELECT uid FROM mint_batch")).scalar_one()
    yesterday = counters.today() - timedelta(days=1)
    seen = f"{yesterday.isoformat()}T23:50:00+00:00"
    changes = [
        {"kind": "batch.scans", "batch": uid, "count": 3, "at": seen},
        {"kind": "batch.scans", "batch": uid, "count": 4},  # no time: counted today
        {"kind": "batch.scans", "batch": "01UNKNOWNBATCH000000000000", "count": 9},
    ]
    with db.write() as session:
        Applier(session, PullReport()).apply(changes)
    with db.read() as session:
        figures = counters.per_day(session, counters.CONSUMER_SCANS, 2)
    assert figures == [3, 4]


def test_a_month_of_figures_is_an_index_search_not_a_table_scan(sqlite_db: Database) -> None:
    issued: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "FROM counter" in statement:
            issued.append((statement, params))

    sa.event.listen(sqlite_db.engine, "before_cursor_execute", capture)
    try:
        with sqlite_db.read() as session:
            counters.per_day(session, counters.TOKENS_MINTED, 30)
    finally:
        sa.event.remove(sqlite_db.engine, "before_cursor_execute", capture)
    assert len(issued) == 1
    statement, params = issued[0]
    with sqlite_db.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
    detail = " ".join(str(row[-1]) for row in plan)
    assert "SEARCH counter USING" in detail, detail
    assert "SCAN" not in detail, detail
