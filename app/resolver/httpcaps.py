"""Caps on the request line and the header block, enforced while they are parsed.

uvicorn's httptools protocol keeps whatever request line and headers a client sends (its
h11 option has a cap, httptools none), so a client could make a worker hold megabytes
before the application sees anything. This protocol counts as the parser goes and answers
``414 URI Too Long`` for a request line over ``MAX_REQUEST_LINE`` bytes and ``431 Request
Header Fields Too Large`` for a header block over ``MAX_HEADER_BYTES`` (name, value and
separators of every header) or ``MAX_HEADERS`` headers, then closes the connection. nginx's
defaults are of the same size (8 KiB per line); a reverse proxy in front may be stricter.

Used through ``server_options``: ``http="app.resolver.httpcaps:CappedHttpToolsProtocol"``.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_REQUEST_LINE = 8 * 1024
MAX_HEADER_BYTES = 16 * 1024
MAX_HEADERS = 100
LINGER_S = 1.0
REASONS = {414: b"URI Too Long", 431: b"Request Header Fields Too Large"}


class _Oversized(Exception):
    pass


class CappedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._line_bytes = 0
        self._header_bytes = 0
        self._header_count = 0
        self._in_head = False
        self._head_bytes = 0  # bytes received while the head is still incomplete
        self._refusal = 0

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._line_bytes = self._header_bytes = self._header_count = self._head_bytes = 0
        self._in_head = True

    def on_url(self, url: bytes) -> None:
        self._line_bytes += len(url)
        if self._line_bytes > MAX_REQUEST_LINE:
            self._refusal = 414
            raise _Oversized
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes += len(name) + len(value) + 4
        self._header_count += 1
        if self._header_bytes > MAX_HEADER_BYTES or self._header_count > MAX_HEADERS:
            self._refusal = 431
            raise _Oversized
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        if self._refusal:
            return  # refused and closing: ignore what is still in flight
        super().data_received(data)
        if self._in_head and not self._refusal:
            # A header still arriving is buffered whole by the parser: count what came while
            # the head is incomplete (with pipelining, a chunk may also end the previous
            # request's body: an over-count of at most one read).
            self._head_bytes += len(data)
            if self._head_bytes > MAX_REQUEST_LINE + MAX_HEADER_BYTES:
                self._refusal = 431
                self.send_400_response("")

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a parse error; an oversized head is answered with its status."""
        if not self._refusal:
            super().send_400_response(msg)
            return
        status = self._refusal
        body = REASONS[status].lower()
        content = [
            b"HTTP/1.1 %d %s\r\n" % (status, REASONS[status]),
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: %d\r\n" % len(body),
            b"connection: close\r\n\r\n",
            body,
        ]
        self.transport.write(b"".join(content))
        # Closing now would reset a connection whose request is still arriving, and the
        # client might never read the answer: end our side, drop what still comes, close.
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_S, self.transport.close)
