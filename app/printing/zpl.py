"""Labels as ZPL for Zebra printers: ``^BQ`` for the code and ``^A0`` text fields.

The template's millimetres become printer dots at the template's resolution. ZPL's QR
magnification is whole dots per module (1 to 10), so the module is rounded to whole dots
here: the check in ``templates.check_template`` says when that changes the code's size.
Field data goes through ``^FH`` (``app.devices.rfid.zpl.field_hex``), so ``^``, ``~`` and
``_`` in a URL or a serial cannot end a field early.
"""

from __future__ import annotations

import segno

from app.devices.rfid.zpl import field_hex
from app.printing.templates import LabelTemplate
from app.printing.units import LabelUnit

__all__ = ["label_zpl", "qr_magnification"]


def _dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def qr_magnification(template: LabelTemplate, content: str) -> int:
    """Whole printer dots per module for this content (``^BQ``'s magnification, 1-10)."""
    code = segno.make(content, error=template.qr.error.lower(), micro=False, boost_error=False)
    modules = code.symbol_size(border=0)[0]
    dots = template.qr.size_mm / modules * template.dpi / 25.4
    return max(1, min(10, round(dots)))


def label_zpl(template: LabelTemplate, unit: LabelUnit, *, magnification: int) -> bytes:
    """One label's ZPL format (``^XA`` ... ``^XZ``), UTF-8 (``^CI28``)."""
    dpi = template.dpi
    qr = template.qr
    parts = [
        "^XA^CI28",
        f"^PW{_dots(template.width_mm, dpi)}^LL{_dots(template.height_mm, dpi)}",
        f"^FO{_dots(qr.x_mm, dpi)},{_dots(qr.y_mm, dpi)}",
        f"^BQN,2,{magnification}^FH_^FD{qr.error}A,{field_hex(unit.url)}^FS",
    ]
    for element in template.texts:
        text = element.value if element.field == "text" else unit.field(element.field)
        if not text:
            continue
        height = max(10, _dots(element.size_mm, dpi))
        top = max(0, _dots(element.y_mm - 0.8 * element.size_mm, dpi))
        parts.append(
            f"^FO{_dots(element.x_mm, dpi)},{top}^A0N,{height},{height}^FH_^FD{field_hex(text)}^FS"
        )
    parts.append("^PQ1^XZ\r\n")
    return "".join(parts).encode("utf-8")
