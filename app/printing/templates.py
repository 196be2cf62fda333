"""Label templates: the label's size, the printer's resolution, and where each element goes.

A template is plain data (millimetres throughout) so it can be stored as JSON, exported and
imported as a file, and checked without a printer. ``qr.size_mm`` is the symbol without its
quiet zone; the quiet zone is the free space around it up to the label's edge and to the
other elements. :func:`check_template` measures the first unit's code against the printer:
a module that is not a whole number of printer dots prints as uneven bars, one under
``min_module_dots`` smears, and a quiet zone under 4 modules makes scanners miss the code.

Presets: roll labels 50x25, 50x30 and 100x50 mm for 203 dpi thermal printers, and A4 sheets
of 3x8 (70 x 37 mm) and 4x10 (52.5 x 29.7 mm) labels for 600 dpi office printers. Their code
sizes are whole dots per module for the usual URL length (a version 4 symbol, 33 modules).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import segno

from app.core.errors import ValidationError

__all__ = [
    "FIELDS",
    "PRESETS",
    "LabelTemplate",
    "LogoElement",
    "QrElement",
    "SheetLayout",
    "TemplateReport",
    "TextElement",
    "check_template",
    "template_from_dict",
    "template_from_json",
    "template_to_json",
]

FIELDS = ("product_name", "gtin", "serial", "lot", "expiry", "url", "text")
ERROR_LEVELS = ("L", "M", "Q", "H")
MIN_QUIET_MODULES = 4
CHAR_EM = 0.64  # DejaVu Sans's mean advance: digits 0.64 em, bold letters about 0.7
_WHOLE_DOTS_TOLERANCE = 0.02
_NAME = re.compile(r"[\w .,()+-]{1,100}")
_FORMAT = "mintstation-label-template"


@dataclass(frozen=True)
class QrElement:
    x_mm: float
    y_mm: float
    size_mm: float  # the symbol, without its quiet zone
    error: str = "M"


@dataclass(frozen=True)
class TextElement:
    field: str  # one of FIELDS
    x_mm: float
    y_mm: float  # the baseline
    size_mm: float  # the font's em height
    anchor: str = "start"  # "start", "middle" or "end"
    bold: bool = False
    value: str = ""  # the text of a "text" element


@dataclass(frozen=True)
class LogoElement:
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class SheetLayout:
    """Labels on a page: ``columns`` x ``rows`` cells from the top left, ``pitch`` apart."""

    page_width_mm: float
    page_height_mm: float
    columns: int
    rows: int
    left_mm: float
    top_mm: float
    pitch_x_mm: float
    pitch_y_mm: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class LabelTemplate:
    name: str
    width_mm: float
    height_mm: float
    dpi: int
    min_module_dots: int
    qr: QrElement
    texts: tuple[TextElement, ...] = ()
    logo: LogoElement | None = None
    sheet: SheetLayout | None = None

    @property
    def labels_per_page(self) -> int:
        return self.sheet.per_page if self.sheet else 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["texts"] = [asdict(t) for t in self.texts]
        return data

    def renamed(self, name: str) -> LabelTemplate:
        return replace(self, name=name)


def _texts(name_x: float, base: float, size: float, step: float) -> tuple[TextElement, ...]:
    fields = ("product_name", "gtin", "serial", "expiry")
    return tuple(
        TextElement(f, name_x, round(base + n * step, 3), size, bold=f == "product_name")
        for n, f in enumerate(fields)
    )


def _fit(size: float, room: float) -> float:
    """A font size for 20 characters (a GTIN line) in ``room`` mm, at most ``size``."""
    return round(min(size, room / (20 * CHAR_EM)), 2)


def _roll(name: str, width: float, height: float, qr_size: float) -> LabelTemplate:
    margin = (height - qr_size) / 2
    left = 5 * qr_size / 33  # five modules
    size = _fit(height / 9, width - 2 * left - qr_size - 1.0)
    return LabelTemplate(
        name=name,
        width_mm=width,
        height_mm=height,
        dpi=203,
        min_module_dots=3,
        qr=QrElement(round(left, 3), round(margin, 3), round(qr_size, 3)),
        texts=_texts(round(2 * left + qr_size, 3), round(margin + size, 3), size, size * 1.45),
    )


def _sheet(name: str, columns: int, rows: int, cell_w: float, cell_h: float) -> LabelTemplate:
    qr_size = 33 * 12 * 25.4 / 600 if cell_h > 33 else 33 * 10 * 25.4 / 600
    margin = (cell_h - qr_size) / 2
    text_x = 3.0 + qr_size + 5 * qr_size / 33
    size = _fit(cell_h / 11, cell_w - text_x - 1.0)
    return LabelTemplate(
        name=name,
        width_mm=cell_w,
        height_mm=cell_h,
        dpi=600,
        min_module_dots=6,
        qr=QrElement(3.0, round(margin, 3), round(qr_size, 3)),
        texts=_texts(round(text_x, 3), round(margin + size, 3), size, round(size * 1.45, 3)),
        sheet=SheetLayout(
            page_width_mm=210.0,
            page_height_mm=297.0,
            columns=columns,
            rows=rows,
            left_mm=round((210.0 - columns * cell_w) / 2, 3),
            top_mm=round((297.0 - rows * cell_h) / 2, 3),
            pitch_x_mm=cell_w,
            pitch_y_mm=cell_h,
        ),
    )


# 203 dpi = 8 dots/mm: 33 modules at 4, 5 and 8 dots are 16.5, 20.6 and 33.0 mm.
PRESETS: dict[str, LabelTemplate] = {
    t.name: t
    for t in (
        _roll("roll-50x25", 50.0, 25.0, 33 * 4 * 25.4 / 203),
        _roll("roll-50x30", 50.0, 30.0, 33 * 5 * 25.4 / 203),
        _roll("roll-100x50", 100.0, 50.0, 33 * 8 * 25.4 / 203),
        _sheet("a4-3x8", 3, 8, 70.0, 37.0),
        _sheet("a4-4x10", 4, 10, 52.5, 29.7),
    )
}
DEFAULT_PRESET = "roll-50x30"


# -- reading templates from JSON ---------------------------------------------------------------


def _number(data: dict[str, Any], key: str, where: str, *, low: float, high: float) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{where}.{key}", f"must be a number, got {value!r}")
    if not low <= float(value) <= high:
        raise ValidationError(
            f"{where}.{key}", f"must be between {low:g} and {high:g}, got {value}"
        )
    return float(value)


def _integer(data: dict[str, Any], key: str, where: str, *, low: int, high: int) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{where}.{key}", f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ValidationError(f"{where}.{key}", f"must be between {low} and {high}, got {value}")
    return value


def _object(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError(where, f"must be an object, got {type(data).__name__}")
    return data


def _qr(data: dict[str, Any]) -> QrElement:
    qr = _object(data.get("qr"), "qr")
    error = qr.get("error", "M")
    if error not in ERROR_LEVELS:
        raise ValidationError("qr.error", f"must be one of L, M, Q, H, got {error!r}")
    return QrElement(
        _number(qr, "x_mm", "qr", low=0, high=1000),
        _number(qr, "y_mm", "qr", low=0, high=1000),
        _number(qr, "size_mm", "qr", low=3, high=500),
        error,
    )


def _text(data: Any, n: int) -> TextElement:
    where = f"texts[{n}]"
    text = _object(data, where)
    name = text.get("field")
    if name not in FIELDS:
        raise ValidationError(f"{where}.field", f"must be one of {', '.join(FIELDS)}: {name!r}")
    anchor = text.get("anchor", "start")
    if anchor not in ("start", "middle", "end"):
        raise ValidationError(f"{where}.anchor", f"must be start, middle or end: {anchor!r}")
    value = text.get("value", "")
    if not isinstance(value, str) or len(value) > 200:
        raise ValidationError(f"{where}.value", "must be text of at most 200 characters")
    return TextElement(
        name,
        _number(text, "x_mm", where, low=0, high=1000),
        _number(text, "y_mm", where, low=0, high=1000),
        _number(text, "size_mm", where, low=0.5, high=100),
        anchor,
        bool(text.get("bold", False)),
        value,
    )


def template_from_dict(data: Any) -> LabelTemplate:
    """A template from its JSON form; every problem names its field."""
    body = _object(data, "template")
    name = body.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name.strip()):
        raise ValidationError(
            "name", "must be 1-100 letters, digits, spaces or . , ( ) + - _ characters"
        )
    texts = body.get("texts", [])
    if not isinstance(texts, list) or len(texts) > 20:
        raise ValidationError("texts", "must be a list of at most 20 text elements")
    logo = None
    if body.get("logo") is not None:
        item = _object(body["logo"], "logo")
        logo = LogoElement(
            *(_number(item, k, "logo", low=0, high=1000) for k in ("x_mm", "y_mm")),
            *(_number(item, k, "logo", low=1, high=1000) for k in ("width_mm", "height_mm")),
        )
    sheet = None
    if body.get("sheet") is not None:
        item = _object(body["sheet"], "sheet")
        sheet = SheetLayout(
            _number(item, "page_width_mm", "sheet", low=20, high=1000),
            _number(item, "page_height_mm", "sheet", low=20, high=1000),
            _integer(item, "columns", "sheet", low=1, high=20),
            _integer(item, "rows", "sheet", low=1, high=40),
            _number(item, "left_mm", "sheet", low=0, high=1000),
            _number(item, "top_mm", "sheet", low=0, high=1000),
            _number(item, "pitch_x_mm", "sheet", low=1, high=1000),
            _number(item, "pitch_y_mm", "sheet", low=1, high=1000),
        )
    template = LabelTemplate(
        name=name.strip(),
        width_mm=_number(body, "width_mm", "template", low=5, high=1000),
        height_mm=_number(body, "height_mm", "template", low=5, high=1000),
        dpi=_integer(body, "dpi", "template", low=100, high=2400),
        min_module_dots=_integer(body, "min_module_dots", "template", low=1, high=50),
        qr=_qr(body),
        texts=tuple(_text(t, n) for n, t in enumerate(texts)),
        logo=logo,
        sheet=sheet,
    )
    _check_fits(template)
    return template


def _check_fits(t: LabelTemplate) -> None:
    qr = t.qr
    if qr.x_mm + qr.size_mm > t.width_mm or qr.y_mm + qr.size_mm > t.height_mm:
        raise ValidationError("qr", "the code does not fit on the label")
    if t.sheet is not None:
        s = t.sheet
        right = s.left_mm + (s.columns - 1) * s.pitch_x_mm + t.width_mm
        bottom = s.top_mm + (s.rows - 1) * s.pitch_y_mm + t.height_mm
        if right > s.page_width_mm + 0.01 or bottom > s.page_height_mm + 0.01:
            raise ValidationError("sheet", "the labels do not fit on the page")


def template_to_json(template: LabelTemplate) -> str:
    """The file form: a small header (format, version) around the template."""
    return json.dumps({"format": _FORMAT, "version": 1, "template": template.to_dict()}, indent=2)


def template_from_json(text: str, *, source: str = "template file") -> LabelTemplate:
    """Read a template file written by :func:`template_to_json` (or a bare template)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(source, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict) and "format" in data:
        if data.get("format") != _FORMAT:
            raise ValidationError(source, f"not a label template (format {data['format']!r})")
        if data.get("version") != 1:
            raise ValidationError(source, f"template version {data.get('version')} is not known")
        data = data.get("template")
    try:
        return template_from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"{source}: {exc.field}", exc.reason) from None


