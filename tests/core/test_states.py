from __future__ import annotations

import itertools
from collections.abc import Callable
from enum import StrEnum

import pytest

from app.core.errors import StateTransitionError, ValidationError
from app.core.states import (
    ActivationMode,
    BatchStatus,
    IdentityMode,
    PackStatus,
    TokenStatus,
    bundle_label,
    check_batch_transition,
    check_pack_transition,
    check_token_transition,
)

B, T, P = BatchStatus, TokenStatus, PackStatus

ALLOWED: list[tuple[type[StrEnum], Callable[..., None], set[tuple[StrEnum, StrEnum]]]] = [
    (
        BatchStatus,
        check_batch_transition,
        {
            (B.QUEUED, B.PROCESSING),
            (B.QUEUED, B.FAILED),
            (B.PROCESSING, B.MINTED),
            (B.PROCESSING, B.FAILED),
            (B.FAILED, B.QUEUED),
        },
    ),
    (
        TokenStatus,
        check_token_transition,
        {(T.MINTED, T.ACTIVE), (T.MINTED, T.REVOKED), (T.ACTIVE, T.REVOKED)},
    ),
    (
        PackStatus,
        check_pack_transition,
        {
            (P.PENDING, P.GENERATING),
            (P.GENERATING, P.COMPLETED),
            (P.GENERATING, P.FAILED),
            (P.FAILED, P.GENERATING),
        },
    ),
]


@pytest.mark.parametrize(("enum", "check", "allowed"), ALLOWED)
def test_exactly_the_allowed_transitions_pass(
    enum: type[StrEnum], check: Callable[..., None], allowed: set[tuple[StrEnum, StrEnum]]
) -> None:
    for current, new in itertools.product(enum, repeat=2):
        if (current, new) in allowed:
            check(current, new)
        else:
            with pytest.raises(StateTransitionError):
                check(current, new)


def test_messages_name_both_states() -> None:
    with pytest.raises(StateTransitionError, match="batch cannot go from minted to queued"):
        check_batch_transition(B.MINTED, B.QUEUED)
    with pytest.raises(StateTransitionError, match="token cannot go from revoked to active"):
        check_token_transition(T.REVOKED, T.ACTIVE)
    with pytest.raises(StateTransitionError, match="pack cannot go from completed to generating"):
        check_pack_transition(P.COMPLETED, P.GENERATING)


def test_values_are_the_stored_strings() -> None:
    assert [s.value for s in BatchStatus] == ["queued", "processing", "minted", "failed"]
    assert [s.value for s in TokenStatus] == ["minted", "active", "revoked"]
    assert [s.value for s in PackStatus] == ["pending", "generating", "completed", "failed"]
    assert [s.value for s in IdentityMode] == ["serial", "lot"]
    assert [s.value for s in ActivationMode] == ["at-mint", "first-scan"]
    assert BatchStatus("queued") is B.QUEUED
    assert f"{ActivationMode.FIRST_SCAN}" == "first-scan"


def test_plain_strings_from_the_database_work_too() -> None:
    check_batch_transition("queued", "processing")  # type: ignore[arg-type]
    with pytest.raises(StateTransitionError):
        check_batch_transition("queued", "bogus")  # type: ignore[arg-type]


def test_bundle_label() -> None:
    assert [bundle_label(s) for s in PackStatus] == ["queued", "generating", "ready", "failed"]
    with pytest.raises(ValidationError):
        bundle_label("bogus")  # type: ignore[arg-type]
