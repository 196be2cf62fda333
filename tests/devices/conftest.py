"""Simulated devices for driver tests; every test must leave no thread behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from app.devices.sim.ntag_udp import NtagField
from app.devices.sim.zpl_engine import ZplPrinterEngine
from app.devices.sim.zpl_server import PtyPrinter, TcpPrinter


def assert_no_threads_left(before: set[threading.Thread]) -> None:
    deadline = time.monotonic() + 3
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not extra, f"threads left running: {[t.name for t in extra]}"


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert_no_threads_left(before)


@pytest.fixture
def field() -> Iterator[NtagField]:
    with NtagField() as running:
        yield running


@pytest.fixture
def engine() -> ZplPrinterEngine:
    return ZplPrinterEngine()


@pytest.fixture
def pty_printer(engine: ZplPrinterEngine) -> Iterator[PtyPrinter]:
    with PtyPrinter(engine) as running:
        yield running


@pytest.fixture
def tcp_printer(engine: ZplPrinterEngine) -> Iterator[TcpPrinter]:
    with TcpPrinter(engine) as running:
        yield running
