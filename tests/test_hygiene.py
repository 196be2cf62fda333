"""The test suite's own rules hold: an exception in a test's thread fails that test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

THREAD_FAILS = """
import threading


def test_operator_thread_asserts() -> None:
    def operator() -> None:
        assert 1 == 2, "seen only as a warning unless the configuration makes it an error"

    helper = threading.Thread(target=operator)
    helper.start()
    helper.join()
"""


def test_an_unhandled_thread_exception_fails_the_test(tmp_path: Path) -> None:
    (tmp_path / "test_thread.py").write_text(THREAD_FAILS)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_thread.py"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout
    assert "1 failed" in done.stdout
