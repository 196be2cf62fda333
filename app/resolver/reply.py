"""A response as plain data, and how the scan path sends it over raw ASGI."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.types import Send

Headers = list[tuple[bytes, bytes]]

ALLOWED_METHODS = b"GET, HEAD, OPTIONS"
CORS: Headers = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"Link, Location, Content-Language, Retry-After"),
]
HTML = b"text/html; charset=utf-8"
JSON = b"application/json"
LINKSET_JSON = b"application/linkset+json"
NO_STORE = (b"cache-control", b"no-store")
VARY = (b"vary", b"Accept, Accept-Language")


@dataclass(slots=True)
class Reply:
    status: int
    headers: Headers = field(default_factory=list)
    body: bytes = b""

    @classmethod
    def json(cls, status: int, value: Any, content_type: bytes = JSON) -> Reply:
        body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
        return cls(status, [(b"content-type", content_type)], body)

    @classmethod
    def html(cls, status: int, body: bytes) -> Reply:
        return cls(status, [(b"content-type", HTML)], body)

    @classmethod
    def redirect(cls, status: int, location: str) -> Reply:
        return cls(status, [(b"location", location.encode("latin-1"))])

    def header(self, name: bytes, value: str | bytes) -> Reply:
        self.headers.append((name, value.encode("latin-1") if isinstance(value, str) else value))
        return self


_EMPTY_TAIL: Headers = [*CORS, (b"content-length", b"0")]


async def send_reply(send: Send, reply: Reply, *, head: bool = False) -> None:
    body = reply.body
    if body:
        headers = [*reply.headers, *CORS, (b"content-length", str(len(body)).encode())]
    else:  # redirects: the common answer
        headers = reply.headers + _EMPTY_TAIL
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


def options_reply(link: str | None = None) -> Reply:
    """The CORS preflight answer; ``link`` is the identifier's Link to its linkset, if any."""
    reply = Reply(
        204,
        [
            (b"allow", ALLOWED_METHODS),
            (b"access-control-allow-methods", ALLOWED_METHODS),
            (b"access-control-allow-headers", b"Accept, Accept-Language, Content-Type"),
            (b"access-control-max-age", b"86400"),
        ],
    )
    return reply.header(b"link", link) if link else reply
