"""One thread per device bus: every call to a device runs on the thread that owns its bus.

``attach(device)`` hands out the bus thread for the device's bus (``usb``, a serial port, a
network address), starting it on first use and ending it when its last device lets go. A
station calls ``bus.call(device.method, ...)`` and waits; a window or CLI thread never
touches the hardware itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from app.devices.base import Device

P = ParamSpec("P")
T = TypeVar("T")


class BusThread:
    """A single worker thread; calls run on it one after the other."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"bus {name}")
        self._ident: int | None = None
        self.users = 0
        self._executor.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._ident = threading.get_ident()

    def call(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` on the bus thread and return its result (or raise its exception)."""
        if threading.get_ident() == self._ident:
            return fn(*args, **kwargs)
        return self._executor.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


_lock = threading.Lock()
_buses: dict[str, BusThread] = {}


def _acquire(name: str) -> BusThread:
    with _lock:
        bus = _buses.get(name)
        if bus is None:
            bus = _buses[name] = BusThread(name)
        bus.users += 1
        return bus


def _release(bus: BusThread) -> None:
    with _lock:
        bus.users -= 1
        if bus.users > 0:
            return
        del _buses[bus.name]
    bus.shutdown()


@contextmanager
def attach(device: Device) -> Iterator[BusThread]:
    """The device opened on its bus thread; closed there and the thread released at the end."""
    bus = _acquire(device.bus)
    try:
        bus.call(device.open)
        try:
            yield bus
        finally:
            bus.call(device.close)
    finally:
        _release(bus)


def active_buses() -> list[str]:
    with _lock:
        return sorted(_buses)
