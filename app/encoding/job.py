"""What an operator asks a station to do, and what it reports when it stops."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from app.devices.base import LockMode

Kind = Literal["nfc", "rfid"]
LEASE_S = 600.0  # a claim lapses this long after its station last touched it


@dataclass(frozen=True)
class StationJob:
    """A batch (or one pack of it) to encode, in unit order.

    ``count`` stops after that many units were encoded in this run. ``reencode`` names
    token keys to encode again although they are encoded already; it needs a ``reason``.
    """

    kind: Kind
    batch: str | int
    pack: int | None = None
    count: int | None = None
    lock: LockMode = LockMode.NONE
    password: bytes | None = None
    company_prefix_length: int | None = None
    filter_value: int = 1
    user_memory: bool = False
    window: int = 4
    reencode: tuple[int, ...] = ()
    reason: str | None = None


class StationState(StrEnum):
    STARTING = "starting"
    WAITING = "waiting"  # for a tag, or for the printer
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"
    FINISHED = "finished"  # every unit of the job is encoded (or count reached)
    STOPPED = "stopped"  # by the operator; restart continues with the first unit not encoded


@dataclass(frozen=True)
class StationSummary:
    state: StationState
    encoded: int  # units encoded by this run
    failed: int  # failed attempts (and VOID labels) in this run
    done: int  # units of the job encoded, by any run
    total: int
    left_unencoded: tuple[int, ...] = ()  # keys this run gave up on (RFID: all tries VOID)
    message: str = ""


def station_id(kind: Kind, device: str) -> str:
    """Who holds a claim: this computer, the kind and the device path."""
    return f"{socket.gethostname()}/{kind}/{device}"[:200]
