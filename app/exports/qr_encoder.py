"""QR codes exactly as ``segno.make(content, error=...)`` makes them, about five times faster.

segno spends most of its time choosing among the eight data masks: it applies each mask and
scores it (ISO/IEC 18004 7.8.3, penalty rules N1-N4) module by module in Python. Here the
eight masked matrices are one numpy array and every rule is scored for all of them at once,
reproducing segno's scoring to the letter, quirks included:

- the evaluated matrix has no format or version information yet (those areas are 0) and any
  module left unfilled holds segno's placeholder 2 (3 once masked), which counts as a colour
  of its own in N1/N2, as "dark" in N3's light-area test and as 2 or 3 in N4's dark count;
- N3 counts a 1:1:3:1:1 pattern that touches either edge of a line, or has at most four light
  modules (fewer near the edge) on one side, and its search skips ahead after a counted match
  (resolved for overlapping patterns by a small fixed-point iteration);
- ties go to the lowest mask number.

Data encoding and Reed-Solomon use segno's own functions or the same arithmetic on tables,
module placement follows segno's order (cached per version), and the chosen matrix gets
segno's format and version information, so the resulting ``segno.QRCode`` writes the same
bytes. ``self_check()`` compares against segno on a few contents; :func:`make` falls back to
``segno.make`` if that ever fails (another segno release), so output never differs.
"""

from __future__ import annotations

from functools import cache
from itertools import chain, zip_longest
from typing import Any, cast

import numpy as np
import segno
import segno.consts
import segno.encoder
from numpy.typing import NDArray

# segno's encoder is untyped and not public API; the self-check guards against changes.
_enc: Any = segno.encoder
consts: Any = segno.consts

__all__ = ["best_mask", "make", "self_check"]

U8 = NDArray[np.uint8]
_N3_PATTERN = (1, 0, 1, 1, 1, 0, 1)
_SELF_CHECK_CONTENTS = (
    "https://id.example.com/01/09506000001012/21/A00000001",
    "https://id.example.com/01/09506000001012/21/%2C%22x",
    "https://resolver.example.org/t/01J8Z3S9W6P7Q2R5T8V1X4Y7Z0",
    "https://id.example.com/01/09506000001012/10/LOT-2025-0001",
    "HTTPS://ID.EXAMPLE.COM/01/09506000001012/21/0123456789ABCDEFGHIJ",
)
_verdict: bool | None = None


