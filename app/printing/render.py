"""Labels as SVG (one per label, or one per sheet page) and as a PDF of those pages.

The SVG is the one rendering: the template editor previews it, the Qt print path paints it
on a QPrinter, and cairosvg turns pages into the PDF sent to CUPS. The QR symbol comes from
segno (its matrix) and is drawn as one path in module units, scaled to ``qr.size_mm``, with
``crispEdges`` so a renderer does not blur module edges.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import segno

from app.printing.templates import LabelTemplate
from app.printing.units import LabelUnit

__all__ = ["Logo", "label_svg", "page_svgs", "qr_path", "write_pdf"]

MM_TO_PT = 72 / 25.4
FIXED_DATE = "2000-01-01T00:00:00Z"
FONT = "DejaVu Sans, Arial, sans-serif"

Logo = tuple[bytes, str] | None  # (image bytes, MIME type)


def qr_path(content: str, error: str, x0: float, y0: float, size: float) -> tuple[int, str]:
    """(symbol width in modules, SVG path data of the dark modules) for a symbol of ``size``
    mm at (x0, y0), in absolute millimetres: Qt's PDF output fills a scaled path of module
    units wrongly, so no transform is used."""
    modules, runs = _runs(content, error)
    m = size / modules
    return modules, "".join(
        f"M{x0 + x * m:.4f} {y0 + y * m:.4f}h{n * m:.4f}v{m:.4f}h{-n * m:.4f}z" for x, y, n in runs
    )


@lru_cache(maxsize=8)
def _logo_href(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _label_body(template: LabelTemplate, unit: LabelUnit, logo: Logo) -> str:
    qr = template.qr
    _modules, path = qr_path(unit.url, qr.error, qr.x_mm, qr.y_mm, qr.size_mm)
    parts = [f'<path fill="#000" d="{path}"/>']
    for element in template.texts:
        text = element.value if element.field == "text" else unit.field(element.field)
        if not text:
            continue
        weight = ' font-weight="bold"' if element.bold else ""
        parts.append(
            f'<text x="{element.x_mm:g}" y="{element.y_mm:g}" font-family="{FONT}"'
            f' font-size="{element.size_mm:g}" text-anchor="{element.anchor}"{weight}>'
            f"{escape(text)}</text>"
        )
    if template.logo is not None and logo is not None:
        box = template.logo
        parts.append(
            f'<image x="{box.x_mm:g}" y="{box.y_mm:g}" width="{box.width_mm:g}"'
            f' height="{box.height_mm:g}" preserveAspectRatio="xMidYMid meet"'
            f" href={quoteattr(_logo_href(*logo))}/>"
        )
    return "".join(parts)


def _open(width: float, height: float) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="{width:g}mm" height="{height:g}mm" viewBox="0 0 {width:g} {height:g}">'
        f'<rect width="{width:g}" height="{height:g}" fill="#fff"/>'
    )


def label_svg(template: LabelTemplate, unit: LabelUnit, logo: Logo = None) -> str:
    """One label alone (previews, roll printers)."""
    body = _label_body(template, unit, logo)
    return f"{_open(template.width_mm, template.height_mm)}{body}</svg>"


def page_size(template: LabelTemplate) -> tuple[float, float]:
    """(width, height) in mm of one printed page: the label, or the sheet."""
    if template.sheet is None:
        return template.width_mm, template.height_mm
    return template.sheet.page_width_mm, template.sheet.page_height_mm


def page_svgs(
    template: LabelTemplate, units: Iterable[LabelUnit], logo: Logo = None
) -> Iterator[tuple[str, int]]:
    """(page SVG, labels on it): one label per page on rolls, a grid on sheets."""
    sheet = template.sheet
    if sheet is None:
        for unit in units:
            yield label_svg(template, unit, logo), 1
        return
    it = iter(units)
    while page := list(islice(it, sheet.per_page)):
        parts = [_open(sheet.page_width_mm, sheet.page_height_mm)]
        for slot, unit in enumerate(page):
            col, row = slot % sheet.columns, slot // sheet.columns
            x = sheet.left_mm + col * sheet.pitch_x_mm
            y = sheet.top_mm + row * sheet.pitch_y_mm
            parts.append(
                f'<g transform="translate({x:g} {y:g})">{_label_body(template, unit, logo)}</g>'
            )
        parts.append("</svg>")
        yield "".join(parts), len(page)


def _runs(content: str, error: str) -> tuple[int, list[tuple[int, int, int]]]:
    """(symbol width, dark runs as (x, y, length)) of the QR symbol."""
    code = segno.make(content, error=error.lower(), micro=False, boost_error=False)
    runs = []
    for y, row in enumerate(code.matrix):
        x, width = 0, len(row)
        while x < width:
            if row[x]:
                end = x
                while end < width and row[end]:
                    end += 1
                runs.append((x, y, end - x))
                x = end
            else:
                x += 1
    return len(code.matrix), runs


class _CairoLabels:
    """Draws labels straight onto a cairo context in millimetres, from the same geometry as
    the SVG (cairosvg would parse and draw each label's SVG: about 25 times slower)."""

    def __init__(self, cairo: Any, template: LabelTemplate, logo: Logo) -> None:
        self.cairo = cairo
        self.template = template
        self.logo = self._logo_surface(logo)

    def _logo_surface(self, logo: Logo) -> Any:
        if logo is None or self.template.logo is None:
            return None
        data, mime = logo
        if mime == "image/svg+xml":
            import cairosvg  # noqa: PLC0415

            data = cairosvg.svg2png(bytestring=data, output_width=600)
        return self.cairo.ImageSurface.create_from_png(io.BytesIO(data))

    def draw(self, ctx: Any, unit: LabelUnit, x0: float, y0: float) -> None:
        t = self.template
        qr = t.qr
        modules, runs = _runs(unit.url, qr.error)
        scale = qr.size_mm / modules
        ctx.save()
        ctx.translate(x0 + qr.x_mm, y0 + qr.y_mm)
        ctx.scale(scale, scale)
        for col, row, length in runs:
            ctx.rectangle(col, row, length, 1)
        ctx.set_source_rgb(0, 0, 0)
        ctx.fill()
        ctx.restore()
        for element in t.texts:
            text = element.value if element.field == "text" else unit.field(element.field)
            if not text:
                continue
            weight = self.cairo.FONT_WEIGHT_BOLD if element.bold else self.cairo.FONT_WEIGHT_NORMAL
            ctx.select_font_face("DejaVu Sans", self.cairo.FONT_SLANT_NORMAL, weight)
            ctx.set_font_size(element.size_mm)
            x = x0 + element.x_mm
            if element.anchor != "start":
                advance = ctx.text_extents(text)[4]
                x -= advance / 2 if element.anchor == "middle" else advance
            ctx.move_to(x, y0 + element.y_mm)
            ctx.show_text(text)
        if self.logo is not None and t.logo is not None:
            box = t.logo
            w, h = self.logo.get_width(), self.logo.get_height()
            factor = min(box.width_mm / w, box.height_mm / h)
            ctx.save()
            ctx.translate(
                x0 + box.x_mm + (box.width_mm - w * factor) / 2,
                y0 + box.y_mm + (box.height_mm - h * factor) / 2,
            )
            ctx.scale(factor, factor)
            ctx.set_source_surface(self.logo, 0, 0)
            ctx.paint()
            ctx.restore()


def write_pdf(
    sink: IO[bytes],
    template: LabelTemplate,
    units: Iterable[LabelUnit],
    *,
    logo: Logo = None,
    on_labels: Callable[[int], None] = lambda _n: None,
) -> int:
    """Write the labels' pages as one PDF to ``sink``; returns the number of pages."""
    import cairocffi  # type: ignore[import-untyped]  # noqa: PLC0415 - cairo loads slowly

    width, height = page_size(template)
    surface = cairocffi.PDFSurface(sink, width * MM_TO_PT, height * MM_TO_PT)
    surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
    surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, "Mint Station")
    ctx = cairocffi.Context(surface)
    ctx.scale(MM_TO_PT, MM_TO_PT)
    labels = _CairoLabels(cairocffi, template, logo)
    sheet = template.sheet
    per_page = template.labels_per_page
    pages = 0
    it = iter(units)
    try:
        while page := list(islice(it, per_page)):
            for slot, unit in enumerate(page):
                if sheet is None:
                    labels.draw(ctx, unit, 0.0, 0.0)
                else:
                    col, row = slot % sheet.columns, slot // sheet.columns
                    x = sheet.left_mm + col * sheet.pitch_x_mm
                    y = sheet.top_mm + row * sheet.pitch_y_mm
                    labels.draw(ctx, unit, x, y)
            ctx.show_page()
            pages += 1
            on_labels(len(page))
    finally:
        surface.finish()
    return pages
