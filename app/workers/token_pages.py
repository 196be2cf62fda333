"""Reads for the token table, on any thread: each takes all it needs as arguments.

``app.ui.models.token_table_model`` runs them in ``Op``s (painting, the counts, a filter with
its first page) or, where a caller needs the token at once, on the GUI thread.
"""

from __future__ import annotations

from app.storage.db import Database
from app.storage.queries import TokenView, TokenViews, token_segments, tokens_between
from app.workers.token_filters import (
    Anchors,
    SearchResult,
    search_tokens,
    status_anchors,
    status_page,
)

PAGE_SIZE = 200


def read_keys(db: Database, keys: list[int]) -> list[TokenView]:
    """The tokens of ``keys``, by contiguous key runs: one range query for a page in a batch."""
    by_key: dict[int, TokenView] = {}
    with db.read() as session:
        views = TokenViews(session)
        start = 0
        while start < len(keys):
            end = start
            while end + 1 < len(keys) and keys[end + 1] == keys[end] + 1:
                end += 1
            rows = tokens_between(session, keys[start], keys[end])
            for view in views.views(rows):
                by_key[view.key] = view
            start = end + 1
    return [by_key[k] for k in keys if k in by_key]


def read_status_page(
    db: Database, status: str, batch_id: int | None, anchor: int
) -> list[TokenView]:
    """One page of a status view: a keyset query from the page's first key."""
    with db.read() as session:
        rows = status_page(session, status, batch_id, anchor, PAGE_SIZE)
        return TokenViews(session).views(rows)


def read_segments(db: Database, batch_id: int | None) -> list[tuple[int, int]]:
    with db.read() as session:
        return token_segments(session, batch_id)


def search_with_first_page(db: Database, text: str) -> tuple[SearchResult, list[TokenView]]:
    result = search_tokens(db, text)
    return result, read_keys(db, result.keys[:PAGE_SIZE]) if result.keys else []


def anchors_with_first_page(
    db: Database, status: str, batch_id: int | None
) -> tuple[Anchors, list[TokenView]]:
    anchors = status_anchors(db, status, batch_id, PAGE_SIZE)
    if not anchors.keys:
        return anchors, []
    return anchors, read_status_page(db, status, batch_id, anchors.keys[0])
