"""Hosted packs: uploaded by a station, downloaded through short-lived signed URLs.

A download URL is ``/packs/{id}?expires={unix}&signature={hmac}``: the HMAC (with the
service's signing key) binds the pack id and the expiry, so a URL cannot be stretched in time
or pointed at another pack. It is valid for 5 minutes; a hosted pack itself for 30 days,
like the station's local ones, after which its file is deleted.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select, update

from app.core.ids import new_ulid
from app.resolver.db import ResolverDatabase
from app.resolver.models import Pack

URL_TTL_S = 300
PACK_TTL = timedelta(days=30)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class PackRefused(Exception):
    """403: the URL is expired, altered or not for this pack."""


class PackGone(Exception):
    """410: the pack has expired and its file is gone."""


class PackNotFound(Exception):
    pass


@dataclass(frozen=True)
class PackInfo:
    id: str
    batch_uid: str | None
    name: str
    size: int
    sha256: str
    uploaded_at: datetime
    expires_at: datetime


class PackStore:
    def __init__(
        self,
        db: ResolverDatabase,
        directory: Path,
        key: bytes,
        base_url: str,
        clock: Callable[[], float],
    ) -> None:
        self.db = db
        self.directory = directory
        self.key = key
        self.base_url = base_url
        self.clock = clock

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def _path(self, pack_id: str) -> Path:
        return self.directory / f"{pack_id}.pack"

    def upload(
        self, key_id: str, idempotency_key: str, batch_uid: str | None, name: str, body: bytes
    ) -> PackInfo:
        """Store a pack; the same Idempotency-Key from the same station returns the first one."""
        table = cast(Table, Pack.__table__)
        with self.db.write() as conn:
            row = (
                conn.execute(
                    select(table).where(
                        table.c.key_id == key_id, table.c.idempotency_key == idempotency_key
                    )
                )
                .mappings()
                .first()
            )
            if row is not None:
                return _info(row)
            now = self._now()
            pack: dict[str, Any] = {
                "id": new_ulid(),
                "key_id": key_id,
                "idempotency_key": idempotency_key,
                "batch_uid": batch_uid,
                "name": _SAFE_NAME.sub("_", name)[:200] or "pack",
                "size": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
                "uploaded_at": now,
                "expires_at": now + PACK_TTL,
                "expired_at": None,
            }
            self.directory.mkdir(parents=True, exist_ok=True)
            temp = self._path(pack["id"]).with_suffix(".part")
            temp.write_bytes(body)
            os.replace(temp, self._path(pack["id"]))
            conn.execute(table.insert().values(**pack))
            return _info(pack)

    def info(self, pack_id: str, key_id: str | None = None) -> PackInfo:
        table = cast(Table, Pack.__table__)
        with self.db.read() as conn:
            stmt = select(table).where(table.c.id == pack_id)
            if key_id is not None:
                stmt = stmt.where(table.c.key_id == key_id)
            row = conn.execute(stmt).mappings().first()
        if row is None:
            raise PackNotFound(pack_id)
        if row["expired_at"] is not None or row["expires_at"] <= self._now():
            raise PackGone(pack_id)
        return _info(row)

    def signature(self, pack_id: str, expires: int) -> str:
        message = f"pack:{pack_id}:{expires}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def sign(self, pack_id: str) -> tuple[str, datetime]:
        """A download URL for the pack, valid for 5 minutes from now."""
        expires = int(self.clock()) + URL_TTL_S
        url = f"{self.base_url}/packs/{pack_id}?expires={expires}&signature="
        return url + self.signature(pack_id, expires), datetime.fromtimestamp(expires, UTC)

    def check(self, pack_id: str, expires: str, signature: str) -> tuple[Path, PackInfo]:
        """The file behind a signed URL; PackRefused when expired or altered."""
        if not expires.isdigit() or len(signature) != 64:
            raise PackRefused("malformed download URL")
        if not hmac.compare_digest(self.signature(pack_id, int(expires)), signature.lower()):
            raise PackRefused("the download URL is not valid")
        if self.clock() > int(expires):
            raise PackRefused("the download URL has expired")
        info = self.info(pack_id)
        path = self._path(pack_id)
        if not path.exists():
            raise PackGone(pack_id)
        return path, info

    def expire(self) -> int:
        """Delete packs past their 30 days; returns how many."""
        now = self._now()
        with self.db.write() as conn:
            ids = list(
                conn.execute(
                    select(Pack.id).where(Pack.expires_at <= now, Pack.expired_at.is_(None))
                ).scalars()
            )
            for pack_id in ids:
                self._path(pack_id).unlink(missing_ok=True)
            if ids:
                conn.execute(update(Pack).where(Pack.id.in_(ids)).values(expired_at=now))
        return len(ids)


def _info(row: Mapping[Any, Any]) -> PackInfo:
    return PackInfo(
        row["id"],
        row["batch_uid"],
        row["name"],
        row["size"],
        row["sha256"],
        row["uploaded_at"],
        row["expires_at"],
    )
