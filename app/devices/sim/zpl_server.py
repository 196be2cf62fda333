"""The simulated printer's ports: a pseudo-terminal (a real tty path) and a TCP raw port.

``PtyPrinter`` opens a pty, puts the slave in raw mode and serves the master side on a
thread; ``path`` is the tty the station opens with pyserial, XON/XOFF and all (the kernel
honours the XOFF the simulator sends). The simulator keeps the slave open, so a station
that dies and comes back finds the same port. ``TcpPrinter`` listens like a networked
printer's port 9100 (``socket://127.0.0.1:PORT``), one connection at a time. With ``baud``
the pty side takes the host's bytes no faster than a serial line would carry them.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
import tty

from app.devices.sim.served import ServedThread
from app.devices.sim.zpl_engine import ZplPrinterEngine

_SLICE_S = 0.005


class _Served(ServedThread):
    """A printer port: the engine behind it, served on its own thread."""

    name = "sim-printer"

    def __init__(self, engine: ZplPrinterEngine | None) -> None:
        self.engine = engine or ZplPrinterEngine()
        super().__init__()


class PtyPrinter(_Served):
    name = "sim-printer-pty"

    def __init__(self, engine: ZplPrinterEngine | None = None, *, baud: int | None = None) -> None:
        super().__init__(engine)
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        self.path = os.ttyname(self._slave)
        self.baud = baud
        self._pending = bytearray()  # output the host has not taken yet

    def start(self) -> PtyPrinter:
        super().start()
        return self

    def __enter__(self) -> PtyPrinter:
        return self.start()

    def _run(self) -> None:
        line_free_at = 0.0
        held: list[tuple[float, bytes]] = []  # bytes still "on the wire" at a given baud
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], _SLICE_S)
            now = time.monotonic()
            if ready:
                try:
                    data = os.read(self._master, 4096)
                except (BlockingIOError, OSError):
                    data = b""
                if data and self.baud:
                    line_free_at = max(line_free_at, now) + len(data) * 10 / self.baud
                    held.append((line_free_at, data))
                elif data:
                    self.engine.feed(data)
            while held and held[0][0] <= now:
                self.engine.feed(held.pop(0)[1])
            self.engine.tick(now)
            self._pending += self.engine.take_output()
            if self._pending:
                with contextlib.suppress(BlockingIOError, OSError):
                    written = os.write(self._master, self._pending)
                    del self._pending[:written]

    def _close(self) -> None:
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class TcpPrinter(_Served):
    name = "sim-printer-tcp"

    def __init__(self, engine: ZplPrinterEngine | None = None, *, port: int = 0) -> None:
        super().__init__(engine)
        self._listener = socket.create_server(("127.0.0.1", port))
        self.port = self._listener.getsockname()[1]
        self.url = f"socket://127.0.0.1:{self.port}"
        self._client: socket.socket | None = None

    def start(self) -> TcpPrinter:
        super().start()
        return self

    def __enter__(self) -> TcpPrinter:
        return self.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            watch = [self._listener] if self._client is None else [self._client]
            ready, _, _ = select.select(watch, [], [], _SLICE_S)
            if ready and self._client is None:
                self._client, _addr = self._listener.accept()
                self._client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            elif ready and self._client is not None:
                try:
                    data = self._client.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    self._client.close()
                    self._client = None
                    continue
                self.engine.feed(data)
            self.engine.tick()
            out = self.engine.take_output()
            if out and self._client is not None:
                with contextlib.suppress(OSError):
                    self._client.sendall(out)

    def _close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._listener.close()
