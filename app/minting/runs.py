"""ERP production runs: a quantity that caps what all of a run's batches may mint."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.digital_link import validate_ai82
from app.core.errors import ConflictError, ValidationError
from app.storage import audit
from app.storage.models import ProductionRun
from app.storage.products import get_product


@dataclass(frozen=True)
class RunView:
    code: str
    sku: str
    erp_quantity: int | None
    reserved: int

    @property
    def remaining(self) -> int | None:
        return None if self.erp_quantity is None else self.erp_quantity - self.reserved


def add_run(session: Session, code: str, sku: str, erp_quantity: int | None) -> RunView:
    validate_ai82(code, "run code")
    if erp_quantity is not None and erp_quantity < 1:
        raise ValidationError("quantity", f"{erp_quantity} must be at least 1")
    product = get_product(session, sku)
    if session.execute(select(ProductionRun).where(ProductionRun.code == code)).first():
        raise ConflictError(f"production run {code} exists already")
    run = ProductionRun(code=code, product_id=product.id, erp_quantity=erp_quantity)
    session.add(run)
    session.flush()
    audit.append(session, "production_run", code, "created", {"sku": sku, "erp": erp_quantity})
    return RunView(code, sku, erp_quantity, 0)


def list_runs(session: Session, *, sku: str | None = None) -> list[RunView]:
    stmt = select(ProductionRun).order_by(ProductionRun.code)
    if sku:
        stmt = stmt.where(ProductionRun.product_id == get_product(session, sku).id)
    return [
        RunView(r.code, r.product.sku, r.erp_quantity, r.reserved_quantity)
        for r in session.execute(stmt).scalars()
    ]
