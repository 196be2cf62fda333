"""Scan-back verification: every outcome, recorded per unit, and a run that survives a restart."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.ids import token_ids
from app.minting.tokens import revoke
from app.printing.jobs import PrintRequest, print_labels
from app.printing.render import Logo
from app.printing.spool import LabelSink
from app.printing.templates import LabelTemplate
from app.printing.units import LabelUnit
from app.printing.verify import OUTCOMES, Verifier
from app.storage.db import Database
from app.storage.printing_models import VerifyScan
from tests.printing.conftest import mint_serials

DOMAIN = "https://id.acme.example"


class _Paper:
    """A sink that keeps what it "printed" (the labels' URLs) instead of using paper."""

    backend, printer = "system", "paper"

    def __init__(self) -> None:
        self.urls: list[str] = []

    def send(self, units: list[LabelUnit], title: str) -> None:
        self.urls += [u.url for u in units]

    def close(self) -> None:
        pass


def _print(db: Database, batch: str, **kwargs: object) -> list[str]:
    paper = _Paper()

    def factory(_n: str, _t: LabelTemplate, _l: Logo) -> LabelSink:
        return paper

    print_labels(db, PrintRequest(batch, "paper", **kwargs), sink_factory=factory)  # type: ignore[arg-type]
    return paper.urls


def _url(n: int) -> str:
    return f"{DOMAIN}/01/09506000001012/21/A{n:08d}"


def test_each_outcome_is_classified_and_recorded(station: Database, batch: str) -> None:
    urls = _print(station, batch, count=10)
    other = mint_serials(station, 3, prefix="B")
    revoked_id = token_ids(batch, 8, 1)[0]
    revoke(station, revoked_id, "stolen")
    verifier = Verifier(station, batch)
    scans = [
        urls[0],  # verified
        urls[0],  # duplicate
        "\x1d0109506000001012" + "21A00000002",  # element string of unit 2: verified
        "(01)09506000001012(21)A00000003",  # HRI of unit 3: verified
        _url(20),  # minted, never printed
        f"{DOMAIN}/01/09506000001012/21/B00000001",  # other batch
        f"{DOMAIN}/01/09506000001012/21/NOPE",  # unknown unit
        "09506000001012",  # a bare GTIN names no unit
        urls[8],  # revoked after printing
        "not a code at all",  # unreadable
        f"{DOMAIN}/t/{token_ids(batch, 4, 1)[0]}",  # a /t/ URL of unit 5: verified
    ]
    results = verifier.scan_many(scans)
    assert [r.outcome for r in results] == [
        "verified",
        "duplicate",
        "verified",
        "verified",
        "not_printed",
        "other_batch",
        "unknown",
        "unknown",
        "revoked",
        "unreadable",
        "verified",
    ]
    assert [r.unit for r in results[:5]] == [1, 1, 2, 3, 20]
    assert other in results[5].detail
    counts = verifier.counts()
    assert list(counts) == list(OUTCOMES)
    assert counts == {
        "verified": 4,
        "duplicate": 1,
        "not_printed": 1,
        "other_batch": 1,
        "unknown": 2,
        "revoked": 1,
        "unreadable": 1,
    }
    assert [u.unit for u in verifier.never_verified()] == [4, 6, 7, 8, 9, 10]
    with station.read() as session:
        stored = session.execute(select(VerifyScan.outcome).order_by(VerifyScan.id)).scalars()
        assert list(stored) == [r.outcome for r in results]


def test_a_run_survives_a_restart(station: Database, batch: str) -> None:
    urls = _print(station, batch, count=4)
    first = Verifier(station, batch)
    first.scan(urls[0])
    first.scan(urls[1])
    again = Verifier(station, batch)  # the station restarted
    assert again.resumed and again.run_id == first.run_id
    assert again.scan(urls[1]).outcome == "duplicate"
    assert again.scan(urls[2]).outcome == "verified"
    assert again.counts()["verified"] == 3
    fresh = Verifier(station, batch, new_run=True)
    assert fresh.run_id != first.run_id and not fresh.resumed
    assert fresh.counts()["verified"] == 0
    assert fresh.scan(urls[0]).outcome == "duplicate"  # verified once, whichever run


def test_a_reprinted_label_is_verified_against_its_new_print(station: Database, batch: str) -> None:
    urls = _print(station, batch, count=3)
    verifier = Verifier(station, batch)
    assert verifier.scan(urls[1]).outcome == "verified"
    _print(station, batch, first=2, count=1, reprint=True, reason="smudged")
    result = verifier.scan(urls[1])
    assert (result.outcome, result.detail) == ("verified", "print 2")
    assert verifier.scan(urls[1]).outcome == "duplicate"


def test_duplicates_within_one_group_are_caught(station: Database, batch: str) -> None:
    urls = _print(station, batch, count=2)
    results = Verifier(station, batch).scan_many([urls[0], urls[1], urls[0]])
    assert [r.outcome for r in results] == ["verified", "verified", "duplicate"]


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "https://", "]Q3", "x" * 5000])
def test_garbage_is_unreadable_not_an_error(station: Database, batch: str, text: str) -> None:
    result = Verifier(station, batch).scan(text)
    assert result.outcome == "unreadable"
    assert result.detail
