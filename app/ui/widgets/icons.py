"""Icons by meaning, drawn from the Material Design Icons font that qtawesome ships.

Pages ask for ``icon("new_mint")``, not for a glyph name, so the set can change in one
place. A missing font (a broken frozen build, say) gives an empty icon and a log line,
never a crash: every place that shows an icon also shows text or has an accessible name.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

log = logging.getLogger(__name__)

GLYPHS = {
    "new_mint": "mdi6.plus-circle-outline",
    "export": "mdi6.export",
    "encode": "mdi6.nfc-variant",
    "scan": "mdi6.barcode-scan",
    "dashboard": "mdi6.view-dashboard-outline",
    "products": "mdi6.package-variant-closed",
    "batches": "mdi6.layers-outline",
    "tokens": "mdi6.qrcode",
    "exports": "mdi6.printer-outline",
    "stations": "mdi6.nfc-tap",
    "activity": "mdi6.history",
    "verify": "mdi6.clipboard-check-outline",
    "settings": "mdi6.cog-outline",
    "refresh": "mdi6.refresh",
    "sync": "mdi6.sync",
    "attention": "mdi6.alert-circle-outline",
    "done": "mdi6.check-circle-outline",
    "running": "mdi6.progress-clock",
    "failed": "mdi6.close-circle-outline",
    "info": "mdi6.information-outline",
}


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon for ``name`` (a key of GLYPHS) in the palette's text colour."""
    glyph = GLYPHS[name]
    if colour is None:
        colour = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)
    try:
        import qtawesome  # noqa: PLC0415  (loads its fonts; only once a window is built)

        made = qtawesome.icon(glyph, color=colour, color_disabled=QColor(150, 150, 150))
        return made if isinstance(made, QIcon) else QIcon()
    except Exception:  # a missing font or a broken frozen build: text only, no crash
        log.exception("icon %s (%s) could not be loaded", name, glyph)
        return QIcon()
