"""QR symbol size of typical serial URIs with and without GS1 Digital Link compression.

    .venv/bin/python bench/dl_compression.py

For each sample (a resolver domain, a GTIN, a serial of a usual shape, with or without a lot
and an expiry date) it prints the URI's length, the QR version and modules per side at the
error levels the station uses (M without a logo, H with one), for the plain URI (the
comparison, what the station prints by default) and for its compressed form, plus the
ratio of symbol areas. Codes are made by the station's own encoder (``qr_encoder.make``,
segno's symbols). A smaller version means a smaller code at the same module size, or the
same code size with bigger modules (reads from further away, tolerates worse printing).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.dl_compression import compress_dl_uri, decompress_dl_uri
from app.exports import qr_encoder

SAMPLES = [
    ("short numeric serial", "https://id.acme.example/01/09506000001012/21/1000042"),
    ("13-digit serial", "https://id.acme.example/01/09506000001012/21/0000000001234"),
    ("alphanumeric serial", "https://id.acme.example/01/09506000001012/21/A7K2PQ9X4M"),
    ("20-char serial", "https://id.acme.example/01/09506000001012/21/ACME-2026-AB12CD34EF"),
    ("lot + serial", "https://id.acme.example/01/09506000001012/10/L2026-11/21/A7K2PQ9X4M"),
    ("serial + expiry", "https://id.acme.example/01/09506000001012/21/A7K2PQ9X4M?17=281231"),
    ("long domain", "https://passport.brand-example.co.uk/01/09506000001012/21/A7K2PQ9X4M"),
]


def symbol(content: str, error: str) -> tuple[int, int]:
    qr = qr_encoder.make(content, error)
    return int(qr.version), int(qr.symbol_size(border=0)[0])


def main() -> int:
    print(f"{'sample':22} {'lvl':3} {'plain: chars ver mod':>22} {'compressed: chars ver mod':>27}"
          f" {'area':>6}")  # fmt: skip
    ratios = []
    for name, plain in SAMPLES:
        packed = compress_dl_uri(plain)
        assert decompress_dl_uri(packed) == plain
        for error in ("m", "h"):
            pv, pm = symbol(plain, error)
            cv, cm = symbol(packed, error)
            ratio = (cm * cm) / (pm * pm)
            ratios.append(ratio)
            print(
                f"{name:22} {error.upper():3} {len(plain):>10} {pv:>4} {pm:>4}"
                f" {len(packed):>14} {cv:>4} {cm:>4}   {ratio:>5.2f}"
            )
    print(f"compressed/plain symbol area: mean {sum(ratios) / len(ratios):.2f},"
          f" best {min(ratios):.2f}, worst {max(ratios):.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
