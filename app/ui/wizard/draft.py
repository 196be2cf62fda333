"""What the New Mint wizard has gathered so far, shared by its pages."""

from __future__ import annotations

from dataclasses import dataclass

from app.storage.catalogue_queries import ProductView
from app.workers.actions import MintRequest, RunView


@dataclass
class MintDraft:
    """Filled page by page; ``request`` is built when the configuration page is left.

    ``idempotency_key`` is made when the wizard opens: submitting twice mints once.
    """

    idempotency_key: str
    product: ProductView | None = None
    run: RunView | None = None
    request: MintRequest | None = None

    @property
    def sku(self) -> str:
        return self.product.record.sku if self.product else ""
