"""Build the one-folder application and prove it works: `make dist` runs this.

Runs PyInstaller on installer/mintstation.spec, then the built program's ``--version`` and
``--self-test`` (offscreen, temporary home: migrations, sample catalogue, main window, a mint,
every export kind with the worker pools, NFC and RFID stations on the simulators, a loopback
resolver and a sync), and prints the bundle's size and start-up times beside the previous
figures. ``--version`` "cold" is measured after evicting the bundle's files from the page
cache. bench/startup.py measures the main window on a real X display.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "mintstation"
PROGRAM = BUNDLE / ("mintstation.exe" if os.name == "nt" else "mintstation")
PREVIOUS = "previous build: 298 MB, --version 1.4 s (reference machine, before issue 12)"


def evict(folder: Path) -> None:
    """Drop the folder's files from the page cache, as after a reboot (Linux)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "installer" / "mintstation.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    print(f"built {BUNDLE} in {time.perf_counter() - started:.0f} s")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    evict(BUNDLE)
    t0 = time.perf_counter()
    version = subprocess.run(
        [str(PROGRAM), "--version"], check=True, capture_output=True, text=True, env=env
    )
    cold = time.perf_counter() - t0
    print(version.stdout.strip())
    t0 = time.perf_counter()
    subprocess.run([str(PROGRAM), "--version"], check=True, capture_output=True, env=env)
    warm = time.perf_counter() - t0
    test = subprocess.run(
        [str(PROGRAM), "--self-test"], capture_output=True, text=True, env=env, check=False
    )
    print(test.stdout, end="")
    if test.returncode != 0:
        print(test.stderr, file=sys.stderr)
        print("the built program FAILED its self-test", file=sys.stderr)
        return 1
    window = re.search(r"start-up to window: (\d+) ms", test.stdout)
    size = folder_size(BUNDLE)
    print(f"bundle size: {size / 1e6:.0f} MB in {sum(1 for _ in BUNDLE.rglob('*'))} files")
    print(
        f"start-up: --version {cold * 1000:.0f} ms cold, {warm * 1000:.0f} ms warm; "
        f"to the main window {window.group(1) if window else '?'} ms (self-test, offscreen,"
        " with the migrations of a fresh database)"
    )
    print(PREVIOUS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
