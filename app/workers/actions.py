"""Quick service calls the window makes directly (each a short transaction).

The UI reaches services only through app.workers; long jobs go through ``Job``, these short
ones are re-exported here so the import direction of DESIGN.md holds.
"""

from __future__ import annotations

from app.minting.engine import resume_failed
from app.minting.submit import MintRefused, Submitted, submit
from app.minting.tokens import revoke

__all__ = ["MintRefused", "Submitted", "resume_failed", "revoke", "submit"]
