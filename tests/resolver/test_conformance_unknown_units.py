"""GS1-Conformant Resolver criteria that need a resolver of their own (writes) or none."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy import select

from app.resolver.models import Scan, Token
from tests.resolver.conftest import Service
from tests.resolver.seed import GTIN

ROOT = "https://id.acme.example"
VOC = "https://gs1.org/voc/"
SCHEMAS = Path(__file__).parent / "schemas"


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return loaded


def validate_linkset(body: dict[str, Any]) -> None:
    jsonschema.validate(body, schema("gs1-linkset-schema.json"))


def test_schema_check_is_real() -> None:
    """The validation above can fail: the linkset of the issue (no itemDescription) does."""
    bad = {"linkset": [{"anchor": f"{ROOT}/01/{GTIN}", VOC + "pip": [{"href": ROOT}]}]}
    with pytest.raises(jsonschema.ValidationError):
        validate_linkset(bad)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"resolverRoot": ROOT, "supportedPrimaryKeys": ["01", "t"], "contact": "x"},
            schema("gs1-resolver-description-file-schema.json"),
        )


def wait_for(check: Any, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def test_unknown_unit_scan_is_recorded_never_activated(service: Service) -> None:
    """The scan of an unknown unit is recorded as an unknown-unit scan (the station's trust
    signal), and activates nothing, even under a first-scan product."""
    first_scan = service.seeded.first_scan_ids()[0]
    assert service.http.get(f"/01/{GTIN}/21/NOT-MINTED").status_code == 307
    assert service.http.get(f"/01/{GTIN}/10/KL8G").status_code == 307
    assert service.http.get(f"/01/{GTIN}/21/S0001").status_code == 307

    def scans() -> list[Any]:
        with service.app.db.read() as conn:
            return list(conn.execute(select(Scan.token_id, Scan.sku, Scan.unknown_unit)))

    rows = wait_for(lambda: len(scans()) >= 3 and scans())
    unknown = [row for row in rows if row.unknown_unit]
    assert len(unknown) == 2 and all(r.token_id is None and r.sku == "DRL" for r in unknown)
    assert [row.unknown_unit for row in rows if row.token_id] == [False]
    with service.app.db.read() as conn:
        status = conn.execute(select(Token.status).where(Token.id == first_scan)).scalar()
    assert status == "minted"
