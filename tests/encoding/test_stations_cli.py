"""`main.py devices list` and `main.py station nfc|rfid` (with the built-in simulators)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main as cli_main
from tests.conftest import SAMPLE_PRODUCTS
from tests.minting.conftest import READY_SKU


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    args = ["--home", str(home)]
    assert cli_main([*args, "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    assert cli_main([*args, "template", "publish"]) == 0
    brand = ["brand", "set", "--name", "Acme", "--domain", "id.acme.example", "--gcp", "9506000"]
    assert cli_main([*args, *brand]) == 0
    mint = ["mint", "--sku", READY_SKU, "--quantity", "25", "--serials", "numeric"]
    assert cli_main([*args, *mint]) == 0
    return home


def batch_uid(home: Path) -> str:
    with sqlite3.connect(home / "mintstation.db") as conn:
        return str(conn.execute("SELECT uid FROM mint_batch").fetchone()[0])


def encoded(home: Path, kind: str) -> int:
    with sqlite3.connect(home / "mintstation.db") as conn:
        query = (
            "SELECT count(DISTINCT token_key) FROM encoding_record WHERE kind = ? AND result = 'ok'"
        )
        return int(conn.execute(query, (kind,)).fetchone()[0])


def test_devices_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["devices", "list"]) == 0
    out, err = capsys.readouterr()
    assert "socket://HOST:9100" in err
    # Either a reader is listed, or the operator is told why none is (libusb missing, none found).
    assert "nfc" in out or "libusb" in err or "no NFC reader" in err or "no NFC readers" in out


def test_station_nfc_and_rfid_simulated(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--home", str(home), "station"]
    batch = batch_uid(home)
    assert cli_main([*args, "nfc", "--simulate", "--batch", batch, "--count", "10", "--lock"]) == 0
    assert encoded(home, "nfc") == 10
    assert cli_main([*args, "nfc", "--simulate", "--batch", batch]) == 0
    assert encoded(home, "nfc") == 25
    assert cli_main([*args, "rfid", "--simulate", "--batch", batch, "--pack", "0"]) == 0
    assert encoded(home, "rfid") == 25
    out, _ = capsys.readouterr()
    assert "finished: 25 of 25 unit(s) encoded" in out


def test_station_refuses_clearly(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--home", str(home), "station"]
    batch = batch_uid(home)
    assert cli_main([*args, "nfc", "--batch", batch]) == 2
    assert "--device" in capsys.readouterr().err
    assert cli_main([*args, "rfid", "--simulate", "--batch", batch, "--pack", "3"]) == 2
    assert "pack 3 does not exist" in capsys.readouterr().err
    assert cli_main([*args, "nfc", "--device", "usb", "--batch", batch]) == 2
    assert "hint:" in capsys.readouterr().err
    assert cli_main([*args, "rfid", "--device", "/dev/nonexistent-tty", "--batch", batch]) == 2
    assert "cannot open the printer" in capsys.readouterr().err
