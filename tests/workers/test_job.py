from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.workers.job import Job, JobRegistry, live_threads


def counting(n: int, *, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
    done = 0
    for done in range(1, n + 1):
        if cancelled():
            return done - 1
        progress(done, n)
    return done


def test_progress_is_throttled_and_result_delivered(qtbot: QtBot) -> None:
    job = Job(counting, 200_000, name="count")
    seen: list[tuple[int, int]] = []
    results: list[object] = []
    job.progress.connect(lambda d, t: seen.append((d, t)))
    job.succeeded.connect(results.append)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    assert results == [200_000]
    assert seen[-1] == (200_000, 200_000)
    assert len(seen) <= 1001  # at most one signal per shown tenth of a percent
    assert not live_threads()


def test_cancel_stops_the_function(qtbot: QtBot) -> None:
    gate = threading.Event()

    def waiting(*, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
        gate.set()
        while not cancelled():
            gate.wait(0.01)
        return "stopped"

    job = Job(waiting, name="wait")
    results: list[object] = []
    job.succeeded.connect(results.append)
    job.start()
    assert gate.wait(5)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.cancel()
    assert results == ["stopped"]


def test_failure_is_reported_with_traceback(qtbot: QtBot) -> None:
    def broken(*, progress: object, cancelled: object) -> None:
        raise ValueError("no room on the device")

    job = Job(broken, name="broken")
    errors: list[tuple[str, str]] = []
    job.failed.connect(lambda m, d: errors.append((m, d)))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    assert errors[0][0] == "no room on the device"
    assert "ValueError" in errors[0][1]


@pytest.mark.parametrize("jobs", [1, 3])
def test_registry_shutdown_cancels_and_joins(qtbot: QtBot, jobs: int) -> None:
    registry = JobRegistry()
    started = threading.Barrier(jobs + 1)

    def spin(*, progress: object, cancelled: Callable[[], bool]) -> None:
        started.wait(5)
        while not cancelled():
            threading.Event().wait(0.005)

    for i in range(jobs):
        registry.start(Job(spin, name=f"spin{i}"))
    started.wait(5)
    registry.shutdown()
    assert not registry.jobs
    assert not live_threads()
