"""Looking into the resolver's database from tests."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from app.resolver.app import ResolverApp
from app.resolver.models import Base


def scalar(app: ResolverApp, sql: str, **params: Any) -> Any:
    with app.db.read() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def rows(app: ResolverApp, sql: str, **params: Any) -> list[Any]:
    with app.db.read() as conn:
        return list(conn.execute(sa.text(sql), params).all())


def all_text(app: ResolverApp) -> str:
    """Every value of every table, as text (to look for what must never be stored)."""
    parts: list[str] = []
    with app.db.read() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                parts.extend(repr(value) for value in row)
    return "\n".join(parts)
