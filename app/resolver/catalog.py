"""Brand, products and their stored links, cached in memory for the scan path.

The catalogue is small (products, not tokens) and changes rarely. Each worker keeps a copy
and reloads it when the ``catalog`` counter moved, checked at most every ``ttl`` seconds; a
push to this worker reloads it at once. Another worker's push shows within ``ttl`` seconds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.resolver.db import ResolverDatabase
from app.resolver.links import Link
from app.resolver.models import CATALOG, Brand, Counter, Product
from app.resolver.models import Link as LinkRow


@dataclass(frozen=True)
class BrandInfo:
    name: str = ""
    theme: dict[str, Any] = field(default_factory=dict)
    logo: bytes | None = None
    logo_mime: str | None = None


@dataclass(frozen=True)
class ProductInfo:
    sku: str
    gtin: str | None
    name: str
    default_language: str
    content: dict[str, dict[str, Any]]
    links: dict[str | None, tuple[Link, ...]]  # lot code (None: the product) -> links

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.content) or (self.default_language,)

    def links_of(self, lot: str | None) -> tuple[Link, ...]:
        return self.links.get(lot, ())


@dataclass(frozen=True)
class Snapshot:
    version: int
    brand: BrandInfo
    by_sku: dict[str, ProductInfo]
    by_gtin: dict[str, ProductInfo]


class Catalog:
    def __init__(self, db: ResolverDatabase, ttl: float = 2.0) -> None:
        self.db = db
        self.ttl = ttl
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def current(self, ttl: float | None = None) -> Snapshot:
        """The catalogue, its version checked at most ``ttl`` (default: the TTL) seconds ago."""
        snapshot = self._snapshot
        now = time.monotonic()
        if snapshot is None or now - self._checked > (self.ttl if ttl is None else ttl):
            snapshot = self._refresh(snapshot)
            self._checked = now
        return snapshot

    def invalidate(self) -> None:
        self._checked = 0.0
        self._snapshot = None

    def _refresh(self, old: Snapshot | None) -> Snapshot:
        with self._lock, self.db.read() as conn:
            version = conn.execute(select(Counter.value).where(Counter.name == CATALOG)).scalar()
            if old is not None and old.version == version:
                return old
            row = conn.execute(select(Brand.__table__).where(Brand.id == 1)).mappings().first()
            brand = BrandInfo()
            if row is not None:
                brand = BrandInfo(row["name"], row["theme"] or {}, row["logo"], row["logo_mime"])
            links: dict[str, dict[str | None, list[Link]]] = {}
            for lr in conn.execute(select(LinkRow.__table__).order_by(LinkRow.id)).mappings():
                langs = tuple(x for x in (lr["hreflang"] or "").split(",") if x)
                link = Link(
                    lr["link_type"],
                    lr["href"],
                    lr["title"],
                    langs,
                    lr["media_type"],
                    lr["is_default"],
                )
                links.setdefault(lr["sku"], {}).setdefault(lr["lot"], []).append(link)
            by_sku: dict[str, ProductInfo] = {}
            for p in conn.execute(select(Product.__table__)).mappings():
                product_links = {
                    lot: tuple(items) for lot, items in links.get(p["sku"], {}).items()
                }
                by_sku[p["sku"]] = ProductInfo(
                    p["sku"],
                    p["gtin"],
                    p["name"],
                    p["default_language"],
                    p["content"],
                    product_links,
                )
            snapshot = Snapshot(
                int(version or 0),
                brand,
                by_sku,
                {p.gtin: p for p in by_sku.values() if p.gtin},
            )
            self._snapshot = snapshot
            return snapshot
