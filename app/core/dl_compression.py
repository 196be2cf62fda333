"""GS1 compressed Digital Link URIs (GS1 Digital Link: URI Syntax, compression section).

Public API (used by the resolver and by scan verification):

- ``decompress_dl_uri(uri)``: a compressed URI -> the equivalent uncompressed one, same host.
- ``compress_dl_uri(uri)``: an uncompressed URI -> its compressed form, same host.
- ``is_compressed_dl_uri(uri)``: whether the URI's path is a compressed Digital Link.

Written here because the one PyPI package for it (``gs1-compression`` 0.1.3, 2021) fails on
AIs added since and on URIs with a query string. The binary layout follows the standard:
each element is its AI as 4-bit digits, then its value: fixed-length numbers as a binary
integer of ceil(n*log2(10)) bits; variable-length numbers with a length field first;
alphanumerics as a 3-bit encoding (0 digits, 1 lower-case hex, 2 upper-case hex, 3 URI-safe
base64, 4 seven-bit ASCII), a length field of ceil(log2(max)) bits, then the characters. A
leading hex pair above 99 names an optimised sequence of AIs (GS1's table of optimisations);
``F`` starts a non-GS1 key=value pair. The bits are written 6 to a character in the URI-safe
base64 alphabet, zero-padded on the right. Only the AIs a product's Digital Link carries are
supported (GTIN, its qualifiers 22/10/21, dates and a few attributes); anything else is
refused with a clear message.

EPC binary strings (GS1 Digital Link URI: Compression Technical Standard for EPC binary
strings 1.0.0, July 2025): a single path segment ``eh`` + the EPC binary string in lower-case
hexadecimal, or ``ex`` + the same bits in the URI-safe base64 alphabet. GS1's text of that
standard is not in the material available to us; the two prefixes and their alphabets are
taken from two independent implementations that cite its sections 4.1/4.2 (see README).
Supported: the serialised trade-item schemes SGTIN-96 (header 30) and SGTIN-198 (header 36)
of the EPC Tag Data Standard, checked against the TDS's own encoding examples; other EPC
headers are refused by name. The filter value has no Digital Link counterpart and is dropped.

Cross-checked against GS1's own examples (``tests/core/test_dl_compression.py``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from app.core.errors import DigitalLinkError, ValidationError
from app.core.gtin import gtin_check_digit, normalize_gtin

__all__ = [
    "compress_dl_uri",
    "decompress_dl_uri",
    "epc_compressed_dl_uri",
    "is_compressed_dl_uri",
]

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B64_INDEX = {c: i for i, c in enumerate(_B64)}
_B64_RUN = re.compile(r"[A-Za-z0-9_-]+")
_HEX = "0123456789ABCDEF"


@dataclass(frozen=True, slots=True)
class _Format:
    numeric: bool
    fixed: int = 0  # fixed length, else 0
    max_len: int = 0  # maximum length of a variable-length value


_N6 = _Format(True, fixed=6)
_X20 = _Format(False, max_len=20)
# The AIs supported, with their format (GS1 General Specifications).
_FORMATS: dict[str, _Format] = {
    "01": _Format(True, fixed=14),
    "10": _X20,
    "11": _N6,
    "13": _N6,
    "15": _N6,
    "16": _N6,
    "17": _N6,
    "21": _X20,
    "22": _X20,
    "30": _Format(True, max_len=8),
    "7003": _Format(True, fixed=10),
}
_AI_LENGTH = {ai[:2]: len(ai) for ai in _FORMATS}  # AI length by its first two digits
# GS1's optimisation codes for the AI sequences above (hex pairs outside 00-99).
_OPTIMISED = {
    "0B": ("01", "10"),
    "0C": ("01", "21"),
    "0D": ("01", "17"),
    "0E": ("01", "7003"),
    "0F": ("01", "30"),
    # Listed as 01, 10, 21, 17; GS1's toolkit (the reference implementation) sorts each
    # sequence when it loads the table, so what it writes and reads is 01, 10, 17, 21.
    "1A": ("01", "10", "17", "21"),
    "1B": ("01", "15"),
    "1C": ("01", "11"),
    "1D": ("01", "16"),
    "1F": ("01", "10", "15"),
    "0A": ("01", "22"),
}
_QUALIFIERS = ("22", "10", "21")
_PRIMARY = "01"


def _value_bits(digits: int) -> int:
    return math.ceil(digits * math.log2(10) + 0.01)


def _length_bits(max_len: int) -> int:
    return math.ceil(math.log2(max_len) + 0.01)


# -- decoding -------------------------------------------------------------------------------


class _Reader:
    def __init__(self, bits: str) -> None:
        self.bits = bits
        self.pos = 0

    def take(self, n: int) -> int:
        if self.pos + n > len(self.bits):
            raise DigitalLinkError("compressed Digital Link ends in the middle of a value")
        chunk = self.bits[self.pos : self.pos + n]
        self.pos += n
        return int(chunk, 2) if chunk else 0

    def remaining(self) -> int:
        return len(self.bits) - self.pos

    def chars(self, count: int, encoding: int) -> str:
        if encoding == 0:
            return str(self.take(_value_bits(count))).zfill(count) if count else ""
        if encoding in (1, 2):
            text = "".join(_HEX[self.take(4)] for _ in range(count))
            return text.lower() if encoding == 1 else text
        if encoding == 3:
            return "".join(_B64[self.take(6)] for _ in range(count))
        if encoding == 4:
            return "".join(chr(self.take(7)) for _ in range(count))
        raise DigitalLinkError(f"compressed Digital Link uses unknown value encoding {encoding}")

    def value(self, ai: str) -> str:
        fmt = _FORMATS[ai]
        if fmt.numeric and fmt.fixed:
            number = self.take(_value_bits(fmt.fixed))
            text = str(number).zfill(fmt.fixed)
            if len(text) > fmt.fixed:
                raise DigitalLinkError(f"AI ({ai}) value is too long")
            return text
        if fmt.numeric:
            count = self.take(_length_bits(fmt.max_len))
            return self.chars(count, 0)
        encoding = self.take(3)
        count = self.take(_length_bits(fmt.max_len))
        if count > fmt.max_len:
            raise DigitalLinkError(f"AI ({ai}) value is longer than {fmt.max_len} characters")
        return self.chars(count, encoding)


def _decode(bits: str) -> tuple[dict[str, str], dict[str, str]]:
    """(GS1 AIs, other key=value pairs) from the bit string."""
    reader = _Reader(bits)
    ais: dict[str, str] = {}
    other: dict[str, str] = {}
    while reader.remaining() > 8:
        h1, h2 = reader.take(4), reader.take(4)
        pair = _HEX[h1] + _HEX[h2]
        if h1 <= 9 and h2 <= 9:
            length = _AI_LENGTH.get(pair)
            if length is None:
                raise DigitalLinkError(f"compressed Digital Link carries unsupported AI {pair}…")
            ai = pair
            for _ in range(length - 2):
                digit = reader.take(4)
                if digit > 9:
                    raise DigitalLinkError(f"AI {ai}{_HEX[digit]} is not all-numeric")
                ai += str(digit)
            if ai not in _FORMATS:
                raise DigitalLinkError(f"compressed Digital Link carries unsupported AI ({ai})")
            ais[ai] = reader.value(ai)
        elif pair in _OPTIMISED:
            for ai in _OPTIMISED[pair]:
                ais[ai] = reader.value(ai)
        elif h1 == 15:  # "F": a non-GS1 key=value pair
            reader.pos -= 4
            key_len = reader.take(7)
            key = "".join(_B64[reader.take(6)] for _ in range(key_len))
            encoding = reader.take(3)
            value_len = reader.take(7)
            other[key] = reader.chars(value_len, encoding)
        else:
            raise DigitalLinkError(f"compressed Digital Link starts an element with {pair}")
    if reader.remaining() and int(reader.bits[reader.pos :], 2) != 0:
        raise DigitalLinkError("compressed Digital Link has trailing data")
    return ais, other


def _bits_of(segment: str) -> str:
    return "".join(format(_B64_INDEX[c], "06b") for c in segment)


def _split(uri: str) -> tuple[str, list[str], str]:
    """(scheme://host, path segments, query) of an http(s) URI."""
    parts = urlsplit(uri.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DigitalLinkError("not an http(s) URI")
    segments = [s for s in parts.path.split("/") if s]
    return f"{parts.scheme}://{parts.netloc}", segments, parts.query


def _compressed_part(segments: list[str]) -> tuple[dict[str, str], str] | None:
    """(uncompressed primary key, compressed segment) when the path is compressed."""
    if len(segments) == 1 and _B64_RUN.fullmatch(segments[0]) and len(segments[0]) >= 8:
        return {}, segments[0]
    if (
        len(segments) == 3
        and segments[0] == _PRIMARY
        and segments[1].isdigit()
        and _B64_RUN.fullmatch(segments[2])
        and not segments[2].isdigit()
    ):
        return {_PRIMARY: segments[1]}, segments[2]
    return None


def _gtin(value: str) -> str:
    try:
        return normalize_gtin(value)
    except ValidationError as exc:
        raise DigitalLinkError(f"GTIN (01) {exc.reason}") from None


def _build(root: str, ais: dict[str, str], other: dict[str, str], query: str) -> str:
    if _PRIMARY not in ais:
        raise DigitalLinkError("compressed Digital Link carries no GTIN (01)")
    path = f"/01/{_gtin(ais[_PRIMARY])}"
    for ai in _QUALIFIERS:
        if ai in ais:
            path += f"/{ai}/" + quote(ais[ai], safe="")
    params = [(ai, ais[ai]) for ai in sorted(ais) if ai != _PRIMARY and ai not in _QUALIFIERS]
    params += sorted(other.items())
    text = "&".join(f"{k}={quote(v, safe='')}" for k, v in params)
    if query:
        text = f"{text}&{query}" if text else query
    return root + path + (f"?{text}" if text else "")


def decompress_dl_uri(uri: str) -> str:
    """Return the uncompressed GS1 Digital Link URI equivalent to compressed ``uri``.

    The host and any query string stay as they are; raises ``DigitalLinkError`` (naming
    what is wrong) when ``uri`` is not a compressed Digital Link this module can read.
    """
    root, segments, query = _split(uri)
    if len(segments) == 1 and _EPC_SEGMENT.fullmatch(segments[0]):
        gtin, serial = _decode_sgtin(_epc_bits(segments[0]))
        return _build(root, {_PRIMARY: gtin, "21": serial}, {}, query)
    found = _compressed_part(segments)
    if found is None:
        raise DigitalLinkError("the path is not a compressed Digital Link")
    primary, segment = found
    ais, other = _decode(_bits_of(segment))
    if primary:
        if _PRIMARY in ais:
            raise DigitalLinkError("GTIN (01) given both plainly and compressed")
        ais = primary | ais
    return _build(root, ais, other, query)


def is_compressed_dl_uri(uri: str) -> bool:
    """Whether ``uri`` is a compressed GS1 Digital Link (one this module decompresses)."""
    try:
        decompress_dl_uri(uri)
    except (DigitalLinkError, ValueError):
        return False
    return True


# -- encoding -------------------------------------------------------------------------------


def _encoding_of(text: str) -> int:
    if text.isdigit() and text.isascii():
        return 0
    if re.fullmatch(r"[0-9A-F]+", text):
        return 2
    if re.fullmatch(r"[0-9a-f]+", text):
        return 1
    if _B64_RUN.fullmatch(text):
        return 3
    return 4


def _chars_bits(text: str, encoding: int) -> str:
    if encoding == 0:
        return format(int(text), f"0{_value_bits(len(text))}b")
    if encoding in (1, 2):
        return "".join(format(int(c, 16), "04b") for c in text)
    if encoding == 3:
        return "".join(format(_B64_INDEX[c], "06b") for c in text)
    if any(ord(c) > 127 for c in text):
        raise DigitalLinkError(f"{text!r} has characters outside ASCII")
    return "".join(format(ord(c), "07b") for c in text)


def _element_bits(ai: str, value: str) -> str:
    fmt = _FORMATS.get(ai)
    if fmt is None:
        raise DigitalLinkError(f"AI ({ai}) cannot be compressed here")
    bits = "".join(format(int(d), "04b") for d in ai)
    if fmt.numeric and fmt.fixed:
        if len(value) != fmt.fixed or not value.isdigit():
            raise DigitalLinkError(f"AI ({ai}) must be {fmt.fixed} digits")
        return bits + format(int(value), f"0{_value_bits(fmt.fixed)}b")
    limit = fmt.max_len
    if not value or len(value) > limit:
        raise DigitalLinkError(f"AI ({ai}) must be 1 to {limit} characters")
    length = format(len(value), f"0{_length_bits(limit)}b")
    if fmt.numeric:
        if not value.isdigit():
            raise DigitalLinkError(f"AI ({ai}) must be digits")
        return bits + length + _chars_bits(value, 0)
    encoding = _encoding_of(value)
    return bits + format(encoding, "03b") + length + _chars_bits(value, encoding)


def compress_dl_uri(uri: str) -> str:
    """Return the compressed form of the uncompressed GS1 Digital Link URI ``uri``.

    GS1 AIs in the path and query are compressed (in AI order, without optimisation codes);
    other query parameters stay uncompressed after the compressed path.
    """
    root, segments, query = _split(uri)
    if len(segments) < 2 or len(segments) % 2:
        raise DigitalLinkError("not an uncompressed Digital Link path (/01/{gtin}/...)")
    ais: dict[str, str] = {}
    for key, value in zip(segments[::2], segments[1::2], strict=True):
        if key not in (_PRIMARY, *_QUALIFIERS) or key in ais:
            raise DigitalLinkError(f"unexpected path key {key!r}")
        ais[key] = unquote(value)
    if _PRIMARY not in ais or segments[0] != _PRIMARY:
        raise DigitalLinkError("the path must start with /01/{gtin}")
    ais[_PRIMARY] = _gtin(ais[_PRIMARY])
    kept: list[str] = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.isdigit():
            if key in ais:
                raise DigitalLinkError(f"AI ({key}) given twice")
            ais[key] = value
        else:
            kept.append(f"{quote(key, safe='')}={quote(value, safe='')}")
    bits = "".join(_element_bits(ai, ais[ai]) for ai in sorted(ais))
    bits += "0" * (-len(bits) % 6)
    text = "".join(_B64[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
    return f"{root}/{text}" + (f"?{'&'.join(kept)}" if kept else "")


# -- EPC binary strings (SGTIN-96 / SGTIN-198) ------------------------------------------------

_EPC_SEGMENT = re.compile(r"eh[0-9a-f]+|ex[A-Za-z0-9_-]+")
_SGTIN_96 = 0x30
_SGTIN_198 = 0x36
# EPC Tag Data Standard, SGTIN partition table: partition -> (company prefix bits, digits);
# the item reference (indicator digit first) takes 44 - bits and 13 - digits.
_SGTIN_PARTITIONS = ((40, 12), (37, 11), (34, 10), (30, 9), (27, 8), (24, 7), (20, 6))
# GS1 AI encodable character set 82 (the characters an SGTIN-198 serial may hold).
_CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)


def _epc_bits(segment: str) -> str:
    """The bits of an ``eh``/``ex`` segment: 4 bits per hex digit, 6 per base64 character."""
    body = segment[2:]
    if segment.startswith("eh"):
        return "".join(format(int(c, 16), "04b") for c in body)
    return _bits_of(body)


def _decode_sgtin(bits: str) -> tuple[str, str]:
    """(GTIN-14, serial) of an SGTIN-96 or SGTIN-198 EPC binary string."""
    if len(bits) < 8:
        raise DigitalLinkError("EPC binary string is shorter than its 8-bit header")
    header = int(bits[:8], 2)
    if header == _SGTIN_96:
        if len(bits) != 96:
            raise DigitalLinkError(f"SGTIN-96 EPC has 96 bits, this one {len(bits)}")
    elif header == _SGTIN_198:
        # 198 bits; the hexadecimal form carries 2 zero bits of padding (200).
        if len(bits) not in (198, 200) or "1" in bits[198:]:
            raise DigitalLinkError(f"SGTIN-198 EPC has 198 bits, this one {len(bits)}")
        bits = bits[:198]
    else:
        raise DigitalLinkError(
            f"EPC header {header:02x} is not supported (only SGTIN-96 30 and SGTIN-198 36)"
        )
    partition = int(bits[11:14], 2)
    if partition >= len(_SGTIN_PARTITIONS):
        raise DigitalLinkError(f"SGTIN partition value {partition} is not defined")
    cp_bits, cp_digits = _SGTIN_PARTITIONS[partition]
    company = int(bits[14 : 14 + cp_bits], 2)
    item = int(bits[14 + cp_bits : 58], 2)
    if company >= 10**cp_digits or item >= 10 ** (13 - cp_digits):
        raise DigitalLinkError("SGTIN company prefix or item reference has too many digits")
    item_text = str(item).zfill(13 - cp_digits)
    payload = item_text[0] + str(company).zfill(cp_digits) + item_text[1:]
    gtin = payload + str(gtin_check_digit(payload))
    if header == _SGTIN_96:
        return gtin, str(int(bits[58:96], 2))
    codes = [int(bits[i : i + 7], 2) for i in range(58, 198, 7)]
    end = codes.index(0) if 0 in codes else len(codes)
    serial = "".join(chr(c) for c in codes[:end])
    if not serial or any(codes[end:]) or not set(serial) <= _CSET82:
        raise DigitalLinkError("SGTIN-198 serial is empty or holds characters outside GS1's set 82")
    return gtin, serial


def epc_compressed_dl_uri(
    uri: str, *, company_prefix_length: int, filter_value: int = 0, form: str = "ex"
) -> str:
    """Return ``uri`` (``/01/{gtin}/21/{serial}``) as an EPC-binary compressed URI.

    The EPC needs the GS1 Company Prefix length, which the URI does not carry. A serial of
    digits without a leading zero below 2**38 becomes SGTIN-96, anything else (up to 20
    characters of set 82) SGTIN-198. ``form`` is ``"eh"`` (hexadecimal) or ``"ex"`` (base64).
    """
    root, segments, query = _split(uri)
    if len(segments) != 4 or segments[0] != _PRIMARY or segments[2] != "21":
        raise DigitalLinkError("an EPC-compressed URI needs the path /01/{gtin}/21/{serial}")
    if form not in ("eh", "ex"):
        raise DigitalLinkError(f"EPC compression form must be 'eh' or 'ex', not {form!r}")
    if not 0 <= filter_value <= 7:
        raise DigitalLinkError("EPC filter value must be 0 to 7")
    digits = {d: p for p, (_, d) in enumerate(_SGTIN_PARTITIONS)}
    if company_prefix_length not in digits:
        raise DigitalLinkError("GS1 Company Prefix length must be 6 to 12 digits")
    gtin = _gtin(unquote(segments[1]))
    serial = unquote(segments[3])
    partition = digits[company_prefix_length]
    cp_bits, cp_digits = _SGTIN_PARTITIONS[partition]
    company = gtin[1 : 1 + cp_digits]
    item = gtin[0] + gtin[1 + cp_digits : 13]
    fields = format(filter_value, "03b") + format(partition, "03b")
    fields += format(int(company), f"0{cp_bits}b") + format(int(item), f"0{44 - cp_bits}b")
    if re.fullmatch(r"0|[1-9][0-9]*", serial) and int(serial) < 2**38:
        bits = format(_SGTIN_96, "08b") + fields + format(int(serial), "038b")
    elif 0 < len(serial) <= 20 and set(serial) <= _CSET82:
        bits = format(_SGTIN_198, "08b") + fields + "".join(format(ord(c), "07b") for c in serial)
        bits = bits.ljust(198, "0")
    else:
        raise DigitalLinkError("serial (21) cannot be an SGTIN: 1-20 characters of GS1 set 82")
    if form == "eh":
        bits += "0" * (-len(bits) % 4)
        text = "".join(_HEX[int(bits[i : i + 4], 2)] for i in range(0, len(bits), 4)).lower()
    else:
        bits += "0" * (-len(bits) % 6)
        text = "".join(_B64[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
    return f"{root}/{form}{text}" + (f"?{query}" if query else "")
