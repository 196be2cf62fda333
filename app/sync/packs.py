"""Hosting a completed export pack on the resolver, for a 5-minute signed download URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.core.errors import NotFoundError, ValidationError
from app.storage.db import Database
from app.storage.models import ExportJob, ExportPack, MintBatch
from app.sync.client import ResolverClient
from app.sync.settings import require_config


@dataclass(frozen=True)
class HostedPack:
    id: str
    url: str
    expires_at: datetime  # of the URL; the pack itself is kept 30 days


def upload_pack(db: Database, pack_id: int, *, client: ResolverClient | None = None) -> HostedPack:
    """Upload a completed pack (again: the same pack returns the same hosted copy)."""
    with db.read() as session:
        config = require_config(session)
        row = session.execute(
            select(ExportPack, MintBatch.uid)
            .join(ExportJob, ExportJob.id == ExportPack.job_id)
            .join(MintBatch, MintBatch.id == ExportJob.batch_id)
            .where(ExportPack.id == pack_id)
        ).first()
    if row is None:
        raise NotFoundError(f"no export pack {pack_id}")
    pack, batch_uid = row
    if pack.status != "completed" or not pack.path:
        raise ValidationError("pack", f"pack {pack_id} is {pack.status}, not completed")
    path = Path(pack.path)
    if not path.is_file():
        raise NotFoundError(f"the pack file {path} is gone")
    data = path.read_bytes()
    own = client is None
    client = client or ResolverClient(config)
    try:
        key = f"pack:{batch_uid}:{pack.pack_index}:{pack.sha256 or len(data)}"
        answer = client.upload_pack(data, path.name, key, batch=batch_uid)
    finally:
        if own:
            client.close()
    link = answer["link"]
    return HostedPack(answer["id"], link["url"], datetime.fromisoformat(link["expires_at"]))


def pack_link(db: Database, hosted_id: str, *, client: ResolverClient | None = None) -> HostedPack:
    """A fresh 5-minute download URL for a pack hosted earlier."""
    with db.read() as session:
        config = require_config(session)
    own = client is None
    client = client or ResolverClient(config)
    try:
        link = client.pack_link(hosted_id)
    finally:
        if own:
            client.close()
    return HostedPack(hosted_id, link["url"], datetime.fromisoformat(link["expires_at"]))
