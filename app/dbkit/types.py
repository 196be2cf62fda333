"""Column types and the clock every table uses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Dialect, Integer, String
from sqlalchemy.types import TypeDecorator

# SQLite makes only a column typed exactly INTEGER PRIMARY KEY an alias of the rowid: no
# separate key index and working autoincrement. PostgreSQL gets a 64-bit key.
BigKey = BigInteger().with_variant(Integer(), "sqlite")
# ULIDs sort by byte value; PostgreSQL's locale collations must not reorder them.
Ulid = String(26).with_variant(String(26, collation="C"), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC, with whole microseconds."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC.

    SQLite keeps no zone, PostgreSQL keeps ``timestamptz``; both give the same answer here, so
    code never compares naive and aware times.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def type_annotation_map() -> dict[Any, Any]:
    """``Mapped[datetime]`` is a UTC timestamp and ``Mapped[dict[str, Any]]`` is JSON."""
    return {datetime: UtcDateTime(), dict[str, Any]: JSON()}
