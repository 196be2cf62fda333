"""What a request path names: a GTIN, a lot, a serialised unit, or a token (`/t/{id}`).

Parsing is `app.core.digital_link.parse_uri` on the raw (still percent-encoded) path, so an
encoded `/` in a serial stays part of the serial. A path that names no identifier at all is
a 404; one that tries and fails (bad check digit, bad character, qualifier order) is a 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

from app.core.digital_link import build_uri, parse_uri, token_uri
from app.core.errors import ValidationError
from app.core.gtin import normalize_gtin

_KEYS = frozenset({"01", "gtin"})
# What may pass on to a redirect target's query string as it is; anything else is encoded.
_QUERY_SAFE = "=&%+-._~!$'()*,;:@/?"
_LINK_TYPE_KEY = re.compile(r"linktype(=|$)", re.IGNORECASE)
# The common scan, `/01/{14 digits}/21/{plain serial}` without a query, needs none of
# parse_uri's decoding; anything else takes the full parse.
PLAIN_SERIAL = re.compile(r"/01/([0-9]{14})/21/([A-Za-z0-9._-]{1,20})/?")


class BadIdentifier(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Target:
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    token_id: str | None = None
    plain: bool = False  # GTIN + serial of unreserved characters only: nothing to encode

    @property
    def is_unit(self) -> bool:
        return self.serial is not None or self.token_id is not None

    def anchor(self, domain: str) -> str:
        """The identifier's canonical URI at the resolver's root."""
        if self.plain:
            return f"https://{domain}/01/{self.gtin}/21/{self.serial}"
        if self.token_id is not None:
            return token_uri(domain, self.token_id)
        assert self.gtin is not None
        return build_uri(domain, self.gtin, lot=self.lot, serial=self.serial)


def parse_target(raw_path: str, query: str) -> Target | None:
    """The identifier in the path, None when the path names none; BadIdentifier when it is
    malformed."""
    plain = PLAIN_SERIAL.fullmatch(raw_path) if not query else None
    if plain is not None:
        try:
            return Target(gtin=normalize_gtin(plain[1]), serial=plain[2], plain=True)
        except ValidationError as exc:
            raise BadIdentifier(f"GTIN (01) {exc.reason}") from None
    segments = raw_path.split("/")
    gs1 = any(s in _KEYS for s in segments)
    token = len(segments) >= 3 and (
        segments[-2] == "t" or (segments[-1] == "" and segments[-3] == "t")
    )
    if not gs1 and not token:
        return None
    uri = "https://resolver" + raw_path + ("?" + query if query else "")
    try:
        parsed = parse_uri(uri)
    except ValidationError as exc:
        raise BadIdentifier(exc.reason) from None
    if parsed.token_id is not None:
        return Target(token_id=parsed.token_id)
    return Target(gtin=parsed.gtin, lot=parsed.lot, serial=parsed.serial)


def plain_gtin(digits: str) -> str | None:
    """The 14 digits as a GTIN, None when the check digit is wrong (the full parse says why)."""
    try:
        return normalize_gtin(digits)
    except ValidationError:
        return None


def query_params(query: str) -> dict[str, str]:
    """The first value of each parameter."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        out.setdefault(key, value)
    return out


def passthrough(query: str) -> str:
    """The query string to hand on to the target: everything but `linkType`, safely encoded.

    It is only ever appended after a stored target's `?`/`&`, so it cannot change the host.
    """
    if not query:
        return ""
    kept = [part for part in query.split("&") if part and not _LINK_TYPE_KEY.match(part)]
    return quote("&".join(kept), safe=_QUERY_SAFE)


def with_query(href: str, query: str) -> str:
    if not query:
        return href
    return href + ("&" if "?" in href else "?") + query
