from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import MintStationError, ValidationError
from app.core.gtin import gtin_check_digit, is_valid_gtin, normalize_gtin
from tests.core.strategies import gtins


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09506000134352", "09506000134352"),
        ("9506000134352", "09506000134352"),  # GTIN-13
        ("614141123452", "00614141123452"),  # GTIN-12 (UPC-A)
        ("96385074", "00000096385074"),  # GTIN-8
        ("80614141123458", "80614141123458"),
        ("  9506000134352\n", "09506000134352"),
    ],
)
def test_normalize_gtin_pads_to_14_digits(value: str, expected: str) -> None:
    assert normalize_gtin(value) == expected


def test_wrong_check_digit_names_expected_and_actual() -> None:
    with pytest.raises(ValidationError) as info:
        normalize_gtin("09506000134353")
    assert info.value.field == "gtin"
    assert "check digit" in info.value.reason
    assert "expected 2, got 3" in info.value.reason


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("0950600013435X", "digits only"),
        ("09506000-134352", "digits only"),
        ("٠٩٥٠٦٠٠٠١٣٤٣٥٢", "digits only"),  # Arabic-Indic digits are not GTIN digits
        ("1234567", "8, 12, 13 or 14"),
        ("123456789012345", "8, 12, 13 or 14"),
        ("12345678901", "8, 12, 13 or 14"),
    ],
)
def test_malformed_gtins_are_refused(value: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_gtin(value)
    assert info.value.field == "gtin"
    assert words in info.value.reason


def test_check_digit() -> None:
    assert gtin_check_digit("950600013435") == 2
    assert gtin_check_digit("8061414112345") == 8
    assert gtin_check_digit("9638507") == 4
    with pytest.raises(ValidationError):
        gtin_check_digit("12a")
    with pytest.raises(ValidationError):
        gtin_check_digit("")


def test_is_valid_gtin() -> None:
    assert is_valid_gtin("09506000134352")
    assert not is_valid_gtin("09506000134353")
    assert not is_valid_gtin("hello")


@settings(max_examples=200, deadline=None)
@given(gtins())
def test_valid_gtins_normalize_to_their_zero_padded_form(gtin: str) -> None:
    assert normalize_gtin(gtin) == gtin.zfill(14)
    assert is_valid_gtin(gtin)


@settings(max_examples=200, deadline=None)
@given(gtins(), st.integers(min_value=1, max_value=9))
def test_any_other_check_digit_is_refused(gtin: str, shift: int) -> None:
    wrong = gtin[:-1] + str((int(gtin[-1]) + shift) % 10)
    assert not is_valid_gtin(wrong)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="0123456789 \t", max_size=16)))
def test_any_text_gives_a_gtin_or_a_validation_error(text: str) -> None:
    try:
        result = normalize_gtin(text)
    except MintStationError as exc:
        assert isinstance(exc, ValidationError)
    else:
        assert len(result) == 14
        assert result.isdigit()
