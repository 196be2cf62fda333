from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.storage.brand import brand_settings, update_brand
from app.storage.db import Database


def test_brand_set_and_read_back(db: Database) -> None:
    with db.write() as session:
        update_brand(
            session,
            name="Acme Tools",
            resolver_domain="ID.Acme.example",
            company_prefix="9506000",
            gs1_ready=True,
            logo=(b"<svg xmlns='http://www.w3.org/2000/svg'/>", ".svg"),
            logo_in_bundles=True,
        )
    with db.read() as session:
        brand = brand_settings(session)
    assert brand.resolver_domain == "id.acme.example"
    assert brand.company_prefix_length == 7
    assert brand.logo_mime == "image/svg+xml"
    assert brand.logo_in_bundles


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"resolver_domain": "https://id.acme.example/x"}, "domain"),
        ({"resolver_domain": "not a host"}, "domain"),
        ({"company_prefix": "95060"}, "company prefix"),
        ({"company_prefix": "95a6000"}, "company prefix"),
        ({"name": "  "}, "name"),
        ({"logo": (b"GIF89a", ".gif")}, "logo"),
        ({"logo": (b"not a png", ".png")}, "logo"),
    ],
)
def test_bad_brand_values_are_refused(db: Database, kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err, db.write() as session:
        update_brand(session, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field
