from __future__ import annotations

import pytest
from epcpy.epc_schemes.sgtin import SGTIN, SGTINFilterValue
from epcpy.utils.common import ConvertException
from epcpy.utils.parsers import hex_to_tag_encodable
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.epc import (
    MAX_SGTIN96_SERIAL,
    Sgtin,
    decode_sgtin,
    encode_sgtin,
    encode_sgtin_many,
    fits_sgtin96,
)
from app.core.errors import MintStationError, ValidationError
from tests.core.strategies import ai82_values, gtin14s


def test_worked_example_from_the_tag_data_standard() -> None:
    sgtin = encode_sgtin("80614141123458", "6789", 7, 3)
    assert sgtin == Sgtin(
        scheme="sgtin-96",
        hex="3074257BF7194E4000001A85",
        tag_uri="urn:epc:tag:sgtin-96:3.0614141.812345.6789",
        epc_uri="urn:epc:id:sgtin:0614141.812345.6789",
    )
    assert decode_sgtin(sgtin.hex) == ("80614141123458", "6789", 3, "sgtin-96")


def test_company_prefix_length_changes_the_encoding() -> None:
    assert encode_sgtin("09506000134352", "12345", 7).hex == "30364433400D1EC000003039"
    assert encode_sgtin("9506000134352", "12345", 9).hex == "302F8A9014D06CC000003039"
    assert decode_sgtin("302F8A9014D06CC000003039") == ("09506000134352", "12345", 1, "sgtin-96")


@pytest.mark.parametrize(
    ("serial", "fits"),
    [
        ("0", True),
        ("1", True),
        ("274877906943", True),
        ("274877906944", False),
        ("00", False),
        ("0123", False),
        ("", False),
        ("-1", False),
        ("+1", False),
        ("1 ", False),
        ("١٢", False),
        ("12A", False),
        ("9" * 13, False),
    ],
)
def test_fits_sgtin96(serial: str, fits: bool) -> None:
    assert fits_sgtin96(serial) is fits


@pytest.mark.parametrize(
    "serial", ['a,"/%b', "0123", "274877906944", "ABC-123", "x.y.z", "?&<>", "<0", "A/B", "Z" * 20]
)
def test_other_serials_use_sgtin198_and_round_trip(serial: str) -> None:
    sgtin = encode_sgtin("09506000134352", serial, 7, 1)
    assert sgtin.scheme == "sgtin-198"
    assert sgtin.hex.startswith("36")
    assert len(sgtin.hex) == 52
    assert sgtin.tag_uri.startswith("urn:epc:tag:sgtin-198:1.9506000.013435.")
    assert decode_sgtin(sgtin.hex) == ("09506000134352", serial, 1, "sgtin-198")


