"""QR bundle packs: one ZIP with ``qr/<unit>.svg`` per printed unit and an ``index.csv``.

Files are named by the unit's 1-based position in the batch (``qr/0000001.svg``), which is
unique and sorts in print order even when serials hold characters a file system refuses; the
index maps each file to its serial (or lot code), GTIN and URL. Every entry carries the same
fixed time stamp and attributes (see ``zipstream``), so making a pack again gives the same
bytes. A lot's labels share one URL: its SVG is rendered and compressed once and stored
print-quantity times.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from app.exports.files import BinarySink
from app.exports.qr_render import QrRenderer
from app.exports.units import PrintedUnits
from app.exports.zipstream import ZipStream

__all__ = ["LOT_INDEX_COLUMNS", "SERIAL_INDEX_COLUMNS", "unit_file_names", "write_bundle"]

SERIAL_INDEX_COLUMNS = ("serial", "gtin", "resolver_url", "filename")
LOT_INDEX_COLUMNS = ("lot_code", "gtin", "resolver_url", "filename")


def unit_file_names(first_unit: int, count: int, total_units: int) -> list[str]:
    width = max(7, len(str(total_units)))
    return [f"qr/{n:0{width}d}.svg" for n in range(first_unit + 1, first_unit + count + 1)]


def write_bundle(
    sink: BinarySink,
    units: PrintedUnits,
    total_units: int,
    *,
    lot_batch: bool,
    renderer: QrRenderer,
    cancelled: Callable[[], bool],
    on_units: Callable[[int], None],
) -> None:
    """Write one bundle pack's ZIP to ``sink``; ``on_units(n)`` as codes are rendered."""
    count = sum(repeat for _url, repeat, _ident, _gtin in units.runs)
    names = unit_file_names(units.first_unit, count, total_units)
    index = io.StringIO()
    writer = csv.writer(index)
    writer.writerow(LOT_INDEX_COLUMNS if lot_batch else SERIAL_INDEX_COLUMNS)
    archive = ZipStream(sink)
    urls = [url for url, _repeat, _ident, _gtin in units.runs]
    svgs = renderer.render(
        urls, cancelled=cancelled, on_chunk=(lambda n: None) if lot_batch else on_units
    )
    position = 0
    for (url, repeat, ident, gtin), svg in zip(units.runs, svgs, strict=True):
        for name in names[position : position + repeat]:
            archive.add(name, svg)
            writer.writerow((ident, gtin, url, name))
        position += repeat
        if lot_batch:
            on_units(repeat)
    archive.add("index.csv", index.getvalue().encode("utf-8"))
    archive.close()
