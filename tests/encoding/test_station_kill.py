"""A station process killed mid-run (SIGKILL) and started again: no unit encoded twice.

The printer simulator runs here, on a pty, and outlives the station process, as a printer
outlives the computer driving it: labels already sent go on printing after the kill.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app.cli.main import main as cli_main
from app.devices.sim.zpl_engine import ZplPrinterEngine
from app.devices.sim.zpl_server import PtyPrinter
from app.encoding.rfid_station import RECOVERED
from tests.conftest import SAMPLE_PRODUCTS
from tests.minting.conftest import READY_SKU

ROOT = Path(__file__).resolve().parents[2]
UNITS = 300


def prepare(home: Path) -> str:
    args = ["--home", str(home)]
    assert cli_main([*args, "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    assert cli_main([*args, "template", "publish"]) == 0
    assert (
        cli_main(
            [
                *args,
                "brand",
                "set",
                "--name",
                "Acme",
                "--domain",
                "id.acme.example",
                "--gcp",
                "9506000",
            ]
        )
        == 0
    )
    assert (
        cli_main(
            [*args, "mint", "--sku", READY_SKU, "--quantity", str(UNITS), "--serials", "numeric"]
        )
        == 0
    )
    with sqlite3.connect(home / "mintstation.db") as conn:
        return str(conn.execute("SELECT uid FROM mint_batch").fetchone()[0])


def station(home: Path, device: str, batch: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "main.py", "--home", str(home), "station", "rfid"]
    cmd += ["--device", device, "--batch", batch, "--reply-timeout", "3", "--window", "6"]
    return subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_progress(proc: subprocess.Popen[str], done: int) -> int:
    assert proc.stderr is not None
    while True:
        line = proc.stderr.readline()
        assert line, "the station ended before the kill point"
        match = re.search(r"([0-9,]+)/[0-9,]+ units", line)
        if match and int(match.group(1).replace(",", "")) >= done:
            return int(match.group(1).replace(",", ""))


@pytest.mark.slow
def test_sigkill_then_restart_encodes_each_unit_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    batch = prepare(home)
    engine = ZplPrinterEngine(label_time_s=0.004)
    with PtyPrinter(engine) as printer:
        proc = station(home, printer.path, batch)
        seen = wait_for_progress(proc, 80)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        printed_at_kill = len(engine.labels)
        restart = station(home, printer.path, batch)
        out, err = restart.communicate(timeout=120)
        assert restart.returncode == 0, err
    assert seen <= printed_at_kill < UNITS
    with sqlite3.connect(home / "mintstation.db") as conn:
        per_unit = Counter(
            key
            for (key,) in conn.execute("SELECT token_key FROM encoding_record WHERE result = 'ok'")
        )
        recovered = conn.execute(
            "SELECT count(*) FROM encoding_record WHERE reason = ?", (RECOVERED,)
        ).fetchone()[0]
        claims = conn.execute("SELECT count(*) FROM encoding_claim").fetchone()[0]
        audit_ok = conn.execute(
            "SELECT count(*) FROM audit_event WHERE entity_type = 'token'"
        ).fetchone()[0]
    assert len(per_unit) == UNITS and set(per_unit.values()) == {1}  # every unit, once
    assert Counter(engine.encoded).most_common(1)[0][1] == 1  # no inlay encoded twice either
    assert len(engine.encoded) == UNITS
    assert claims == 0 and audit_ok == UNITS
    assert "finished: 300 of 300" in out
    print(
        f"killed at {seen} reported, {printed_at_kill} printed; {recovered} recovered from the log"
    )
