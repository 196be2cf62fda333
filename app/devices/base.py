"""What every encoding device offers, whatever its make or protocol.

Stations talk to an :class:`NfcEncoder` or an :class:`RfidEncoder`; drivers for other
readers or printer languages subclass these and register in :mod:`app.devices.registry`.
Device methods are not thread-safe: each device is used from the thread of its bus
(:mod:`app.devices.bus`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from app.core.errors import MintStationError

CancelFn = Callable[[], bool]
DeviceKind = Literal["nfc", "rfid"]


class DeviceError(MintStationError):
    """A device cannot be used; ``hint`` says what the operator can do about it."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}\n  hint: {hint}" if hint else message)


class DeviceNotFound(DeviceError):
    """No such reader or printer (or nothing to talk to it with)."""


class DevicePermissionError(DeviceError):
    """The device is there but this user may not open it."""


class DeviceBusyError(DeviceError):
    """Another driver or process holds the device."""


class DeviceLost(DeviceError):
    """The device went away mid-job (unplugged, cable, network)."""


@dataclass(frozen=True)
class DeviceInfo:
    kind: DeviceKind
    path: str
    name: str
    driver: str
    note: str = ""


class Device(ABC):
    """An opened device. ``bus`` names the thread it must be used from."""

    info: DeviceInfo

    @property
    @abstractmethod
    def bus(self) -> str: ...

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...


# -- NFC -------------------------------------------------------------------------------


class LockMode(StrEnum):
    NONE = "none"
    PERMANENT = "permanent"  # lock bits: irreversible
    PASSWORD = "password"  # write access only after PWD_AUTH


@dataclass(frozen=True)
class NfcTag:
    """A tag on the reader, as read before writing."""

    uid: str
    product: str
    capacity: int | None  # NDEF bytes; None when the tag has no NDEF area
    writeable: bool
    current_uri: str | None


@dataclass(frozen=True)
class NfcWrite:
    """What happened when a URI was written to the tag on the reader."""

    ok: bool
    uid: str
    product: str
    reason: str | None = None
    locked: bool = False


class NfcEncoder(Device):
    """An NFC reader/writer that puts one NDEF URI record on one tag at a time."""

    @abstractmethod
    def wait_for_tag(self, cancelled: CancelFn) -> NfcTag | None:
        """Block until a tag that was not just handled is on the reader (None if cancelled).

        A tag that stays on the reader after it was handled is not taken again: the
        operator must take it away first.
        """

    @abstractmethod
    def write_uri(
        self, uri: str, *, lock: LockMode = LockMode.NONE, password: bytes | None = None
    ) -> NfcWrite:
        """Write ``uri`` to the tag found by the last ``wait_for_tag``, read it back, lock it.

        Tag-level trouble (removed, read-only, too small) is a failed :class:`NfcWrite`;
        only a reader that is gone raises :class:`DeviceLost`.
        """


# -- RFID printer-encoders -------------------------------------------------------------


@dataclass(frozen=True)
class PrinterStatus:
    answered: bool
    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    formats_buffered: int = 0

    @property
    def ready(self) -> bool:
        faults = (self.paper_out, self.paused, self.head_open, self.ribbon_out)
        return self.answered and not any(faults)

    @property
    def faulted(self) -> bool:
        """Something the operator must fix at the printer (a pause alone is not a fault)."""
        return not self.answered or self.paper_out or self.head_open or self.ribbon_out

    def describe(self) -> str:
        if not self.answered:
            return (
                "the printer does not answer: check that it is on, that labels and ribbon are"
                " loaded and the head is closed, and the cable"
            )
        problems = [
            text
            for flag, text in (
                (self.paper_out, "out of labels: load labels"),
                (self.head_open, "print head open: close it"),
                (self.ribbon_out, "out of ribbon: load ribbon"),
                (self.paused, "paused"),
            )
            if flag
        ]
        return "; ".join(problems) if problems else "ready"


@dataclass(frozen=True)
class LabelJob:
    """One unit's label: the EPC to encode, the QR data and the human-readable lines."""

    key: int
    epc: str
    qr_data: str
    lines: tuple[str, ...] = ()
    user_memory: bytes | None = None


@dataclass(frozen=True)
class VoidLabel:
    reason: str
    epc_read: str | None = None
    tid: str | None = None


@dataclass(frozen=True)
class LabelOutcome:
    job: LabelJob
    ok: bool
    tid: str | None = None
    epc_read: str | None = None
    voids: tuple[VoidLabel, ...] = ()
    reason: str | None = None


class PrinterFault(DeviceError):
    """The printer needs the operator (paper out, head open, no answer); nothing is lost."""

    def __init__(self, status: PrinterStatus) -> None:
        self.status = status
        super().__init__(f"printer: {status.describe()}")


@dataclass
class RfidOptions:
    tries: int = 3  # labels tried per unit before giving up (^RS n)
    reply_timeout_s: float = 10.0  # no read-back within this long: ask the printer why
    write_timeout_s: float = 2.0  # a write blocked longer was lost to a stalled line
    stall_limit_s: float = 60.0  # give up resending after the line stalled this long
    status_timeout_s: float = 2.0  # ~HS unanswered this long: the printer does not answer


class RfidEncoder(Device):
    """A printer-encoder that prints a label and encodes its RFID inlay, streaming jobs."""

    options: RfidOptions

    @abstractmethod
    def status(self) -> PrinterStatus: ...

    @abstractmethod
    def submit(self, job: LabelJob) -> None:
        """Send one label (the printer works through them in order)."""

    @abstractmethod
    def collect(self, timeout: float) -> list[LabelOutcome]:
        """Outcomes of submitted labels that became known, in order; waits up to ``timeout``.

        Raises :class:`PrinterFault` when read-backs stop coming because the printer needs
        the operator; the labels in flight stay in flight.
        """

    @abstractmethod
    def in_flight(self) -> list[LabelJob]: ...

    @abstractmethod
    def forget(self, keys: set[int]) -> None:
        """Stop waiting for these jobs (the caller decided how they ended)."""

    @abstractmethod
    def pause(self) -> None: ...

    @abstractmethod
    def resume(self) -> None: ...

    @abstractmethod
    def encoded_log(self) -> set[str]:
        """EPCs the printer's own log says it wrote successfully (for restart recovery)."""
