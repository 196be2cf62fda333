"""Request signatures for the sync API: the one definition both the station (``app.sync``)
and the resolver (``app.resolver.auth``) use.

A station gets a key id and a secret once. Both sides derive the signing key as
HMAC-SHA256(secret, "mint-station sync signing key v1"); the signature is the hex HMAC of
``METHOD \\n path?query \\n timestamp \\n nonce \\n sha256(body)``, sent with the key id,
timestamp and nonce in four headers.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

KEY_LABEL = b"mint-station sync signing key v1"


def derive_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), KEY_LABEL, hashlib.sha256).digest()


def canonical(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The bytes that are signed (``path`` includes its query string)."""
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def signature(key: bytes, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    return hmac.new(
        key, canonical(method, path, timestamp, nonce, body), hashlib.sha256
    ).hexdigest()


def signed_headers(
    key: bytes,
    key_id: str,
    method: str,
    path: str,
    body: bytes,
    *,
    now: float | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The four headers that sign one request (``path`` includes its query string)."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = nonce or secrets.token_urlsafe(18)
    return {
        "X-Key-Id": key_id,
        "X-Timestamp": timestamp,
        "X-Nonce": nonce,
        "X-Signature": signature(key, method, path, timestamp, nonce, body),
    }
