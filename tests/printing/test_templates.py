"""Label templates: presets, the preview's checks, the file form, bad input."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.core.errors import ValidationError
from app.printing.templates import (
    PRESETS,
    QrElement,
    check_template,
    template_from_dict,
    template_from_json,
    template_to_json,
)

URL = "https://id.acme.example/01/09506000001012/21/A00000001"


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_print_clean_codes(name: str) -> None:
    template = PRESETS[name]
    report = check_template(template, URL)
    assert report.warnings == []
    assert report.version == 4
    assert report.dots_per_module == pytest.approx(round(report.dots_per_module), abs=0.02)
    assert report.quiet_modules >= 4
    assert template_from_json(template_to_json(template)) == template


def test_presets_have_the_issue_sizes() -> None:
    sizes = {(t.width_mm, t.height_mm, t.labels_per_page) for t in PRESETS.values()}
    assert {(50, 25, 1), (50, 30, 1), (100, 50, 1)} <= sizes
    assert {PRESETS["a4-3x8"].labels_per_page, PRESETS["a4-4x10"].labels_per_page} == {24, 40}


def test_uneven_dots_are_flagged_with_a_size_that_fits() -> None:
    template = PRESETS["roll-50x30"]
    odd = replace(template, qr=replace(template.qr, size_mm=19.0))
    report = check_template(odd, URL)
    assert report.dots_per_module == pytest.approx(19.0 / 33 * 203 / 25.4)
    assert any("not a whole number" in w and "mm gives 5 dots" in w for w in report.warnings)


def test_a_module_under_the_printer_minimum_is_flagged() -> None:
    template = PRESETS["roll-50x25"]
    tiny = replace(template, qr=replace(template.qr, size_mm=33 * 2 * 25.4 / 203))
    report = check_template(tiny, URL)
    assert any("under the 3 dots" in w for w in report.warnings)


def test_a_narrow_quiet_zone_is_flagged() -> None:
    template = PRESETS["roll-50x30"]
    tight = replace(template, qr=QrElement(0.5, template.qr.y_mm, template.qr.size_mm))
    report = check_template(tight, URL)
    assert report.quiet_modules < 1
    assert any("quiet zone" in w for w in report.warnings)


def test_text_crowding_the_code_is_flagged() -> None:
    template = PRESETS["roll-50x30"]
    first = replace(template.texts[0], x_mm=template.qr.x_mm + template.qr.size_mm + 0.3)
    crowded = replace(template, texts=(first, *template.texts[1:]))
    assert any("quiet zone" in w for w in check_template(crowded, URL).warnings)


def test_the_version_grows_with_the_content() -> None:
    long_url = URL + "/" + "X" * 120
    assert check_template(PRESETS["roll-100x50"], long_url).version > 4


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"width_mm": "wide"}, "template.width_mm", "must be a number"),
        ({"dpi": 203.5}, "template.dpi", "whole number"),
        ({"qr": {"x_mm": 1, "y_mm": 1, "size_mm": 20, "error": "X"}}, "qr.error", "L, M, Q, H"),
        ({"qr": {"x_mm": 40, "y_mm": 1, "size_mm": 20}}, "qr", "does not fit"),
        ({"texts": [{"field": "colour"}]}, "texts[0].field", "must be one of"),
        ({"name": ""}, "name", "1-100"),
    ],
)
def test_bad_templates_name_the_field(change: dict[str, object], field: str, words: str) -> None:
    data = PRESETS["roll-50x30"].to_dict() | change
    with pytest.raises(ValidationError) as caught:
        template_from_dict(data)
    assert caught.value.field == field
    assert words in caught.value.reason


def test_template_files_are_checked() -> None:
    with pytest.raises(ValidationError, match="not JSON"):
        template_from_json("{", source="t.json")
    other = json.dumps({"format": "something-else", "version": 1})
    with pytest.raises(ValidationError, match="not a label template"):
        template_from_json(other, source="t.json")
    broken = json.loads(template_to_json(PRESETS["a4-3x8"]))
    broken["template"]["sheet"]["columns"] = 9
    with pytest.raises(ValidationError, match=r"t\.json: sheet") as caught:
        template_from_json(json.dumps(broken), source="t.json")
    assert "do not fit" in caught.value.reason