# -- checks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateReport:
    """What the preview shows beside the first unit's label."""

    version: int
    modules: int  # symbol width in modules, without the quiet zone
    module_mm: float
    dots_per_module: float
    quiet_modules: float
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.warnings


def text_box(t: TextElement, text: str) -> tuple[float, float, float, float]:
    """An estimate of a text's box (x0, y0, x1, y1): ``CHAR_EM`` per character."""
    width = CHAR_EM * t.size_mm * len(text)
    x0 = {"start": t.x_mm, "middle": t.x_mm - width / 2, "end": t.x_mm - width}[t.anchor]
    return x0, t.y_mm - 0.8 * t.size_mm, x0 + width, t.y_mm + 0.2 * t.size_mm


def _gap(box: tuple[float, float, float, float], qr: QrElement) -> float:
    """Free distance between the code and a box (0 when they overlap)."""
    x0, y0, x1, y1 = box
    q0, q1 = qr.x_mm, qr.x_mm + qr.size_mm
    r0, r1 = qr.y_mm, qr.y_mm + qr.size_mm
    dx = max(x0 - q1, q0 - x1, 0.0)
    dy = max(y0 - r1, r0 - y1, 0.0)
    return max(dx, dy)


def check_template(
    template: LabelTemplate, content: str, texts: dict[str, str] | None = None
) -> TemplateReport:
    """Measure ``content`` (the first unit's URL) as this template prints it."""
    code = segno.make(content, error=template.qr.error.lower(), micro=False, boost_error=False)
    modules = int(code.symbol_size(border=0)[0])
    module_mm = template.qr.size_mm / modules
    dots = module_mm * template.dpi / 25.4
    warnings: list[str] = []
    whole = round(dots)
    if abs(dots - whole) > _WHOLE_DOTS_TOLERANCE:
        best = max(whole, 1) * 25.4 / template.dpi * modules
        warnings.append(
            f"QR module is {dots:.2f} printer dots, not a whole number: bars print unevenly;"
            f" a code of {best:.2f} mm gives {max(whole, 1)} dots per module"
        )
    if dots < template.min_module_dots - _WHOLE_DOTS_TOLERANCE:
        warnings.append(
            f"QR module is {module_mm:.3f} mm ({dots:.1f} dots): under the"
            f" {template.min_module_dots} dots this printer prints cleanly"
        )
    qr = template.qr
    edges = [qr.x_mm, qr.y_mm, template.width_mm - qr.x_mm - qr.size_mm]
    edges.append(template.height_mm - qr.y_mm - qr.size_mm)
    values = texts or {}
    for element in template.texts:
        shown = element.value if element.field == "text" else values.get(element.field, "X" * 12)
        if shown:
            edges.append(_gap(text_box(element, shown), qr))
    if template.logo is not None:
        logo = template.logo
        box = (logo.x_mm, logo.y_mm, logo.x_mm + logo.width_mm, logo.y_mm + logo.height_mm)
        edges.append(_gap(box, qr))
    quiet = min(edges) / module_mm
    if quiet < MIN_QUIET_MODULES - 0.01:
        warnings.append(
            f"quiet zone is {quiet:.1f} modules ({min(edges):.2f} mm): at least"
            f" {MIN_QUIET_MODULES} modules ({MIN_QUIET_MODULES * module_mm:.2f} mm) of free space"
            " are needed around the code"
        )
    return TemplateReport(int(code.version), modules, module_mm, dots, quiet, warnings)
