"""The sync API's front door: body limits, signature, replay and clock checks, rate limits,
and request decompression, before FastAPI sees the request.

The signature covers the body exactly as sent (compressed or not), so the body is read whole
(bounded), checked, inflated (bounded, against zip bombs), and handed on.
"""

from __future__ import annotations

import json
import math
import zlib

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.resolver.auth import AuthError, Verifier
from app.resolver.config import ResolverConfig
from app.resolver.privacy import truncate_ip
from app.resolver.ratelimit import Limiter, RateLimiter

UNSIGNED = ("/api/v1/openapi.json", "/api/v1/docs", "/api/v1/docs/oauth2-redirect")


async def _answer(send: Send, status: int, error: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"detail": error}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + extra})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def inflate(data: bytes, limit: int) -> bytes:
    decoder = zlib.decompressobj(wbits=31)
    out = decoder.decompress(data, limit + 1)
    if len(out) > limit or decoder.unconsumed_tail:
        raise _TooLarge
    return out + decoder.flush()


class SignedApi:
    def __init__(
        self,
        app: ASGIApp,
        config: ResolverConfig,
        verifier: Verifier,
        limiter: Limiter,
        ip_limiter: Limiter | None = None,
    ) -> None:
        """``ip_limiter`` (per client network, before the signature is checked): by default
        four times the station rate, in this process."""
        self.app = app
        self.config = config
        self.verifier = verifier
        self.limiter = limiter
        self.ip_limiter = ip_limiter or RateLimiter(
            config.rate_per_second * 4, config.rate_burst * 4, config.clock
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if scope["type"] != "http" or path in UNSIGNED or path.startswith("/packs/"):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        prefix = (truncate_ip(client[0]) if client else None) or "-"
        wait = await self.ip_limiter.acquire(prefix)
        if wait:
            await _answer(send, 429, "too many requests", [_retry_after(wait)])
            return
        try:
            body = await self._body(receive)
        except _TooLarge:
            await _answer(send, 413, "request body too large", [])
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        raw_path = (scope.get("raw_path") or path.encode()).decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        signed_path = raw_path + ("?" + query if query else "")
        try:
            station = await anyio.to_thread.run_sync(
                self.verifier.verify, scope["method"], signed_path, headers, body
            )
        except AuthError as exc:
            await _answer(send, 401, exc.reason, [(b"www-authenticate", b"MintStation-HMAC")])
            return
        wait = await self.limiter.acquire(station.key_id)
        if wait:
            await _answer(send, 429, "rate limit exceeded", [_retry_after(wait)])
            return
        if headers.get("content-encoding", "").lower() == "gzip":
            try:
                body = inflate(body, self.config.max_inflated_bytes)
            except _TooLarge:
                await _answer(send, 413, "request body too large once inflated", [])
                return
            except zlib.error:
                await _answer(send, 400, "the body is not valid gzip", [])
                return
        inner_headers = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ] + [(b"content-length", str(len(body)).encode())]
        state = dict(scope.get("state") or {})
        state["station"] = station
        inner = dict(scope, headers=inner_headers, state=state)
        await self.app(inner, _replay(body, receive), send)

    async def _body(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.config.max_body_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _retry_after(seconds: float) -> tuple[bytes, bytes]:
    return (b"retry-after", str(max(1, math.ceil(seconds))).encode())


def _replay(body: bytes, original: Receive) -> Receive:
    """Hands the (inflated) body on once, then passes on what the connection says."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
