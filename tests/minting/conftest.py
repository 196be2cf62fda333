"""A station ready to mint: brand, published template, the sample catalogue."""

from __future__ import annotations

import pytest

from app.storage.brand import publish_template, update_brand
from app.storage.db import Database
from app.storage.products import import_products
from tests.conftest import SAMPLE_PRODUCTS

READY_SKU = "ACM-DRL-18V"
READY_GTIN = "09506000001012"
NOT_READY_SKU = "ACM-SND-ORB"


def prepare_station(db: Database) -> None:
    with db.write() as session:
        update_brand(
            session, name="Acme Tools", resolver_domain="id.acme.example", company_prefix="9506000"
        )
        publish_template(session)
        report = import_products(session, SAMPLE_PRODUCTS.read_text())
        assert report.ok


@pytest.fixture
def station(db: Database) -> Database:
    prepare_station(db)
    return db


@pytest.fixture
def sqlite_station(sqlite_db: Database) -> Database:
    prepare_station(sqlite_db)
    return sqlite_db
