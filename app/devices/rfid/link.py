"""The byte link to a printer: a serial port with XON/XOFF, or ``socket://host:9100``.

On a serial line the printer stops the host with XOFF when its buffer fills; pyserial lets
the kernel honour it (``xonxoff=True``). A write still blocked when ``write_timeout`` runs
out never reached the printer, or only part of it did: the link reports the stall with how
many bytes got out, and the caller sends the whole format again once the line moves (a
printer drops a format cut short when the next ``^XA`` comes).
"""

from __future__ import annotations

import os
import select
import socket
import time
from typing import Any

import serial

from app.devices.base import DeviceLost, DeviceNotFound, DevicePermissionError

DEFAULT_BAUD = 9600
_CHUNK = 65536


class LineStalled(Exception):
    """A write did not get through within the write timeout (XOFF held the line)."""

    def __init__(self, accepted: int) -> None:
        self.accepted = accepted  # bytes of it that did get out (-1: not known)
        super().__init__(f"the line stalled after {accepted} byte(s)")


class PrinterLink:
    def __init__(self, url: str, *, baudrate: int = DEFAULT_BAUD, write_timeout: float) -> None:
        self.url = url
        self.baudrate = baudrate
        self.write_timeout = write_timeout
        self._port: Any = None
        self._waitable: Any = None
        self._fd: int | None = None
        self.stalls = 0

    def open(self) -> None:
        try:
            self._port = serial.serial_for_url(
                self.url,
                baudrate=self.baudrate,
                bytesize=serial.EIGHTBITS,
                parity=serial.PARITY_NONE,
                stopbits=serial.STOPBITS_ONE,
                xonxoff=True,
                timeout=0,
                write_timeout=self.write_timeout,
            )
        except serial.SerialException as exc:
            text = str(exc)
            if "ermission" in text:
                raise DevicePermissionError(
                    f"no permission to open the printer port {self.url}",
                    hint="add your user to the dialout group (`sudo usermod -aG dialout $USER`)"
                    " and log in again",
                ) from exc
            raise DeviceNotFound(
                f"cannot open the printer at {self.url}: {text}",
                hint="check the port name (`main.py devices list`), the cable, or the printer's"
                " address and that its raw port (9100) is enabled",
            ) from exc
        sock = getattr(self._port, "_socket", None)  # socket://: send each format at once
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        fileno = getattr(self._port, "fileno", None)
        self._waitable = sock if sock is not None else fileno() if fileno else None
        posix = getattr(serial, "serialposix", None)
        if posix is not None and isinstance(self._port, posix.Serial):
            self._fd = self._port.fd
        self.discard_input()

    def close(self) -> None:
        self._fd = None
        if self._port is not None:
            self._port.close()
            self._port = None

    def discard_input(self) -> None:
        self._port.reset_input_buffer()

    def write(self, data: bytes) -> None:
        """Send ``data`` whole, or raise LineStalled saying how much of it got out.

        On a serial port the bytes go straight to the (non-blocking) descriptor, so that
        what the kernel accepted is known exactly: pyserial's own write raises a timeout
        even after everything was accepted when XOFF comes right after, and a driver that
        then sent the format again would print a label twice. Nothing is flushed: earlier
        labels may still sit in the output queue.
        """
        fd = self._fd
        if fd is None:
            try:
                self._port.write(data)
            except serial.SerialTimeoutException as exc:
                self.stalls += 1
                raise LineStalled(-1) from exc
            except (serial.SerialException, OSError) as exc:
                raise DeviceLost(f"lost the printer at {self.url}: {exc}") from exc
            return
        view, accepted = memoryview(data), 0
        deadline = time.monotonic() + self.write_timeout
        while accepted < len(data):
            try:
                written = os.write(fd, view[accepted:])
            except BlockingIOError:
                written = 0
            except OSError as exc:
                raise DeviceLost(f"lost the printer at {self.url}: {exc}") from exc
            if written:
                accepted += written
                deadline = time.monotonic() + self.write_timeout
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stalls += 1
                raise LineStalled(accepted)
            select.select([], [fd], [], min(remaining, 0.05))

    def read(self, timeout: float) -> bytes:
        """What has arrived, waiting up to ``timeout`` for the first byte."""
        port = self._port
        try:
            data: bytes = port.read(_CHUNK)  # the port is non-blocking: whatever is there
            if data or timeout <= 0 or not self._wait(timeout):
                return data
            more: bytes = port.read(_CHUNK)
            return more
        except (serial.SerialException, OSError) as exc:
            raise DeviceLost(f"lost the printer at {self.url}: {exc}") from exc

    def _wait(self, timeout: float) -> bool:
        """Block until the port has bytes (select on its descriptor), at most ``timeout``."""
        waitable = self._waitable
        if waitable is not None:
            ready, _, _ = select.select([waitable], [], [], timeout)
            return bool(ready)
        deadline = time.monotonic() + timeout  # loop:// and other handlers without one
        while time.monotonic() < deadline:
            if self._port.in_waiting:
                return True
            time.sleep(0.001)
        return False
