"""Finding NFC readers and turning nfcpy's bare OS errors into messages that say what to do."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

from app.devices.base import (
    DeviceBusyError,
    DeviceError,
    DeviceInfo,
    DeviceLost,
    DeviceNotFound,
    DevicePermissionError,
)

DRIVER = "nfcpy"
SUPPORTED = "ACR122U 072f:2200, Sony RC-S380 054c:06c1/06c3, SCL3711 04e6:5591 and other PN53x"
_MODULES = {"pn533": "pn533_usb", "rcs380": "port100", "acr122": "pn533_usb"}


def _usb_table() -> dict[tuple[int, int], str]:
    from nfc.clf.device import usb_device_map  # noqa: PLC0415 - nfcpy is slow to import

    table: dict[tuple[int, int], str] = usb_device_map
    return table


def _usb_find(path: str) -> list[tuple[int, int, int, int]]:
    from nfc.clf.transport import USB  # noqa: PLC0415

    found: list[tuple[int, int, int, int]] | None = USB.find(path)
    return found or []


def find_readers() -> list[DeviceInfo]:
    """Supported readers on USB (``usb:BUS:DEV`` paths). Serial and UDP readers are named."""
    try:
        found = _usb_find("usb")
    except OSError as exc:
        raise explain("usb", exc) from exc
    table = _usb_table()
    readers = []
    for vid, pid, bus, dev in found:
        module = table.get((vid, pid))
        if module is not None:
            name = f"{module} reader {vid:04x}:{pid:04x}"
            readers.append(DeviceInfo("nfc", f"usb:{bus:03d}:{dev:03d}", name, DRIVER))
    return readers


def _udev_rule(path: str) -> str:
    ids = [(vid, pid) for vid, pid, _bus, _dev in _safe_find(path)] or [(0x072F, 0x2200)]
    vid, pid = ids[0]
    return (
        f'add /etc/udev/rules.d/60-mintstation-nfc.rules with SUBSYSTEM=="usb", '
        f'ATTRS{{idVendor}}=="{vid:04x}", ATTRS{{idProduct}}=="{pid:04x}", TAG+="uaccess"'
        ' (or GROUP="plugdev"), run `sudo udevadm control --reload` and plug the reader in again'
    )


def _safe_find(path: str) -> list[tuple[int, int, int, int]]:
    try:
        return _usb_find(path if path.startswith("usb") else "usb")
    except OSError:
        return []


def _busy_hint(path: str) -> str:
    table = _usb_table()
    modules = sorted(
        {
            _MODULES.get(table.get((vid, pid), ""), "pn533_usb")
            for vid, pid, _, _ in _safe_find(path)
        }
        or {"pn533_usb", "port100"}
    )
    listed = ", ".join(modules)
    return (
        f"a kernel driver ({listed}) or pcscd holds the reader: blacklist the module"
        f" (`echo 'blacklist {modules[0]}' | sudo tee /etc/modprobe.d/mintstation-nfc.conf`,"
        f" then `sudo modprobe -r {modules[0]}`) and stop pcscd"
        " (`sudo systemctl stop pcscd.socket pcscd`), then plug the reader in again"
    )


def _libusb_hint() -> str:
    if sys.platform.startswith("win"):
        return (
            "install the WinUSB driver for the reader with Zadig and put the libusb-1.0.dll that"
            " matches this Python (32 or 64 bit) next to the program"
        )
    if sys.platform == "darwin":
        return "install libusb (`brew install libusb`)"
    return "install libusb-1.0 (`sudo apt install libusb-1.0-0` or your system's package)"


def explain(path: str, exc: BaseException) -> DeviceError:
    """A DeviceError for what went wrong opening ``path``, with what to do about it."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    if isinstance(exc, FileNotFoundError) or "libusb" in text:
        return DeviceNotFound(
            f"no NFC reader found on {path}: libusb-1.0 is missing", hint=_libusb_hint()
        )
    if code == errno.EACCES:
        hint = _udev_rule(path)
        if sys.platform.startswith("win"):
            hint = "install the WinUSB driver for the reader with Zadig"
        return DevicePermissionError(f"no permission to use the NFC reader on {path}", hint=hint)
    if code == errno.EBUSY:
        return DeviceBusyError(f"the NFC reader on {path} is busy", hint=_busy_hint(path))
    if code == errno.ENODEV and path.startswith("usb"):
        present = [found for found in _safe_find(path) if found[:2] in _usb_table()]
        if present:  # nfcpy skips readers it cannot open when the path is partial
            _vid, _pid, bus, dev = present[0]
            node = f"/dev/bus/usb/{bus:03d}/{dev:03d}"
            if sys.platform.startswith("linux") and not os.access(node, os.R_OK | os.W_OK):
                return explain(path, PermissionError(errno.EACCES, node))
            return explain(path, OSError(errno.EBUSY, node))
    if code == errno.ENODEV:
        return DeviceNotFound(
            f"no NFC reader found on {path}",
            hint=f"plug in a supported reader ({SUPPORTED}); `main.py devices list` shows what"
            " is connected",
        )
    return DeviceLost(f"the NFC reader on {path} failed: {text or type(exc).__name__}")


def open_frontend(path: str) -> Any:
    """An opened ``nfc.ContactlessFrontend`` for ``path``, or a DeviceError saying why not."""
    import nfc  # noqa: PLC0415

    try:
        return nfc.ContactlessFrontend(path)
    except OSError as exc:
        raise explain(path, exc) from exc
    except (ValueError, TypeError) as exc:
        raise DeviceNotFound(f"{path!r} is not a reader path: {exc}") from exc
