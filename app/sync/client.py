"""The HTTP client to the resolver's sync API: signed requests, gzip bodies, retries.

Network failures, 5xx and 429 are retried with exponential backoff and jitter (429 and 503
wait at least their Retry-After); other 4xx answers are final.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from app.core.errors import MintStationError
from app.core.signing import derive_key, signed_headers
from app.sync.settings import SyncConfig

RETRIES = 4
BACKOFF_S = 0.5
MAX_WAIT_S = 60.0
TIMEOUT_S = 60.0


class SyncError(MintStationError):
    """Sync could not talk to the resolver (or the resolver refused)."""

    def __init__(self, message: str, *, status: int | None = None, retryable: bool = True) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable


class ResolverClient:
    def __init__(
        self,
        config: SyncConfig,
        *,
        http: httpx.Client | None = None,
        retries: int = RETRIES,
        backoff_s: float = BACKOFF_S,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.key = derive_key(config.secret)
        self.http = http or httpx.Client(base_url=config.resolver_url, timeout=TIMEOUT_S)
        self._owns_http = http is None
        self.retries = retries
        self.backoff_s = backoff_s
        self.sleep = sleep
        self.clock = clock

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def __enter__(self) -> ResolverClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One signed request, retried while the failure may pass; SyncError otherwise."""
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send(method, path, body, params, headers)
            except httpx.TransportError as exc:
                error = SyncError(f"cannot reach the resolver at {self.config.resolver_url}: {exc}")
                wait = 0.0
            else:
                if response.status_code < 400:
                    return response
                error = _error(response)
                wait = _retry_after(response)
            if not error.retryable or attempt > self.retries:
                raise error
            backoff = self.backoff_s * 2 ** (attempt - 1) * (0.5 + random.random())
            self.sleep(min(MAX_WAIT_S, max(wait, backoff)))

    def _send(
        self,
        method: str,
        path: str,
        body: bytes,
        params: Mapping[str, str | int] | None,
        headers: Mapping[str, str] | None,
    ) -> httpx.Response:
        request = self.http.build_request(
            method, path, params=params, content=body, headers=dict(headers or {})
        )
        signed_path = request.url.raw_path.decode("ascii")
        request.headers.update(
            signed_headers(
                self.key, self.config.key_id, method, signed_path, body, now=self.clock()
            )
        )
        return self.http.send(request)

    def whoami(self) -> dict[str, Any]:
        return dict(self.request("GET", "/api/v1/whoami").json())

    def push(self, messages: list[dict[str, Any]], idempotency_key: str) -> dict[str, Any]:
        """Send messages in one gzip body; returns {accepted, duplicates, rejected}."""
        raw = json.dumps({"messages": messages}, separators=(",", ":")).encode()
        body = gzip.compress(raw, compresslevel=1, mtime=0)
        headers = {
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Idempotency-Key": idempotency_key,
        }
        response = self.request("POST", "/api/v1/sync/push", body=body, headers=headers)
        return dict(response.json())

    def changes(self, cursor: int, limit: int = 5_000) -> dict[str, Any]:
        params = {"cursor": cursor, "limit": limit}
        return dict(self.request("GET", "/api/v1/sync/changes", params=params).json())

    def upload_pack(
        self, data: bytes, name: str, idempotency_key: str, batch: str | None = None
    ) -> dict[str, Any]:
        params: dict[str, str | int] = {"name": name}
        if batch:
            params["batch"] = batch
        headers = {"Content-Type": "application/octet-stream", "Idempotency-Key": idempotency_key}
        response = self.request("PUT", "/api/v1/packs", body=data, params=params, headers=headers)
        return dict(response.json())

    def pack_link(self, pack_id: str) -> dict[str, Any]:
        return dict(self.request("POST", f"/api/v1/packs/{pack_id}/link").json())


def _error(response: httpx.Response) -> SyncError:
    status = response.status_code
    try:
        detail = response.json().get("detail", response.text)
    except (ValueError, AttributeError):
        detail = response.text
    retryable = status in (408, 425, 429) or status >= 500
    if status == 401:
        detail = f"the resolver refused the credentials: {detail}"
    return SyncError(
        f"resolver answered {status}: {str(detail)[:300]}", status=status, retryable=retryable
    )


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else 0.0
