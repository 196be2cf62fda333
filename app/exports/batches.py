"""Reading the batch an export is about, once per run, into a plain ``units.BatchPlan``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.core.errors import NotFoundError
from app.exports.units import BatchPlan, LotInfo
from app.storage.brand import brand_settings
from app.storage.models import MintBatch
from app.storage.queries import get_batch

__all__ = ["load_plan"]


def load_plan(session: Session, batch_ref: str | int) -> BatchPlan:
    """The batch by its uid or number, with its lots and the brand's resolver settings."""
    try:
        batch: MintBatch = get_batch(session, batch_ref)
    except NotFoundError:
        raise NotFoundError(f"no batch {str(batch_ref).strip()}: nothing to export") from None
    brand = brand_settings(session)
    lots = tuple(
        LotInfo(lot.id, lot.code, lot.quantity, lot.print_quantity, lot.first_seq)
        for lot in batch.lots
    )
    return BatchPlan(
        id=batch.id,
        uid=batch.uid,
        status=batch.status,
        gtin=batch.gtin,
        identity_mode=batch.identity_mode,
        quantity=batch.quantity,
        minted_count=batch.minted_count,
        first_token_id=batch.first_token_id or 0,
        lots=lots,
        domain=brand.resolver_domain,
        gs1_ready=brand.gs1_ready,
    )
