"""The units a station job works through: which tokens, and what goes on each tag.

A job covers a batch's minted tokens in key order, or pack k of them (the k-th slice of
10,000, as in the NFC and RFID manifests). Each unit carries its resolver URL (the NDEF URI,
the QR code) and, for RFID, its SGTIN EPC: SGTIN-96 when the serial fits, else SGTIN-198.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.epc import encode_sgtin_many
from app.core.errors import ConflictError, ValidationError
from app.core.ids import token_ids
from app.core.packs import pack_range
from app.core.states import BatchStatus
from app.core.urls import ResolverUrls
from app.encoding.job import StationJob
from app.storage.brand import brand_settings
from app.storage.queries import get_batch


@dataclass(frozen=True)
class StationUnit:
    key: int
    seq: int  # position in the batch (0-based)
    token_id: str
    gtin: str | None
    serial: str | None
    lot: str | None
    url: str
    epc: str | None = None  # RFID: the EPC bank in hex

    @property
    def label(self) -> str:
        """How the operator sees the unit: its serial (or lot) and token id."""
        ident = f"serial {self.serial}" if self.serial else f"lot {self.lot}"
        return f"unit {self.seq + 1} ({ident}, {self.token_id})"


@dataclass(frozen=True)
class JobPlan:
    kind: str
    batch_id: int
    batch_uid: str
    first_token_id: int
    first_key: int  # the job's key range, inclusive
    last_key: int
    urls: ResolverUrls
    lots: dict[int, str]
    company_prefix_length: int | None
    filter_value: int
    reencode: tuple[int, ...]
    reason: str | None

    @property
    def total(self) -> int:
        return len(self.reencode) if self.reencode else self.last_key - self.first_key + 1

    def unit(
        self, key: int, gtin: str | None, serial: str | None, lot_id: int | None
    ) -> StationUnit:
        seq = key - self.first_token_id
        token_id = token_ids(self.batch_uid, seq, 1)[0]
        lot = self.lots.get(lot_id) if lot_id is not None else None
        url = self.urls.for_unit(token_id=token_id, gtin=gtin, serial=serial, lot=lot)
        epc = None
        if self.kind == "rfid" and gtin and serial and self.company_prefix_length:
            sgtin = encode_sgtin_many(gtin, [serial], self.company_prefix_length, self.filter_value)
            epc = sgtin[0].hex
        return StationUnit(key, seq, token_id, gtin, serial, lot, url, epc)


def load_plan(session: Session, job: StationJob) -> JobPlan:
    """Check that the job can run and work out its key range; refuses with what to fix."""
    batch = get_batch(session, job.batch)
    if batch.status != BatchStatus.MINTED or batch.first_token_id is None:
        raise ConflictError(f"batch {batch.uid} is {batch.status}: only minted batches are encoded")
    brand = brand_settings(session)
    if not brand.resolver_domain:
        raise ValidationError("brand", "no resolver domain is set: `main.py brand set --domain`")
    positions = range(batch.minted_count)
    if job.pack is not None:
        positions = pack_range(job.pack, batch.minted_count)
    prefix_length = job.company_prefix_length or brand.company_prefix_length
    if job.kind == "rfid":
        if batch.identity_mode != "serial" or not batch.gtin:
            raise ValidationError(
                "batch", "RFID needs serialised units with a GTIN (an SGTIN has both)"
            )
        if prefix_length is None:
            raise ValidationError(
                "company_prefix_length",
                "the brand has no GS1 company prefix: set it (`main.py brand set --gcp`)"
                " or give --company-prefix-length",
            )
        encode_sgtin_many(batch.gtin, [], prefix_length, job.filter_value)  # checks both
    if job.reencode and not (job.reason and job.reason.strip()):
        raise ValidationError("reason", "re-encoding needs a reason")
    first = batch.first_token_id + positions.start
    last = batch.first_token_id + positions.stop - 1
    for key in job.reencode:
        if not first <= key <= last:
            raise ValidationError("reencode", f"token key {key} is not in this batch or pack")
    if job.window < 1:
        raise ValidationError("window", "at least one label must be in flight")
    return JobPlan(
        kind=job.kind,
        batch_id=batch.id,
        batch_uid=batch.uid,
        first_token_id=batch.first_token_id,
        first_key=first,
        last_key=last,
        urls=ResolverUrls(brand.resolver_domain, brand.gs1_ready),
        lots={lot.id: lot.code for lot in batch.lots},
        company_prefix_length=prefix_length,
        filter_value=job.filter_value,
        reencode=tuple(sorted(set(job.reencode))),
        reason=job.reason.strip() if job.reason else None,
    )
