"""Icons by meaning (app.ui.widgets.icons): drawn from the Material Design Icons font that
qtawesome ships, without importing qtawesome (its import is start-up time)."""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

from app.ui.widgets import icons
from app.ui.widgets.icons import GLYPHS, icon

ROOT = Path(__file__).resolve().parents[2]
RED = QColor(200, 30, 60)
GREY = QColor(150, 150, 150)


def opaque_colours(pixmap: QPixmap) -> list[str]:
    """The colour of every fully opaque pixel (the glyph's inside, not its edges)."""
    image = pixmap.toImage()
    return [
        image.pixelColor(x, y).name()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    ]


@pytest.fixture
def fresh_font_cache() -> Iterator[None]:
    """The font, its files and the charmap are cached; a test that breaks them starts and
    ends with empty caches so no other test sees its broken state."""

    def clear() -> None:
        icons._font_files.cache_clear()
        icons._font_family.cache_clear()
        icons._charmap.cache_clear()

    clear()
    yield
    clear()


@pytest.mark.parametrize("name", sorted(GLYPHS))
def test_every_icon_draws_its_glyph_in_the_colour_asked_for(name: str) -> None:
    made = icon(name, RED)
    assert not made.isNull()
    pixmap = made.pixmap(QSize(24, 24))
    assert pixmap.size() == QSize(24, 24)
    colours = opaque_colours(pixmap)
    assert len(colours) >= 10, f"{name}: hardly anything drawn"
    assert set(colours) == {RED.name()}


def test_a_disabled_icon_is_grey() -> None:
    pixmap = icon("new_mint", RED).pixmap(QSize(24, 24), QIcon.Mode.Disabled)
    colours = opaque_colours(pixmap)
    assert len(colours) >= 10
    assert set(colours) == {GREY.name()}


def test_the_default_colour_is_the_palettes_button_text() -> None:
    expected = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)
    colours = opaque_colours(icon("settings").pixmap(QSize(24, 24)))
    assert colours and set(colours) == {expected.name()}


def test_a_high_dpi_pixmap_is_drawn_at_device_pixels() -> None:
    pixmap = icon("scan", RED).pixmap(QSize(24, 24), 2.0)
    assert pixmap.size() == QSize(48, 48)
    assert pixmap.devicePixelRatio() == 2.0
    assert len(opaque_colours(pixmap)) > len(opaque_colours(icon("scan", RED).pixmap(24, 24)))


def test_a_copied_icon_outlives_the_original_after_a_detach() -> None:
    """Adding to a copy makes Qt clone the engine; the clone must outlive Python's refs."""
    original = icon("sync", RED)
    copy = QIcon(original)
    copy.addPixmap(QPixmap(4, 4))  # detaches: GlyphIconEngine.clone
    del original
    gc.collect()
    assert set(opaque_colours(copy.pixmap(QSize(24, 24)))) == {RED.name()}


def test_an_unknown_glyph_gives_an_empty_icon_and_a_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(GLYPHS, "new_mint", "mdi6.no-such-glyph-anywhere")
    with caplog.at_level(logging.WARNING, logger=icons.__name__):
        made = icon("new_mint", RED)
    assert made.isNull()
    assert "no-such-glyph-anywhere" in caplog.text


def test_a_missing_font_gives_empty_icons_and_a_log_line(
    fresh_font_cache: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(icons, "_font_folders", lambda: [tmp_path / "fonts"])
    with caplog.at_level(logging.WARNING, logger=icons.__name__):
        made = icon("scan", RED)
    assert made.isNull()
    assert "materialdesignicons6" in caplog.text


def test_a_frozen_build_finds_the_fonts_in_its_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icons._font_folders()[-1] == tmp_path / "qtawesome" / "fonts"


PROBE = """
import json, sys
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from app.ui.widgets.icons import GLYPHS, icon
drawn = [not icon(name).pixmap(QSize(24, 24)).isNull() for name in GLYPHS]
print(json.dumps({"drawn": all(drawn), "modules": sorted(sys.modules)}))
"""


def test_icons_do_not_import_qtawesome_or_qtpy() -> None:
    """In a fresh process: other tests' imports cannot hide one made by icons.py."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["drawn"]
    loaded = [m for m in answer["modules"] if m.split(".")[0] in ("qtawesome", "qtpy")]
    assert loaded == []
