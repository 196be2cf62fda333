"""The real round trip: print to CUPS's PDF queue, read the codes back from the PDFs with
zxing-cpp, and scan them into `main.py verify` (stdin and TCP) as a scanner would."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage.db import Database, open_database
from tests.conftest import prepare_station
from tests.printing.conftest import CupsPdf, decode_pdf, mint_serials

ROOT = Path(__file__).resolve().parents[2]
URL = "https://id.acme.example/01/09506000001012/21/A{:08d}"


def _main(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )


def _printed(cups_pdf: CupsPdf, tmp_path: Path) -> tuple[str, str, list[str]]:
    """A 12-unit pack on an A4 4x10 sheet and unit 3 again on a roll label (a reprint);
    returns (database URL, batch, the decoded codes in print order)."""
    url = f"sqlite:///{tmp_path / 'station.db'}"
    db: Database = open_database(url)
    prepare_station(db)
    batch = mint_serials(db, 20)
    db.dispose()
    before = cups_pdf.files()
    done = _main(
        url,
        "print",
        batch,
        "--printer",
        cups_pdf.queue,
        "--template",
        "a4-4x10",
        "--first",
        "1",
        "--count",
        "12",
    )
    assert done.returncode == 0, done.stderr
    assert "completed, 12 label(s) sent" in done.stdout
    again = _main(url, "print", batch, "--printer", cups_pdf.queue, "--first", "3", "--count", "1")
    assert again.returncode == 2
    assert "printed before" in again.stderr and "--reprint --reason" in again.stderr
    reprint = _main(
        url,
        "print",
        batch,
        "--printer",
        cups_pdf.queue,
        "--template",
        "roll-50x25",
        "--first",
        "3",
        "--count",
        "1",
        "--reprint",
        "--reason",
        "torn label",
    )
    assert reprint.returncode == 0, reprint.stderr
    pdfs = cups_pdf.wait_for(before, 2, batch=batch)
    codes = [code for pdf in pdfs for code in decode_pdf(pdf, tmp_path)]
    return url, batch, codes


@pytest.mark.slow
def test_print_decode_and_verify_through_the_cli(cups_pdf: CupsPdf, tmp_path: Path) -> None:
    url, batch, codes = _printed(cups_pdf, tmp_path)
    assert codes == [URL.format(n) for n in range(1, 13)] + [URL.format(3)]
    scans = [code for code in codes if code != URL.format(7)]  # unit 7's label is skipped
    done = _main(url, "verify", batch, "--json", stdin="\n".join(scans) + "\n")
    assert done.returncode == 1, done.stderr  # the duplicate raised an alarm
    result = json.loads(done.stdout)
    assert {k: result[k] for k in ("verified", "duplicate", "not_printed", "unreadable")} == {
        "verified": 11,
        "duplicate": 1,
        "not_printed": 0,
        "unreadable": 0,
    }
    assert result["never_verified"] == [{"unit": 7, "serial": "A00000007"}]
    assert "DUPLICATE" in done.stderr and "unit 3" in done.stderr

    # the run survives: scanning unit 7 later completes it
    later = _main(url, "verify", batch, stdin=URL.format(7) + "\n")
    assert later.returncode == 0, later.stderr
    assert "continued" in later.stderr
    assert "verified: 12" in later.stdout and "every printed unit is verified" in later.stdout


@pytest.mark.slow
def test_fixed_mount_scanners_over_tcp(cups_pdf: CupsPdf, tmp_path: Path) -> None:
    url, batch, codes = _printed(cups_pdf, tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            url,
            "verify",
            batch,
            "--json",
            "--listen",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stderr is not None
        line = ""
        deadline = time.monotonic() + 120
        while "listening" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        assert "listening" in line
        half = len(codes) // 2
        for part in (codes[:half], codes[half:]):  # two scanners
            with socket.create_connection(("127.0.0.1", port)) as scanner:
                scanner.sendall(("\r\n".join(part) + "\r\n").encode())
        time.sleep(2.0)
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    result = json.loads(out)
    assert (result["verified"], result["duplicate"], result["never_verified"]) == (12, 1, [])
