from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import SAMPLE_PRODUCTS

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_and_brand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, tmp_path, "products", "import", str(SAMPLE_PRODUCTS))
    assert code == 0
    assert "20 product(s) added" in out
    code, out, _ = run_cli(capsys, tmp_path, "template", "publish")
    assert code == 0
    code, out, _ = run_cli(capsys, tmp_path, "products", "list", "--ready", "--json")
    ready = json.loads(out)
    assert ready
    assert all(p["ready"] for p in ready)
    code, out, _ = run_cli(
        capsys,
        tmp_path,
        "brand",
        "set",
        "--name",
        "Acme Tools",
        "--domain",
        "id.acme.example",
        "--gcp",
        "9506000",
        "--gs1-ready",
        "yes",
        "--logo-in-bundles",
        "no",
    )
    assert code == 0
    code, out, _ = run_cli(capsys, tmp_path, "brand", "show", "--json")
    brand = json.loads(out)
    assert brand["resolver_domain"] == "id.acme.example"
    assert brand["company_prefix_length"] == 7


def test_bad_csv_is_reported_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,gtin,commercial_status\nX,Drill,09506000001013,active\n")
    code, _, err = run_cli(capsys, tmp_path, "products", "import", str(bad))
    assert code == 2  # the README: refused input exits 2
    assert "nothing was imported" in err
    assert "line 2, column 9, gtin" in err
    assert "check digit" in err


def test_bad_domain_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, tmp_path, "brand", "set", "--domain", "http://x/y")
    assert code == 2
    assert "domain" in err


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, tmp_path, "products", "import", str(tmp_path / "none.csv"))
    assert code == 2
    assert "cannot read" in err


def test_real_process_with_env_home(tmp_path: Path) -> None:
    env = {**os.environ, "MINTSTATION_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "main.py", "products", "import", str(SAMPLE_PRODUCTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "home" / "mintstation.db").exists()
