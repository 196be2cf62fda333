"""GS1-conformant resolution over real HTTP: status codes, headers, linksets, walk-up,
HEAD/OPTIONS/CORS, language, query passthrough, and refused open redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from app.core.digital_link import build_uri
from tests.resolver.conftest import Service
from tests.resolver.seed import GTIN, GTIN_LOT, OTHER_GTIN

ROOT = "https://id.acme.example"
PIP = "https://gs1.org/voc/pip"


def get(service: Service, path: str, **headers: str) -> httpx.Response:
    return service.http.get(path, headers=headers)


def raw_get(service: Service, raw: str) -> httpx.Response:
    """GET with this exact request target (httpx would read `//host` as another host)."""
    _path, _, query = raw.partition("?")
    url = httpx.URL(service.url).copy_with(raw_path=raw.encode())
    assert url.host == "127.0.0.1" and url.path.startswith("/") and query == url.query.decode()
    return service.http.send(service.http.build_request("GET", url))


def serial_path(serial: str = "S0001") -> str:
    return f"/01/{GTIN}/21/{serial}"


def test_plain_scan_redirects_to_the_passport(shared_service: Service) -> None:
    r = get(shared_service, serial_path())
    token = shared_service.seeded.serial_ids()[0]
    assert r.status_code == 307
    assert r.headers["location"] == f"{ROOT}/passport/{token}"
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["cache-control"] == "no-store"
    link = r.headers["link"]
    assert f"<{ROOT}/01/{GTIN}/21/S0001?linkType=linkset>" in link
    assert 'rel="linkset"' in link and "application/linkset+json" in link


@pytest.mark.parametrize("gtin", ["9506000001012", "09506000001012"])
def test_short_gtins_are_padded(shared_service: Service, gtin: str) -> None:
    r = get(shared_service, f"/01/{gtin}/21/S0002")
    assert r.status_code == 307
    assert f"<{ROOT}/01/{GTIN}/21/S0002?linkType=linkset>" in r.headers["link"]


@pytest.mark.parametrize(
    "path",
    [
        "/01/09506000001013/21/S0001",  # wrong check digit
        "/01/9506000001013/21/S0001",  # 13 digits with a wrong check digit
        "/01/ABC/21/S0001",
        "/01/09506000001012/21/S0001/10/L1",  # qualifiers out of order
        "/01/09506000001012/21/S 1",
        "/01/09506000001012/21/S0001/..%2F..%2Fevil",
        "/01/09506000001012/21/" + "X" * 21,
        "/t/not-a-token-id",
        "/t/%2F%2Fevil.example",
    ],
)
def test_malformed_identifiers_are_400(shared_service: Service, path: str) -> None:
    r = get(shared_service, path)
    assert r.status_code == 400
    assert "location" not in r.headers
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [f"/01/{OTHER_GTIN}", f"/01/{OTHER_GTIN}/21/NOPE", "/nothing/here"],
)
def test_unknown_identifiers_are_404_pages(shared_service: Service, path: str) -> None:
    r = get(shared_service, path)
    assert r.status_code == 404
    assert "location" not in r.headers
    assert "Unknown product code" in r.text


def test_revoked_token_is_410(shared_service: Service) -> None:
    seeded = shared_service.seeded
    r = get(shared_service, serial_path(seeded.revoked_serial))
    assert r.status_code == 410
    assert "withdrawn" in r.text and "location" not in r.headers
    page = get(shared_service, f"/passport/{seeded.serial_ids()[4]}")
    assert page.status_code == 410
    linkset = get(shared_service, serial_path(seeded.revoked_serial) + "?linkType=linkset")
    assert linkset.status_code == 410


@pytest.mark.parametrize(
    "link_type",
    ["gs1:sustainabilityInfo", "sustainabilityInfo", "https://gs1.org/voc/sustainabilityInfo"],
)
def test_link_type_redirects_to_its_link(shared_service: Service, link_type: str) -> None:
    r = shared_service.http.get(serial_path(), params={"linkType": link_type})
    assert r.status_code == 307
    assert r.headers["location"] == "https://acme.example/sustainability"


def test_absent_link_type_is_404(shared_service: Service) -> None:
    r = shared_service.http.get(serial_path(), params={"linkType": "gs1:recallStatus"})
    assert r.status_code == 404


def test_equally_good_links_are_300(shared_service: Service) -> None:
    r = shared_service.http.get(serial_path(), params={"linkType": "gs1:certificationInfo"})
    assert r.status_code == 300
    assert "https://acme.example/ce" in r.text and "https://acme.example/ul" in r.text
    as_json = shared_service.http.get(
        serial_path(),
        params={"linkType": "gs1:certificationInfo"},
        headers={"accept": "application/json"},
    )
    assert as_json.status_code == 300
    assert {link["href"] for link in as_json.json()["links"]} == {
        "https://acme.example/ce",
        "https://acme.example/ul",
    }


@pytest.mark.parametrize(
    ("language", "target"),
    [
        ("de-CH, de;q=0.9, en;q=0.5", "https://acme.example/manual-de?v=2&src=nfc"),
        ("en-GB", "https://acme.example/manual-en?src=nfc"),
        ("fr, en;q=0.4", "https://acme.example/manual-en?src=nfc"),
    ],
)
def test_accept_language_picks_by_hreflang(
    shared_service: Service, language: str, target: str
) -> None:
    r = shared_service.http.get(
        serial_path() + "?linkType=gs1:instructions&src=nfc",
        headers={"accept-language": language},
    )
    assert r.status_code == 307
    assert r.headers["location"] == target


def test_query_string_is_passed_on(shared_service: Service) -> None:
    r = get(shared_service, serial_path() + "?picc_data=0A1B2C&cmac=99FF")
    assert r.status_code == 307
    assert r.headers["location"].endswith("?picc_data=0A1B2C&cmac=99FF")


@pytest.mark.parametrize("how", ["all", "linkset", "accept"])
def test_linkset_with_walk_up(shared_service: Service, how: str) -> None:
    path = serial_path()
    headers = {"accept": "application/linkset+json"} if how == "accept" else {}
    if how != "accept":
        path += f"?linkType={how}"
    r = shared_service.http.get(path, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/linkset+json"
    linkset = r.json()["linkset"]
    assert len(linkset) == 1
    context = linkset[0]
    assert context["anchor"] == f"{ROOT}/01/{GTIN}/21/S0001"
    token = shared_service.seeded.serial_ids()[0]
    assert context[PIP][0]["href"] == f"{ROOT}/passport/{token}"
    assert set(context[PIP][0]["hreflang"]) == {"en", "de"}
    assert context["https://gs1.org/voc/defaultLink"][0]["href"] == context[PIP][0]["href"]
    # walk-up: the product's links are part of the serial's linkset
    sustainability = context["https://gs1.org/voc/sustainabilityInfo"]
    assert sustainability == [
        {
            "href": "https://acme.example/sustainability",
            "title": "Sustainability",
            "type": "text/html",
            "hreflang": ["en"],
        }
    ]
    assert len(context["https://gs1.org/voc/certificationInfo"]) == 2


def test_lot_links_hide_product_links_of_the_same_type(shared_service: Service) -> None:
    lot1 = shared_service.http.get(f"/01/{GTIN_LOT}/10/L1", params={"linkType": "linkset"})
    context = lot1.json()["linkset"][0]
    assert context["anchor"] == build_uri("id.acme.example", GTIN_LOT, lot="L1")
    assert [x["href"] for x in context["https://gs1.org/voc/recallStatus"]] == [
        "https://acme.example/recall/L1"
    ]
    lot2 = shared_service.http.get(f"/01/{GTIN_LOT}/10/L%2F2", params={"linkType": "linkset"})
    context2 = lot2.json()["linkset"][0]
    assert context2["anchor"] == f"{ROOT}/01/{GTIN_LOT}/10/L%2F2"
    assert [x["href"] for x in context2["https://gs1.org/voc/recallStatus"]] == [
        "https://acme.example/recall-none"
    ]
    assert context2[PIP][0]["href"] == f"{ROOT}/passport/01/{GTIN_LOT}/10/L%2F2"


def test_gtin_level_resolves_to_the_product_passport(shared_service: Service) -> None:
    r = get(shared_service, f"/01/{GTIN}")
    assert r.status_code == 307
    assert r.headers["location"] == f"{ROOT}/passport/01/{GTIN}"


def test_head_options_and_other_methods(shared_service: Service) -> None:
    head = shared_service.http.head(serial_path())
    assert head.status_code == 307
    assert head.content == b""
    assert head.headers["location"].startswith(f"{ROOT}/passport/")
    assert "link" in head.headers
    options = shared_service.http.options(serial_path())
    assert options.status_code == 204
    assert "GET" in options.headers["access-control-allow-methods"]
    assert options.headers["access-control-allow-origin"] == "*"
    assert shared_service.http.post(serial_path()).status_code == 405
    assert shared_service.http.head(f"/01/{OTHER_GTIN}/21/NOPE").status_code == 404


def test_non_gs1_token_path(shared_service: Service) -> None:
    token = shared_service.seeded.token_ids()[0]
    r = shared_service.http.head(f"/t/{token.lower()}")
    assert r.status_code == 307
    assert r.headers["location"] == f"{ROOT}/passport/{token}"
    assert f"<{ROOT}/t/{token}?linkType=linkset>" in r.headers["link"]


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example",
        "//evil.example/01/09506000001012",
        "/%2F%2Fevil.example",
        "/\\evil.example",
        "/%5C%5Cevil.example",
        f"/01/{GTIN}/21/%2F%2Fevil.example",
        f"/01/{GTIN}/21/S0001?linkType=https://evil.example/x",
        f"/01/{GTIN}/21/S0001?linkType=//evil.example",
        f"/01/{GTIN}/21/S0001?next=https://evil.example&x=%0d%0aLocation:%20//evil",
        f"/01/{GTIN}/21/S0001?linkType=gs1:instructions&u=@evil.example",
    ],
)
def test_no_open_redirect(shared_service: Service, path: str) -> None:
    r = raw_get(shared_service, path)
    location = r.headers.get("location")
    if location is not None:
        parts = urlsplit(location)
        assert parts.scheme == "https"
        assert parts.netloc in ("id.acme.example", "acme.example")
        assert "\r" not in location and "\n" not in location
    else:
        assert r.status_code in (300, 400, 404)


def test_well_known_description(shared_service: Service) -> None:
    r = get(shared_service, "/.well-known/gs1resolver")
    assert r.status_code == 200
    body = r.json()
    assert body["resolverRoot"] == ROOT
    assert "01" in body["supportedPrimaryKeys"]
    assert r.headers["access-control-allow-origin"] == "*"


def test_passport_page_in_the_consumers_language(shared_service: Service) -> None:
    token = shared_service.seeded.serial_ids()[1]
    r = get(shared_service, f"/passport/{token}", **{"accept-language": "de-DE,de;q=0.9"})
    assert r.status_code == 200
    assert r.headers["content-language"] == "de"
    assert '<html lang="de">' in r.text
    assert "Stahl, ABS" in r.text and "Hersteller" in r.text
    assert "S0002" in r.text and "Acme Tools" in r.text and "#aa3300" in r.text
    assert 'name="viewport"' in r.text
    english = get(shared_service, f"/passport/{token}", **{"accept-language": "ja"})
    assert english.headers["content-language"] == "en"
    assert "steel, ABS" in english.text


def test_lot_passport_shows_expiry(shared_service: Service) -> None:
    r = get(shared_service, f"/passport/01/{GTIN_LOT}/10/L1")
    assert r.status_code == 200
    assert "2027-06-30" in r.text and "Wood glue" in r.text
    assert get(shared_service, "/passport/01ARZ3NDEKTSV4RRFFQ69G5FAV").status_code == 404
    assert get(shared_service, "/passport/<script>").status_code == 404