def test_pure_identity_uri_escapes_reserved_characters() -> None:
    sgtin = encode_sgtin("09506000134352", 'a,"/%&<>?', 7)
    assert sgtin.epc_uri == "urn:epc:id:sgtin:9506000.013435.a,%22%2F%25%26%3C%3E%3F"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("09506000134352", "1", 5, 1), "company_prefix_length"),
        (("09506000134352", "1", 13, 1), "company_prefix_length"),
        (("09506000134352", "1", 7, 8), "filter_value"),
        (("09506000134352", "1", 7, -1), "filter_value"),
        (("09506000134353", "1", 7, 1), "gtin"),
        (("09506000134352", "", 7, 1), "serial"),
        (("09506000134352", "a b", 7, 1), "serial"),
        (("09506000134352", "X" * 21, 7, 1), "serial"),
    ],
)
def test_encode_refuses_bad_input(args: tuple[str, str, int, int], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        encode_sgtin(*args)
    assert info.value.field == field
    with pytest.raises(ValidationError):
        encode_sgtin_many(args[0], [args[1]], args[2], args[3])


def test_encode_many_matches_encode_one() -> None:
    serials = ["0", "1", "6789", "274877906943", "274877906944", "007", "A/B", "12345"]
    serials += [str(n) for n in range(10**9, 10**9 + 50)]
    for prefix_length in range(6, 13):
        for filter_value in (0, 1, 3, 7):
            many = encode_sgtin_many("80614141123458", serials, prefix_length, filter_value)
            one = [encode_sgtin("80614141123458", s, prefix_length, filter_value) for s in serials]
            assert many == one


@settings(max_examples=150, deadline=None)
@given(
    gtin14s,
    st.integers(min_value=0, max_value=MAX_SGTIN96_SERIAL),
    st.integers(min_value=6, max_value=12),
    st.integers(min_value=0, max_value=7),
)
def test_sgtin96_round_trip(gtin: str, serial: int, prefix_length: int, filter_value: int) -> None:
    sgtin = encode_sgtin(gtin, str(serial), prefix_length, filter_value)
    assert sgtin.scheme == "sgtin-96"
    assert len(sgtin.hex) == 24
    assert encode_sgtin_many(gtin, [str(serial)], prefix_length, filter_value) == [sgtin]
    assert decode_sgtin(sgtin.hex.lower()) == (gtin, str(serial), filter_value, "sgtin-96")


@settings(max_examples=150, deadline=None)
@given(gtin14s, ai82_values, st.integers(min_value=6, max_value=12), st.integers(0, 7))
def test_any_ai82_serial_round_trips(
    gtin: str, serial: str, prefix_length: int, filter_value: int
) -> None:
    sgtin = encode_sgtin(gtin, serial, prefix_length, filter_value)
    assert sgtin.scheme == ("sgtin-96" if fits_sgtin96(serial) else "sgtin-198")
    assert decode_sgtin(sgtin.hex) == (gtin, serial, filter_value, sgtin.scheme)


def test_decode_accepts_reader_padding_and_whitespace() -> None:
    assert decode_sgtin(" 3074257bf7194e4000001a85 ")[1] == "6789"
    assert decode_sgtin("3074257BF7194E4000001A85" + "0000")[1] == "6789"
    sgtin198 = encode_sgtin("09506000134352", "ABC", 7).hex
    assert decode_sgtin(sgtin198[:50])[1] == "ABC"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "hexadecimal"),
        ("0x3074257BF7194E4000001A85", "hexadecimal"),
        ("3074_257BF7194E4000001A85", "hexadecimal"),
        ("3174257BF7194E4000001A85", "header"),  # SSCC-96
        ("3074257BF7194E4000001A", "needs 24"),
        ("3074257BF7194E4000001A85FF", "after"),
        ("307E257BF7194E4000001A85", "valid sgtin-96"),  # partition 7
    ],
)
def test_decode_refuses_garbage(value: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        decode_sgtin(value)
    assert info.value.field == "epc"
    assert words in info.value.reason


hex_like = st.one_of(
    st.text(),
    st.text(alphabet="0123456789ABCDEF", max_size=60),
    st.text(alphabet="0123456789ABCDEF", min_size=22, max_size=22).map(lambda s: "30" + s),
    st.text(alphabet="0123456789ABCDEF", min_size=50, max_size=50).map(lambda s: "36" + s),
)


@settings(max_examples=400, deadline=None)
@given(hex_like)
def test_decode_raises_only_validation_errors(text: str) -> None:
    try:
        gtin, serial, filter_value, scheme = decode_sgtin(text)
    except MintStationError as exc:
        assert isinstance(exc, ValidationError)
    else:
        assert len(gtin) == 14
        assert 0 <= filter_value <= 7
        assert scheme in ("sgtin-96", "sgtin-198")
        assert 1 <= len(serial) <= 20


@settings(max_examples=150, deadline=None)
@given(gtin14s, ai82_values, st.integers(min_value=6, max_value=12), st.integers(0, 7))
def test_sgtin198_codec_agrees_with_epcpy(
    gtin: str, serial: str, prefix_length: int, filter_value: int
) -> None:
    ours = encode_sgtin(gtin, serial[:19] + "x", prefix_length, filter_value)  # not numeric
    assert ours.scheme == "sgtin-198"
    try:
        reference = SGTIN(ours.epc_uri)
    except (ConvertException, ValueError):
        return  # epcpy 0.1.8 refuses escapes such as %3C followed by more characters
    coding = SGTIN.BinaryCodingScheme.SGTIN_198
    filter_enum = SGTINFilterValue(str(filter_value))
    assert reference.tag_uri(coding, filter_enum) == ours.tag_uri
    assert reference.hex(binary_coding_scheme=coding, filter_value=filter_enum) == ours.hex
    assert hex_to_tag_encodable(ours.hex).epc_uri == ours.epc_uri
