from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.core.errors import ValidationError
from app.storage.db import Database, open_database
from app.storage.models import Counter


def test_sqlite_is_tuned_for_safety(sqlite_db: Database) -> None:
    with sqlite_db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrations_are_applied_once_and_seed_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a' / 'station.db'}"
    first = open_database(url)
    first.dispose()
    again = open_database(url)
    with again.read() as session:
        names = set(session.execute(select(Counter.name)).scalars())
    again.dispose()
    seeded = {"tokens_minted", "tokens_active", "batches_created", "exports_completed"}
    assert names == seeded | {"schema:app_version"}  # the version that migrated it (issue 14)


def test_a_failed_write_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Counter(name="scratch", value=1))
        session.flush()
        raise RuntimeError("boom")
    with db.read() as session:
        assert session.get(Counter, "scratch") is None


def test_sqlite_writers_queue_instead_of_failing(sqlite_db: Database) -> None:
    """BEGIN IMMEDIATE: a second writer waits for the first instead of a lock upgrade error."""
    with sqlite_db.write() as session:
        session.add(Counter(name="race", value=0))
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(20):
                with sqlite_db.write() as session:
                    row = session.get(Counter, "race")
                    assert row is not None
                    row.value += 1
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with sqlite_db.read() as session:
        row = session.get(Counter, "race")
        assert row is not None
        assert row.value == 60


def test_a_bad_url_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="not a database URL"):
        open_database("no such thing")
