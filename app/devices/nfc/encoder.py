"""The NFC encoder over nfcpy: find a tag, write one NDEF URI record, read it back, lock it.

nfcpy's own reader stack does the work (``ContactlessFrontend.sense``, ``nfc.tag.activate``,
``tag.ndef``); this class adds what a production line needs around it: a tag that was just
handled is not taken again until it has left the reader, the message is checked against
the tag's NDEF capacity before anything is written, what was written is read back, and
every way a tag can misbehave becomes a failed write with a reason instead of an exception.
"""

from __future__ import annotations

import time
from typing import Any

from app.devices.base import (
    CancelFn,
    DeviceInfo,
    DeviceLost,
    LockMode,
    NfcEncoder,
    NfcTag,
    NfcWrite,
)
from app.devices.handler import DeviceHandler, SilentHandler
from app.devices.nfc.discovery import DRIVER, open_frontend
from app.devices.nfc.ndef_uri import decode_uri, uri_message

DEFAULT_TARGETS = ("106A", "106B", "212F")
_IDLE_S = 0.05  # between sense rounds that found nothing, and while a handled tag stays
MIN_PASSWORD = 6


def bus_of(path: str) -> str:
    """USB readers share the USB bus thread; serial and UDP readers get one each."""
    return "usb" if path.startswith("usb") else path


class NfcpyEncoder(NfcEncoder):
    def __init__(
        self,
        path: str,
        *,
        targets: tuple[str, ...] | None = None,
        handler: DeviceHandler | None = None,
    ) -> None:
        self.path = path
        if targets is None:
            targets = ("106A",) if path.startswith("udp") else DEFAULT_TARGETS
        self.targets = targets
        self.handler: DeviceHandler = handler or SilentHandler()
        self.info = DeviceInfo("nfc", path, f"NFC reader {path}", DRIVER)
        self._clf: Any = None
        self._tag: Any = None
        self._last_uid: str | None = None

    @property
    def bus(self) -> str:
        return bus_of(self.path)

    def open(self) -> None:
        self._clf = open_frontend(self.path)
        device = getattr(self._clf, "device", None)
        if device is not None:
            self.info = DeviceInfo("nfc", self.path, str(device), DRIVER)

    def close(self) -> None:
        self._tag = None
        if self._clf is not None:
            self._clf.close()
            self._clf = None

    # -- finding a tag ---------------------------------------------------------------------

    def _sense(self) -> Any:
        import nfc.clf  # noqa: PLC0415

        targets = [nfc.clf.RemoteTarget(brty) for brty in self.targets]
        try:
            return self._clf.sense(*targets, iterations=1)
        except OSError as exc:
            raise DeviceLost(f"the NFC reader {self.path} stopped answering: {exc}") from exc

    @staticmethod
    def _uid_of(target: Any) -> str:
        for name in ("sdd_res", "sensf_res", "sensb_res"):
            value = getattr(target, name, None)
            if value:
                raw = bytes(value)
                if name == "sensf_res":
                    raw = raw[1:9]
                elif name == "sensb_res":
                    raw = raw[1:5]
                return raw.hex().upper()
        return ""

    def wait_for_tag(self, cancelled: CancelFn) -> NfcTag | None:
        import nfc.tag  # noqa: PLC0415

        told_remove = False
        self._tag = None
        while not cancelled():
            target = self._sense()
            if target is None:
                self._last_uid = None  # the field was empty: any tag now is a new one
                time.sleep(_IDLE_S)
                continue
            uid = self._uid_of(target)
            if uid and uid == self._last_uid:
                if not told_remove:
                    self.handler.status(f"tag {uid} is still on the reader: take it away")
                    told_remove = True
                time.sleep(_IDLE_S)
                continue
            tag = nfc.tag.activate(self._clf, target)
            if tag is None:
                continue
            found = self._describe(tag, uid)
            if found is not None:
                self._tag = tag
                self._last_uid = found.uid
                return found
        return None

    def _describe(self, tag: Any, uid: str) -> NfcTag | None:
        """The tag's NDEF state, or None when it could not be read (it left: keep waiting)."""
        uid = bytes(tag.identifier).hex().upper() or uid
        try:
            ndef = tag.ndef
            uri = decode_uri(bytes(ndef.octets)) if ndef is not None else None
        except Exception as exc:
            self.handler.status(f"could not read tag {uid} ({_why(exc)}): hold it still")
            return None
        product = str(getattr(tag, "product", tag.type))
        if ndef is None:
            return NfcTag(uid, product, None, False, None)
        return NfcTag(uid, product, int(ndef.capacity), bool(ndef.is_writeable), uri)

    # -- writing ---------------------------------------------------------------------------

    def write_uri(
        self, uri: str, *, lock: LockMode = LockMode.NONE, password: bytes | None = None
    ) -> NfcWrite:
        tag, self._tag = self._tag, None
        if tag is None:
            raise RuntimeError("write_uri needs a tag from wait_for_tag")
        uid = bytes(tag.identifier).hex().upper()
        product = str(getattr(tag, "product", tag.type))
        try:
            reason = self._write(tag, uri, product)
            if reason is None:
                reason = self._lock(tag, lock, password)
        except OSError as exc:
            raise DeviceLost(f"the NFC reader {self.path} failed: {exc}") from exc
        except Exception as exc:
            reason = f"the tag was lost during the write ({_why(exc)}): present a new tag"
        if reason is not None:
            self.handler.failure(f"tag {uid}: {reason}")
            return NfcWrite(False, uid, product, reason)
        self.handler.success(f"tag {uid} written and verified")
        return NfcWrite(True, uid, product, None, locked=lock is not LockMode.NONE)

    @staticmethod
    def _write(tag: Any, uri: str, product: str) -> str | None:
        ndef = tag.ndef
        if ndef is None:
            return f"this {product} has no NDEF area (not NFC Forum formatted)"
        if not ndef.is_writeable:
            return f"this {product} is read-only (locked or password protected)"
        message = uri_message(uri)
        if len(message) > ndef.capacity:
            return (
                f"tag too small: the URL needs {len(message)} bytes of NDEF space and this"
                f" {product} holds {ndef.capacity}; use a larger tag (NTAG215/216)"
            )
        try:
            ndef.octets = message
        except AttributeError:
            return f"this {product} is read-only (locked or password protected)"
        if ndef.has_changed or tag.ndef is None:
            return "verification failed: what was read back differs from what was written"
        if decode_uri(bytes(tag.ndef.octets)) != uri:
            return "verification failed: the tag does not hold the URL"
        return None

    @staticmethod
    def _lock(tag: Any, lock: LockMode, password: bytes | None) -> str | None:
        if lock is LockMode.NONE:
            return None
        if lock is LockMode.PASSWORD:
            if password is None or len(password) < MIN_PASSWORD:
                return f"a tag password needs at least {MIN_PASSWORD} bytes"
            if tag.protect(password=password) is not True:
                return "written and verified, but the password could not be set"
            return None
        if tag.protect() is not True:
            return "written and verified, but the tag could not be locked"
        if tag.ndef is not None and tag.ndef.is_writeable:
            return "written and verified, but the tag is still writeable after locking"
        return None


def _why(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
