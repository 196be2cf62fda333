"""How a station talks to its operator: a protocol a window, a terminal or a test implements.

Calls come from the thread running the station (and, for device messages, the device's
bus thread); a Qt worker turns them into signals. ``DeviceMessages`` lets the device layer's
own :class:`~app.devices.handler.DeviceHandler` messages reach the station's handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.encoding.job import StationState
from app.encoding.units import StationUnit


@dataclass(frozen=True)
class UnitOutcome:
    """One attempt at one unit, as recorded."""

    result: str  # ok | failed | void
    record_id: int | None
    tag_uid: str | None = None
    epc: str | None = None
    reason: str | None = None
    voids: int = 0  # RFID: VOID labels before this outcome


@dataclass(frozen=True)
class StationStatus:
    state: StationState
    message: str
    done: int
    total: int


class StationHandler(Protocol):
    def present_tag(self, unit: StationUnit) -> None:
        """NFC: the station waits for a tag for this unit."""

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        """Written, read back, recorded: the unit is encoded."""

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        """An attempt failed (recorded); NFC tries the same unit again on the next tag."""

    def status(self, status: StationStatus) -> None:
        """State changes and messages: paused and why, printer trouble, finished."""


class QuietStationHandler:
    """Ignores everything (a base for handlers that care about a few calls)."""

    def present_tag(self, unit: StationUnit) -> None:
        return None

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        return None

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        return None

    def status(self, status: StationStatus) -> None:
        return None


class DeviceMessages:
    """A DeviceHandler that passes device messages on as station status."""

    def __init__(self, handler: StationHandler, progress: tuple[int, int] = (0, 0)) -> None:
        self.handler = handler
        self.state = StationState.RUNNING
        self.done, self.total = progress

    def _say(self, message: str) -> None:
        self.handler.status(StationStatus(self.state, message, self.done, self.total))

    def present_tag(self, prompt: str) -> None:
        self._say(prompt)

    def success(self, message: str) -> None:
        return None  # the station reports the unit once it is recorded

    def failure(self, message: str) -> None:
        return None  # likewise, with the unit it was for

    def status(self, message: str) -> None:
        self._say(message)
