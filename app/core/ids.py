"""Sortable unique ids: ULIDs (48-bit millisecond time + 80 random bits, Crockford base32).

Token ids of a batch are ULID(base + seq): the batch gets one fresh ULID as its base and
token n is that number plus n. They stay unique and sort in minting order, like the ULID
spec's monotonic ids, and a token id tells its batch position without a lookup.
"""

from __future__ import annotations

import re
import secrets
import time

from app.core.errors import ValidationError

__all__ = [
    "ULID_LENGTH",
    "int_to_ulid",
    "is_canonical_ulid",
    "new_batch_base",
    "new_ulid",
    "token_ids",
    "token_seq",
    "ulid_to_int",
]

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ULID_LENGTH = 26
_RANDOM_BITS = 80
_RANDOM_SPACE = 1 << _RANDOM_BITS
_ULID_SPACE = 1 << 128
_FIELD = "token_id"

# Every 10-bit value as two Crockford characters: the encoders work two characters a step.
_PAIRS = [a + b for a in CROCKFORD for b in CROCKFORD]
_CANONICAL = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
_DECODE: dict[str, int] = {}
for _value, _char in enumerate(CROCKFORD):
    _DECODE[_char] = _value
    _DECODE[_char.lower()] = _value
for _alias, _value in (("I", 1), ("L", 1), ("O", 0)):
    _DECODE[_alias] = _value
    _DECODE[_alias.lower()] = _value


def _encode(value: int, pairs: int) -> str:
    """`value` as 2 * `pairs` Crockford characters (the caller checks the range)."""
    return "".join([_PAIRS[(value >> shift) & 1023] for shift in range(10 * pairs - 10, -1, -10)])


def int_to_ulid(n: int) -> str:
    """The 26-character ULID of a 128-bit number."""
    if not 0 <= n < _ULID_SPACE:
        raise ValidationError(_FIELD, f"{n} is outside the 128-bit ULID range")
    # 13 pairs are 130 bits; the first character only ever holds 0..7.
    return _encode(n, 13)


def is_canonical_ulid(value: str) -> bool:
    """True for an upper-case, 26-character ULID without Crockford aliases (I, L, O)."""
    return _CANONICAL.fullmatch(value) is not None


def ulid_to_int(s: str) -> int:
    """Decode a ULID; case-insensitive, reads I and L as 1 and O as 0 (Crockford)."""
    if len(s) != ULID_LENGTH:
        raise ValidationError(_FIELD, f"a ULID has {ULID_LENGTH} characters, got {len(s)}")
    n = 0
    for position, char in enumerate(s, start=1):
        digit = _DECODE.get(char)
        if digit is None:
            raise ValidationError(
                _FIELD, f"character {char!r} at position {position} is not Crockford base32"
            )
        n = (n << 5) | digit
    if n >= _ULID_SPACE:
        raise ValidationError(_FIELD, f"{s!r} overflows 128 bits (first character must be 0-7)")
    return n


def new_ulid() -> str:
    """A fresh ULID: current time in milliseconds, then 80 random bits."""
    return int_to_ulid(((time.time_ns() // 1_000_000) << _RANDOM_BITS) | secrets.randbits(80))


def new_batch_base(quantity: int) -> str:
    """A fresh ULID whose random part has room for `quantity` increments (no carry into time)."""
    if quantity < 0:
        raise ValidationError("quantity", f"must not be negative, got {quantity}")
    if quantity > _RANDOM_SPACE:
        raise ValidationError("quantity", f"must be at most 2**80, got {quantity}")
    millis = time.time_ns() // 1_000_000
    while True:
        random_part = secrets.randbits(_RANDOM_BITS)
        if random_part + quantity <= _RANDOM_SPACE:
            return int_to_ulid((millis << _RANDOM_BITS) | random_part)


def token_ids(base: str, start: int, count: int) -> list[str]:
    """Token ids for sequence numbers start .. start + count - 1 of the batch with this base.

    Consecutive ids share all but their last two characters within runs of 1024, so each run
    encodes its 24-character head once and appends precomputed pairs: about 0.1 s per
    million ids, against 3 s for encoding each id alone.
    """
    if start < 0:
        raise ValidationError("start", f"must not be negative, got {start}")
    if count < 0:
        raise ValidationError("count", f"must not be negative, got {count}")
    first = ulid_to_int(base) + start
    end = first + count
    if end > _ULID_SPACE:
        raise ValidationError(_FIELD, "the ids would overflow the 128-bit ULID range")
    out: list[str] = []
    n = first
    while n < end:
        run_end = min(end, (n | 1023) + 1)
        head = _encode(n >> 10, 12)
        out.extend(map(head.__add__, _PAIRS[n & 1023 : (n & 1023) + run_end - n]))
        n = run_end
    return out


def token_seq(base: str, token_id: str) -> int:
    """The sequence number of `token_id` within the batch of `base` (the caller checks range)."""
    return ulid_to_int(token_id) - ulid_to_int(base)