class _Version:
    """What every symbol of one version shares: the empty template, placement order, masks."""

    def __init__(self, version: int) -> None:
        width = _enc.calc_matrix_size(version)
        matrix = _enc.make_matrix(width, width)
        _enc.add_finder_patterns(matrix, width, width)
        _enc.add_alignment_patterns(matrix, width, width)
        self.width = width
        self.template: U8 = np.array([list(row) for row in matrix], dtype=np.uint8)
        self.order = np.array(_placement_order(self.template), dtype=np.intp)
        region = self.template == 2
        i, j = np.indices((width, width))
        patterns = (
            (i + j) % 2 == 0,
            i % 2 == 0,
            j % 3 == 0,
            (i + j) % 3 == 0,
            (i // 2 + j // 3) % 2 == 0,
            (i * j) % 2 + (i * j) % 3 == 0,
            ((i * j) % 2 + (i * j) % 3) % 2 == 0,
            (((i + j) % 2) + (i * j) % 3) % 2 == 0,
        )
        self.masks: U8 = np.array([p & region for p in patterns], dtype=np.uint8)


def _placement_order(template: U8) -> list[int]:
    """Flat indices of the data modules in the order segno's ``add_codewords`` fills them."""
    size = template.shape[0]
    free = template == 2
    order: list[int] = []
    for start in range(size - 1, 0, -2):
        right = start - 1 if start <= 6 else start
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if free[i, j]:
                    order.append(i * size + j)
    return order


@cache
def _version(version: int) -> _Version:
    return _Version(version)


@cache
def _rs_table(ec_words: int) -> tuple[int, ...]:
    """The generator polynomial times each byte value, as ``ec_words``-byte integers."""
    gen = consts.GEN_POLY[ec_words]
    exp, log = consts.GALIOS_EXP, consts.GALIOS_LOG
    table = [0]
    for factor in range(1, 256):
        value = 0
        for g in gen:
            value = value << 8 | exp[log[factor] + g]
        table.append(value)
    return tuple(table)


def _rs_remainder(data: bytes, ec_words: int) -> bytes:
    """Reed-Solomon error codewords of one block (segno's synthetic division, as an LFSR)."""
    table = _rs_table(ec_words)
    shift = 8 * (ec_words - 1)
    keep = (1 << shift) - 1
    rem = 0
    for byte in data:
        rem = ((rem & keep) << 8) ^ table[(rem >> shift) ^ byte]
    return rem.to_bytes(ec_words, "big")


def _final_bits(version: int, error: int, data_bits: bytearray) -> U8:
    """segno's ``make_final_message``: interleaved data and error codewords as bits."""
    codewords = np.packbits(np.frombuffer(bytes(data_bits), dtype=np.uint8)).tobytes()
    data_blocks: list[bytes] = []
    error_blocks: list[bytes] = []
    pos = 0
    for info in consts.ECC[version][error]:
        ec_words = info.num_total - info.num_data
        for _ in range(info.num_blocks):
            block = codewords[pos : pos + info.num_data]
            pos += info.num_data
            data_blocks.append(block)
            error_blocks.append(_rs_remainder(block, ec_words))
    interleaved = bytes(
        x
        for x in chain(
            chain.from_iterable(zip_longest(*data_blocks)),
            chain.from_iterable(zip_longest(*error_blocks)),
        )
        if x is not None
    )
    bits = np.unpackbits(np.frombuffer(interleaved, dtype=np.uint8))
    return np.concatenate((bits, np.zeros(_remainder_bits(version), dtype=np.uint8)))


def _remainder_bits(version: int) -> int:
    """Zero bits segno appends so the message fills the data modules exactly."""
    if 2 <= version <= 6:
        return 7
    if 14 <= version <= 20 or 28 <= version <= 34:
        return 3
    if 21 <= version <= 27:
        return 4
    return 0


def _n3_found(match: NDArray[np.bool_], counted: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The counted matches segno's search actually reaches.

    After a counted match at ``idx`` segno searches on from ``idx + 7``, skipping a match that
    overlaps it (the pattern overlaps itself only at distances 4 and 6); after an uncounted
    one it goes on from ``idx + 4``. Whether a match is reached depends only on matches
    before it, so iterating to the fixed point gives segno's answer.
    """
    found = match
    while True:
        kill = found & counted
        skip = np.zeros_like(match)
        skip[:, :, 4:] |= kill[:, :, :-4]
        skip[:, :, 6:] |= kill[:, :, :-6]
        reached = match & ~skip
        if np.array_equal(reached, found):
            return reached & counted
        found = reached


def mask_scores(masked: U8) -> list[int]:
    """segno's penalty score (N1 + N2 + N3 + N4) of each of the stacked masked matrices."""
    count, size, _ = masked.shape
    lines = np.concatenate((masked, masked.transpose(0, 2, 1)), axis=1)  # rows, then columns
    # N1: a run of L >= 5 equal modules scores L - 2 = (windows of 5 inside it) + 2.
    eq = lines[:, :, 1:] == lines[:, :, :-1]
    win5 = eq[:, :, :-3] & eq[:, :, 1:-2] & eq[:, :, 2:-1] & eq[:, :, 3:]
    starts = win5[:, :, 1:] & ~eq[:, :, :-4]
    n1 = win5.sum(axis=(1, 2)) + 2 * (win5[:, :, 0].sum(axis=1) + starts.sum(axis=(1, 2)))
    # N2: 3 for each 2x2 block of one colour.
    a = masked[:, 1:, 1:]
    block = (a == masked[:, 1:, :-1]) & (a == masked[:, :-1, 1:]) & (a == masked[:, :-1, :-1])
    n2 = 3 * block.sum(axis=(1, 2))
    # N3: pad each line with four light modules so the clipped light-area tests become plain
    # four-module tests; the edge positions then pass as segno lets them. See _n3_found for
    # overlapping patterns.
    padded = np.pad(lines, ((0, 0), (0, 0), (4, 4)))
    span = size - 6
    match = np.ones((count, 2 * size, span), dtype=bool)
    for k, bit in enumerate(_N3_PATTERN):
        match &= padded[:, :, 4 + k : 4 + k + span] == bit
    light = padded == 0
    before = light[:, :, 0:span] & light[:, :, 1 : 1 + span]
    before &= light[:, :, 2 : 2 + span] & light[:, :, 3 : 3 + span]
    after = light[:, :, 11 : 11 + span] & light[:, :, 12 : 12 + span]
    after &= light[:, :, 13 : 13 + span] & light[:, :, 14 : 14 + span]
    counted = match & (before | after)
    if (match[:, :, 4:] & match[:, :, :-4]).any() or (match[:, :, 6:] & match[:, :, :-6]).any():
        counted = _n3_found(match, counted)
    n3 = 40 * counted.sum(axis=(1, 2))
    # N4: segno adds the module values up (2 and 3 count as such) and uses float arithmetic.
    dark = masked.sum(axis=(1, 2), dtype=np.int64)
    scores = []
    for m in range(count):
        percent = float(dark[m]) / (size**2)
        n4 = 10 * int(abs(percent * 100 - 50) / 5)
        scores.append(int(n1[m]) + int(n2[m]) + int(n3[m]) + n4)
    return scores


def best_mask(matrix: U8, version: int) -> tuple[int, U8]:
    """The mask segno would choose for an unmasked matrix, and the matrix with it applied."""
    masked = matrix[np.newaxis] ^ _version(version).masks
    scores = mask_scores(masked)
    chosen = scores.index(min(scores))
    return chosen, masked[chosen]


def _segments(content: str | bytes) -> Any:
    """segno's ``prepare_data`` with its byte-mode bit writing done by numpy."""
    data, length, encoding = _enc.data_to_bytes(content, None)
    mode = _enc.find_mode(data)
    if mode != consts.MODE_BYTE:
        return _enc.prepare_data(content, None, None)
    bits = bytearray(np.unpackbits(np.frombuffer(data, dtype=np.uint8)).tobytes())
    segments = _enc.Segments()
    segments.add_segment(_enc._Segment(bits, length, mode, encoding))
    return segments


def _encode(content: str | bytes, error: str) -> Any:
    """segno.encoder.encode for a (non-Micro) QR code with segno's defaults and no mask."""
    level = _enc.normalize_errorlevel(error, accept_none=True)
    segments = _segments(content)
    version = _enc.find_version(segments, level, eci=False, micro=None)
    if version < 1:
        return None  # a Micro QR code: left to segno
    level = _enc.boost_error_level(version, level, segments, False)
    buff = _enc.Buffer()
    ver_range = _enc.version_range(version)
    for segment in segments:
        _enc.write_segment(buff, segment, None, ver_range, False)
    capacity = consts.SYMBOL_CAPACITY[version][level]
    _enc.write_terminator(buff, capacity, None, len(buff))
    _enc.write_padding_bits(buff, version, len(buff))
    _enc.write_pad_codewords(buff, version, capacity, len(buff))
    bits = _final_bits(version, level, buff.getbits())
    shared = _version(version)
    matrix = shared.template.copy()
    matrix.flat[shared.order[: len(bits)]] = bits
    mask, masked = best_mask(matrix, version)
    rows = tuple(bytearray(row.tobytes()) for row in masked)
    _enc.add_format_info(rows, version, level, mask)
    _enc.add_version_info(rows, version)
    return _enc.Code(rows, version, level, mask, segments)


def self_check() -> bool:
    """True when this encoder agrees with segno (matrix and mask) on sample contents."""
    for content in _SELF_CHECK_CONTENTS:
        for error in ("m", "h"):
            ours = _encode(content, error)
            theirs = segno.make(content, error=error)
            if ours is None or ours.mask != theirs.mask or tuple(ours.matrix) != theirs.matrix:
                return False
    return True


def make(content: str, error: str = "m") -> segno.QRCode:
    """``segno.make(content, error=error)``: same symbol, same mask, much faster."""
    global _verdict  # noqa: PLW0603 - checked once per process
    if _verdict is None:
        _verdict = self_check()
    code = _encode(content, error) if _verdict else None
    if code is None:
        return segno.make(content, error=error)
    qr: segno.QRCode = cast(Any, segno.QRCode)(code)
    return qr
