"""The exporters' pool workers end when the program that started them is killed (SIGKILL)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from app.cli.main import main as cli_main
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home

ROOT = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    left = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            left.add(pid)
    return left


def wait_gone(pids: set[int], seconds: float = 5.0) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


def test_a_busy_worker_dies_with_its_killed_parent(tmp_path: Path) -> None:
    """A worker in the middle of a long task: without the death signal it would run on."""
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            sys.path.insert(0, sys.argv[1])
            from app.exports.process_pool import spawn_pool

            if __name__ == "__main__":
                pool = spawn_pool(2)
                futures = [pool.submit(time.sleep, 120) for _ in range(2)]
                print("busy", flush=True)
                time.sleep(120)
            """
        )
    )
    proc = subprocess.Popen(
        [sys.executable, str(script), str(ROOT)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "busy"
        deadline = time.monotonic() + 30
        while len(children_of(proc.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        kids = children_of(proc.pid)
        assert len(kids) >= 3, "expected two workers and the resource tracker"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert wait_gone(kids) == set()


def test_sigkill_of_a_qr_bundle_export_leaves_no_process(tmp_path: Path) -> None:
    home = tmp_path / "home"
    prepare_home(home)
    assert cli_main(["--home", str(home), "brand", "set", "--gcp", "9506000"]) == 0
    args = ["--home", str(home), "mint", "--sku", READY_SKU, "--quantity", "6000"]
    assert cli_main([*args, "--serials", "sequential"]) == 0
    with sqlite3.connect(home / "mintstation.db") as conn:
        uid = conn.execute("SELECT uid FROM mint_batch").fetchone()[0]
    cmd = [sys.executable, "main.py", "--home", str(home), "export", uid, "--kind", "qr-bundle"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    kids: set[int] = set()
    try:
        assert proc.stderr is not None
        # Mid-way: codes are being rendered (the bar moved) and the pool is up.
        while True:
            line = proc.stderr.readline()
            assert line, "the export ended before the kill point"
            match = re.search(r"([0-9,]+)/[0-9,]+ units", line)
            kids |= children_of(proc.pid)
            if match and int(match.group(1).replace(",", "")) > 0 and len(kids) >= 2:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert kids, "the export started no worker process"
    assert wait_gone(kids) == set()
