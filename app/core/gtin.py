"""GTIN-8/12/13/14: check digits and normalisation to the 14-digit form used everywhere."""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.errors import ValidationError

__all__ = ["gtin_check_digit", "is_valid_gtin", "normalize_gtin"]

_DIGITS = re.compile(r"[0-9]+")
_GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(payload: str) -> int:
    """GS1 mod-10 check digit of a digit string that does not yet carry its check digit."""
    if not _DIGITS.fullmatch(payload):
        raise ValidationError("gtin", f"expected digits only, got {payload!r}")
    total = 0
    # Weights 3, 1, 3, ... counted from the rightmost payload digit.
    for position, char in enumerate(reversed(payload)):
        total += (ord(char) - 48) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def normalize_gtin(value: str) -> str:
    """Check a GTIN-8/12/13/14 (surrounding whitespace allowed) and return it as 14 digits."""
    return _normalize(value.strip())


@lru_cache(maxsize=4096)
def _normalize(text: str) -> str:
    # Cached: biip's parse costs about 14 µs, and exports and mints repeat one GTIN a lot.
    if not text:
        raise ValidationError("gtin", "is empty")
    # ASCII digits only: str.isdecimal() would let Arabic-Indic and other digits through.
    if not _DIGITS.fullmatch(text):
        bad = next(c for c in text if not ("0" <= c <= "9"))
        raise ValidationError("gtin", f"must contain digits only, found {bad!r}")
    if len(text) not in _GTIN_LENGTHS:
        raise ValidationError("gtin", f"must have 8, 12, 13 or 14 digits, got {len(text)}")
    expected = gtin_check_digit(text[:-1])
    if int(text[-1]) != expected:
        raise ValidationError(
            "gtin", f"wrong check digit in {text}: expected {expected}, got {text[-1]}"
        )
    # biip loads GS1's prefix tables on import (about 0.1 s): on the first GTIN, not at start.
    from biip import BiipException  # noqa: PLC0415
    from biip.gtin import Gtin  # noqa: PLC0415

    try:
        return Gtin.parse(text).as_gtin_14()
    except BiipException as exc:  # pragma: no cover - the checks above catch what biip does
        raise ValidationError("gtin", str(exc)) from exc


def is_valid_gtin(value: str) -> bool:
    """True when `normalize_gtin` would accept the value."""
    try:
        normalize_gtin(value)
    except ValidationError:
        return False
    return True
