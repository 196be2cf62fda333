"""Label sheets: A4 pages of QR labels, the GS1 human-readable GTIN and serial or lot below.

Each page is an SVG (4 columns x 6 rows of 47.5 x 46 mm labels inside 10 mm margins, a 32 mm
code per label) rendered by cairosvg onto one shared cairo PDF surface, one PDF page per SVG
page, so a pack of 10,000 labels is one PDF of 417 pages. The PDF's creation date is fixed,
so making a pack again gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any
from xml.sax.saxutils import escape

from app.exports.files import BinarySink
from app.exports.qr_render import QrRenderer
from app.exports.units import PrintedUnits

__all__ = ["COLUMNS", "LABELS_PER_PAGE", "ROWS", "page_svg", "write_label_sheet"]

COLUMNS = 4
ROWS = 6
LABELS_PER_PAGE = COLUMNS * ROWS
PAGE_W, PAGE_H = 210.0, 297.0  # mm
MARGIN = 10.0
CELL_W = (PAGE_W - 2 * MARGIN) / COLUMNS
CELL_H = (PAGE_H - 2 * MARGIN) / ROWS
CODE = 32.0
FONT = 2.6  # mm, about 7.4 pt
FIXED_DATE = "2000-01-01T00:00:00Z"
MM_TO_PT = 72 / 25.4

Label = tuple[bytes, str, str]  # (code SVG, GTIN line, serial or lot line)


def _symbol_body(svg: bytes) -> tuple[str, str]:
    """(view box size, inner markup) of a segno SVG file."""
    text = svg.decode("utf-8")
    open_end = text.index(">", text.index("<svg")) + 1
    head = text[:open_end]
    width = head.split(' width="', 1)[1].split('"', 1)[0]
    return width, text[open_end : text.rindex("</svg>")]


def page_svg(labels: list[Label]) -> bytes:
    """One A4 page of up to ``LABELS_PER_PAGE`` labels, in millimetres."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W:g}mm" height="{PAGE_H:g}mm"'
        f' viewBox="0 0 {PAGE_W:g} {PAGE_H:g}">',
        f'<rect width="{PAGE_W:g}" height="{PAGE_H:g}" fill="#fff"/>',
    ]
    text_style = f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT}"'
    for slot, (svg, line1, line2) in enumerate(labels):
        col, row = slot % COLUMNS, slot // COLUMNS
        left = MARGIN + col * CELL_W
        top = MARGIN + row * CELL_H
        x = left + (CELL_W - CODE) / 2
        y = top + 2.0
        size, body = _symbol_body(svg)
        centre = left + CELL_W / 2
        parts.append(
            f'<svg x="{x:.2f}" y="{y:.2f}" width="{CODE:g}" height="{CODE:g}"'
            f' viewBox="0 0 {size} {size}">{body}</svg>'
        )
        for n, line in enumerate((line1, line2)):
            baseline = y + CODE + 3.5 + n * (FONT + 1.2)
            parts.append(
                f'<text x="{centre:.2f}" y="{baseline:.2f}" {text_style}'
                f' text-anchor="middle">{escape(line)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")


def _expand(units: PrintedUnits, svgs: Iterator[bytes], lot_batch: bool) -> Iterator[Label]:
    qualifier = "(10)" if lot_batch else "(21)"
    for (_url, repeat, ident, gtin), svg in zip(units.runs, svgs, strict=True):
        label = (svg, f"(01) {gtin}" if gtin else "", f"{qualifier} {ident}" if ident else "")
        for _ in range(repeat):
            yield label


def write_label_sheet(
    sink: BinarySink,
    units: PrintedUnits,
    total_units: int,
    *,
    lot_batch: bool,
    renderer: QrRenderer,
    cancelled: Callable[[], bool],
    on_units: Callable[[int], None],
) -> None:
    """Write one pack's label sheet PDF to ``sink`` (``total_units`` is for symmetry)."""
    del total_units
    # cairo takes a fifth of a second to load: only label sheets need it.
    import cairocffi  # type: ignore[import-untyped]  # noqa: PLC0415
    import cairosvg.parser  # noqa: PLC0415
    import cairosvg.surface  # noqa: PLC0415

    surface = cairocffi.PDFSurface(sink, PAGE_W * MM_TO_PT, PAGE_H * MM_TO_PT)
    surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
    surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, "Mint Station")

    class _Page(cairosvg.surface.PDFSurface):  # type: ignore[misc]
        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            return surface, width, height

    svgs = renderer.render([url for url, *_ in units.runs], cancelled=cancelled)
    labels = _expand(units, svgs, lot_batch)
    try:
        while page := list(islice(labels, LABELS_PER_PAGE)):
            tree = cairosvg.parser.Tree(bytestring=page_svg(page))
            _Page(tree, None, 96)
            surface.show_page()
            on_units(len(page))
    finally:
        surface.finish()
