"""Small real filesystems for fault tests: a full one and a read-only one (tmpfs mounts)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tmpfs(path: Path, *, size_kb: int = 512, read_only: bool = False) -> Iterator[Path]:
    """Mount a tmpfs of ``size_kb`` at ``path`` (needs root; skips the test otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (a full disk and a read-only folder)")
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k" + (",ro" if read_only else "")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """``source`` seen read-only at ``view`` (a read-only bind mount; needs root)."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    view.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(source), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def fill(path: Path) -> None:
    """Use up every free byte of the filesystem holding ``path``."""
    with (path / "filler").open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
        try:
            while True:
                out.write(b"\0")
                out.flush()
        except OSError:
            pass
