"""The nfcpy NFC encoder against the simulated field: write, verify, lock, and what goes wrong."""

from __future__ import annotations

import errno
import time
from collections.abc import Iterator

import ndef
import pytest

from app.devices.base import (
    DeviceBusyError,
    DeviceNotFound,
    DevicePermissionError,
    LockMode,
)
from app.devices.bus import BusThread, active_buses, attach
from app.devices.nfc.discovery import explain, open_frontend
from app.devices.nfc.encoder import NfcpyEncoder
from app.devices.sim.ntag import SimTag
from app.devices.sim.ntag_udp import NtagField

URL = "https://id.acme.example/01/09506000001012/21/ABC123456789"


class Said:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def present_tag(self, prompt: str) -> None:
        self.lines.append(f"present: {prompt}")

    def success(self, message: str) -> None:
        self.lines.append(f"ok: {message}")

    def failure(self, message: str) -> None:
        self.lines.append(f"failed: {message}")

    def status(self, message: str) -> None:
        self.lines.append(f"status: {message}")


@pytest.fixture
def said() -> Said:
    return Said()


@pytest.fixture
def reader(field: NtagField, said: Said) -> Iterator[tuple[NfcpyEncoder, BusThread]]:
    encoder = NfcpyEncoder(field.path, handler=said)
    with attach(encoder) as bus:
        yield encoder, bus


def never() -> bool:
    return False


def uri_on(tag: SimTag) -> str:
    return str(next(iter(ndef.message_decoder(tag.ndef_message()))).iri)


def test_write_and_verify(field: NtagField, reader: tuple[NfcpyEncoder, BusThread]) -> None:
    encoder, bus = reader
    sim = field.present(SimTag("NTAG213"))
    found = bus.call(encoder.wait_for_tag, never)
    assert found is not None
    assert (found.uid, found.product, found.capacity) == (sim.uid.hex().upper(), "NXP NTAG213", 142)
    assert found.writeable and found.current_uri is None
    result = bus.call(encoder.write_uri, URL)
    assert result.ok and result.uid == sim.uid.hex().upper()
    assert uri_on(sim) == URL


def test_runs_on_its_bus_thread(field: NtagField) -> None:
    encoder = NfcpyEncoder(field.path)
    with attach(encoder) as bus:
        assert active_buses() == [field.path]
        assert bus.call(lambda: __import__("threading").current_thread().name).startswith("bus ")
    assert active_buses() == []


def test_a_tag_left_on_the_reader_is_not_taken_again(
    field: NtagField, reader: tuple[NfcpyEncoder, BusThread], said: Said
) -> None:
    encoder, bus = reader
    sim = field.present(SimTag())
    assert bus.call(encoder.wait_for_tag, never) is not None
    assert bus.call(encoder.write_uri, URL).ok
    started = time.monotonic()
    assert bus.call(encoder.wait_for_tag, lambda: time.monotonic() - started > 0.3) is None
    assert any("still on the reader" in line for line in said.lines)
    field.remove()  # taken away ...
    started = time.monotonic()
    assert bus.call(encoder.wait_for_tag, lambda: time.monotonic() - started > 1.5) is None
    field.present(sim)  # ... and brought back: a new presentation
    again = bus.call(encoder.wait_for_tag, never)
    assert again is not None and again.current_uri == URL


def test_lock_for_good(field: NtagField, reader: tuple[NfcpyEncoder, BusThread]) -> None:
    encoder, bus = reader
    sim = field.present(SimTag("NTAG215"))
    bus.call(encoder.wait_for_tag, never)
    result = bus.call(encoder.write_uri, URL, lock=LockMode.PERMANENT)
    assert result.ok and result.locked
    assert sim.memory[15] == 0x0F  # CC: no write access
    assert sim.memory[10:12] == b"\xff\xff"


def test_password_lock(field: NtagField, reader: tuple[NfcpyEncoder, BusThread]) -> None:
    encoder, bus = reader
    field.present(SimTag("NTAG216"))
    bus.call(encoder.wait_for_tag, never)
    assert not bus.call(encoder.write_uri, URL, lock=LockMode.PASSWORD, password=b"123").ok
    field.present(SimTag("NTAG216"))
    bus.call(encoder.wait_for_tag, never)
    result = bus.call(encoder.write_uri, URL, lock=LockMode.PASSWORD, password=b"s3cret")
    assert result.ok


def test_read_only_tag(field: NtagField, reader: tuple[NfcpyEncoder, BusThread]) -> None:
    encoder, bus = reader
    field.present(SimTag("NTAG213", read_only=True))
    found = bus.call(encoder.wait_for_tag, never)
    assert found is not None and not found.writeable
    result = bus.call(encoder.write_uri, URL)
    assert not result.ok and "read-only" in (result.reason or "")


def test_tag_too_small_is_refused_before_writing(
    field: NtagField, reader: tuple[NfcpyEncoder, BusThread]
) -> None:
    encoder, bus = reader
    sim = field.present(SimTag("NTAG213", cc_size=0x06))  # a 48-byte data area
    bus.call(encoder.wait_for_tag, never)
    long_url = "https://id.acme.example/01/09506000001012/21/ABCDEFGHIJKLMNOPQRST"
    result = bus.call(encoder.write_uri, long_url)
    assert not result.ok
    assert "tag too small: the URL needs 62 bytes" in (result.reason or "")
    assert sim.writes == 0


def test_tag_pulled_away_mid_write(
    field: NtagField, reader: tuple[NfcpyEncoder, BusThread], said: Said
) -> None:
    encoder, bus = reader
    sim = field.present(SimTag("NTAG215", remove_after_writes=2))
    bus.call(encoder.wait_for_tag, never)
    result = bus.call(encoder.write_uri, URL)
    assert not result.ok and "lost during the write" in (result.reason or "")
    assert sim.ndef_message() == b""
    assert said.lines[-1].startswith("failed: ")


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (FileNotFoundError(2, "cannot find a suitable libusb-1.0"), DeviceNotFound, "libusb"),
        (OSError(errno.ENODEV, "No such device"), DeviceNotFound, "supported reader"),
        (OSError(errno.EACCES, "Permission denied"), DevicePermissionError, "udev"),
        (OSError(errno.EBUSY, "Device busy"), DeviceBusyError, "blacklist"),
    ],
)
def test_open_errors_say_what_to_do(error: OSError, kind: type, words: str) -> None:
    problem = explain("usb:072f:2200", error)
    assert isinstance(problem, kind)
    assert words in str(problem)


def test_no_libusb_here_means_no_reader_with_a_hint() -> None:
    with pytest.raises((DeviceNotFound, DevicePermissionError, DeviceBusyError)) as caught:
        open_frontend("usb")
    assert caught.value.hint
