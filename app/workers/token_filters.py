"""The token table's filter queries, run off the GUI thread (see the UI's ``TokenTableModel``).

A status filter may match a million tokens. Its row index is not the list of their keys but
one anchor key per page of ``page_size`` rows, picked inside the database with a window
function (one scan, a few thousand keys back); a page is then fetched with a keyset query
(``id >= anchor``, filtered, ``LIMIT page_size``). A search returns its first ``limit`` keys
and how many tokens match in all, so the page can say "first N of M".
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from app.core.errors import NotFoundError
from app.storage.db import Database
from app.storage.models import Lot, MintBatch, Token
from app.storage.queries import token_filter, token_key

SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class Anchors:
    """A filtered view: the first key of every page and how many rows there are in all."""

    keys: list[int]
    total: int


@dataclass(frozen=True)
class SearchResult:
    keys: list[int]  # the first ``limit`` matching keys, in key order
    total: int  # how many tokens match in all

    @property
    def cut(self) -> bool:
        return self.total > len(self.keys)


def status_anchors(db: Database, status: str, batch_id: int | None, page_size: int) -> Anchors:
    """Page anchors of the tokens with ``status`` (of one batch, or of all)."""
    with db.read() as session:
        batch = session.get(MintBatch, batch_id) if batch_id else None
        numbered = token_filter(
            select(Token.id, func.row_number().over(order_by=Token.id).label("rn")),
            batch,
            status,
        ).subquery()
        keys = list(
            session.execute(
                select(numbered.c.id)
                .where((numbered.c.rn - 1) % page_size == 0)
                .order_by(numbered.c.id)
            ).scalars()
        )
        if not keys:
            return Anchors([], 0)
        tail = session.execute(
            select(func.count()).select_from(
                token_filter(select(Token.id), batch, status)
                .where(Token.id >= keys[-1])
                .limit(page_size)
                .subquery()
            )
        ).scalar_one()
    return Anchors(keys, (len(keys) - 1) * page_size + tail)


def status_page(
    session: Session, status: str, batch_id: int | None, anchor: int, page_size: int
) -> list[Token]:
    """One page of a status view, from its anchor key (a keyset query)."""
    batch = session.get(MintBatch, batch_id) if batch_id else None
    stmt = (
        token_filter(select(Token), batch, status)
        .where(Token.id >= anchor)
        .order_by(Token.id)
        .limit(page_size)
    )
    return list(session.execute(stmt).scalars())


def search_tokens(db: Database, text_value: str, *, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Tokens whose serial or lot code starts with / is the text, or whose GTIN or id is it."""
    value = text_value.strip()
    if not value:
        return SearchResult([], 0)
    prefix = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    parts = [
        select(Token.id).where(Token.serial.like(prefix, escape="\\")),
        select(Token.id).join(Lot, Lot.id == Token.lot_id).where(Lot.code == value),
    ]
    if value.isdigit() and len(value) in (8, 12, 13, 14):
        parts.append(select(Token.id).where(Token.gtin == value.zfill(14)))
    with db.read() as session:
        exact: int | None = None
        with suppress(NotFoundError):
            exact = token_key(session, value)
        if exact is not None:
            parts.append(select(Token.id).where(Token.id == exact))
        matches = union(*parts).subquery()
        total = session.execute(select(func.count()).select_from(matches)).scalar_one()
        keys = list(
            session.execute(select(matches.c.id).order_by(matches.c.id).limit(limit)).scalars()
        )
    return SearchResult(keys, total)
