"""Prove a built (or installed) program on a full-size batch: every code decodes, nothing lingers.

    .venv/bin/python installer/verify_build.py [PROGRAM] [--units 25000]

PROGRAM defaults to dist/mintstation/mintstation (``mintstation`` when installed from the
.deb). In a temporary home the program itself imports the sample catalogue, mints the batch
(random serials), and exports it as a QR bundle (10,000 units a pack: 3 packs for 25,000) and
as a label sheet. Then this script (the venv's zxing-cpp, cairosvg and poppler's pdftoppm)
decodes every QR code of every bundle SVG and every label page and checks them against the
bundle's index: each URL exactly once, none missing, none foreign. After every run of the
program no process of it may be left.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKU = "ACM-DRL-18V"


def program_processes(program: Path) -> list[int]:
    """Pids of processes running ``program`` (its spawned workers included)."""
    found = []
    for exe in Path("/proc").glob("[0-9]*/exe"):
        try:
            if Path(os.readlink(exe)) == program:
                found.append(int(exe.parent.name))
        except OSError:
            continue
    return found


def run(program: Path, home: Path, *args: str) -> str:
    t0 = time.perf_counter()
    result = subprocess.run(
        [str(program), "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    deadline = time.monotonic() + 5
    while program_processes(program) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = program_processes(program)
    if left:
        raise SystemExit(f"after `{' '.join(args)}`: processes left behind: {left}")
    print(f"  {' '.join(args[:3])}: {time.perf_counter() - t0:.1f} s, no process left", flush=True)
    return result.stdout


def decode_svgs(svgs: list[bytes]) -> list[list[str]]:
    import cairosvg  # noqa: PLC0415 - in the worker processes
    import zxingcpp  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    out = []
    for svg in svgs:
        png = cairosvg.svg2png(bytestring=svg, scale=4, background_color="white")
        image = Image.open(io.BytesIO(png)).convert("L")
        out.append([r.text for r in zxingcpp.read_barcodes(image)])
    return out


def decode_pages(pngs: list[str]) -> list[str]:
    import zxingcpp  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    texts = []
    for png in pngs:
        with Image.open(png) as page:
            texts += [r.text for r in zxingcpp.read_barcodes(page.convert("L"))]
    return texts


def check_bundle(folder: Path, pool: ProcessPoolExecutor) -> list[str]:
    packs = sorted(folder.rglob("*.zip"))
    print(f"  QR bundle: {len(packs)} pack(s)", flush=True)
    urls: list[str] = []
    for pack in packs:
        with zipfile.ZipFile(pack) as archive:
            index = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode())))
            svgs = [archive.read(row["filename"]) for row in index]
        chunks = [svgs[i : i + 500] for i in range(0, len(svgs), 500)]
        decoded = [texts for part in pool.map(decode_svgs, chunks) for texts in part]
        for row, texts in zip(index, decoded, strict=True):
            if texts != [row["resolver_url"]]:
                raise SystemExit(f"{pack.name} {row['filename']}: decoded {texts}")
        urls += [row["resolver_url"] for row in index]
    return urls


def check_labels(folder: Path, expected: list[str], pool: ProcessPoolExecutor, tmp: Path) -> None:
    sheets = sorted(folder.rglob("*.pdf"))
    print(f"  label sheet: {len(sheets)} PDF(s)", flush=True)
    pages = tmp / "pages"
    pages.mkdir()
    for n, sheet in enumerate(sheets):
        subprocess.run(
            ["pdftoppm", "-r", "150", "-gray", "-png", str(sheet), str(pages / f"s{n}")],
            check=True,
        )
    pngs = sorted(str(p) for p in pages.glob("*.png"))
    chunks = [pngs[i : i + 20] for i in range(0, len(pngs), 20)]
    found = Counter(text for part in pool.map(decode_pages, chunks) for text in part)
    want = Counter(expected)
    if found != want:
        missing = sum((want - found).values())
        extra = sum((found - want).values())
        raise SystemExit(f"label sheet: {missing} code(s) missing, {extra} unexpected")
    print(f"  label sheet: {len(pngs)} pages, {sum(found.values()):,} codes decoded", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="?", default=str(ROOT / "dist/mintstation/mintstation"))
    parser.add_argument("--units", type=int, default=25_000)
    args = parser.parse_args()
    located = shutil.which(args.program)
    if located is None:
        raise SystemExit(f"no program at {args.program}")
    program = Path(located).resolve()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mintstation-verify-") as name:
        tmp = Path(name)
        home = tmp / "home"
        sample = ROOT / "resources" / "sample" / "products.csv"
        run(program, home, "products", "import", str(sample))
        run(program, home, "template", "publish")
        run(program, home, "brand", "set", "--name", "Verify", "--domain", "id.verify.example")
        run(program, home, "brand", "set", "--gcp", "9506000")
        out = run(program, home, "mint", "--sku", SKU, "--quantity", str(args.units), "--json")
        uid = json.loads(out)["uid"]
        run(program, home, "export", uid, "--kind", "qr-bundle", "--out", str(tmp / "out"))
        run(program, home, "export", uid, "--kind", "label-sheet", "--out", str(tmp / "out"))
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            urls = check_bundle(tmp / "out", pool)
            if len(urls) != args.units or len(set(urls)) != args.units:
                raise SystemExit(f"the bundle holds {len(set(urls)):,} distinct of {args.units:,}")
            print(f"  QR bundle: {len(urls):,} codes decoded, each its unit's URL", flush=True)
            check_labels(tmp / "out", urls, pool, tmp)
    print(f"verified {args.units:,} units in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
