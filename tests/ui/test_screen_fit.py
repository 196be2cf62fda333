"""Every window fits a line PC's screen: 1024×768, 1920×1080 at 150 %, and a real X server.

Each case runs ``tests.ui.screen_probe`` in a subprocess (the screen is fixed when Qt
starts), which opens the main window on every page, every wizard page, each Settings tab
and the first-run dialog, and reports what lies outside the screen. The offscreen cases
write screenshots at both sizes to ``screenshots/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.preferences import Preferences
from app.ui.widgets.screen_fit import FRAME_ALLOWANCE, available_geometry, fit_window
from tests.ui.screen_probe import LANGUAGE_ENV
from tests.ui.xvfb import private_xvfb

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
EXPECTED_VIEWS = {
    *(f"main_{n}" for n in range(1, 8)),
    "main_0_empty_dashboard",
    "wizard_1_select_sku",
    "wizard_2_production_run",
    "wizard_3_configuration_serial",
    "wizard_3b_configuration_list",
    "wizard_3c_configuration_lots",
    "wizard_4_review_submit",
    *(f"settings_{n}" for n in range(1, 5)),
    "first_run",
    "print_dialog",
    "template_editor",
}

pytestmark = pytest.mark.slow


def run_probe(env: dict[str, str], tmp: Path, shots: str = "", suffix: str = "") -> list[Any]:
    out = tmp / "probe.json"
    args = [sys.executable, "-m", "tests.ui.screen_probe", str(out)]
    if shots:
        args += [shots, suffix]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("QT_") and k != LANGUAGE_ENV}
    result = subprocess.run(
        args,
        check=False,
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    views: list[Any] = json.loads(out.read_text(encoding="utf-8"))
    return views


def assert_fits(views: list[Any], screen: list[int]) -> None:
    names = {v["name"] for v in views}
    assert names >= EXPECTED_VIEWS  # every place (new ones too), dialog and wizard page
    assert all(name in EXPECTED_VIEWS or name.startswith("main_") for name in names)
    for view in views:
        assert view["screen"] == screen, view["name"]
        assert view["outside"] == [], view["name"]
        assert view["horizontal_bars"] == [], view["name"]
        assert view["clipped_groups"] == [], view["name"]
    # Every dialog and wizard page has its buttons (a probe that saw none proves nothing).
    assert all(v["buttons"] >= 2 for v in views if not v["name"].startswith("main_"))


def offscreen_env(tmp: Path, width: int, height: int) -> dict[str, str]:
    config = tmp / "screen.json"
    screen = {"name": "probe", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}


def test_everything_fits_1024x768(tmp_path: Path) -> None:
    views = run_probe(offscreen_env(tmp_path, 1024, 768), tmp_path, str(SCREENSHOTS), "1024x768")
    assert_fits(views, [0, 0, 1024, 768])
    assert (SCREENSHOTS / "main_1_1024x768.png").stat().st_size > 10_000


def test_everything_fits_1024x768_in_german(tmp_path: Path) -> None:
    """German labels are a third longer: the same windows must still fit."""
    env = offscreen_env(tmp_path, 1024, 768) | {LANGUAGE_ENV: "de"}
    views = run_probe(env, tmp_path, str(SCREENSHOTS), "1024x768_de")
    assert_fits(views, [0, 0, 1024, 768])


def test_everything_fits_1920x1080_at_150_percent(tmp_path: Path) -> None:
    env = offscreen_env(tmp_path, 1920, 1080) | {"QT_SCALE_FACTOR": "1.5"}
    views = run_probe(env, tmp_path, str(SCREENSHOTS), "1920x1080_150")
    # 150 % of 1920×1080 leaves 1280×720 logical pixels: less height than 1024×768.
    assert_fits(views, [0, 0, 1280, 720])


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A real X server at 1024×768 for this test only (stopped afterwards)."""
    with private_xvfb("1024x768") as display:
        yield display


def test_everything_fits_a_real_x_server_at_1024x768(tmp_path: Path, xvfb_display: str) -> None:
    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    views = run_probe(env, tmp_path)
    assert_fits(views, [0, 0, 1024, 768])
    # The frame geometry the X server holds, not only Qt's idea of it.
    for view in views:
        x, y, width, height = view["frame"]
        assert x >= 0 and y >= 0 and x + width <= 1024 and y + height <= 768, view["name"]


def test_window_remembers_the_operators_size_within_the_screen(qtbot: QtBot) -> None:
    screen = available_geometry()
    first = QWidget()
    qtbot.addWidget(first)
    size = fit_window(first, QSize(5000, 5000), key="probe")
    assert size.width() <= screen.width() - FRAME_ALLOWANCE.width()
    assert size.height() <= screen.height() - FRAME_ALLOWANCE.height()
    first.show()
    first.resize(500, 400)
    first.close()
    assert Preferences().window_size("probe") == QSize(500, 400)
    again = QWidget()
    qtbot.addWidget(again)
    assert fit_window(again, QSize(900, 700), key="probe") == QSize(500, 400)
    assert screen.contains(again.geometry())
