"""A small brand, catalogue and set of batches, pushed through the real sync API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from app.core.ids import new_batch_base, token_ids
from app.resolver.app import ResolverApp
from app.resolver.auth import create_credential
from app.sync.client import ResolverClient
from app.sync.settings import SyncConfig

GTIN = "09506000001012"
GTIN_LOT = "09506000001029"
OTHER_GTIN = "09506000001036"  # valid, never synced


@dataclass
class Seeded:
    serial_batch: str = ""
    first_scan_batch: str = ""
    lot_batch: str = ""
    token_batch: str = ""
    serials: list[str] = field(default_factory=list)
    first_scan_serials: list[str] = field(default_factory=list)
    revoked_serial: str = "S0005"

    def serial_ids(self) -> list[str]:
        return token_ids(self.serial_batch, 0, len(self.serials))

    def first_scan_ids(self) -> list[str]:
        return token_ids(self.first_scan_batch, 0, len(self.first_scan_serials))

    def token_ids(self) -> list[str]:
        return token_ids(self.token_batch, 0, 3)


def station_client(
    app: ResolverApp, url: str, station: str = "line 1", **kw: Any
) -> ResolverClient:
    key_id, secret = create_credential(app.db, app.key, station)
    http = httpx.Client(base_url=url, timeout=30)
    return ResolverClient(SyncConfig(url, key_id, secret), http=http, **kw)


def _msg(key: str, topic: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "topic": topic, "payload": payload}


def catalogue() -> list[dict[str, Any]]:
    drill = {
        "sku": "DRL",
        "name": "Cordless drill 18 V",
        "gtin": GTIN,
        "default_language": "en",
        "content": {
            "en": {"manufacturer": "Acme Tools GmbH", "material_composition": "steel, ABS"},
            "de": {"manufacturer": "Acme Tools GmbH", "material_composition": "Stahl, ABS"},
        },
        "links": [
            {
                "link_type": "gs1:sustainabilityInfo",
                "href": "https://acme.example/sustainability",
                "title": "Sustainability",
                "hreflang": ["en"],
            },
            {"link_type": "gs1:certificationInfo", "href": "https://acme.example/ce",
             "title": "CE"},
            {"link_type": "gs1:certificationInfo", "href": "https://acme.example/ul",
             "title": "UL"},
            {"link_type": "gs1:instructions", "href": "https://acme.example/manual-en",
             "title": "Manual", "hreflang": ["en"]},
            {"link_type": "gs1:instructions", "href": "https://acme.example/manual-de?v=2",
             "title": "Anleitung", "hreflang": ["de"]},
        ],
    }  # fmt: skip
    glue = {
        "sku": "GLU",
        "name": "Wood glue",
        "gtin": GTIN_LOT,
        "content": {"en": {"manufacturer": "Acme Tools GmbH"}},
        "links": [
            {"link_type": "gs1:recallStatus", "href": "https://acme.example/recall/L1",
             "title": "Recall", "lot": "L1"},
            {"link_type": "gs1:recallStatus", "href": "https://acme.example/recall-none",
             "title": "No recall"},
        ],
    }  # fmt: skip
    bag = {"sku": "BAG", "name": "Tote bag", "gtin": None, "content": {"en": {"manufacturer": "X"}}}
    brand = {"name": "Acme Tools", "theme": {"primary": "#aa3300"}}
    return [
        _msg("seed:brand", "brand", brand),
        _msg("seed:drl", "product", drill),
        _msg("seed:glu", "product", glue),
        _msg("seed:bag", "product", bag),
    ]


def seed(client: ResolverClient, first_scan_count: int = 60) -> Seeded:
    s = Seeded()
    s.serial_batch = new_batch_base(5)
    s.first_scan_batch = new_batch_base(first_scan_count)
    s.lot_batch = new_batch_base(5)
    s.token_batch = new_batch_base(3)
    s.serials = [f"S{i:04d}" for i in range(1, 6)]
    s.first_scan_serials = [f"F{i:04d}" for i in range(first_scan_count)]
    batches = [
        _batch(s.serial_batch, "DRL", GTIN, "serial", "at-mint", 5),
        _batch(s.first_scan_batch, "DRL", GTIN, "serial", "first-scan", first_scan_count),
        _batch(
            s.lot_batch, "GLU", GTIN_LOT, "lot", "first-scan", 5,
            lots=[{"code": "L1", "first_seq": 0, "quantity": 3, "expiry": "2027-06-30"},
                  {"code": "L/2", "first_seq": 3, "quantity": 2}],
        ),
        _batch(s.token_batch, "BAG", None, "serial", "first-scan", 3),
    ]  # fmt: skip
    tokens = [
        _msg(f"{s.serial_batch}:tokens:0", "tokens.minted",
             {"batch": s.serial_batch, "first_seq": 0, "count": 5, "serials": s.serials}),
        _msg(f"{s.first_scan_batch}:tokens:0", "tokens.minted",
             {"batch": s.first_scan_batch, "first_seq": 0, "count": first_scan_count,
              "serials": s.first_scan_serials}),
        _msg(f"{s.lot_batch}:tokens:0", "tokens.minted",
             {"batch": s.lot_batch, "first_seq": 0, "count": 5}),
        _msg(f"{s.token_batch}:tokens:0", "tokens.minted",
             {"batch": s.token_batch, "first_seq": 0, "count": 3, "serials": ["B1", "B2", "B3"]}),
        _msg("seed:revoke", "token.revoked", {"token": s.serial_ids()[4], "reason": "stolen"}),
    ]  # fmt: skip
    result = client.push(catalogue() + batches + tokens, "seed-push")
    assert not result["rejected"], result["rejected"]
    return s


def _batch(
    uid: str, sku: str, gtin: str | None, mode: str, activation: str, qty: int, **extra: Any
) -> dict[str, Any]:
    payload = {
        "batch": uid,
        "sku": sku,
        "gtin": gtin,
        "identity_mode": mode,
        "activation_mode": activation,
        "quantity": qty,
        **extra,
    }
    return _msg(f"{uid}:created", "batch.created", payload)
