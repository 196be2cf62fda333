"""The GS1-Conformant Resolver standard (1.2) criteria, tested over real HTTP (uvicorn) on
SQLite and PostgreSQL, in our own words. Each test names the criterion it checks (quoted
from the standard's conformance statements, as GS1's test suite lists them); the linkset and
the description file are validated against GS1's published JSON schemas (test data under
``schemas/``, sources in ``schemas/SOURCES.md``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from app.core.dl_compression import compress_dl_uri
from tests.resolver.conftest import Service
from tests.resolver.seed import GTIN, GTIN_LOT

ROOT = "https://id.acme.example"
VOC = "https://gs1.org/voc/"
SCHEMAS = Path(__file__).parent / "schemas"
JSONLD_REL = 'rel="http://www.w3.org/ns/json-ld#context"'


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return loaded


def validate_linkset(body: dict[str, Any]) -> None:
    jsonschema.validate(body, schema("gs1-linkset-schema.json"))


def linkset(service: Service, path: str, **headers: str) -> httpx.Response:
    return service.http.get(path, params={"linkType": "linkset"}, headers=headers)


# The identifiers GS1's suite is run on: a known serial, a known GTIN, a known lot, a serial
# of a product with several stored links, and an unknown lot and serial under known GTINs.
KNOWN = [f"/01/{GTIN}/21/S0001", f"/01/{GTIN}", f"/01/{GTIN_LOT}/10/L1", f"/01/{GTIN_LOT}"]
UNKNOWN = [f"/01/{GTIN}/10/KL8G", f"/01/{GTIN}/21/NOPE", f"/01/{GTIN_LOT}/10/NOLOT"]


@pytest.mark.parametrize("path", KNOWN + UNKNOWN)
def test_linkset_validates_against_gs1_schema(shared_service: Service, path: str) -> None:
    """'Linkset must be valid according to published JSON schema' (RFC 9264 linkset, GS1's
    linkset schema: anchor and itemDescription required, link objects with href and title)."""
    r = linkset(shared_service, path)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/linkset+json"
    body = r.json()
    validate_linkset(body)
    context = body["linkset"][0]
    assert context["anchor"] == ROOT + path
    assert context["itemDescription"]


@pytest.mark.parametrize("how", ["linkset", "all", "accept"])
def test_linkset_names_its_jsonld_context(shared_service: Service, how: str) -> None:
    """'When requesting the linkset the HTTP response headers SHOULD include a Link header
    pointing to a JSON-LD context file' (rel json-ld#context, type application/ld+json)."""
    path = f"/01/{GTIN}/21/S0002"
    if how == "accept":
        r = shared_service.http.get(path, headers={"accept": "application/linkset+json"})
    else:
        r = shared_service.http.get(path, params={"linkType": how})
    assert r.status_code == 200
    links = r.headers["link"].split(", <")
    context = [x for x in links if JSONLD_REL in x]
    assert len(context) == 1 and 'type="application/ld+json"' in context[0]
    assert "https://ref.gs1.org/standards/resolver/linkset-context" in context[0]
    assert r.headers.get_list("link") == [r.headers["link"]]  # one Link header, not several


@pytest.mark.parametrize("path", [KNOWN[0], KNOWN[2], UNKNOWN[0]])
def test_preflight_carries_cors_methods_and_the_linkset_link(
    shared_service: Service, path: str
) -> None:
    """'SHALL support HTTP 1.1 (or higher) GET, HEAD and OPTIONS requests', 'SHALL support
    CORS' and 'SHOULD expose the direct link to the linkset in an HTTP Link header' (also on
    the OPTIONS answer GS1's suite reads)."""
    r = shared_service.http.options(
        path,
        headers={
            "origin": "https://ref.gs1.org",
            "access-control-request-method": "GET",
        },
    )
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert {"GET", "HEAD", "OPTIONS"} <= {
        m.strip() for m in r.headers["access-control-allow-methods"].split(",")
    }
    assert r.headers["link"] == f'<{ROOT}{path}?linkType=linkset>; rel="linkset"; ' + (
        'type="application/linkset+json"'
    )


