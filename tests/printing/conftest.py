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

    def wait_for(self, before: set[str], count: int, timeout: float = 60.0) -> list[Path]:
        """The ``count`` new PDFs since ``before``, oldest first, once they are complete."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.files() - before
            if len(new) >= count and not _cups_busy(self.queue):
                return [Path(p) for p in sorted(new, key=os.path.getmtime)]
            time.sleep(0.2)
        raise AssertionError(f"CUPS wrote {len(self.files() - before)} of {count} PDFs")


def _cups_busy(queue: str) -> bool:
    done = subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True, check=False)
    return bool(done.stdout.strip())


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
