"""Icons by meaning, drawn from the Material Design Icons font that qtawesome ships.

Pages ask for ``icon("new_mint")``, not for a glyph name, so the set can change in one
place. A missing font (a broken frozen build, say) gives an empty icon and a log line,
never a crash: every place that shows an icon also shows text or has an accessible name.

The glyph is drawn here, not by qtawesome: importing qtawesome costs about 0.2 s at
start-up (it imports qtpy, which walks every Qt enum) and its first icon registers a
dozen fonts and parses all their charmaps. We use only qtawesome's font asset (the
Material Design Icons 6 ttf and its charmap), found on disk without importing the
package, so qtawesome stays a dependency in pyproject.toml; the frozen build collects
the two files under ``qtawesome/fonts`` (installer/mintstation.spec).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from shiboken6 import Shiboken

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

PREFIX = "mdi6."
DISABLED = QColor(150, 150, 150)
# The glyph's pixel size against the icon's height: qtawesome's 0.875, which leaves room
# for the font's bearing, so the icons look as they did when qtawesome drew them.
GLYPH_SCALE = 0.875
_TTF = "materialdesignicons6-webfont-*.ttf"
_CHARMAP = "materialdesignicons6-webfont-charmap-*.json"


# Engines made by clone(): PySide gives their ownership to Python, so without a reference
# here Python would free one the moment clone() returns while its QIcon still uses it.
# Qt deletes a clone with its icon, which leaves the wrapper invalid; those are dropped.
_CLONES: list[QIconEngine] = []


class IconFontError(Exception):
    """The icon font or its charmap is missing or unreadable."""


def _font_folders() -> list[Path]:
    """Where qtawesome's fonts may be: the installed package, then a PyInstaller bundle."""
    folders = []
    spec = importlib.util.find_spec("qtawesome")  # finds the package, does not import it
    if spec is not None and spec.submodule_search_locations:
        folders += [Path(place) / "fonts" for place in spec.submodule_search_locations]
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        folders.append(Path(bundle) / "qtawesome" / "fonts")
    return folders


def _newest(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    return found[-1] if found else None


@functools.cache
def _font_files() -> tuple[Path, Path]:
    """The Material Design Icons 6 font and its charmap (any version qtawesome ships)."""
    folders = _font_folders()
    for folder in folders:
        ttf, charmap = _newest(folder, _TTF), _newest(folder, _CHARMAP)
        if ttf is not None and charmap is not None:
            return ttf, charmap
    raise IconFontError(f"no {_TTF} with its charmap in {[str(f) for f in folders]}")


@functools.cache
def _font_family() -> str:
    """Registers the font with Qt once; its family name."""
    ttf, _ = _font_files()
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise IconFontError(f"Qt could not load the icon font {ttf}")
    return families[0]


@functools.cache
def _charmap() -> dict[str, str]:
    """Glyph name -> code point in hex ({"plus": "0xf0415", ...}), read once."""
    _, path = _font_files()
    try:
        codes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IconFontError(f"unreadable icon charmap {path}: {error}") from error
    if not isinstance(codes, dict):
        raise IconFontError(f"unreadable icon charmap {path}: not a mapping")
    return codes


def _char(glyph: str) -> str | None:
    """The character of ``glyph`` ("mdi6.name"), None if the font has no such glyph."""
    code = _charmap().get(glyph.removeprefix(PREFIX)) if glyph.startswith(PREFIX) else None
    try:
        return chr(int(code, 16)) if isinstance(code, str) else None
    except ValueError:  # not a hex code point: as good as missing
        return None


class GlyphIconEngine(QIconEngine):
    """One font glyph, centred, in one colour (grey when disabled), at any size."""

    def __init__(self, family: str, char: str, colour: QColor) -> None:
        super().__init__()
        self.family = family
        self.char = char
        self.colour = QColor(colour)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        painter.setFont(font)
        painter.setPen(DISABLED if mode == QIcon.Mode.Disabled else self.colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """A transparent pixmap of ``size`` (logical pixels) drawn at ``scale`` device
        pixels each, so the glyph stays sharp on a high-DPI screen."""
        scale = scale if scale > 0 else 1.0
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        if size.isEmpty():
            return pixmap
        painter = QPainter(pixmap)
        try:
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        finally:
            painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        engine = GlyphIconEngine(self.family, self.char, self.colour)
        _CLONES[:] = [kept for kept in _CLONES if Shiboken.isValid(kept)]
        _CLONES.append(engine)
        return engine

    def key(self) -> str:
        return "mintstation.glyph"


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon for ``name`` (a key of GLYPHS) in the palette's text colour."""
    glyph = GLYPHS[name]
    if colour is None:
        colour = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)
    try:
        char = _char(glyph)
        if char is None:
            log.warning("icon %s: no glyph %s in the Material Design Icons 6 font", name, glyph)
            return QIcon()
        return QIcon(GlyphIconEngine(_font_family(), char, colour))
    except Exception:  # a missing font or a broken frozen build: text only, no crash
        log.exception("icon %s (%s) could not be loaded", name, glyph)
        return QIcon()
