"""Serial numbers: sequential, random (Crockford base32 or SGTIN-96 numeric) and imported.

Generators guarantee uniqueness within one call only; uniqueness across batches of a GTIN
is the database's job.
"""

from __future__ import annotations

import array
import csv
import io
import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from app.core.digital_link import validate_ai82
from app.core.errors import ValidationError

__all__ = [
    "CROCKFORD",
    "MAX_SGTIN96_SERIAL",
    "RowError",
    "SerialRange",
    "check_sequential",
    "random_numeric_serials",
    "random_serials",
    "read_serial_file",
    "sequential_serials",
    "validate_serial_list",
]

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_SGTIN96_SERIAL = 274_877_906_943  # 2**38 - 1
MAX_SERIAL_LENGTH = 20
# Byte b -> CROCKFORD[b % 32]: 256 is a multiple of 32, so random bytes give uniform symbols.
_BYTE_TO_CROCKFORD = bytes(CROCKFORD.encode()[b % 32] for b in range(256))


def _check_count(count: int) -> None:
    if count < 0:
        raise ValidationError("count", f"must not be negative, got {count}")


def check_sequential(prefix: str, width: int, start: int, count: int) -> SerialRange:
    """Every check `sequential_serials` makes, without making the serials.

    Raises ValidationError for a prefix outside AI 82, a width outside 0..20, a negative
    start, a number that does not fit the width, or a serial over 20 characters.
    """
    _check_count(count)
    if start < 0:
        raise ValidationError("start", f"must not be negative, got {start}")
    if not 0 <= width <= MAX_SERIAL_LENGTH:
        raise ValidationError("width", f"must be 0 to {MAX_SERIAL_LENGTH}, got {width}")
    if prefix:
        validate_ai82(prefix, "prefix")
    last = start + max(count, 1) - 1
    if width and len(str(last)) > width:
        raise ValidationError("width", f"{last} does not fit in {width} digits")
    longest = len(prefix) + max(width, len(str(last)))
    if longest > MAX_SERIAL_LENGTH:
        raise ValidationError(
            "prefix",
            f"prefix and number make {longest} characters; a serial has at most "
            f"{MAX_SERIAL_LENGTH}",
        )
    return SerialRange(prefix, width, start, last)


def sequential_serials(prefix: str, width: int, start: int, count: int) -> list[str]:
    """`prefix` + the numbers start .. start + count - 1 zero-padded to `width` digits."""
    check_sequential(prefix, width, start, count)
    if count == 0:
        return []
    template = prefix.replace("%", "%%") + f"%0{width}d"
    return [template % n for n in range(start, start + count)]


@dataclass(frozen=True)
class _Segment:
    """The strings ``head + str(n).zfill(digits)`` for n in lo..hi, all ``digits`` long."""

    head: str
    digits: int
    lo: int
    hi: int

    @property
    def length(self) -> int:
        return len(self.head) + self.digits

    def text(self, number: int) -> str:
        return self.head + str(number).zfill(self.digits)

    def __contains__(self, serial: str) -> bool:
        if len(serial) != self.length or not serial.startswith(self.head):
            return False
        tail = serial[len(self.head) :]
        return tail.isascii() and tail.isdigit() and self.lo <= int(tail) <= self.hi

    def overlap(self, other: _Segment) -> str | None:
        """The first string both segments make, or None."""
        if self.length != other.length:
            return None
        short, long = (self, other) if len(self.head) <= len(other.head) else (other, self)
        if not long.head.startswith(short.head):
            return None
        extra = long.head[len(short.head) :]
        if extra and not (extra.isascii() and extra.isdigit()):
            return None
        shift = int(extra or "0") * 10**long.digits
        lo, hi = max(short.lo, shift + long.lo), min(short.hi, shift + long.hi)
        return short.text(lo) if lo <= hi else None


@dataclass(frozen=True)
class SerialRange:
    """The serials of a sequential source: ``prefix`` + start..last, padded to ``width``.

    Two ranges with different prefixes or widths can still make the same strings
    (width 8 from 25001 and prefix ``000`` width 5 both make ``00025001``); `overlap` and
    ``in`` compare the strings, not the numbers.
    """

    prefix: str
    width: int
    start: int
    last: int

    def segments(self) -> list[_Segment]:
        """The range split into runs of equal length (one run unless width is 0)."""
        return self._segments

    @cached_property
    def _segments(self) -> list[_Segment]:
        if self.width:
            return [_Segment(self.prefix, self.width, self.start, self.last)]
        runs = []
        for digits in range(len(str(self.start)), len(str(self.last)) + 1):
            lo = max(self.start, 10 ** (digits - 1) if digits > 1 else 0)
            runs.append(_Segment(self.prefix, digits, lo, min(self.last, 10**digits - 1)))
        return runs

    def bounds(self) -> list[tuple[str, str, int]]:
        """(lowest, highest, length) of each run: every serial of the run sorts between them
        (byte order) and has that length, so a database range scan finds candidates."""
        return [(s.text(s.lo), s.text(s.hi), s.length) for s in self.segments()]

    def __contains__(self, serial: object) -> bool:
        return isinstance(serial, str) and any(serial in s for s in self.segments())

    def members(self, ordered: Sequence[str]) -> Iterator[str]:
        """The serials of ``ordered`` (sorted) that this range makes: a bisection per run,
        then an exact check of the few strings between its bounds."""
        for segment in self.segments():
            low, high = segment.text(segment.lo), segment.text(segment.hi)
            for serial in ordered[bisect_left(ordered, low) : bisect_right(ordered, high)]:
                if serial in segment:
                    yield serial

    def overlap(self, other: SerialRange) -> str | None:
        """The first serial (of this range's order) that both ranges make, or None."""
        found = [
            shared
            for mine in self.segments()
            for theirs in other.segments()
            if (shared := mine.overlap(theirs)) is not None
        ]
        return min(found, key=lambda s: (len(s), s)) if found else None

    def __str__(self) -> str:
        first, last = self.segments()[0], self.segments()[-1]
        return f"{first.text(first.lo)}..{last.text(last.hi)}"


