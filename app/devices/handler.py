"""How device code talks to the operator: a small protocol, never a widget.

The desktop implements it with signals to the window, the command line prints, tests record
what was said. Calls come from the device's bus thread.
"""

from __future__ import annotations

from typing import Protocol


class DeviceHandler(Protocol):
    def present_tag(self, prompt: str) -> None:
        """Ask the operator to put a tag on the reader."""

    def success(self, message: str) -> None:
        """The device did its part (a beep on a real reader)."""

    def failure(self, message: str) -> None:
        """The device could not do it; the message says what went wrong."""

    def status(self, message: str) -> None:
        """Anything else worth showing (printer paused, tag still on the reader, ...)."""


class SilentHandler:
    """Says nothing; the default when nobody listens."""

    def present_tag(self, prompt: str) -> None:
        return None

    def success(self, message: str) -> None:
        return None

    def failure(self, message: str) -> None:
        return None

    def status(self, message: str) -> None:
        return None
