"""Station credentials and request signatures for the sync API.

A station gets a key id and a secret once. Both sides derive the signing key and sign as
``app.core.signing`` says; the service stores only that derived key, XOR-wrapped with a pad
made from RESOLVER_SIGNING_KEY and the key id, so the database alone holds neither the
secret nor a key that signs. (HMAC is symmetric: whoever
verifies could sign, so the wrap is what keeps a database dump from being enough.)

Every request carries X-Key-Id, X-Timestamp (Unix seconds), X-Nonce and X-Signature, the hex
HMAC of ``METHOD \\n path?query \\n timestamp \\n nonce \\n sha256(body)``. Timestamps more than
five minutes off and nonces already seen are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.core.signing import derive_key, signature
from app.dbkit.types import utcnow
from app.resolver.db import ResolverDatabase
from app.resolver.models import Nonce, Setting, StationCredential

WINDOW_S = 300
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_KEY_ID = re.compile(r"ms_[0-9a-f]{16}")
PURGE_EVERY = 500


class AuthError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Station:
    key_id: str
    name: str


def _pad(master: bytes, key_id: str) -> bytes:
    return hmac.new(master, b"credential:" + key_id.encode(), hashlib.sha256).digest()


def wrap_key(master: bytes, key_id: str, key: bytes) -> str:
    return bytes(a ^ b for a, b in zip(key, _pad(master, key_id), strict=True)).hex()


def unwrap_key(master: bytes, key_id: str, wrapped: str) -> bytes:
    return bytes(a ^ b for a, b in zip(bytes.fromhex(wrapped), _pad(master, key_id), strict=True))


def master_key(db: ResolverDatabase, configured: bytes | None) -> bytes:
    """RESOLVER_SIGNING_KEY, else a random key kept in the database (shared by workers)."""
    if configured:
        return configured
    with db.write() as conn:
        value = conn.execute(select(Setting.value).where(Setting.name == "signing_key")).scalar()
        if value is None:
            value = secrets.token_hex(32)
            conn.execute(insert(Setting).values(name="signing_key", value=value))
    return bytes.fromhex(value)


def create_credential(db: ResolverDatabase, master: bytes, station: str) -> tuple[str, str]:
    """A new key id and secret for ``station``; the secret is shown once, never stored."""
    name = station.strip()
    if not name or len(name) > 100:
        raise ValueError("a station name of 1 to 100 characters is needed")
    key_id = "ms_" + secrets.token_hex(8)
    # The secret is typed on a command line (sync configure --secret VALUE): one starting
    # with "-" (1 in 64 of urlsafe base64) would be read as an option and refused.
    secret = secrets.token_urlsafe(32)
    while secret.startswith("-"):
        secret = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute(
            insert(StationCredential).values(
                key_id=key_id,
                station=name,
                wrapped_key=wrap_key(master, key_id, derive_key(secret)),
                created_at=utcnow(),
            )
        )
    return key_id, secret


def revoke_credential(db: ResolverDatabase, key_id: str) -> bool:
    with db.write() as conn:
        result = conn.execute(
            update(StationCredential)
            .where(StationCredential.key_id == key_id, StationCredential.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return result.rowcount == 1


def list_credentials(db: ResolverDatabase) -> list[dict[str, object]]:
    with db.read() as conn:
        rows = conn.execute(
            select(
                StationCredential.key_id,
                StationCredential.station,
                StationCredential.created_at,
                StationCredential.revoked_at,
            ).order_by(StationCredential.created_at)
        ).mappings()
        return [dict(row) for row in rows]


class Verifier:
    """Checks a signed request; ``verify`` does database work, so call it off the loop."""

    def __init__(self, db: ResolverDatabase, master: bytes, clock: Callable[[], float]) -> None:
        self.db = db
        self.master = master
        self.clock = clock
        self._count = 0

    def verify(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> Station:
        key_id = headers.get("x-key-id", "")
        timestamp = headers.get("x-timestamp", "")
        nonce = headers.get("x-nonce", "")
        sent_signature = headers.get("x-signature", "")
        if not (key_id and timestamp and nonce and sent_signature):
            raise AuthError("X-Key-Id, X-Timestamp, X-Nonce and X-Signature are required")
        if not _KEY_ID.fullmatch(key_id) or not _NONCE.fullmatch(nonce):
            raise AuthError("malformed key id or nonce")
        try:
            sent = int(timestamp)
        except ValueError:
            raise AuthError("X-Timestamp must be Unix seconds") from None
        now = self.clock()
        if abs(now - sent) > WINDOW_S:
            raise AuthError("the request's timestamp is more than 5 minutes off: check the clock")
        with self.db.write() as conn:
            row = conn.execute(
                select(StationCredential.station, StationCredential.wrapped_key).where(
                    StationCredential.key_id == key_id, StationCredential.revoked_at.is_(None)
                )
            ).first()
            if row is None:
                raise AuthError("unknown or revoked key id")
            key = unwrap_key(self.master, key_id, row.wrapped_key)
            expected = signature(key, method, path, timestamp, nonce, body)
            if not hmac.compare_digest(expected, sent_signature.lower()):
                raise AuthError("bad signature")
            try:
                with conn.begin_nested():
                    conn.execute(insert(Nonce).values(key_id=key_id, nonce=nonce, seen_at=sent))
            except IntegrityError:
                raise AuthError("replayed request (nonce already used)") from None
            self._count += 1
            if self._count % PURGE_EVERY == 0:
                conn.execute(delete(Nonce).where(Nonce.seen_at < int(now) - 2 * WINDOW_S))
        return Station(key_id, row.station)
