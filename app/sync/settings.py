"""Where this station syncs to, with which credentials, and how far it got."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from app.core.errors import MintStationError, ValidationError
from app.storage import audit
from app.storage.db import Database
from app.storage.sync_models import SyncSettings, SyncState

_KEY_ID = re.compile(r"ms_[0-9a-f]{16}")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


class SyncNotConfigured(MintStationError):
    def __init__(self) -> None:
        super().__init__(
            "sync is not configured: run `main.py sync configure --resolver URL --key-id K"
            " --secret S`"
        )


@dataclass(frozen=True)
class SyncConfig:
    resolver_url: str
    key_id: str
    secret: str
    content_language: str = "en"

    def __repr__(self) -> str:  # never print the secret
        return f"SyncConfig({self.resolver_url!r}, {self.key_id!r}, lang={self.content_language})"


def check_url(url: str) -> str:
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError("resolver", f"expected an http(s):// URL, got {url!r}")
    if parts.query or parts.fragment:
        raise ValidationError("resolver", "the URL must not carry a query or fragment")
    return text


def configure(
    db: Database,
    resolver_url: str,
    key_id: str,
    secret: str,
    *,
    content_language: str | None = None,
) -> SyncConfig:
    """Store the resolver URL and credentials (as printed by `resolver credentials create`)."""
    url = check_url(resolver_url)
    key_id = key_id.strip()
    if not _KEY_ID.fullmatch(key_id):
        raise ValidationError("key id", f"{key_id!r} is not a key id like ms_0123456789abcdef")
    secret = secret.strip()
    if len(secret) < 20:
        raise ValidationError("secret", "is too short; paste the whole secret")
    if content_language is not None and not _LANG.fullmatch(content_language):
        raise ValidationError("language", f"{content_language!r} is not a language tag")
    with db.write() as session:
        row = session.get(SyncSettings, 1)
        if row is None:
            row = SyncSettings(id=1, resolver_url=url, key_id=key_id, secret=secret)
            session.add(row)
        row.resolver_url, row.key_id, row.secret = url, key_id, secret
        row.content_language = (content_language or row.content_language or "en").lower()
        state = sync_state(session)
        state.catalog_digest = None  # a new resolver needs the catalogue again
        session.flush()
        audit.append(session, "sync", 1, "configured", {"resolver": url, "key_id": key_id})
        return SyncConfig(url, key_id, secret, row.content_language)


def load_config(session: Session) -> SyncConfig | None:
    row = session.get(SyncSettings, 1)
    if row is None:
        return None
    return SyncConfig(row.resolver_url, row.key_id, row.secret, row.content_language or "en")


def require_config(session: Session) -> SyncConfig:
    config = load_config(session)
    if config is None:
        raise SyncNotConfigured
    return config


def sync_state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, pull_cursor=0, consecutive_failures=0)
        session.add(state)
        session.flush()
    return state
