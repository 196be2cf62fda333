"""``main.py --version`` and ``--help`` import nothing of Qt, SQLAlchemy or the exporters.

Each subcommand module registers its parser cheaply and imports its heavy modules inside
its handlers; this keeps the first answer of the installed program fast (issue 12).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "sqlalchemy", "app.exports.service", "app.exports.qr_svg", "numpy", "biip")

PROBE = """
import json, runpy, sys
sys.argv = ["main.py", *json.loads(sys.argv[1])]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["export", "--help"]])
def test_nothing_heavy_is_imported(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert [m for m in loaded if m.startswith(HEAVY)] == []
    assert result.stdout.strip()


def test_the_help_still_lists_every_subcommand() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for command in ("mint", "export", "station", "sync", "resolver", "products", "batches"):
        assert command in result.stdout
