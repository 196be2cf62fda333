"""Serial numbers for a range of a batch's units, from the source the batch was queued with."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from app.core.serials import random_numeric_serials, random_serials, sequential_serials
from app.minting.request import SerialKind


@dataclass
class SerialSource:
    kind: SerialKind
    prefix: str = ""
    width: int = 0
    start: int = 0
    packed_list: bytes | None = None
    _list: list[str] | None = None

    @property
    def regenerable(self) -> bool:
        """Random serials that collide are drawn again; others are a real conflict."""
        return self.kind in (SerialKind.RANDOM, SerialKind.NUMERIC)

    def serials(self, first_seq: int, count: int) -> list[str]:
        if self.kind == SerialKind.SEQUENTIAL:
            return sequential_serials(self.prefix, self.width, self.start + first_seq, count)
        if self.kind == SerialKind.LIST:
            if self._list is None:
                assert self.packed_list is not None
                self._list = zlib.decompress(self.packed_list).decode().split("\n")
            return self._list[first_seq : first_seq + count]
        return self.fresh(count)

    def fresh(self, count: int) -> list[str]:
        if self.kind == SerialKind.NUMERIC:
            return random_numeric_serials(count)
        return random_serials(count)
