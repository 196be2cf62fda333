"""A private Xvfb for the tests (and benchmarks) that prove the real xcb platform."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def need_tool(tool: str) -> str:
    """The tool's path; a missing one fails the test under CI and skips it elsewhere."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt install xvfb xdotool)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@contextmanager
def private_xvfb(size: str = "1280x800") -> Iterator[str]:
    """Start Xvfb on a free display (it reports the number itself); yield ":N"; stop it."""
    read, write = os.pipe()
    command = [need_tool("Xvfb"), "-displayfd", str(write), "-screen", "0", f"{size}x24"]
    proc = subprocess.Popen(
        # -noreset: a program that connects while the last one's disconnect resets the
        # server would be refused ("could not connect to display"), failing at random.
        [*command, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not report its display"
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
