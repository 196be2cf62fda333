"""One exception family for everything Mint Station refuses, with messages people can act on."""

from __future__ import annotations


class MintStationError(Exception):
    """Base of every error the station raises on purpose."""


class ValidationError(MintStationError):
    """Input that is wrong: names the field, the reason and, for files, the line."""

    def __init__(self, field: str, reason: str, *, line: int | None = None) -> None:
        self.field = field
        self.reason = reason
        self.line = line
        where = f"line {line}, {field}" if line is not None else field
        super().__init__(f"{where}: {reason}")


class StateTransitionError(MintStationError):
    """A state change that the state machine does not allow."""


class NotFoundError(MintStationError):
    """Something named by the user does not exist."""


class ConflictError(MintStationError):
    """The request collides with what is already there (a lock, a used serial, ...)."""


class DigitalLinkError(ValidationError):
    """A GS1 Digital Link URI (plain or compressed) that cannot be read."""

    def __init__(self, reason: str, *, field: str = "Digital Link URI") -> None:
        super().__init__(field, reason)
