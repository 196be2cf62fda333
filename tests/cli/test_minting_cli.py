from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_mint_list_show_revoke_kpis_audit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prepare_home(tmp_path)
    capsys.readouterr()
    code, out, err = cli(
        capsys,
        tmp_path,
        "mint",
        "--sku",
        READY_SKU,
        "--quantity",
        "25",
        "--serials",
        "sequential",
        "--serial-prefix",
        "A",
        "--json",
    )
    assert code == 0, err
    result = json.loads(out[out.index("{") :])
    assert result["minted"] == 25
    assert "tokens" not in err or "25/25" in err
    code, out, _ = cli(capsys, tmp_path, "batches", "list", "--json")
    batches = json.loads(out)
    batch_id = batches[0]["id"]
    code, out, _ = cli(
        capsys, tmp_path, "tokens", "list", "--batch", batch_id, "--limit", "10", "--json"
    )
    tokens = json.loads(out)
    assert [t["serial"] for t in tokens] == [f"A{i:08d}" for i in range(1, 11)]
    code, out, _ = cli(
        capsys,
        tmp_path,
        "tokens",
        "list",
        "--batch",
        batch_id,
        "--after",
        tokens[-1]["token_id"],
        "--json",
    )
    assert json.loads(out)[0]["serial"] == "A00000011"
    code, out, _ = cli(capsys, tmp_path, "tokens", "revoke", tokens[0]["token_id"], "--reason", "x")
    assert code == 0
    code, out, _ = cli(capsys, tmp_path, "kpis", "--json")
    assert json.loads(out) == {
        "total_tokens_minted": 25,
        "active_tokens": 24,
        "batches_created": 1,
        "exported_printed": 0,
    }
    code, out, _ = cli(capsys, tmp_path, "audit", "verify")
    assert code == 0
    assert "intact" in out
    code, out, _ = cli(capsys, tmp_path, "batches", "show", batch_id)
    assert "minted" in out


def test_detach_then_worker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prepare_home(tmp_path)
    code, out, _ = cli(capsys, tmp_path, "mint", "--sku", READY_SKU, "--quantity", "5", "--detach")
    assert code == 0
    assert "queued" in out
    code, out, _ = cli(capsys, tmp_path, "worker")
    assert code == 0
    assert "minted: 5" in out


def test_lot_mode_and_byo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prepare_home(tmp_path)
    code, _, err = cli(
        capsys,
        tmp_path,
        "mint",
        "--sku",
        READY_SKU,
        "--quantity",
        "7",
        "--mode",
        "lot",
        "--lot",
        "L1:3:10",
        "--lot",
        "L2:4::2027-01-31",
    )
    assert code == 0, err
    byo = tmp_path / "serials.csv"
    byo.write_text('serial\nB-1\n"B,2"\nB-1\nbad serial\n')
    code, _, err = cli(
        capsys, tmp_path, "mint", "--sku", READY_SKU, "--quantity", "4", "--serials", str(byo)
    )
    assert code == 2
    assert "line 4" in err
    assert "line 5" in err


def test_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prepare_home(tmp_path)
    code, _, err = cli(capsys, tmp_path, "mint", "--sku", "ACM-SND-ORB", "--quantity", "5")
    assert code == 2
    assert "not ready to mint" in err
    code, _, err = cli(capsys, tmp_path, "mint", "--sku", READY_SKU, "--quantity", "0")
    assert code == 2
    assert "quantity" in err
    code, _, err = cli(capsys, tmp_path, "batches", "show", "42")
    assert code == 2
    assert "no batch 42" in err
