"""GS1-Conformant Resolver: compressed Digital Link URIs carrying an EPC binary string
(``eh``/``ex``, GS1 Digital Link URI: Compression Technical Standard for EPC binary strings
1.0.0) answer exactly as the uncompressed URI, over real HTTP (uvicorn), SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest

from app.core.dl_compression import epc_compressed_dl_uri
from tests.resolver.conftest import Service
from tests.resolver.seed import GTIN

ROOT = "https://id.acme.example"


@pytest.mark.parametrize("form", ["eh", "ex"])
@pytest.mark.parametrize("path", [f"/01/{GTIN}/21/S0001", f"/01/{GTIN}/21/NOPE"])
def test_epc_compressed_uri_answers_as_the_uncompressed_one(
    shared_service: Service, path: str, form: str
) -> None:
    """'SHALL be able to decompress a URI' (EPC binary strings included) and 'SHALL expose
    the uncompressed URI in the Link response header with a rel value of owl:sameAs'."""
    packed_uri = epc_compressed_dl_uri(ROOT + path, company_prefix_length=7, form=form)
    packed = packed_uri.removeprefix(ROOT)
    assert packed.startswith("/" + form) and packed.count("/") == 1
    plain, answer = shared_service.http.get(path), shared_service.http.get(packed)
    assert answer.status_code == plain.status_code == 307
    assert answer.headers["location"] == plain.headers["location"]
    assert f'<{ROOT}{path}>; rel="owl:sameAs"' in answer.headers["link"]
    as_linkset = shared_service.http.get(packed, params={"linkType": "linkset"})
    assert as_linkset.json()["linkset"][0]["anchor"] == ROOT + path


def test_unreadable_epc_string_is_refused_with_its_reason(shared_service: Service) -> None:
    r = shared_service.http.get("/eh31" + "0" * 22)  # SSCC-96 header: not an SGTIN
    assert r.status_code == 400 and "header 31" in r.text
