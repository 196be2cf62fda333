"""An audit event's detail as one line of text for the Activity page (no Qt: pure text).

The detail is the JSON object the event was hashed with. On screen it reads as
``key value · key value``; a status change leads with ``from A → B``; hex digests (the
export packs' sha256 map) are shortened to their ends. The tooltip shows the whole detail
as pretty-printed JSON, so nothing is lost by the shortening.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

SEPARATOR = " · "
ARROW = " → "
NOTHING = "—"
# A sha256 / sha1 digest (or any long hex string): the first and last characters identify it.
_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")
DIGEST_HEAD = 8
DIGEST_TAIL = 4


def short_digest(text: str) -> str:
    """``ca9332ad…966f`` for a long hex digest; any other text unchanged."""
    if _DIGEST.fullmatch(text):
        return f"{text[:DIGEST_HEAD]}…{text[-DIGEST_TAIL:]}"
    return text


def value_text(value: Any) -> str:
    """One value on one line: digests shortened, maps as ``k: v, k: v``, lists comma-joined."""
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        if not value:
            return NOTHING
        return ", ".join(f"{key}: {value_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        if not value:
            return NOTHING
        return ", ".join(value_text(item) for item in value)
    text = " ".join(str(value).split())  # newlines and runs of spaces: one line
    return short_digest(text)


def detail_text(detail: Any) -> str:
    """The detail as one readable line, e.g. ``from processing → minted · minted 500``."""
    if detail is None:
        return ""
    if not isinstance(detail, Mapping):
        return value_text(detail)
    parts: list[str] = []
    rest = dict(detail)
    if "from" in rest and "to" in rest:
        parts.append(f"from {value_text(rest.pop('from'))}{ARROW}{value_text(rest.pop('to'))}")
    parts.extend(f"{key} {value_text(value)}" for key, value in rest.items())
    return SEPARATOR.join(parts)


def detail_tooltip(detail: Any) -> str:
    """The whole detail, pretty-printed JSON (nothing shortened); empty for no detail."""
    if detail is None or detail == {}:
        return ""
    return json.dumps(detail, ensure_ascii=False, indent=2, default=str)