def test_description_file_validates_and_lists_what_is_served(shared_service: Service) -> None:
    """'SHALL provide a resolver description file at /.well-known/gs1resolver', valid against
    GS1's description-file schema; it lists every link type served and its JSON-LD context."""
    r = shared_service.http.get("/.well-known/gs1resolver")
    assert r.status_code == 200
    body = r.json()
    jsonschema.validate(body, schema("gs1-resolver-description-file-schema.json"))
    assert body["supportedPrimaryKeys"] == ["01"]
    assert body["contact"] == {"fn": "Acme Tools"}
    assert body["jsonLdContextLocation"] == "https://ref.gs1.org/standards/resolver/linkset-context"
    served = set(body["linkTypes"])
    stored = {"sustainabilityInfo", "certificationInfo", "instructions", "recallStatus"}
    assert {VOC + t for t in stored | {"pip", "defaultLink"}} <= served


@pytest.mark.parametrize("path", KNOWN + UNKNOWN)
def test_exactly_one_default_link_without_optional_attributes(
    shared_service: Service, path: str
) -> None:
    """'For each identified entity there SHALL be exactly one default link ... it SHALL
    include a title, but SHALL NOT include other attributes', and 'SHALL redirect to the
    default link unless there is information in the request ... to provide a better
    response'."""
    context = linkset(shared_service, path).json()["linkset"][0]
    defaults = context[VOC + "defaultLink"]
    assert len(defaults) == 1 and set(defaults[0]) == {"href", "title"}
    r = shared_service.http.get(path)
    assert r.status_code == 307
    assert r.headers["location"] == defaults[0]["href"]


@pytest.mark.parametrize(
    "form",
    [
        "gs1:{}",
        "https://gs1.org/voc/{}",
        "https://www.gs1.org/voc/{}",
        "https://ref.gs1.org/voc/{}",
        "http://gs1.org/voc/{}",
        "http://www.gs1.org/voc/{}",
        "http://ref.gs1.org/voc/{}",
    ],
)
def test_link_type_in_every_vocabulary_form(shared_service: Service, form: str) -> None:
    """'SHALL redirect to the requested linkType if available' and 'SHALL recognise the GS1
    Web vocabulary namespace' in each of its spellings."""
    r = shared_service.http.get(
        f"/01/{GTIN}/21/S0001", params={"linkType": form.format("sustainabilityInfo")}
    )
    assert r.status_code == 307
    assert r.headers["location"] == "https://acme.example/sustainability"


def test_absent_link_type_is_404_and_errors_are_never_200(shared_service: Service) -> None:
    """'If the requested type of link is not available, the resolver SHALL return a 404' and
    'SHALL extract and syntactically validate the URI ... report errors with ... 400'."""
    path = f"/01/{GTIN}/21/S0001"
    assert shared_service.http.get(path, params={"linkType": "gs1:nosuchlt"}).status_code == 404
    bad = shared_service.http.get(path + "/foo")
    assert bad.status_code == 400


@pytest.mark.parametrize("path", KNOWN + UNKNOWN)
def test_trailing_slash_is_tolerated(shared_service: Service, path: str) -> None:
    """'SHOULD tolerate trailing slashes at the end of GS1 Digital Link URIs'."""
    plain, slash = shared_service.http.get(path), shared_service.http.get(path + "/")
    assert (plain.status_code, plain.headers.get("location")) == (
        slash.status_code,
        slash.headers.get("location"),
    )


def test_media_type_and_language_choose_among_links(shared_service: Service) -> None:
    """'Where it is impossible to determine which of multiple links ... 300'; otherwise the
    request's Accept and Accept-Language pick one and the resolver redirects to it."""
    path = f"/01/{GTIN}/21/S0001"
    tie = shared_service.http.get(path, params={"linkType": "gs1:certificationInfo"})
    assert tie.status_code == 300
    en = shared_service.http.get(
        path,
        params={"linkType": "gs1:instructions"},
        headers={"accept": "text/html", "accept-language": "en"},
    )
    assert (en.status_code, en.headers["location"]) == (307, "https://acme.example/manual-en")


