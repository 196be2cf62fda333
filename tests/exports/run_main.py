"""Run ``main.py`` in a subprocess with a smaller export pack size: ``run_main.py SIZE ARGS``.

A test helper, so the kill test can cut a pack of a small batch in the middle.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from app.exports import service

    service.PACK_SIZE = int(sys.argv.pop(1))
    sys.argv[0] = str(ROOT / "main.py")
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
