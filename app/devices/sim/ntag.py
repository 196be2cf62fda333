"""A simulated NXP NTAG21x tag: its memory, lock bits, password and command set.

The tag answers the frames an ISO 14443-A reader sends it after the field is on (no CRC:
nfcpy's ``udp`` driver carries raw frames): REQA/WUPA, 7-byte-UID anticollision and select,
READ 0x30, WRITE 0xA2, GET_VERSION 0x60, READ_SIG 0x3C, PWD_AUTH 0x1B and HLTA. Anything
else (such as the 0x1A probe nfcpy sends to spot a Mifare Ultralight C) is answered with a
NAK, after which the tag goes back to idle, as the real chip does.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import Final

from app.core.errors import ValidationError

ACK: Final = b"\x0a"
NAK: Final = b"\x00"
SENS_RES: Final = b"\x44\x00"
_CASCADE_TAG = 0x88


@dataclass(frozen=True)
class NtagModel:
    """Memory map of one NTAG21x product."""

    name: str
    pages: int
    cc_size: int  # capability container byte 2: NDEF data area size / 8
    version: bytes
    cfg_page: int  # CFG0; CFG1, PWD and PACK follow
    dyn_lock_page: int | None
    dyn_lock_pages_per_bit: int

    @property
    def data_end(self) -> int:
        """First page after user memory."""
        return self.dyn_lock_page if self.dyn_lock_page is not None else self.cfg_page


MODELS: Final = {
    "NTAG210": NtagModel("NTAG210", 20, 0x06, bytes.fromhex("0004040101000B03"), 16, None, 0),
    "NTAG212": NtagModel("NTAG212", 41, 0x10, bytes.fromhex("0004040101000E03"), 37, 36, 2),
    "NTAG213": NtagModel("NTAG213", 45, 0x12, bytes.fromhex("0004040201000F03"), 41, 40, 2),
    "NTAG215": NtagModel("NTAG215", 135, 0x3E, bytes.fromhex("0004040201001103"), 131, 130, 16),
    "NTAG216": NtagModel("NTAG216", 231, 0x6D, bytes.fromhex("0004040201001303"), 227, 226, 16),
}


class TagState(Enum):
    IDLE = "idle"
    READY1 = "ready1"
    READY2 = "ready2"
    ACTIVE = "active"
    HALT = "halt"


_uid_counter = itertools.count(1)


def _new_uid() -> bytes:
    """NXP manufacturer byte, then a running number and randomness, so tags differ."""
    return bytes([0x04]) + next(_uid_counter).to_bytes(3, "big") + secrets.token_bytes(3)


class SimTag:
    """One NTAG21x tag, factory fresh unless told otherwise."""

    def __init__(
        self,
        model: str = "NTAG215",
        *,
        uid: bytes | None = None,
        read_only: bool = False,
        cc_size: int | None = None,
        remove_after_writes: int | None = None,
    ) -> None:
        if model not in MODELS:
            raise ValidationError("model", f"unknown tag model {model!r}; one of {sorted(MODELS)}")
        self.model = MODELS[model]
        self.uid = uid or _new_uid()
        if len(self.uid) != 7:
            raise ValidationError("uid", "an NTAG21x UID has 7 bytes")
        self.remove_after_writes = remove_after_writes
        self.writes = 0
        self.state = TagState.IDLE
        self.authenticated = False
        self._auth0 = 0xFF
        self._prot = False
        self.signature = secrets.token_bytes(32)
        self.memory = bytearray(self.model.pages * 4)
        self._factory_layout(cc_size)
        if read_only:
            self.make_read_only()

    def __repr__(self) -> str:
        return f"SimTag({self.model.name}, uid={self.uid.hex().upper()})"

    # -- memory layout -------------------------------------------------------------------

    def _factory_layout(self, cc_size: int | None) -> None:
        uid, mem = self.uid, self.memory
        mem[0:3] = uid[0:3]
        mem[3] = _CASCADE_TAG ^ uid[0] ^ uid[1] ^ uid[2]
        mem[4:8] = uid[3:7]
        mem[8] = uid[3] ^ uid[4] ^ uid[5] ^ uid[6]
        mem[9] = 0x48
        mem[12:16] = bytes([0xE1, 0x10, cc_size or self.model.cc_size, 0x00])
        mem[16:20] = b"\x03\x00\xfe\x00"  # an empty NDEF message, then the terminator TLV
        cfg = self.model.cfg_page * 4
        mem[cfg : cfg + 4] = b"\x04\x00\x00\xff"  # MIRROR, RFU, MIRROR_PAGE, AUTH0 = off
        mem[cfg + 8 : cfg + 12] = b"\xff\xff\xff\xff"  # PWD (reads back as zeros)

    def make_read_only(self) -> None:
        """What a permanent lock leaves: CC write access 0x0F and every lock bit set."""
        self.memory[15] = 0x0F
        self.memory[10:12] = b"\xff\xff"
        if self.model.dyn_lock_page is not None:
            start = self.model.dyn_lock_page * 4
            self.memory[start : start + 3] = b"\xff\xff\xff"
        self.memory[(self.model.cfg_page + 1) * 4] |= 0x40  # CFGLCK

    def page(self, number: int) -> bytes:
        return bytes(self.memory[number * 4 : number * 4 + 4])

    def ndef_message(self) -> bytes | None:
        """The NDEF message TLV's value as stored (None when there is no NDEF TLV)."""
        mem, offset, end = self.memory, 16, 16 + self.memory[14] * 8
        while offset < end:
            tlv = mem[offset]
            if tlv == 0x00:
                offset += 1
                continue
            if tlv == 0xFE:
                return None
            length, start = mem[offset + 1], offset + 2
            if length == 0xFF:
                length, start = int.from_bytes(mem[offset + 2 : offset + 4], "big"), offset + 4
            if tlv == 0x03:
                return bytes(mem[start : start + length])
            offset = start + length
        return None

    # -- access rules --------------------------------------------------------------------

    def _locked(self, page: int) -> bool:
        mem, model = self.memory, self.model
        if page == 3:
            return bool(mem[10] & 0x08)
        if 4 <= page <= 7:
            return bool(mem[10] >> page & 1)
        if 8 <= page <= 15:
            return bool(mem[11] >> (page - 8) & 1)
        if model.dyn_lock_page is not None and 16 <= page < model.data_end:
            start = model.dyn_lock_page * 4
            bits = int.from_bytes(mem[start : start + 2], "little")
            return bool(bits >> ((page - 16) // model.dyn_lock_pages_per_bit) & 1)
        if page in (model.cfg_page, model.cfg_page + 1):
            return bool(mem[(model.cfg_page + 1) * 4] & 0x40)
        return False

    def _needs_auth(self, page: int) -> bool:
        return page >= self._auth0 and not self.authenticated

    # -- commands ------------------------------------------------------------------------

    def field_off(self) -> None:
        self.state = TagState.IDLE
        self.authenticated = False

    def handle(self, frame: bytes) -> bytes | None:
        """The tag's answer to one frame, or None when it keeps silent."""
        if not frame:
            return None
        if self.state in (TagState.IDLE, TagState.HALT):
            return self._wake(frame)
        if self.state is TagState.READY1:
            return self._select(frame, 0x93, self._cl1(), TagState.READY2, b"\x04")
        if self.state is TagState.READY2:
            return self._select(frame, 0x95, self._cl2(), TagState.ACTIVE, b"\x00")
        return self._command(frame)

    def _wake(self, frame: bytes) -> bytes | None:
        if frame == b"\x52" or (frame == b"\x26" and self.state is TagState.IDLE):
            self.state = TagState.READY1
            return SENS_RES
        return None

    def _cl1(self) -> bytes:
        return bytes([_CASCADE_TAG, *self.uid[0:3], self.memory[3]])

    def _cl2(self) -> bytes:
        return bytes([*self.uid[3:7], self.memory[8]])

    def _select(
        self, frame: bytes, level: int, cascade: bytes, after: TagState, sak: bytes
    ) -> bytes | None:
        if frame == bytes([level, 0x20]):
            return cascade
        if frame == bytes([level, 0x70]) + cascade:
            self.state = after
            if after is TagState.ACTIVE:
                self._activate()
            return sak
        self.state = TagState.IDLE
        return None

    def _activate(self) -> None:
        """Configuration is latched when the tag is selected, as on the chip."""
        cfg = self.model.cfg_page * 4
        self._auth0 = self.memory[cfg + 3]
        self._prot = bool(self.memory[cfg + 4] & 0x80)
        self.authenticated = False

    def _nak(self) -> bytes:
        self.state = TagState.IDLE
        self.authenticated = False
        return NAK

    def _command(self, frame: bytes) -> bytes | None:
        code = frame[0]
        if code == 0x30 and len(frame) == 2:
            return self._read(frame[1])
        if code == 0xA2 and len(frame) == 6:
            return self._write(frame[1], frame[2:6])
        if code == 0x60 and len(frame) == 1:
            return self.model.version
        if code == 0x3C and len(frame) == 2:
            return self.signature
        if code == 0x1B and len(frame) == 5:
            return self._pwd_auth(frame[1:5])
        if code == 0x50 and len(frame) == 2:
            self.state = TagState.HALT
            return None
        return self._nak()

    def _read(self, page: int) -> bytes:
        model = self.model
        if page >= model.pages or (self._prot and self._needs_auth(page)):
            return self._nak()
        out = bytearray()
        for offset in range(4):
            number = (page + offset) % model.pages
            if number in (model.cfg_page + 2, model.cfg_page + 3):
                out += b"\x00\x00\x00\x00"  # PWD and PACK always read as zeros
            else:
                out += self.page(number)
        return bytes(out)

    def _write(self, page: int, data: bytes) -> bytes:
        model, mem = self.model, self.memory
        if page < 2 or page >= model.pages or self._needs_auth(page) or self._locked(page):
            return self._nak()
        start = page * 4
        if page == 2:  # only the two static lock bytes; bits can only be set
            mem[10] |= data[2]
            mem[11] |= data[3]
        elif page in (3, model.dyn_lock_page):  # one-time programmable bits
            for index in range(4):
                mem[start + index] |= data[index]
        else:
            mem[start : start + 4] = data
        self.writes += 1
        return ACK

    def _pwd_auth(self, password: bytes) -> bytes:
        cfg = self.model.cfg_page * 4
        if password != bytes(self.memory[cfg + 8 : cfg + 12]):
            return self._nak()
        self.authenticated = True
        return bytes(self.memory[cfg + 12 : cfg + 14])