def _unique_fill(first: list[str], make: Callable[[int], list[str]], count: int) -> list[str]:
    """`first` without duplicates, topped up from `make` until it holds `count` serials."""
    seen = set(first)
    if len(seen) == count:
        return first
    result = list(dict.fromkeys(first))
    while len(result) < count:
        for serial in make(count - len(result)):
            if serial not in seen:
                seen.add(serial)
                result.append(serial)
    return result


def _crockford_block(count: int, length: int) -> list[str]:
    symbols = os.urandom(count * length).translate(_BYTE_TO_CROCKFORD)
    # Interleave a newline after every `length` symbols with strided copies, then split in C.
    stride = length + 1
    buffer = bytearray(count * stride)
    for column in range(length):
        buffer[column::stride] = symbols[column::length]
    buffer[length::stride] = b"\n" * count
    return buffer[:-1].decode("ascii").split("\n")


def random_serials(count: int, length: int = 12) -> list[str]:
    """`count` distinct random Crockford base32 serials (5 bits a character; 12 = 60 bits).

    Uses one bulk `os.urandom` call mapped to symbols with `bytes.translate`: 1,000,000
    serials of 12 characters take about 0.25 s, half of it the uniqueness check.
    """
    _check_count(count)
    if not 8 <= length <= MAX_SERIAL_LENGTH:
        raise ValidationError("length", f"must be 8 to {MAX_SERIAL_LENGTH}, got {length}")
    if count == 0:
        return []
    return _unique_fill(
        _crockford_block(count, length), lambda n: _crockford_block(n, length), count
    )


def _random_38_bit(count: int) -> list[int]:
    # The top 38 bits of random 64-bit words.
    return [word >> 26 for word in array.array("Q", os.urandom(8 * count))]


def random_numeric_serials(count: int) -> list[str]:
    """`count` distinct random decimal serials in [1, 2**38 - 1]: all fit SGTIN-96.

    Duplicates are likely in a million draws of 38 bits (about 2 expected): they are
    dropped and drawn again. 1,000,000 take about 0.3 s.
    """
    _check_count(count)
    if count > MAX_SGTIN96_SERIAL // 2:
        raise ValidationError("count", f"at most {MAX_SGTIN96_SERIAL // 2} random numeric serials")
    unique = dict.fromkeys(_random_38_bit(count))  # keeps the random order
    unique.pop(0, None)
    while len(unique) < count:
        unique.update(dict.fromkeys(_random_38_bit(count - len(unique))))
        unique.pop(0, None)
    return list(map(str, unique))


@dataclass(frozen=True)
class RowError:
    """One refused line of an imported file; ``column`` (1-based) where it is known."""

    line: int
    field: str
    reason: str
    column: int | None = None

    def __str__(self) -> str:
        where = (
            f"line {self.line}"
            if self.column is None
            else f"line {self.line}, column {self.column}"
        )
        return f"{where}, {self.field}: {self.reason}"


def _validate_numbered(
    rows: Iterable[tuple[int, str]], header_line: int
) -> tuple[list[str], list[RowError]]:
    serials: list[str] = []
    errors: list[RowError] = []
    first_seen: dict[str, int] = {}
    for line, raw in rows:
        value = raw.strip()
        if not value:
            errors.append(RowError(line, "serial", "empty serial"))
            continue
        if line == header_line and value.lower() == "serial":
            continue
        try:
            validate_ai82(value, "serial")
        except ValidationError as exc:
            errors.append(RowError(line, "serial", exc.reason))
            continue
        earlier = first_seen.setdefault(value, line)
        if earlier != line:
            errors.append(RowError(line, "serial", f"duplicate of line {earlier}"))
            continue
        serials.append(value)
    return serials, errors


def validate_serial_list(
    lines: Iterable[str], *, first_line: int = 1
) -> tuple[list[str], list[RowError]]:
    """Check bring-your-own serials: the accepted ones in order, and every refused line.

    Whitespace around each serial is dropped; an optional `serial` header on the first
    line is skipped; blank lines, serials outside AI 82 or longer than 20 characters, and
    repeats of an earlier line are errors.
    """
    return _validate_numbered(enumerate(lines, start=first_line), first_line)


def _csv_rows(text: str, errors: list[RowError]) -> Iterator[tuple[int, str]]:
    """(first line of the record, first column) for each CSV record; RFC 4180 quoting."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(RowError(line, "file", f"not readable as CSV: {exc}"))
            return
        value = row[0] if row else ""
        bad = next((c for c in value if "\udc80" <= c <= "\udcff"), None)
        if bad is not None:
            byte = ord(bad) - 0xDC00
            errors.append(RowError(line, "serial", f"not valid UTF-8 text (byte 0x{byte:02X})"))
        else:
            yield line, value
        line = reader.line_num + 1


def read_serial_file(path: str | os.PathLike[str]) -> tuple[list[str], list[RowError]]:
    """Read serials from the first column of a UTF-8 CSV or text file (BOM tolerated)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError("file", f"cannot read {os.fspath(path)}: {exc.strerror}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError("file", "the file is UTF-16; save it as UTF-8 CSV")
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    read_errors: list[RowError] = []
    serials, errors = _validate_numbered(_csv_rows(text, read_errors), 1)
    errors = sorted(errors + read_errors, key=lambda error: error.line)
    return serials, errors
