from __future__ import annotations

import secrets
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import MintStationError, ValidationError
from app.core.ids import (
    int_to_ulid,
    is_canonical_ulid,
    new_batch_base,
    new_ulid,
    token_ids,
    token_seq,
    ulid_to_int,
)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def test_new_ulid_shape_and_time() -> None:
    before = time.time_ns() // 1_000_000
    ulid = new_ulid()
    after = time.time_ns() // 1_000_000
    assert len(ulid) == 26
    assert is_canonical_ulid(ulid)
    assert set(ulid) <= set(CROCKFORD)
    assert before <= ulid_to_int(ulid) >> 80 <= after
    assert len({new_ulid() for _ in range(1000)}) == 1000


def test_known_values() -> None:
    assert int_to_ulid(0) == "0" * 26
    assert int_to_ulid(2**128 - 1) == "7" + "Z" * 25
    assert ulid_to_int("01ARZ3NDEKTSV4RRFFQ69G5FAV") == 0x01563E3AB5D3D6764C61EFB99302BD5B


def test_crockford_decoding_is_lenient() -> None:
    canonical = "01ARZ3NDEKTSV4RRFFQ69G5FA1"
    assert ulid_to_int(canonical.lower()) == ulid_to_int(canonical)
    assert ulid_to_int("0IARZ3NDEKTSV4RRFFQ69G5FAL") == ulid_to_int("01ARZ3NDEKTSV4RRFFQ69G5FA1")
    assert ulid_to_int("O1ARZ3NDEKTSV4RRFFQ69G5FA1") == ulid_to_int(canonical)
    assert not is_canonical_ulid(canonical.lower())


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "26 characters, got 0"),
        ("01ARZ3NDEKTSV4RRFFQ69G5FA", "got 25"),
        ("01ARZ3NDEKTSV4RRFFQ69G5FAVV", "got 27"),
        ("01ARZ3NDEKTSV4RRFFQ69G5FAU", "'U' at position 26"),
        ("01ARZ3NDEKTSV4RR-FQ69G5FAV", "'-' at position 17"),
        ("81ARZ3NDEKTSV4RRFFQ69G5FAV", "overflows"),
    ],
)
def test_ulid_errors(value: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        ulid_to_int(value)
    assert info.value.field == "token_id"
    assert words in info.value.reason


def test_int_to_ulid_range() -> None:
    for n in (-1, 2**128):
        with pytest.raises(ValidationError):
            int_to_ulid(n)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_ulid_round_trip_and_order(n: int) -> None:
    ulid = int_to_ulid(n)
    assert ulid_to_int(ulid) == n
    assert is_canonical_ulid(ulid)
    if n:
        assert int_to_ulid(n - 1) < ulid


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_ulid_to_int_raises_only_validation_errors(text: str) -> None:
    try:
        n = ulid_to_int(text)
    except MintStationError as exc:
        assert isinstance(exc, ValidationError)
    else:
        assert 0 <= n < 2**128


def test_batch_base_leaves_room(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter([2**80 - 5, 2**80 - 10, 1234])
    monkeypatch.setattr(secrets, "randbits", lambda bits: next(draws))
    base = new_batch_base(6)
    assert ulid_to_int(base) & (2**80 - 1) == 2**80 - 10  # the first draw had no room for 6
    last = token_ids(base, 5, 1)[0]
    assert ulid_to_int(last) >> 80 == ulid_to_int(base) >> 80  # no carry into the time


def test_batch_base_limits() -> None:
    assert is_canonical_ulid(new_batch_base(0))
    assert is_canonical_ulid(new_batch_base(1_000_000))
    for quantity in (-1, 2**80 + 1):
        with pytest.raises(ValidationError) as info:
            new_batch_base(quantity)
        assert info.value.field == "quantity"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=2**128 - 5000),
    st.integers(min_value=0, max_value=2500),
    st.integers(min_value=0, max_value=2500),
)
def test_token_ids_match_single_encoding(base_int: int, start: int, count: int) -> None:
    base = int_to_ulid(base_int)
    ids = token_ids(base, start, count)
    assert ids == [int_to_ulid(base_int + start + i) for i in range(count)]
    assert ids == sorted(ids)
    for offset, token in zip(range(start, start + count, 97), ids[::97], strict=True):
        assert token_seq(base, token) == offset


def test_token_ids_errors_and_seq() -> None:
    base = new_batch_base(100)
    assert token_ids(base, 0, 0) == []
    assert token_seq(base, base) == 0
    assert token_seq(base, int_to_ulid(ulid_to_int(base) - 3)) == -3
    with pytest.raises(ValidationError):
        token_ids(base, -1, 5)
    with pytest.raises(ValidationError):
        token_ids(base, 0, -5)
    with pytest.raises(ValidationError):
        token_ids("7" + "Z" * 25, 1, 1)
    with pytest.raises(ValidationError):
        token_seq(base, "nope")


def test_a_million_token_ids() -> None:
    base = new_batch_base(1_000_000)
    ids = token_ids(base, 0, 1_000_000)
    assert len(set(ids)) == 1_000_000
    assert ids[999_999] == int_to_ulid(ulid_to_int(base) + 999_999)