# -- walk-up --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "passport"),
    [
        (f"/01/{GTIN}/10/KL8G", f"/passport/01/{GTIN}/10/KL8G"),
        (f"/01/{GTIN}/21/NOPE", f"/passport/01/{GTIN}/21/NOPE"),
        (f"/01/{GTIN}/10/L%2F9/21/X", f"/passport/01/{GTIN}/10/L%2F9/21/X"),
    ],
)
def test_unknown_unit_walks_up_and_says_so(
    shared_service: Service, path: str, passport: str
) -> None:
    """'For each supported primary key, a resolver SHALL support all its key qualifiers':
    an unknown lot or serial under a known GTIN walks up to the GTIN's links (no 404), and
    the passport page says plainly that the brand did not register this unit."""
    r = shared_service.http.get(path)
    assert r.status_code == 307
    assert r.headers["location"] == ROOT + passport
    context = linkset(shared_service, path).json()["linkset"][0]
    assert "not registered" in context["itemDescription"]
    assert context[VOC + "sustainabilityInfo"][0]["href"] == "https://acme.example/sustainability"
    page = shared_service.http.get(passport)
    assert page.status_code == 200
    assert "This unit is not registered by the brand." in page.text
    assert "Genuine product" not in page.text and "Cordless drill 18 V" in page.text
    german = shared_service.http.get(passport, headers={"accept-language": "de"})
    assert "nicht registriert" in german.text
    known = shared_service.http.get(f"/passport/{shared_service.seeded.serial_ids()[1]}")
    assert "Genuine product" in known.text and "not registered" not in known.text


def test_unknown_gtin_and_token_do_not_walk_up(shared_service: Service) -> None:
    """Walk-up needs a known GTIN: an unknown GTIN (or token id) stays a 404."""
    assert shared_service.http.get("/01/09506000001036/21/S0001").status_code == 404
    assert shared_service.http.get("/t/01ARZ3NDEKTSV4RRFFQ69G5FAV").status_code == 404


def test_revoked_unit_keeps_410_and_its_page(shared_service: Service) -> None:
    """A revoked unit is not "unknown": it keeps its 410 and the withdrawn page."""
    seeded = shared_service.seeded
    r = shared_service.http.get(f"/01/{GTIN}/21/{seeded.revoked_serial}")
    assert r.status_code == 410 and "withdrawn" in r.text
    assert shared_service.http.get(f"/passport/{seeded.serial_ids()[4]}").status_code == 410


# -- compressed Digital Link URIs -----------------------------------------------------------


@pytest.mark.parametrize("path", [KNOWN[0], KNOWN[1], KNOWN[2], UNKNOWN[1]])
def test_compressed_uri_answers_as_the_uncompressed_one(shared_service: Service, path: str) -> None:
    """'SHALL be able to decompress a URI ... in accordance with GS1 Digital Link:
    Compression' and 'SHALL expose the uncompressed URI in the Link response header with a
    rel value of owl:sameAs'."""
    compressed = compress_dl_uri(ROOT + path).removeprefix(ROOT)
    assert compressed.count("/") == 1
    plain, packed = shared_service.http.get(path), shared_service.http.get(compressed)
    assert packed.status_code == plain.status_code == 307
    assert packed.headers["location"] == plain.headers["location"]
    assert f'<{ROOT}{path}>; rel="owl:sameAs"' in packed.headers["link"]
    assert f'<{ROOT}{path}?linkType=linkset>; rel="linkset"' in packed.headers["link"]
    as_linkset = linkset(shared_service, compressed)
    assert as_linkset.json()["linkset"][0]["anchor"] == ROOT + path  # the uncompressed URI


def test_compressed_uri_keeps_its_query_and_refuses_garbage(shared_service: Service) -> None:
    compressed = compress_dl_uri(f"{ROOT}/01/{GTIN}/21/S0001").removeprefix(ROOT)
    r = shared_service.http.get(compressed + "?picc_data=AB12")
    assert r.status_code == 307 and r.headers["location"].endswith("?picc_data=AB12")
    assert shared_service.http.get("/QQQQQQQQQQ").status_code == 404
    # AI 01 with a GTIN whose check digit is wrong: decodes, but names no valid GTIN -> 400
    bits = "00000001" + format(9506000001013, "047b")
    bits += "0" * (-len(bits) % 6)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    segment = "".join(alphabet[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
    r = shared_service.http.get("/" + segment)
    assert r.status_code == 400 and "check digit" in r.text
