"""Turn what was typed or scanned into a catalogue search term."""

from __future__ import annotations

from app.core.digital_link import parse_scan
from app.core.errors import MintStationError

GTIN_LENGTHS = (8, 12, 13, 14)


def looks_scanned(text: str) -> bool:
    """A Digital Link URL, a GS1 element string (with FNC1 or a symbology id) or a GTIN."""
    return (
        text.startswith(("]", "(", "http://", "https://"))
        or "\x1d" in text
        or (text.isascii() and text.isdigit() and len(text) in GTIN_LENGTHS)
    )


def search_term(text: str) -> str:
    """The GTIN of a scanned barcode, else the text itself (SKU, name or part of a GTIN)."""
    body = text.strip()
    if not body or not looks_scanned(body):
        return body
    try:
        link = parse_scan(body)
    except MintStationError:
        return body
    return link.gtin or body
