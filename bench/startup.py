"""Start-up of the built program: ``--version``, ``--help`` and the main window, cold and warm.

    .venv/bin/python bench/startup.py [PROGRAM] [--compare OTHER_PROGRAM] [--runs 5]

PROGRAM defaults to dist/mintstation/mintstation. Wall and CPU time are both printed: on a
loaded machine the wall time is mostly waiting for a core. "Cold" evicts every file of the
program's folder from the page cache first (posix_fadvise DONTNEED: as after a reboot, for
this program only); "warm" is the median of ``--runs`` runs straight after. The window figure is
the time from starting the program to its main window being mapped on a private Xvfb
(``QT_QPA_PLATFORM=xcb``, a configured station, so no first-run dialog), found by polling
xdotool; the window is then closed with Ctrl+Q. In the same run, for comparison: the same
figures for ``--compare`` (e.g. a build of the previous spec) and ``python main.py`` from
the source tree.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ui.xvfb import private_xvfb  # noqa: E402 - the tests' own private Xvfb

TITLE = "^Mint Station"


def evict(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU is what counts on a loaded machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def window_time(cmd: list[str], home: Path, display: str) -> tuple[float, float]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    xenv = {**os.environ, "DISPLAY": display}
    t0 = time.perf_counter()
    log = home / "startup-stderr.txt"
    with log.open("wb") as err:
        app = subprocess.Popen([*cmd, "--home", str(home)], env=env, stderr=err)
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", TITLE],
                env=xenv,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
            if found:
                shown = time.perf_counter() - t0, cpu_of(app.pid)
                break
            if app.poll() is not None or time.perf_counter() - t0 > 60:
                tail = log.read_text(errors="replace")[-2000:]
                raise SystemExit(f"{cmd}: no window (exit status {app.poll()})\n{tail}")
            time.sleep(0.02)
        subprocess.run(["xdotool", "windowfocus", "--sync", found[0]], env=xenv, check=True)
        subprocess.run(["xdotool", "key", "ctrl+q"], env=xenv, check=True)
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    return shown


def prepare_home(cmd: list[str], home: Path) -> None:
    sample = ROOT / "resources" / "sample" / "products.csv"
    for args in (
        ["products", "import", str(sample)],
        ["template", "publish"],
        ["brand", "set", "--name", "Bench", "--domain", "id.bench.example"],
    ):
        subprocess.run([*cmd, "--home", str(home), *args], check=True, capture_output=True)


def measure(name: str, cmd: list[str], folder: Path | None, runs: int, display: str) -> None:
    with tempfile.TemporaryDirectory(prefix="mintstation-startup-") as tmp:
        home = Path(tmp) / "home"
        prepare_home(cmd, home)
        figures: dict[str, list[tuple[float, float]]] = {}
        for label, args in (("--version", ["--version"]), ("--help", ["--help"])):
            if folder:
                evict(folder)
            figures[label] = [timed([*cmd, *args])] + [timed([*cmd, *args]) for _ in range(runs)]
        if folder:
            evict(folder)
        runs_w = [window_time(cmd, home, display) for _ in range(runs + 1)]
        figures["main window"] = runs_w
    size = ""
    if folder:
        files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
        total = sum(f.stat().st_size for f in files)
        size = f"  bundle {total / 1e6:.0f} MB"
    print(f"{name}{size}")
    for label, results in figures.items():
        (cold, cold_cpu), rest = results[0], results[1:]
        warm = statistics.median(w for w, _ in rest)
        warm_cpu = statistics.median(c for _, c in rest)
        print(
            f"  {label:<12} cold {cold * 1000:6.0f} ms ({cold_cpu * 1000:4.0f} ms CPU)"
            f"   warm {warm * 1000:6.0f} ms ({warm_cpu * 1000:4.0f} ms CPU)"
        )
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="?", default=str(ROOT / "dist/mintstation/mintstation"))
    parser.add_argument("--compare", help="another build to measure in the same run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with private_xvfb() as display:
        program = Path(args.program).resolve()
        measure(f"build {program}", [str(program)], program.parent, args.runs, display)
        if args.compare:
            other = Path(args.compare).resolve()
            measure(f"compare {other}", [str(other)], other.parent, args.runs, display)
        source = [sys.executable, str(ROOT / "main.py")]
        measure("source tree (python main.py)", source, None, args.runs, display)
    return 0


if __name__ == "__main__":
    sys.exit(main())
