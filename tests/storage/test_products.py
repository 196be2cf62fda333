from __future__ import annotations

from sqlalchemy import func, select

from app.storage.brand import publish_template
from app.storage.db import Database
from app.storage.models import Product
from app.storage.products import import_products, list_products
from tests.conftest import SAMPLE_PRODUCTS

HEADER = (
    "sku,name,gtin,commercial_status,manufacturer,country_of_origin,"
    "material_composition,recyclability\n"
)


def test_sample_catalogue_imports_with_some_not_ready(db: Database) -> None:
    with db.write() as session:
        report = import_products(session, SAMPLE_PRODUCTS.read_text(), source="products.csv")
        publish_template(session)
    assert report.ok, report.errors
    assert report.created == 20
    with db.read() as session:
        views = list_products(session)
        ready = list_products(session, ready_only=True)
    assert len(views) == 20
    assert 12 <= len(ready) < 20
    reasons = {v.record.sku: v.reasons for v in views}
    assert any("commercial status" in r for r in reasons["ACM-SND-ORB"])
    assert any("country of origin" in r for r in reasons["ACM-HLM-WHT"])


def test_without_published_template_nothing_is_ready(db: Database) -> None:
    with db.write() as session:
        import_products(session, SAMPLE_PRODUCTS.read_text())
    with db.read() as session:
        views = list_products(session)
    assert all("no published passport template" in " ".join(v.reasons) for v in views)


def test_a_file_with_a_bad_row_imports_nothing(db: Database) -> None:
    text = (
        HEADER
        + "A-1,Good,09506000001012,active,M,DE,steel,yes\n"
        + "A-2,Bad check digit,09506000001013,active,M,DE,steel,yes\n"
        + ",No SKU,,active,M,DE,steel,yes\n"
        + "A-1,Repeated,,frozen,M,DE,steel,yes\n"
    )
    with db.write() as session:
        report = import_products(session, text)
    assert not report.ok
    by_line = {(e.line, e.field) for e in report.errors}
    assert (3, "gtin") in by_line
    assert (4, "sku") in by_line
    assert (5, "commercial_status") in by_line
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(Product)).scalar_one() == 0


def test_reimport_updates_by_sku_and_refuses_a_gtin_held_by_another(db: Database) -> None:
    with db.write() as session:
        import_products(session, HEADER + "A-1,First,09506000001012,active,M,DE,steel,yes\n")
    with db.write() as session:
        report = import_products(session, HEADER + "A-1,Renamed,09506000001012,active,M,DE,s,y\n")
    assert (report.created, report.updated) == (0, 1)
    with db.write() as session:
        clash = import_products(session, HEADER + "B-2,Other,09506000001012,active,M,DE,s,y\n")
    assert not clash.ok
    assert clash.errors[0].line == 2
    assert "already belongs to product A-1" in clash.errors[0].reason


def test_missing_columns_are_reported_on_the_header() -> None:
    from app.core.catalogue import parse_products_csv

    _, errors = parse_products_csv("name,gtin\nx,1\n")
    assert errors[0].line == 1
    assert "sku" in errors[0].reason
