"""An audit event's detail as one readable line; the tooltip keeps the whole JSON."""

from __future__ import annotations

import json

from app.ui.audit_text import detail_text, detail_tooltip, short_digest, value_text

DIGEST = "ca9332adba4ee84d28f33f2dcd3c423df9379086c571184949da7ccad5d3966f"


def test_a_status_change_reads_from_to_then_the_rest() -> None:
    detail = {"from": "processing", "to": "minted", "minted": 500}
    assert detail_text(detail) == "from processing → minted · minted 500"


def test_other_details_read_key_value_in_their_order() -> None:
    detail = {"sku": "ACM-DRL-18V", "quantity": 500, "run": None, "reprint": False}
    assert detail_text(detail) == "sku ACM-DRL-18V · quantity 500 · run — · reprint false"


def test_from_without_to_is_an_ordinary_key() -> None:
    assert detail_text({"from": "queued", "minted": 0}) == "from queued · minted 0"


def test_the_packs_sha256_map_is_shortened() -> None:
    text = detail_text({"sha256": {"1": DIGEST, "2": DIGEST.upper()}})
    assert text == "sha256 1: ca9332ad…966f, 2: CA9332AD…966F"
    assert DIGEST not in text


def test_only_long_hex_is_a_digest() -> None:
    assert short_digest(DIGEST) == "ca9332ad…966f"
    assert short_digest("01M8V409B6DKRS6PF68XX7BD59") == "01M8V409B6DKRS6PF68XX7BD59"
    assert short_digest("3034257bf7194e4000001a85") == "3034257bf7194e4000001a85"  # an EPC


def test_values_stay_on_one_line() -> None:
    assert value_text("line one\nline two\t end") == "line one line two end"
    assert value_text(["a", 1, None]) == "a, 1, —"
    assert value_text([]) == "—"
    assert value_text({}) == "—"
    assert "\n" not in detail_text({"reason": "paper\nout", "nested": {"a": {"b": "c\nd"}}})


def test_no_detail_is_empty_text_and_no_tooltip() -> None:
    assert detail_text({}) == ""
    assert detail_text(None) == ""
    assert detail_tooltip({}) == ""
    assert detail_tooltip(None) == ""


def test_the_tooltip_is_the_whole_detail_pretty_printed() -> None:
    detail = {"sha256": {"1": DIGEST}, "name": "Größe", "run": None}
    tip = detail_tooltip(detail)
    assert json.loads(tip) == detail
    assert DIGEST in tip
    assert "Größe" in tip
    assert tip.count("\n") >= 4  # one key a line, indented
