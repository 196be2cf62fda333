"""`export`, `exports list` and `exports sweep` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from tests.cli.test_minting_cli import cli
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home


def minted_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    prepare_home(tmp_path)
    code, _out, err = cli(capsys, tmp_path, "mint", "--sku", READY_SKU, "--quantity", "12")
    assert code == 0, err
    code, out, _err = cli(capsys, tmp_path, "batches", "list", "--json")
    batch_id: str = json.loads(out)[0]["id"]
    return batch_id


def test_export_reports_each_pack_and_resumes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch_id = minted_home(tmp_path, capsys)
    code, out, err = cli(capsys, tmp_path, "export", batch_id, "--kind", "qr-bundle")
    assert code == 0, err
    pack = tmp_path / "exports" / batch_id / "qr-bundle" / "pack-0001.zip"
    assert "pack 1/1 ready" in out and str(pack) in out and "(made now)" in out
    code, out, _err = cli(capsys, tmp_path, "export", batch_id, "--kind", "qr-bundle", "--json")
    result = json.loads(out)
    assert (result["outcome"], result["generated"]) == ("completed", [])
    assert result["job"]["status"] == "ready"
    assert result["job"]["packs"][0]["path"] == str(pack)

    other = tmp_path / "elsewhere"
    code, out, _err = cli(
        capsys, tmp_path, "export", batch_id, "--kind", "csv", "--out", str(other)
    )
    assert code == 0
    assert (other / batch_id / "csv" / "pack-0001" / "manifest.csv").is_file()

    code, out, _err = cli(capsys, tmp_path, "exports", "list", "--batch", batch_id, "--json")
    jobs = json.loads(out)
    assert [(j["kind"], j["status"], j["expired"]) for j in jobs] == [
        ("csv", "completed", False),
        ("qr-bundle", "ready", False),
    ]
    code, out, _err = cli(capsys, tmp_path, "exports", "list")
    assert "qr-bundle" in out and "1/1 packs" in out
    code, out, _err = cli(capsys, tmp_path, "exports", "sweep")
    assert code == 0 and "0 pack file(s)" in out
    assert cli(capsys, tmp_path, "kpis", "--json")[1].count('"exported_printed": 2') == 1


def test_export_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    minted_home(tmp_path, capsys)
    code, _out, err = cli(capsys, tmp_path, "export", "42", "--kind", "csv")
    assert code == 2
    assert "error: no batch 42: nothing to export" in err
    with pytest.raises(SystemExit):
        main(["--home", str(tmp_path), "export", "1", "--kind", "pdf"])
