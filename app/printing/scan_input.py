"""Scanner input as groups of lines: a keyboard-wedge scanner on standard input, or
fixed-mount scanners sending lines over TCP.

Each group is every complete line that had arrived when the previous group was handed
over, so a verify loop commits once per group and keeps up however fast scans come. Both
readers end on EOF (stdin) or when ``stop()`` says so (checked at least every 0.2 s).
"""

from __future__ import annotations

import os
import selectors
import socket
from collections.abc import Callable, Iterator

from app.core.errors import ValidationError

__all__ = ["listen_address", "read_line_groups", "serve_line_groups"]

_POLL_S = 0.2
_MAX_LINE = 4096


def _split(buffer: bytearray) -> list[str]:
    end = buffer.rfind(b"\n")
    if end < 0:
        if len(buffer) > _MAX_LINE:  # a scanner that never sends a line end
            text = buffer.decode("utf-8", "replace")
            buffer.clear()
            return [text]
        return []
    lines = bytes(buffer[:end]).decode("utf-8", "replace").split("\n")
    del buffer[: end + 1]
    return [line.rstrip("\r") for line in lines if line.strip()]


def read_line_groups(fd: int, stop: Callable[[], bool] = lambda: False) -> Iterator[list[str]]:
    """Lines from a file descriptor (standard input) until EOF."""
    buffer = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while not stop():
            if not selector.select(_POLL_S):
                continue
            data = os.read(fd, 65536)
            if not data:
                break
            buffer += data
            lines = _split(buffer)
            if lines:
                yield lines
    tail = buffer.decode("utf-8", "replace").strip()
    if tail:
        yield [tail]


def listen_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``127.0.0.1:9555``) for ``--listen``."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValidationError(
            "--listen", f"expected HOST:PORT such as 127.0.0.1:9555, got {text!r}"
        )
    return host.strip("[]"), int(port)


def serve_line_groups(
    host: str,
    port: int,
    stop: Callable[[], bool],
    on_listening: Callable[[int], None] = lambda _p: None,
) -> Iterator[list[str]]:
    """Lines from any number of TCP clients (one scanner each) until ``stop()``."""
    try:
        listener = socket.create_server((host, port))
    except OSError as exc:
        raise ValidationError("--listen", f"cannot listen on {host}:{port}: {exc}") from None
    listener.setblocking(False)
    buffers: dict[socket.socket, bytearray] = {}
    with selectors.DefaultSelector() as selector, listener:
        selector.register(listener, selectors.EVENT_READ)
        on_listening(listener.getsockname()[1])
        try:
            while not stop():
                group: list[str] = []
                for key, _events in selector.select(_POLL_S):
                    sock = key.fileobj
                    assert isinstance(sock, socket.socket)
                    if sock is listener:
                        client, _addr = listener.accept()
                        client.setblocking(False)
                        buffers[client] = bytearray()
                        selector.register(client, selectors.EVENT_READ)
                        continue
                    try:
                        data = sock.recv(65536)
                    except OSError:
                        data = b""
                    buffer = buffers[sock]
                    if not data:
                        buffer += b"\n"
                        group += _split(buffer)
                        selector.unregister(sock)
                        sock.close()
                        del buffers[sock]
                        continue
                    buffer += data
                    group += _split(buffer)
                if group:
                    yield group
        finally:
            for sock in buffers:
                sock.close()
