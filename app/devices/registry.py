"""The device registry: which driver opens which path, and what is connected.

NFC drivers are registered by name (``nfcpy``), printer-encoders by the language they speak
(``zpl``). A new reader or printer language registers a factory and, optionally, a
discovery function for ``devices list``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.errors import ValidationError
from app.devices.base import DeviceError, DeviceInfo, NfcEncoder, RfidEncoder

NfcFactory = Callable[..., NfcEncoder]
RfidFactory = Callable[..., RfidEncoder]
Discover = Callable[[], list[DeviceInfo]]


@dataclass(frozen=True)
class _Entry:
    factory: Callable[..., Any]
    discover: Discover | None


_nfc: dict[str, _Entry] = {}
_rfid: dict[str, _Entry] = {}


def register_nfc(name: str, factory: NfcFactory, discover: Discover | None = None) -> None:
    _nfc[name] = _Entry(factory, discover)


def register_rfid(language: str, factory: RfidFactory, discover: Discover | None = None) -> None:
    _rfid[language] = _Entry(factory, discover)


def _lazy(module: str, attr: str) -> Callable[..., Any]:
    def load(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), attr)(*args, **kwargs)

    return load


def _serial_ports() -> list[DeviceInfo]:
    from serial.tools import list_ports  # noqa: PLC0415

    return [
        DeviceInfo("rfid", port.device, port.description or port.device, "zpl", "serial port")
        for port in sorted(list_ports.comports(), key=lambda p: p.device)
    ]


register_nfc(
    "nfcpy",
    _lazy("app.devices.nfc.encoder", "NfcpyEncoder"),
    _lazy("app.devices.nfc.discovery", "find_readers"),
)
register_rfid("zpl", _lazy("app.devices.rfid.printer", "ZplPrinter"), _serial_ports)


def nfc_drivers() -> list[str]:
    return sorted(_nfc)


def rfid_languages() -> list[str]:
    return sorted(_rfid)


def open_nfc(path: str, *, driver: str = "nfcpy", **options: Any) -> NfcEncoder:
    """An NFC encoder for ``path`` (not opened yet: the station opens it on its bus thread)."""
    if driver not in _nfc:
        raise ValidationError("driver", f"no NFC driver {driver!r}; one of {nfc_drivers()}")
    encoder: NfcEncoder = _nfc[driver].factory(path, **options)
    return encoder


def open_rfid(path: str, *, language: str = "zpl", **options: Any) -> RfidEncoder:
    if language not in _rfid:
        raise ValidationError("language", f"no printer language {language!r}; {rfid_languages()}")
    printer: RfidEncoder = _rfid[language].factory(path, **options)
    return printer


def list_devices() -> tuple[list[DeviceInfo], list[str]]:
    """What every registered driver finds, and the problems met looking (with hints)."""
    found: list[DeviceInfo] = []
    problems: list[str] = []
    for entry in [*_nfc.values(), *_rfid.values()]:
        if entry.discover is None:
            continue
        try:
            found.extend(entry.discover())
        except DeviceError as exc:
            problems.append(str(exc))
    return found, problems
