"""Printing tests: minted serial batches, the real CUPS PDF queue, the ZPL simulator."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.printing.spool import PrintError, list_printers
from app.storage.db import Database
from tests.exports.conftest import mint_serials

__all__ = ["CupsPdf", "decode_pdf", "mint_serials", "require_cups_pdf"]

QUEUE = os.environ.get("MINTSTATION_CUPS_QUEUE", "MintPDF")
PDF_OUT = Path(os.environ.get("MINTSTATION_CUPS_PDF_OUT", "/var/spool/cups-pdf"))


class CupsPdf:
    """The virtual PDF printer: its queue name and the PDFs it writes."""

    def __init__(self, queue: str, folder: Path) -> None:
        self.queue = queue
        self.folder = folder

    def files(self) -> set[str]:
        return set(glob.glob(str(self.folder / "*.pdf")))

    def wait_for(
        self, before: set[str], count: int, *, batch: str, timeout: float = 240.0
    ) -> list[Path]:
        """The ``count`` new PDFs of ``batch`` since ``before``, oldest first, once complete.

        Other tests (or people) may print to the same queue meanwhile: only files named after
        this batch count (the job title starts with the batch id), and a file is complete when
        it ends with the PDF trailer and its size held still for a second.
        """
        deadline = time.monotonic() + timeout
        sizes: dict[str, int] = {}
        while time.monotonic() < deadline:
            mine = [p for p in self.files() - before if Path(p).name.startswith(batch)]
            done = [p for p in mine if _complete(Path(p), sizes)]
            if len(done) >= count and len(done) == len(mine):
                return [Path(p) for p in sorted(done, key=os.path.getmtime)]
            time.sleep(0.5)
        raise AssertionError(f"CUPS wrote {len(mine)} of {count} PDFs of batch {batch}")


def _complete(path: Path, sizes: dict[str, int]) -> bool:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            f.seek(max(0, size - 32))
            tail = f.read()
    except OSError:
        return False
    stable = sizes.get(str(path)) == size
    sizes[str(path)] = size
    return stable and b"%%EOF" in tail


def _cups_problem() -> str | None:
    if shutil.which("lpstat") is None:
        return "CUPS is not installed (apt-get install cups printer-driver-cups-pdf)"
    try:
        names = {p.name for p in list_printers()}
    except PrintError as exc:
        return str(exc)
    if QUEUE not in names:
        return f"no CUPS queue {QUEUE} (run .ci/cups-pdf to create it)"
    return None


def require_cups_pdf() -> CupsPdf:
    """The CUPS PDF queue; CI fails without it, a workstation skips."""
    problem = _cups_problem()
    if problem is not None:
        message = f"real CUPS with a PDF queue needed: {problem}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    user = os.environ.get("USER") or "root"
    return CupsPdf(QUEUE, PDF_OUT / user)


@pytest.fixture(scope="session")
def cups_pdf() -> CupsPdf:
    return require_cups_pdf()


def decode_pdf(pdf: Path, work: Path, dpi: int = 300) -> list[str]:
    """Every QR code on every page of ``pdf``, page by page, top-left first (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    prefix = work / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    texts: list[str] = []
    for page in sorted(work.glob(f"{pdf.stem}-*.png")):
        found = zxingcpp.read_barcodes(Image.open(page))
        found.sort(key=lambda r: (round(r.position.top_left.y / 50), r.position.top_left.x))
        texts += [r.text for r in found]
    return texts


@pytest.fixture
def batch(station: Database) -> Iterator[str]:
    yield mint_serials(station, 40)
