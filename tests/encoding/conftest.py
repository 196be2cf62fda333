"""Stations over simulated devices: minted batches, recording handlers, no thread left."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.encoding.handler import StationStatus, UnitOutcome
from app.encoding.units import StationUnit
from app.minting.engine import mint
from app.minting.request import MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from app.storage.encoding_models import EncodingRecord
from tests.minting.conftest import READY_SKU


def minted_batch(db: Database, quantity: int, serials: SerialSpec | None = None) -> int:
    sub = submit(db, MintRequest(sku=READY_SKU, quantity=quantity, serials=serials or SerialSpec()))
    mint(sub.batch_id, db=db)
    return sub.batch_id


NUMERIC = SerialSpec(kind=SerialKind.NUMERIC)


@dataclass
class Recorder:
    """A StationHandler that writes down what it was told."""

    events: list[tuple[str, int, str | None]] = field(default_factory=list)
    statuses: list[StationStatus] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def present_tag(self, unit: StationUnit) -> None:
        with self.lock:
            self.events.append(("present", unit.key, None))

    def unit_encoded(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        with self.lock:
            self.events.append(("encoded", unit.key, outcome.tag_uid))

    def unit_failed(self, unit: StationUnit, outcome: UnitOutcome) -> None:
        with self.lock:
            self.events.append(("failed", unit.key, outcome.reason))

    def status(self, status: StationStatus) -> None:
        with self.lock:
            self.statuses.append(status)

    def of(self, kind: str) -> list[tuple[str, int, str | None]]:
        with self.lock:
            return [event for event in self.events if event[0] == kind]


def ok_counts(db: Database, kind: str) -> dict[int, int]:
    """token key -> number of ok records of this kind."""
    with db.read() as session:
        rows = session.execute(
            select(EncodingRecord.token_key, func.count())
            .where(EncodingRecord.kind == kind, EncodingRecord.result == "ok")
            .group_by(EncodingRecord.token_key)
        ).all()
    return dict(rows)  # type: ignore[arg-type]
