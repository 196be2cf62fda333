"""The real application on the real X11 platform (``xcb``), under an Xvfb of the test's own.

Not offscreen: this is what an operator's desktop runs. The test starts Xvfb on a free
display number (``-displayfd``), starts ``main.py`` with ``QT_QPA_PLATFORM=xcb``, waits for
the main window to be mapped, quits it with its own shortcut (Ctrl+Q) and expects a clean
exit; Xvfb is stopped afterwards. CI installs Xvfb and xdotool (.ci/run); elsewhere the test
skips without them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.minting.test_faults import prepare_home
from tests.ui.xvfb import need_tool, private_xvfb

ROOT = Path(__file__).resolve().parents[2]
TITLE = "^Mint Station"


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY (":N")."""
    with private_xvfb("1280x800") as display:
        yield display


def _xdotool(display: str, *args: str, timeout: float = 60) -> str:
    result = subprocess.run(
        [need_tool("xdotool"), *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout.strip()


def test_the_main_window_opens_on_xcb_and_quits_cleanly(xvfb: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    prepare_home(home)  # a configured station: no first-run dialog in front of the window
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, "main.py", "--home", str(home)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = _xdotool(xvfb, "search", "--sync", "--onlyvisible", "--name", TITLE)
        window = window.splitlines()[0]
        assert _xdotool(xvfb, "getwindowname", window).startswith("Mint Station")
        geometry = _xdotool(xvfb, "getwindowgeometry", window)
        assert "Geometry:" in geometry
        _xdotool(xvfb, "windowfocus", "--sync", window)
        _xdotool(xvfb, "key", "--clearmodifiers", "ctrl+q")
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "Aborted" not in err and "could not" not in err.lower(), err
