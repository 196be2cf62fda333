"""The RF field of a simulated reader, spoken to by nfcpy's unmodified ``udp`` driver.

nfcpy's ``udp:HOST:PORT`` device sends each frame as one datagram ``b"106A <hex>"`` and
expects the tag's answer the same way; ``b"RFOFF"`` means the field went off. This server
holds at most one :class:`SimTag` in its field at a time. Tests (and demo mode) play the
operator: ``present()`` puts a tag on the reader, ``remove()`` takes it away. A tag made
with ``remove_after_writes=N`` leaves the field by itself after its N-th write, which is how
a tag pulled away mid-write looks to the reader.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from binascii import hexlify, unhexlify

from app.devices.sim.ntag import ACK, SimTag
from app.devices.sim.served import ServedThread

_POLL_S = 0.05


class NtagField(ServedThread):
    """A UDP server on a thread of its own; ``stop()`` (or leaving ``with``) ends it."""

    name = "sim-ntag-field"

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        delay_s: float = 0.0,
        write_delay_s: float = 0.0,
    ) -> None:
        """``delay_s`` before every answer, ``write_delay_s`` more for a WRITE (EEPROM)."""
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        self.delay_s = delay_s
        self.write_delay_s = write_delay_s
        self._lock = threading.Lock()
        self._tag: SimTag | None = None
        self.presented: list[SimTag] = []
        self.frames = 0
        super().__init__()

    @property
    def path(self) -> str:
        """The nfcpy device path that reaches this field."""
        return f"udp:{self.host}:{self.port}"

    def _close(self) -> None:
        self._socket.close()

    @property
    def tag(self) -> SimTag | None:
        with self._lock:
            return self._tag

    def present(self, tag: SimTag) -> SimTag:
        """Put ``tag`` on the reader (any tag there before is taken away)."""
        with self._lock:
            tag.field_off()
            self._tag = tag
            self.presented.append(tag)
        return tag

    def remove(self) -> SimTag | None:
        with self._lock:
            tag, self._tag = self._tag, None
        if tag is not None:
            tag.field_off()
        return tag

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._socket], [], [], _POLL_S)
            if not ready:
                continue
            try:
                datagram, addr = self._socket.recvfrom(1024)
            except OSError:
                return
            answer = self._answer(datagram)
            if answer is not None:
                delay = self.delay_s + (self.write_delay_s if answer == ACK else 0.0)
                if delay:
                    time.sleep(delay)
                self._socket.sendto(b"106A " + hexlify(answer), addr)

    def _answer(self, datagram: bytes) -> bytes | None:
        parts = datagram.split()
        with self._lock:
            tag = self._tag
            if tag is None or not parts:
                return None
            if parts[0] == b"RFOFF":
                tag.field_off()
                return None
            if parts[0] != b"106A" or len(parts) != 2:
                return None  # a Type A tag does not answer Type B or F polling
            self.frames += 1
            writes = tag.writes
            answer = tag.handle(unhexlify(parts[1]))
            limit = tag.remove_after_writes
            if limit is not None and writes < limit <= tag.writes:
                self._tag = None  # pulled away right after that write
                tag.field_off()
            return answer
