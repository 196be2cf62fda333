"""GS1 compressed Digital Link URIs, checked against GS1's own published examples (the
GS1 Digital Link compression examples for GTIN 05412345000013) and by round trips."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.dl_compression import compress_dl_uri, decompress_dl_uri, is_compressed_dl_uri
from app.core.errors import DigitalLinkError, MintStationError

# (uncompressed, compressed) pairs as GS1 publishes them.
GS1_EXAMPLES = [
    ("https://id.gs1.org/01/05412345000013", "https://id.gs1.org/AQnYUc1gmg"),
    ("https://id.gs1.org/01/05412345000013/10/ABC123", "https://id.gs1.org/AQnYUc1gmiCNV4JG"),
    (
        "https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703",
        "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c",
    ),
    (
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123/21/72292641703",
        "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6cibQCWN9Pee9tT-PQ",
    ),
    (
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123",
        "https://id.gs1.org/AQnYUc1gmiCNV4JGRNoBLG-nvPe2p_Ho",
    ),
]


@pytest.mark.parametrize(("plain", "compressed"), GS1_EXAMPLES)
def test_gs1_examples_both_ways(plain: str, compressed: str) -> None:
    assert compress_dl_uri(plain) == compressed
    assert decompress_dl_uri(compressed) == plain
    assert is_compressed_dl_uri(compressed)
    assert not is_compressed_dl_uri(plain)


# Made by GS1's reference toolkit (GS1DigitalLinkToolkit.js) with its optimisation codes and
# non-GS1 key=value pairs compressed too: what other GS1 software may print.
TOOLKIT_OPTIMISED = [
    (
        "https://x.example/GhFKk4Gv6MReqJUeh1eeDfooYNtqs",
        "https://x.example/01/09506000001012/10/L1/21/ABC?17=281231&foo=bar",
    ),
    ("https://x.example/ChFKk4Gv6MSuo", "https://x.example/01/09506000001012/22/V1"),
    (
        "https://x.example/DhFKk4Gv6FPQO1AQsSWo",
        "https://x.example/01/09506000001012/21/S1?7003=2812311200",
    ),
    (
        "https://x.example/DBFKk4Gv6MSWoieh6mBDA",
        "https://x.example/01/09506000001012/21/S1?11=250101&30=12",
    ),
]


@pytest.mark.parametrize(("compressed", "plain"), TOOLKIT_OPTIMISED)
def test_optimised_forms_from_gs1s_toolkit(compressed: str, plain: str) -> None:
    assert decompress_dl_uri(compressed) == plain


def test_host_port_and_query_are_kept() -> None:
    plain = "http://127.0.0.1:8123/01/09506000001012/21/A%2FB?17=261231&src=nfc"
    compressed = compress_dl_uri(plain)
    assert compressed.startswith("http://127.0.0.1:8123/") and compressed.endswith("?src=nfc")
    assert decompress_dl_uri(compressed) == plain
    assert decompress_dl_uri(
        "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c?picc_data=0A&cmac=FF"
    ) == ("https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703?picc_data=0A&cmac=FF")


def test_leading_zeros_survive() -> None:
    plain = "https://d.example/01/09506000001012/21/0000000000042"
    assert decompress_dl_uri(compress_dl_uri(plain)) == plain


def test_partially_compressed_uri() -> None:
    """The primary key plain, the rest compressed (GS1's "partially compressed" form)."""
    # AI 10, encoding 3 (URI-safe base64), length 2, "L" (11) and "1" (53)
    bits = "0001" + "0000" + "011" + format(2, "05b") + format(11, "06b") + format(53, "06b")
    bits += "0" * (-len(bits) % 6)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    segment = "".join(alphabet[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
    assert decompress_dl_uri(f"https://d.example/01/09506000001012/{segment}") == (
        "https://d.example/01/09506000001012/10/L1"
    )


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://x.example/AQnY!!", "not a compressed Digital Link"),
        ("https://x.example/QQQQQQQQ", "unsupported AI"),
        ("https://x.example/AQnYUc1gmh", "trailing data"),
        ("ftp://x.example/AQnYUc1gmg", "not an http(s) URI"),
        ("https://x.example/", "not a compressed Digital Link"),
        ("https://x.example/AQnYUc1g", "ends in the middle"),
    ],
)
def test_bad_input_is_one_clear_error(uri: str, message: str) -> None:
    with pytest.raises(DigitalLinkError, match=re.escape(message)) as caught:
        decompress_dl_uri(uri)
    assert isinstance(caught.value, MintStationError)
    assert not is_compressed_dl_uri(uri)


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://x.example/01/09506000001013", "check digit"),
        ("https://x.example/01/09506000001012/21/" + "X" * 21, "1 to 20"),
        ("https://x.example/10/L1", "must start with /01"),
        ("https://x.example/01/09506000001012?8200=x", r"AI \(8200\) cannot be compressed"),
        ("https://x.example/01/09506000001012/21/é", "outside ASCII"),
    ],
)
def test_compress_refuses_what_it_cannot_represent(uri: str, message: str) -> None:
    with pytest.raises(DigitalLinkError, match=message):
        compress_dl_uri(uri)


AI82 = st.text(
    alphabet=st.sampled_from("0123456789ABCDEFabcdefxyzXYZ-_.!%&*+,:;=?'()\"/<>"),
    min_size=1,
    max_size=20,
)


@given(lot=st.none() | AI82, serial=st.none() | AI82, expiry=st.none() | st.just("271231"))
def test_round_trip(lot: str | None, serial: str | None, expiry: str | None) -> None:
    from urllib.parse import quote

    plain = "https://id.acme.example/01/09506000001012"
    if lot is not None:
        plain += "/10/" + quote(lot, safe="")
    if serial is not None:
        plain += "/21/" + quote(serial, safe="")
    if expiry is not None:
        plain += "?17=" + expiry
    compressed = compress_dl_uri(plain)
    assert is_compressed_dl_uri(compressed)
    assert decompress_dl_uri(compressed) == plain
