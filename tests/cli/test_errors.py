"""The CLI's one error boundary: a clear line naming what and where, never a traceback."""

from __future__ import annotations

import argparse
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.errors import EXIT_BUG, run_guarded
from app.cli.main import main
from app.storage.migrate import APP_VERSION_COUNTER, encode_version
from tests.cli.filesystems import fill, read_only_view, tmpfs
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home

ROOT = Path(__file__).resolve().parents[2]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_newer_schema_names_the_app_version_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--home", str(tmp_path), "batches", "list")[0] == 0
    with sqlite3.connect(tmp_path / "mintstation.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute(
            "INSERT OR REPLACE INTO counter (name, value) VALUES (?, ?)",
            (APP_VERSION_COUNTER, encode_version("7.2.0")),
        )
    code, _, err = cli(capsys, "--home", str(tmp_path), "batches", "list")
    assert code == 2
    line = _one_line(err)
    assert "schema revision 0099" in line and "needs Mint Station 7.2.0" in line
    assert str(tmp_path / "mintstation.db") in line


def test_migrating_records_the_app_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "--home", str(tmp_path), "kpis")[0] == 0
    with sqlite3.connect(tmp_path / "mintstation.db") as conn:
        (value,) = conn.execute(
            "SELECT value FROM counter WHERE name = ?", (APP_VERSION_COUNTER,)
        ).fetchone()
    from app import __version__

    assert value == encode_version(__version__)


@pytest.mark.parametrize("url", ["mysql://user@db.example/station", "nosuch://x/y"])
def test_unsupported_database_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, _, err = cli(capsys, "--home", str(tmp_path), "--db", url, "batches", "list")
    assert code == 2
    assert "databases are not supported" in _one_line(err)


def test_read_only_home_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(tmp_path / "ro", read_only=True) as ro:
        code, _, err = cli(capsys, "--home", str(ro / "station"), "batches", "list")
    assert code == 2
    line = _one_line(err)
    assert str(ro / "station") in line and "read-only" in line


def test_read_only_database_names_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare_home(tmp_path / "home")
    capsys.readouterr()
    with read_only_view(tmp_path / "home", tmp_path / "ro") as home:
        code, _, err = cli(
            capsys, "--home", str(home), "mint", "--sku", READY_SKU, "--quantity", "5"
        )
    assert code == 2
    line = _one_line(err)
    assert str(tmp_path / "ro" / "mintstation.db") in line


def test_full_disk_while_minting_names_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "home", size_kb=32768) as home:
        prepare_home(home)
        args = ["--home", str(home), "mint", "--sku", READY_SKU, "--detach", "--quantity"]
        assert cli(capsys, *args, "20000")[0] == 0
        fill(home)
        code, _, err = cli(capsys, "--home", str(home), "worker")
    assert code in (1, 2)
    assert "full" in err and str(home / "mintstation.db") in err


def test_broken_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    def handler(_args: argparse.Namespace) -> int:
        print("a line nobody reads")
        return 0

    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    monkeypatch.setattr(sys, "stderr", err)
    assert run_guarded(handler, argparse.Namespace()) == 0
    assert err.getvalue() == ""


def test_broken_pipe_in_a_real_pipeline(tmp_path: Path) -> None:
    prepare_home(tmp_path)
    assert main(["--home", str(tmp_path), "mint", "--sku", READY_SKU, "--quantity", "20000"]) == 0
    script = (
        f"{sys.executable} main.py --home {tmp_path} tokens list --batch 1 --limit 20000"
        f" 2>{tmp_path / 'err.txt'} | head -1"
    )
    done = subprocess.run(
        ["sh", "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.stdout.count("\n") == 1
    assert (tmp_path / "err.txt").read_text() == ""


def test_a_bug_is_one_line_and_a_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)

    def handler(_args: argparse.Namespace) -> int:
        raise RuntimeError("boom\nsecond line")

    assert run_guarded(handler, argparse.Namespace()) == EXIT_BUG
    line = _one_line(capsys.readouterr().err)
    assert "internal error (RuntimeError: boom)" in line
    reports = list(tmp_path.glob("mintstation-crash-*.txt"))
    assert len(reports) == 1 and "Traceback" in reports[0].read_text()
