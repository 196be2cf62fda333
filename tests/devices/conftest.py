"""Simulated devices for driver tests; every test must leave no thread behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.devices.sim.ntag_udp import NtagField
from app.devices.sim.zpl_engine import ZplPrinterEngine
from app.devices.sim.zpl_server import PtyPrinter, TcpPrinter


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
