"""A killed minting process, and two processes minting one GTIN at once on PostgreSQL."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli.main import main as cli_main
from tests.conftest import SAMPLE_PRODUCTS
from tests.minting.conftest import READY_SKU

ROOT = Path(__file__).resolve().parents[2]
QUANTITY = 100_000
KILL_QUANTITY = 300_000


def prepare_home(home: Path) -> None:
    args = ["--home", str(home)]
    assert cli_main([*args, "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    assert cli_main([*args, "template", "publish"]) == 0
    assert cli_main([*args, "brand", "set", "--name", "Acme", "--domain", "id.acme.example"]) == 0


def start_mint(
    home: Path, *extra: str, db: str | None = None, quantity: int = QUANTITY
) -> subprocess.Popen[str]:
    cmd = [sys.executable, "main.py", "--home", str(home)]
    if db:
        cmd += ["--db", db]
    cmd += ["mint", "--sku", READY_SKU, "--quantity", str(quantity), *extra]
    return subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_progress(proc: subprocess.Popen[str], done: int) -> None:
    """Read the progress bar (plain lines off a terminal) until ``done`` units are committed."""
    assert proc.stderr is not None
    while True:
        line = proc.stderr.readline()
        assert line, "the minting process ended before the kill point"
        match = re.search(r"([0-9,]+)/[0-9,]+ units", line)
        if match and int(match.group(1).replace(",", "")) >= done:
            return


def wait_for_status(db_path: Path, status: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=5) as conn:
                    row = conn.execute("SELECT status FROM mint_batch").fetchone()
                if row and row[0] == status:
                    return
            except sqlite3.OperationalError:
                pass
        time.sleep(0.01)
    raise AssertionError(f"batch never reached {status}")


@pytest.mark.parametrize("kill_at", [0, 20_000, 100_000])
def test_sigkill_then_restart_completes_exactly(tmp_path: Path, kill_at: int) -> None:
    home = tmp_path / "home"
    prepare_home(home)
    db_path = home / "mintstation.db"
    proc = start_mint(home, "--serials", "numeric", quantity=KILL_QUANTITY)
    if kill_at == 0:
        wait_for_status(db_path, "processing")
    else:
        wait_for_progress(proc, kill_at)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with sqlite3.connect(db_path) as conn:
        minted_at_kill = conn.execute("SELECT minted_count FROM mint_batch").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM token").fetchone()[0] == minted_at_kill
    assert kill_at <= minted_at_kill < KILL_QUANTITY
    worker = subprocess.run(
        [sys.executable, "main.py", "--home", str(home), "worker"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, distinct, low, high = conn.execute(
            "SELECT count(*), count(DISTINCT serial), min(id), max(id) FROM token"
        ).fetchone()
        status, minted = conn.execute("SELECT status, minted_count FROM mint_batch").fetchone()
    assert (status, minted) == ("minted", KILL_QUANTITY)
    assert count == distinct == KILL_QUANTITY
    assert high - low + 1 == KILL_QUANTITY  # no gap


def test_two_processes_mint_one_gtin_on_postgres(
    tmp_path: Path, pg_schema_url: tuple[str, str]
) -> None:
    url, schema = pg_schema_url
    db_url = f"{url}?options=-csearch_path%3D{schema}"
    prepare_home_args = ["--home", str(tmp_path / "a"), "--db", db_url]
    assert cli_main([*prepare_home_args, "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    assert cli_main([*prepare_home_args, "template", "publish"]) == 0
    assert (
        cli_main([*prepare_home_args, "brand", "set", "--name", "A", "--domain", "a.example"]) == 0
    )
    procs = [
        start_mint(tmp_path / "a", "--serials", "numeric", db=db_url),
        start_mint(tmp_path / "b", "--serials", "numeric", db=db_url),
        start_mint(tmp_path / "c", "--serials", "sequential", db=db_url),
        start_mint(tmp_path / "d", "--serials", "sequential", db=db_url),
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    engine = sa.create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    with engine.connect() as conn:
        count, distinct = conn.execute(
            sa.text("SELECT count(*), count(DISTINCT (gtin, serial)) FROM token")
        ).one()
        statuses = conn.execute(sa.text("SELECT status FROM mint_batch")).scalars().all()
    engine.dispose()
    assert statuses == ["minted"] * 4
    assert count == distinct == 4 * QUANTITY
