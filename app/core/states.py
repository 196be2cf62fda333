"""State machines of batches, tokens and export packs, and the minting modes.

Each `check_*_transition` raises `StateTransitionError` for a move the machine does not
allow, including "moving" to the state one is already in.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from app.core.errors import StateTransitionError, ValidationError

__all__ = [
    "BATCH_TRANSITIONS",
    "PACK_TRANSITIONS",
    "TOKEN_TRANSITIONS",
    "ActivationMode",
    "BatchStatus",
    "IdentityMode",
    "PackStatus",
    "TokenStatus",
    "bundle_label",
    "check_batch_transition",
    "check_pack_transition",
    "check_token_transition",
]


class BatchStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    MINTED = "minted"
    FAILED = "failed"


class TokenStatus(StrEnum):
    MINTED = "minted"
    ACTIVE = "active"
    REVOKED = "revoked"


class PackStatus(StrEnum):
    PENDING = "pending"
    GENERATING = "generating"
    COMPLETED = "completed"
    FAILED = "failed"


class IdentityMode(StrEnum):
    """A token per serialised unit, or one token per lot."""

    SERIAL = "serial"
    LOT = "lot"


class ActivationMode(StrEnum):
    """Tokens go live when minted, or when the resolver sees their first valid scan."""

    AT_MINT = "at-mint"
    FIRST_SCAN = "first-scan"


BATCH_TRANSITIONS: dict[BatchStatus, frozenset[BatchStatus]] = {
    BatchStatus.QUEUED: frozenset({BatchStatus.PROCESSING, BatchStatus.FAILED}),
    BatchStatus.PROCESSING: frozenset({BatchStatus.MINTED, BatchStatus.FAILED}),
    BatchStatus.MINTED: frozenset(),
    # An operator resumes a failed batch; the mint engine continues from its checkpoint.
    BatchStatus.FAILED: frozenset({BatchStatus.QUEUED}),
}

TOKEN_TRANSITIONS: dict[TokenStatus, frozenset[TokenStatus]] = {
    TokenStatus.MINTED: frozenset({TokenStatus.ACTIVE, TokenStatus.REVOKED}),
    TokenStatus.ACTIVE: frozenset({TokenStatus.REVOKED}),
    TokenStatus.REVOKED: frozenset(),
}

PACK_TRANSITIONS: dict[PackStatus, frozenset[PackStatus]] = {
    PackStatus.PENDING: frozenset({PackStatus.GENERATING}),
    PackStatus.GENERATING: frozenset({PackStatus.COMPLETED, PackStatus.FAILED}),
    # A completed pack is only made again by a new export job, never regenerated in place.
    PackStatus.COMPLETED: frozenset(),
    PackStatus.FAILED: frozenset({PackStatus.GENERATING}),
}

_BUNDLE_LABELS = {
    PackStatus.PENDING: "queued",
    PackStatus.GENERATING: "generating",
    PackStatus.COMPLETED: "ready",
    PackStatus.FAILED: "failed",
}


_S = TypeVar("_S", bound=StrEnum)


def _check(what: str, table: dict[_S, frozenset[_S]], current: _S, new: _S) -> None:
    allowed = table.get(current)
    if allowed is None or new not in allowed:
        raise StateTransitionError(f"{what} cannot go from {current} to {new}")


def check_batch_transition(current: BatchStatus, new: BatchStatus) -> None:
    _check("batch", BATCH_TRANSITIONS, current, new)


def check_token_transition(current: TokenStatus, new: TokenStatus) -> None:
    _check("token", TOKEN_TRANSITIONS, current, new)


def check_pack_transition(current: PackStatus, new: PackStatus) -> None:
    _check("pack", PACK_TRANSITIONS, current, new)


def bundle_label(status: PackStatus) -> str:
    """The QR-bundle vocabulary shown to operators: queued, generating, ready, failed."""
    label = _BUNDLE_LABELS.get(status)
    if label is None:
        raise ValidationError("status", f"{status!r} is not a pack status")
    return label
