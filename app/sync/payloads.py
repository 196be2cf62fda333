"""What goes to the resolver: outbox rows made into push messages, and the catalogue.

A "tokens.minted" row names only (batch, first_seq, count); its tokens are read here by key
range (keys are ``batch.first_token_id + seq``), and only serials and one status letter per
token travel: the resolver derives the token ids from the batch id, as the station does.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import MintStationError
from app.storage.brand import get_brand, published_template
from app.storage.models import Lot, MintBatch, OutboxMessage, Product, Token

STATUS_LETTER = {"minted": "m", "active": "a", "revoked": "r"}


class PayloadError(MintStationError):
    """An outbox row that cannot be turned into a message (kept with the reason)."""


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def catalog_messages(session: Session, language: str) -> tuple[list[dict[str, Any]], str]:
    """The brand and every product as messages, and a digest of them all.

    Keys carry a hash of the content, so an unchanged product is a duplicate to the resolver;
    the caller skips the push when the digest is the one last sent.
    """
    brand = get_brand(session)
    template = published_template(session)
    brand_payload: dict[str, Any] = {"name": brand.name, "theme": {}}
    if template is not None and isinstance(template.content.get("theme"), dict):
        brand_payload["theme"] = {str(k): str(v) for k, v in template.content["theme"].items()}
    if brand.logo and brand.logo_mime:
        brand_payload["logo_base64"] = base64.b64encode(brand.logo).decode()
        brand_payload["logo_mime"] = brand.logo_mime
    messages = [_keyed("brand", "brand", brand_payload)]
    for product in session.execute(select(Product).order_by(Product.id)).scalars():
        payload: dict[str, Any] = {
            "sku": product.sku,
            "name": product.name,
            "gtin": product.gtin,
            "default_language": language,
            "content": {language: dict(product.dpp)},
            "links": [],
        }
        messages.append(_keyed("product", f"product:{product.sku}", payload))
    return messages, _digest([m["key"] for m in messages])


def _keyed(topic: str, stem: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"key": f"{stem}:{_digest(payload)[:24]}", "topic": topic, "payload": payload}


class OutboxReader:
    """Turns outbox rows into push messages, caching the batches it looks up."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._batches: dict[str, MintBatch] = {}

    def batch(self, uid: str) -> MintBatch:
        batch = self._batches.get(uid)
        if batch is None:
            batch = self.session.execute(
                select(MintBatch).where(MintBatch.uid == uid)
            ).scalar_one_or_none()
            if batch is None:
                raise PayloadError(f"batch {uid} is not in this station's database")
            self._batches[uid] = batch
        return batch

    def message(self, row: OutboxMessage) -> dict[str, Any]:
        payload = dict(row.payload)
        if row.topic == "tokens.minted":
            payload = self.tokens(payload)
        elif row.topic == "batch.created":
            payload = self.batch_created(payload)
        elif row.topic == "token.encoded" and "token" not in payload and "token_id" in payload:
            payload["token"] = payload["token_id"]
        return {"key": row.idempotency_key, "topic": row.topic, "payload": payload}

    def batch_created(self, payload: dict[str, Any]) -> dict[str, Any]:
        batch = self.batch(str(payload["batch"]))
        lots = self.session.execute(
            select(Lot).where(Lot.batch_id == batch.id).order_by(Lot.position)
        ).scalars()
        return {
            "batch": batch.uid,
            "sku": payload.get("sku", ""),
            "gtin": batch.gtin,
            "identity_mode": batch.identity_mode,
            "activation_mode": batch.activation_mode,
            "quantity": batch.quantity,
            "status": batch.status,
            "lots": [
                {
                    "code": lot.code,
                    "first_seq": lot.first_seq,
                    "quantity": lot.quantity,
                    "expiry": lot.expiry.isoformat() if lot.expiry else None,
                }
                for lot in lots
            ],
        }

    def tokens(self, payload: dict[str, Any]) -> dict[str, Any]:
        batch = self.batch(str(payload["batch"]))
        first_seq, count = int(payload["first_seq"]), int(payload["count"])
        if batch.first_token_id is None:
            raise PayloadError(f"batch {batch.uid} has no token keys")
        first = batch.first_token_id + first_seq
        rows = self.session.execute(
            select(Token.serial, Token.status)
            .where(Token.id.between(first, first + count - 1))
            .order_by(Token.id)
        ).all()
        if len(rows) != count:
            raise PayloadError(f"batch {batch.uid}: {len(rows)} of {count} tokens found")
        serial_mode = batch.identity_mode == "serial"
        return {
            "batch": batch.uid,
            "first_seq": first_seq,
            "count": count,
            "serials": [r.serial for r in rows] if serial_mode else None,
            "statuses": "".join(STATUS_LETTER[r.status] for r in rows),
        }


def token_weight(row: OutboxMessage) -> int:
    """How much a row weighs in a push: its token count, or 1."""
    if row.topic == "tokens.minted":
        return max(1, int(row.payload.get("count", 1)))
    return 1


def push_key(keys: Sequence[str]) -> str:
    """The Idempotency-Key of a push: the same messages give the same key."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()
