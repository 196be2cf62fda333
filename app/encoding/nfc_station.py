"""The NFC station: one unit per tag, in order, each written, read back and recorded.

For each unit the station waits for a tag, writes the unit's resolver URL, reads it back,
locks the tag if asked, and records the result. A failure is recorded with its reason and
the same unit goes on the next tag. A tag that already carries another unit that is
encoded is not overwritten. ``run_nfc_station`` is a plain function: the command line calls
it directly, the desktop from a worker thread, with a :class:`StationControl` to pause,
resume and stop it at any moment.
"""

from __future__ import annotations

import time
from collections import deque

from sqlalchemy import select

from app.core.digital_link import parse_uri
from app.core.errors import ConflictError, NotFoundError, ValidationError
from app.devices.base import NfcEncoder, NfcTag
from app.devices.bus import BusThread, attach
from app.encoding.control import StationControl
from app.encoding.handler import QuietStationHandler, StationHandler, UnitOutcome
from app.encoding.job import LEASE_S, StationJob, StationState, StationSummary
from app.encoding.recording import Attempt
from app.encoding.run import CLAIM_BLOCK, ProgressFn, StationRun, no_progress
from app.encoding.units import StationUnit
from app.storage.db import Database
from app.storage.encoding_queries import last_encoding
from app.storage.models import Token
from app.storage.queries import token_key


def run_nfc_station(
    job: StationJob,
    *,
    db: Database,
    encoder: NfcEncoder,
    handler: StationHandler | None = None,
    control: StationControl | None = None,
    progress: ProgressFn = no_progress,
) -> StationSummary:
    """Encode the job's units onto NFC tags until done, stopped, or ``job.count`` reached."""
    run = _NfcRun(
        job,
        db=db,
        device=encoder,
        handler=handler or QuietStationHandler(),
        control=control or StationControl(),
        progress=progress,
    )
    if hasattr(encoder, "handler"):
        encoder.handler = run.messages
    with attach(encoder) as bus:
        return run.loop(bus, encoder)


class _NfcRun(StationRun):
    def loop(self, bus: BusThread, encoder: NfcEncoder) -> StationSummary:
        self.ahead: deque[StationUnit] = deque()  # claimed, waiting their turn
        unit = self._next()
        try:
            while unit is not None and not self.count_reached():
                if self.control.stopped:
                    break
                if self.control.paused:
                    self.say(StationState.PAUSED, self.control.reason or "paused")
                    self.control.wait_running()
                    continue
                unit = self._one(bus, encoder, unit)
        finally:
            held = [unit.key] if unit is not None else []
            self.release(held + [ahead.key for ahead in self.ahead])
        return self.summary(finished=unit is None or self.count_reached())

    def _next(self) -> StationUnit | None:
        if not self.ahead:
            self.ahead.extend(self.claim(CLAIM_BLOCK))
        return self.ahead.popleft() if self.ahead else None

    def _one(self, bus: BusThread, encoder: NfcEncoder, unit: StationUnit) -> StationUnit | None:
        """One tag for ``unit``; returns the unit to do next (the same one after a failure)."""
        self.say(StationState.WAITING, f"present a tag for {unit.label}")
        self.handler.present_tag(unit)
        renew_at = time.monotonic() + LEASE_S / 2
        tag = bus.call(
            encoder.wait_for_tag,
            lambda: self.control.interrupted() or time.monotonic() > renew_at,
        )
        if tag is None:
            if not self.control.interrupted():  # a long wait: keep the claims alive
                self.renew([unit.key] + [ahead.key for ahead in self.ahead])
            return unit
        self.say(StationState.RUNNING, f"writing {unit.label} to tag {tag.uid}")
        refusal = self._refusal(tag, unit)
        if refusal is not None:
            attempt = Attempt("failed", self.device_name, tag.uid, reason=refusal)
        else:
            result = bus.call(
                encoder.write_uri, unit.url, lock=self.job.lock, password=self.job.password
            )
            attempt = Attempt(
                "ok" if result.ok else "failed", self.device_name, result.uid, reason=result.reason
            )
        try:
            outcome = self.write_down(unit, [attempt])
        except ConflictError as exc:  # another station finished it: this tag is a spare copy
            self.failed_one(unit, UnitOutcome("failed", None, attempt.tag_uid, reason=str(exc)))
            return self._next()
        if outcome.result != "ok":
            self.failed_one(unit, outcome)
            return unit
        self.encoded_one(unit, outcome)
        return self._next()

    def _refusal(self, tag: NfcTag, unit: StationUnit) -> str | None:
        """Why this tag must not be written for ``unit`` (it carries another encoded unit)."""
        uri = tag.current_uri
        if not uri or uri == unit.url:
            return None
        try:
            link = parse_uri(uri)
        except ValidationError:
            return None  # not one of ours: free to overwrite
        with self.db.read() as session:
            key: int | None = None
            if link.token_id:
                try:
                    key = token_key(session, link.token_id)
                except NotFoundError:
                    key = None
            elif link.gtin and link.serial:
                key = session.execute(
                    select(Token.id).where(Token.gtin == link.gtin, Token.serial == link.serial)
                ).scalar_one_or_none()
            if key is None or key == unit.key:
                return None
            earlier = last_encoding(session, key, "nfc")
        if earlier is None:
            return None
        return (
            f"tag {tag.uid} already carries an encoded unit ({uri}, encoded"
            f" {earlier.at:%Y-%m-%d %H:%M}): set it aside and present a blank tag"
        )
