"""The launch preflight: a missing xcb library or no display gives one message, not Qt's abort.

Each case runs ``main.py`` in a child process whose environment breaks one thing: a stub
``libxcb-cursor.so.0`` (not a library at all) first on ``LD_LIBRARY_PATH``, or no DISPLAY.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.preflight import EXIT_NO_DISPLAY, PACKAGES, check, elf_needed, qt_dir

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the xcb platform is Linux's")


def run_main(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    base.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "main.py", "--home", str(tmp_path / "home")],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_plugin_needs_what_the_table_knows() -> None:
    qt = qt_dir()
    assert qt is not None
    needed = elf_needed(qt / "plugins" / "platforms" / "libqxcb.so")
    assert "libxcb-cursor.so.0" in needed
    assert "libxcb-icccm.so.4" in needed
    system = [
        n for n in needed if not n.startswith(("libQt6", "libc.", "libm.", "libstdc++", "libgcc"))
    ]
    assert [n for n in system if n not in PACKAGES] == []


def test_an_unloadable_libxcb_cursor_is_named_with_the_install_commands(tmp_path: Path) -> None:
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "libxcb-cursor.so.0").write_bytes(b"not a shared library\n")
    result = run_main({"LD_LIBRARY_PATH": str(stub), "DISPLAY": ":0"}, tmp_path)
    assert result.returncode == EXIT_NO_DISPLAY
    assert result.returncode > 0
    err = result.stderr
    assert "libxcb-cursor.so.0" in err
    assert "sudo apt install libxcb-cursor0" in err
    assert "sudo dnf install xcb-util-cursor" in err
    assert "Traceback" not in err and "Aborted" not in err and "core dumped" not in err
    assert "libxcb-icccm" not in err  # only what is missing is named
    assert not (tmp_path / "home").exists()  # stopped before opening anything


def test_no_display_points_to_the_headless_subcommands(tmp_path: Path) -> None:
    result = run_main({}, tmp_path)
    assert result.returncode == EXIT_NO_DISPLAY
    assert "no display (DISPLAY is not set)" in result.stderr
    assert "--help` lists the headless subcommands" in result.stderr
    assert "Traceback" not in result.stderr


def test_offscreen_and_other_platforms_are_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert check().ok


def test_xcb_with_everything_installed_but_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    result = check()
    assert result.missing == {}  # this machine has the xcb libraries (CI installs them)
    assert result.display_problem is not None
    assert "Debian/Ubuntu" not in result.message("mintstation")
