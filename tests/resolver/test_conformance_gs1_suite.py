"""GS1's own resolver test suite, run headless (Node) against the real uvicorn server.

GS1's suite is not part of this project: point GS1_RESOLVER_TESTSUITE at a checkout of
github.com/gs1/GS1DL-resolver-testsuite and make the `ajv` npm package importable (NODE_PATH),
e.g. ``npm install --prefix /tmp/gs1 ajv@8 && NODE_PATH=/tmp/gs1/node_modules``. Every test of
the suite must pass with no warning on each identifier below (on SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.ids import new_batch_base
from tests.resolver.conftest import Service
from tests.resolver.seed import GTIN, GTIN_LOT, _batch, _msg

HERE = Path(__file__).parent
SUITE = os.environ.get("GS1_RESOLVER_TESTSUITE", "")
ROOT = "https://id.acme.example"

pytestmark = pytest.mark.skipif(
    not (SUITE and Path(SUITE, "GS1DigitalLinkResolverTestSuite.js").is_file())
    or shutil.which("node") is None,
    reason="GS1's suite is not bundled: set GS1_RESOLVER_TESTSUITE to a checkout of"
    " gs1/GS1DL-resolver-testsuite (and NODE_PATH to where `ajv` is installed)",
)

PLAIN_GTIN = "09506000001043"  # a product without stored links: its passport is the default

IDENTIFIERS = {
    "known serial, product without stored links": f"/01/{PLAIN_GTIN}/21/P1",
    "known serial, product with several stored links": f"/01/{GTIN}/21/S0001",
    "known GTIN": f"/01/{GTIN}",
    "known lot": f"/01/{GTIN_LOT}/10/L1",
    "unknown lot under a known GTIN": f"/01/{GTIN}/10/KL8G",
    "unknown serial under a known GTIN": f"/01/{GTIN}/21/NOPE",
}


def run_suite(service: Service, path: str) -> list[dict[str, str]]:
    done = subprocess.run(
        [
            "node",
            str(HERE / "gs1_suite" / "run_suite.mjs"),
            SUITE,
            service.url,
            ROOT + path,
            str(HERE / "schemas"),
            str(HERE / "gs1_suite" / "linktypes.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, str]] = json.loads(done.stdout)
    return results


@pytest.fixture(scope="module")
def suite_service(shared_service: Service) -> Service:
    """The shared resolver (this module's own) plus a product without stored links."""
    uid = new_batch_base(2)
    product = {"sku": "SAW", "name": "Hand saw", "gtin": PLAIN_GTIN, "content": {"en": {}}}
    minted = {"batch": uid, "first_seq": 0, "count": 2, "serials": ["P1", "P2"]}
    result = shared_service.client.push(
        [
            _msg("suite:saw", "product", product),
            _batch(uid, "SAW", PLAIN_GTIN, "serial", "at-mint", 2),
            _msg(f"{uid}:tokens:0", "tokens.minted", minted),
        ],
        "suite-push",
    )
    assert not result["rejected"], result["rejected"]
    shared_service.app.catalog.invalidate()
    return shared_service


@pytest.mark.parametrize("path", list(IDENTIFIERS.values()), ids=list(IDENTIFIERS))
def test_gs1_suite_passes_without_warnings(suite_service: Service, path: str) -> None:
    results = run_suite(suite_service, path)
    ids = {r["id"] for r in results}
    assert {"validLinkset", "rdFile", "basicWalkUp", "defaultTarget", "corsCheck"} <= ids
    assert {"linkOnRedirect", "linksetJsonldCheck", "linkTypesDefined"} <= ids
    not_passed = [(r["id"], r["status"], r["msg"]) for r in results if r["status"] != "pass"]
    assert not not_passed, not_passed


def test_the_headless_suite_reports_failures(shared_service: Service) -> None:
    """The run can fail: a GTIN the brand never synced has no links, so the walk-up, the
    linkset and the default-link tests fail."""
    results = {r["id"]: r["status"] for r in run_suite(shared_service, "/01/09506000001036")}
    assert results["basicWalkUp"] == "fail"
    assert results["validLinkset"] == "fail"
    assert results["rdFile"] == "pass"
