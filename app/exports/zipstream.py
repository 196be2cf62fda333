"""A small deterministic ZIP writer for bundle packs: fixed times, forward-only, repeats cheap.

Every entry has the same time stamp (1980-01-01 00:00), Unix attributes 0644 and deflate
level 6, so the same files in the same order always give the same bytes, whatever the clock
or the platform. Sizes and CRCs are known before each entry is written (no data
descriptors), and an entry whose bytes equal the previous entry's reuses its compressed
form: a lot's 5,000 identical labels are compressed once. ``zipfile`` reads the result;
the format is the classic one (fewer than 65,535 entries and 4 GiB, as a pack always is).
"""

from __future__ import annotations

import struct
import zlib
from typing import Protocol

__all__ = ["ZipStream"]

_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_VERSION = 20
_MADE_BY = (3 << 8) | _VERSION  # Unix
_ATTRIBUTES = 0o100644 << 16
_DEFLATED = 8
_MAX_ENTRIES = 0xFFFF
_MAX_OFFSET = 0xFFFFFFFF


class _Sink(Protocol):
    def write(self, data: bytes, /) -> int: ...


class ZipStream:
    """Write entries one after another to ``sink``; ``close()`` writes the directory."""

    def __init__(self, sink: _Sink) -> None:
        self.sink = sink
        self.offset = 0
        self.directory: list[bytes] = []
        self._last: tuple[bytes, int, bytes] | None = None  # (data, crc, deflated)

    def _out(self, data: bytes) -> None:
        self.sink.write(data)
        self.offset += len(data)

    def add(self, name: str, data: bytes) -> None:
        if len(self.directory) >= _MAX_ENTRIES or self.offset >= _MAX_OFFSET:
            raise ValueError("a pack ZIP holds fewer than 65,535 entries and 4 GiB")
        if self._last is not None and self._last[0] == data:
            crc, deflated = self._last[1], self._last[2]
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            deflated = compressor.compress(data) + compressor.flush()
            crc = zlib.crc32(data)
            self._last = (data, crc, deflated)
        encoded = name.encode("ascii")
        sizes = (crc, len(deflated), len(data), len(encoded))
        local = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, _VERSION, 0, _DEFLATED, _DOS_TIME, _DOS_DATE, *sizes, 0
        )
        self.directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                _MADE_BY,
                _VERSION,
                0,
                _DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                *sizes,
                0,
                0,
                0,
                0,
                _ATTRIBUTES,
                self.offset,
            )
            + encoded
        )
        self._out(local + encoded)
        self._out(deflated)

    def close(self) -> None:
        start = self.offset
        directory = b"".join(self.directory)
        self._out(directory)
        count = len(self.directory)
        self._out(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
        )
