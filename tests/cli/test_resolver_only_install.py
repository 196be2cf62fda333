"""``mint-station`` in an install with only the ``[resolver]`` extra: one line, exit 2.

The desktop's modules are made unimportable with a meta-path blocker loaded through
``sitecustomize``, so the real program runs in a real interpreter as it would there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.errors import EXIT_REFUSED, missing_desktop_part

ROOT = Path(__file__).resolve().parents[2]
BLOCKER = """
import sys

BLOCKED = {blocked!r}


class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, _Blocker())
"""
PROGRAM = "import sys; from app.cli.main import main; sys.exit(main())"
# main.py itself, as `python main.py` runs it (the window when no command is given).
MAIN_PY = (
    "import runpy, sys; sys.argv[0] = 'main.py'; "
    f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')"
)


def _run(
    tmp_path: Path,
    blocked: set[str],
    *args: str,
    program: str = PROGRAM,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER.format(blocked=blocked), encoding="utf-8")
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), **(env or {})}
    environ["MINTSTATION_HOME"] = str(tmp_path / "home")
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [["products", "list"], ["--version"], []])
def test_without_platformdirs_it_says_what_to_install_in_one_line(
    tmp_path: Path, args: list[str]
) -> None:
    result = _run(tmp_path, {"platformdirs"}, *args)
    assert result.returncode == EXIT_REFUSED, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "platformdirs is missing" in lines[0]
    assert "pip install '.[desktop]'" in lines[0]
    assert "mintstation-resolver" in lines[0]


@pytest.mark.parametrize(
    ("blocked", "args"),
    [
        ({"platformdirs"}, []),
        ({"platformdirs"}, ["products", "list"]),
        ({"PySide6", "shiboken6"}, []),
        ({"PySide6", "shiboken6"}, ["--self-test"]),
    ],
)
def test_main_py_says_it_in_one_line_too(
    tmp_path: Path, blocked: set[str], args: list[str]
) -> None:
    """``python main.py`` (the window, the self-test or a command) in a resolver-only install."""
    # A display named, so the window's way gets past the preflight to its imports.
    display = {"DISPLAY": os.environ.get("DISPLAY", ":0")}
    result = _run(tmp_path, blocked, *args, program=MAIN_PY, env=display)
    assert result.returncode == EXIT_REFUSED, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "is missing" in lines[0]
    assert "pip install '.[desktop]'" in lines[0]


def test_the_blocker_is_what_makes_it_refuse(tmp_path: Path) -> None:
    """The same run with an unrelated module blocked: the program works (the control)."""
    result = _run(tmp_path, {"no_such_module_here"}, "--version")
    assert result.returncode == 0, result.stderr
    assert "Mint Station" in result.stdout


def test_a_missing_module_outside_the_desktop_extra_is_not_explained_away() -> None:
    assert missing_desktop_part(ModuleNotFoundError("x", name="platformdirs")) is not None
    assert missing_desktop_part(ModuleNotFoundError("x", name="PySide6.QtCore")) is not None
    assert missing_desktop_part(ModuleNotFoundError("x", name="sqlalchemy")) is None
    assert missing_desktop_part(ModuleNotFoundError("x")) is None
