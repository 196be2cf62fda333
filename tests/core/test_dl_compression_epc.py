"""Compressed Digital Link URIs carrying EPC binary strings (``eh`` hexadecimal, ``ex``
URI-safe base64; GS1 Digital Link URI: Compression Technical Standard for EPC binary strings
1.0.0, July 2025).

The EPC binary strings below are the EPC Tag Data Standard's own encoding examples (TDS,
annex "Example of a specific trade item (SGTIN)": SGTIN-96 ``urn:epc:tag:sgtin-96:
3.0614141.812345.6789`` = ``3074257BF7194E4000001A85``; SGTIN-198 ``urn:epc:tag:sgtin-198:
3.0614141.712345.32a%2Fb`` = ``3674257BF6B7A659B2C2BF1000000000000000000000000000``).
GS1's text of the compression standard and its URI examples were not available to us, so
the ``eh``/``ex`` wrapping is checked by round trips and against the TDS bits only.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.dl_compression import (
    compress_dl_uri,
    decompress_dl_uri,
    epc_compressed_dl_uri,
    is_compressed_dl_uri,
)
from app.core.errors import DigitalLinkError
from app.core.gtin import gtin_check_digit

TDS_SGTIN_96 = "3074257BF7194E4000001A85"
TDS_SGTIN_198 = "3674257BF6B7A659B2C2BF1000000000000000000000000000"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def b64(hex_text: str, bit_count: int) -> str:
    bits = format(int(hex_text, 16), f"0{len(hex_text) * 4}b")[:bit_count]
    bits += "0" * (-len(bits) % 6)
    return "".join(ALPHABET[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))


TDS_CASES = [
    # (EPC hex, significant bits, uncompressed path, company prefix length, filter)
    (TDS_SGTIN_96, 96, "/01/80614141123458/21/6789", 7, 3),
    (TDS_SGTIN_198, 198, "/01/70614141123451/21/32a%2Fb", 7, 3),
]


@pytest.mark.parametrize(("epc", "bits", "path", "cp_len", "filt"), TDS_CASES)
def test_tds_examples_both_forms_both_ways(
    epc: str, bits: int, path: str, cp_len: int, filt: int
) -> None:
    root = "https://id.gs1.org"
    eh, ex = f"{root}/eh{epc.lower()}", f"{root}/ex{b64(epc, bits)}"
    assert decompress_dl_uri(eh) == root + path
    assert decompress_dl_uri(ex) == root + path
    assert is_compressed_dl_uri(eh) and is_compressed_dl_uri(ex)
    kw = {"company_prefix_length": cp_len, "filter_value": filt}
    assert epc_compressed_dl_uri(root + path, form="eh", **kw) == eh
    assert epc_compressed_dl_uri(root + path, form="ex", **kw) == ex


def test_sizes_and_query_kept() -> None:
    """SGTIN-96 is 24 hex digits or 16 base64 characters; SGTIN-198 50 and 33."""
    ex96 = b64(TDS_SGTIN_96, 96)
    ex198 = b64(TDS_SGTIN_198, 198)
    assert (len(ex96), len(ex198)) == (16, 33)
    uri = f"https://r.example/ex{ex96}?linkType=gs1:pip"
    assert decompress_dl_uri(uri) == "https://r.example/01/80614141123458/21/6789?linkType=gs1:pip"


@pytest.mark.parametrize(
    ("segment", "reason"),
    [
        ("eh" + TDS_SGTIN_96.lower()[:-2], "96 bits"),  # truncated
        ("eh" + TDS_SGTIN_96.lower() + "00", "96 bits"),  # too long
        ("eh31" + TDS_SGTIN_96.lower()[2:], "header 31"),  # SSCC-96: not supported
        ("eh" + TDS_SGTIN_198.lower()[:-1] + "1", "198 bits"),  # padding bits not zero
        ("eh307" + "e" + TDS_SGTIN_96.lower()[4:], "partition value 7"),
        ("eh36" + "74" + "0" * 46, "serial"),  # SGTIN-198 with an empty serial
    ],
)
def test_bad_epc_strings_are_refused_by_name(segment: str, reason: str) -> None:
    with pytest.raises(DigitalLinkError, match=reason):
        decompress_dl_uri(f"https://r.example/{segment}")
    assert not is_compressed_dl_uri(f"https://r.example/{segment}")


def test_upper_case_hex_is_not_the_eh_form() -> None:
    assert not is_compressed_dl_uri(f"https://r.example/eh{TDS_SGTIN_96}")


@pytest.mark.parametrize(
    ("uri", "kwargs", "reason"),
    [
        ("https://r.example/01/80614141123458", {}, "/21/"),
        ("https://r.example/01/80614141123458/21/6789", {"form": "eb"}, "form"),
        ("https://r.example/01/80614141123458/21/6789", {"filter_value": 8}, "filter"),
        ("https://r.example/01/80614141123458/21/6789", {"company_prefix_length": 5}, "6 to 12"),
        ("https://r.example/01/80614141123458/21/" + "A" * 21, {}, "set 82"),
        ("https://r.example/01/80614141123457/21/6789", {}, "check digit"),
    ],
)
def test_epc_compression_refuses_what_no_sgtin_can_carry(
    uri: str, kwargs: dict[str, object], reason: str
) -> None:
    args: dict[str, object] = {"company_prefix_length": 7} | kwargs
    with pytest.raises(DigitalLinkError, match=reason):
        epc_compressed_dl_uri(uri, **args)  # type: ignore[arg-type]


def test_legacy_compression_is_untouched() -> None:
    plain = "https://id.gs1.org/01/05412345000013/10/ABC123"
    assert decompress_dl_uri(compress_dl_uri(plain)) == plain


SERIALS = st.one_of(
    st.integers(0, 2**38 - 1).map(str),
    st.text(
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
        min_size=1,
        max_size=20,
    ),
)


@given(
    payload=st.text("0123456789", min_size=13, max_size=13),
    serial=SERIALS,
    cp_len=st.integers(6, 12),
    filt=st.integers(0, 7),
    form=st.sampled_from(["eh", "ex"]),
)
def test_round_trip(payload: str, serial: str, cp_len: int, filt: int, form: str) -> None:
    from urllib.parse import quote

    gtin = payload + str(gtin_check_digit(payload))
    plain = f"https://r.example/01/{gtin}/21/{quote(serial, safe='')}"
    packed = epc_compressed_dl_uri(
        plain, company_prefix_length=cp_len, filter_value=filt, form=form
    )
    assert packed.count("/") == 3 and packed.split("/")[-1].startswith(form)
    assert decompress_dl_uri(packed) == plain
