from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.digital_link import (
    AI82_PATTERN,
    ParsedLink,
    build_uri,
    parse_scan,
    parse_uri,
    quote_component,
    serial_uri_prefix,
    token_uri,
    validate_ai82,
    validate_domain,
)
from app.core.errors import MintStationError, ValidationError
from app.core.ids import new_ulid
from tests.core.strategies import AI82_CHARS, ai82_values, gtins

GTIN = "09506000134352"
DOMAIN = "id.example.com"


# --- AI 82 and domains -------------------------------------------------------------------


def test_ai82_pattern_accepts_the_whole_set() -> None:
    assert len(AI82_CHARS) == 82
    for start in range(0, 82, 20):
        chunk = AI82_CHARS[start : start + 20]
        assert AI82_PATTERN.fullmatch(chunk)
        assert validate_ai82(chunk, "serial") == chunk


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("AB C", "' ' at position 3"),
        ("ABC#", "'#' at position 4"),
        ("é", "'é' at position 1"),
        ("A" * 21, "at most 20 characters, got 21"),
    ],
)
def test_ai82_errors_name_field_character_and_position(value: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_ai82(value, "lot")
    assert info.value.field == "lot"
    assert words in info.value.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("id.example.com", "id.example.com"),
        ("ID.Example.COM", "id.example.com"),
        (" id.example.com ", "id.example.com"),
        ("id.example.com:8443", "id.example.com:8443"),
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ],
)
def test_validate_domain_accepts_host_names(value: str, expected: str) -> None:
    assert validate_domain(value) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("https://id.example.com", "scheme"),
        ("id.example.com/path", "no path"),
        ("localhost", "not a host name"),
        ("-id.example.com", "not a host name"),
        ("id..example.com", "not a host name"),
        ("id_x.example.com", "not a host name"),
        ("bücher.example", "punycode"),
        ("id.example.com:0", "port 0"),
        ("id.example.com:70000", "port 70000"),
        ("a" * 64 + ".com", "not a host name"),
        (("a" * 60 + ".") * 5 + "com", "253"),
    ],
)
def test_validate_domain_refuses_what_is_not_a_host(value: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_domain(value)
    assert info.value.field == "domain"
    assert words in info.value.reason


# --- building -----------------------------------------------------------------------------


def test_build_uri_forms() -> None:
    assert build_uri(DOMAIN, GTIN) == f"https://{DOMAIN}/01/{GTIN}"
    assert build_uri("ID.example.com", "9506000134352", serial="ABC123") == (
        f"https://{DOMAIN}/01/{GTIN}/21/ABC123"
    )
    assert (
        build_uri(DOMAIN, GTIN, lot="L1", serial="S1") == f"https://{DOMAIN}/01/{GTIN}/10/L1/21/S1"
    )
    assert build_uri(DOMAIN, GTIN, lot="A/B") == f"https://{DOMAIN}/01/{GTIN}/10/A%2FB"


def test_build_uri_percent_encodes_reserved_characters() -> None:
    uri = build_uri(DOMAIN, GTIN, lot='a/b%c"d?e&f<', serial="g>h!i_j-k.l")
    assert uri.endswith("/10/a%2Fb%25c%22d%3Fe%26f%3C/21/g%3Eh%21i_j-k.l")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"domain": "https://x.com"}, "domain"),
        ({"gtin": "09506000134353"}, "gtin"),
        ({"lot": ""}, "lot"),
        ({"serial": "with space"}, "serial"),
        ({"serial": "X" * 21}, "serial"),
    ],
)
def test_build_uri_validates_every_part(kwargs: dict[str, str], field: str) -> None:
    args = {"domain": DOMAIN, "gtin": GTIN} | kwargs
    with pytest.raises(ValidationError) as info:
        build_uri(args.pop("domain"), args.pop("gtin"), **args)
    assert info.value.field == field


def test_quote_component() -> None:
    assert quote_component("ABC123") == "ABC123"
    assert quote_component("a-b.c_d~e") == "a-b.c_d~e"
    assert quote_component("a/b") == "a%2Fb"
    assert quote_component("%") == "%25"
    assert quote_component("(1)") == "%281%29"


@settings(max_examples=200, deadline=None)
@given(ai82_values)
def test_quote_component_round_trips_and_leaves_no_separator(value: str) -> None:
    quoted = quote_component(value)
    assert unquote(quoted) == value
    assert "/" not in quoted
    assert "?" not in quoted
    assert "#" not in quoted


@settings(max_examples=100, deadline=None)
@given(gtins(), st.none() | ai82_values, ai82_values)
def test_serial_prefix_plus_component_equals_build_uri(
    gtin: str, lot: str | None, serial: str
) -> None:
    prefix = serial_uri_prefix(DOMAIN, gtin, lot=lot)
    assert prefix.endswith("/21/")
    assert prefix + quote_component(serial) == build_uri(DOMAIN, gtin, lot=lot, serial=serial)


def test_token_uri() -> None:
    token = new_ulid()
    assert token_uri(DOMAIN, token) == f"https://{DOMAIN}/t/{token}"
    assert token_uri(DOMAIN, token.lower()) == f"https://{DOMAIN}/t/{token}"
    with pytest.raises(ValidationError) as info:
        token_uri(DOMAIN, "not-a-token")
    assert info.value.field == "token_id"


# --- parsing URIs -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["id.example.com", "resolver.brand.co.uk:8443", "127.0.0.1:8000"]),
    gtins(),
    st.none() | ai82_values,
    st.none() | ai82_values,
)
def test_build_then_parse_round_trips(
    domain: str, gtin: str, lot: str | None, serial: str | None
) -> None:
    parsed = parse_uri(build_uri(domain, gtin, lot=lot, serial=serial))
    assert parsed == ParsedLink(gtin=gtin.zfill(14), lot=lot, serial=serial, domain=domain)


def test_parse_uri_accepts_http_prefixes_aliases_and_attributes() -> None:
    parsed = parse_uri(
        f"http://Example.org/some/prefix/01/{GTIN}/22/V1/10/L%2F1/21/S!1?17=261231&11=250101"
        "&linkType=gs1:pip&picc_data=ABC&99=x"
    )
    assert parsed.gtin == GTIN
    assert parsed.lot == "L/1"
    assert parsed.serial == "S!1"
    assert parsed.domain == "example.org"
    assert parsed.attributes == {"17": "261231", "11": "250101", "22": "V1", "99": "x"}
    assert parse_uri("https://x.org/gtin/9506000134352/ser/7/").serial == "7"
    assert parse_uri("https://localhost:8000/01/96385074/").gtin == "00000096385074"


def test_parse_token_uri() -> None:
    token = new_ulid()
    assert parse_uri(f"https://{DOMAIN}/t/{token}") == ParsedLink(token_id=token, domain=DOMAIN)
    assert parse_uri(f"https://{DOMAIN}/p/t/{token.lower()}").token_id == token


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("", "empty"),
        ("id.example.com/01/09506000134352", "http"),
        ("ftp://id.example.com/01/09506000134352", "http"),
        ("https:///01/09506000134352", "no host"),
        ("https://user@id.example.com/01/09506000134352", "user"),
        ("https://bad_host!/01/09506000134352", "host"),
        ("https://[::1/01/09506000134352", "not a valid URI"),
        ("https://id.example.com/", "no /01/"),
        ("https://id.example.com/01/09506000134353", "expected 2, got 3"),
        ("https://id.example.com/01/09506000135", "8, 12, 13 or 14"),
        ("https://id.example.com/01/09506000134352/21", "no value"),
        ("https://id.example.com/01/09506000134352/21/", "serial (21) is empty"),
        ("https://id.example.com/01/09506000134352/21/A/10/B", "lot (10) must come before"),
        ("https://id.example.com/01/09506000134352/10/A/10/B", "twice"),
        ("https://id.example.com/01/09506000134352/99/A", "unexpected path segment '99'"),
        ("https://id.example.com/01/09506000134352/21/a%20b", "' ' at position 2"),
        ("https://id.example.com/01/09506000134352/21/%FF", "UTF-8"),
        ("https://id.example.com/01/09506000134352/21/" + "A" * 21, "at most 20"),
        ("https://id.example.com/01/09506000134352?17=991399", "query attribute 17"),
        ("https://id.example.com/01/09506000134352?21=5", "belongs in the path"),
        ("https://id.example.com/t/", "missing"),
        ("https://id.example.com/01/09506000134352/10/A/21", "no value"),
        ("https://id.example.com/t/NOTAULID", "26 characters"),
    ],
)
def test_parse_uri_refuses_malformed_links(uri: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_uri(uri)
    assert info.value.field == "uri"
    assert words in info.value.reason


uri_like = st.one_of(
    st.text(),
    st.text().map(lambda s: "https://" + s),
    st.text().map(lambda s: f"https://{DOMAIN}/01/{GTIN}/" + s),
    st.text().map(lambda s: f"https://{DOMAIN}/01/{GTIN}?" + s),
    st.text().map(lambda s: f"https://{DOMAIN}/t/" + s),
    st.lists(st.sampled_from(["01", "10", "21", "22", "t", GTIN, "A", "%2F", ""])).map(
        lambda parts: f"https://{DOMAIN}/" + "/".join(parts)
    ),
)


@settings(max_examples=500, deadline=None)
@given(uri_like)
def test_parse_uri_raises_only_validation_errors(text: str) -> None:
    try:
        parse_uri(text)
    except MintStationError as exc:
        assert isinstance(exc, ValidationError)
        assert exc.field == "uri"


# --- parsing scans ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scan",
    [
        f"]C101{GTIN}21ABC\x1d10L1",
        f"]d201{GTIN}21ABC\x1d10L1\r\n",
        f"]Q3\x1d01{GTIN}10L1\x1d21ABC",
        f"01{GTIN}10L1\x1d21ABC",
        f"(01){GTIN}(10)L1(21)ABC",
        f"(01) {GTIN} (10) L1 (21) ABC",
        f"https://{DOMAIN}/01/{GTIN}/10/L1/21/ABC",
        f"]Q1https://{DOMAIN}/01/{GTIN}/10/L1/21/ABC",
    ],
)
def test_parse_scan_understands_element_strings_and_links(scan: str) -> None:
    parsed = parse_scan(scan)
    assert (parsed.gtin, parsed.lot, parsed.serial) == (GTIN, "L1", "ABC")


def test_parse_scan_keeps_other_ais_and_bare_gtins() -> None:
    parsed = parse_scan(f"]C101{GTIN}17261231\x1d21ABC")
    assert parsed.attributes == {"17": "261231"}
    assert parse_scan("]E09506000134352") == ParsedLink(gtin=GTIN)
    assert parse_scan("96385074") == ParsedLink(gtin="00000096385074")
    token = new_ulid()
    assert parse_scan(f"https://{DOMAIN}/t/{token}").token_id == token


@pytest.mark.parametrize(
    ("scan", "words"),
    [
        ("", "nothing"),
        ("]", "symbology"),
        ("]C1", "no data"),
        ("]!1" + GTIN, "symbology"),
        ("hello world", "GS1 element string"),
        ("17261231", "check digit"),
        ("1726123110ABC", "no GTIN"),
        (f"01{GTIN[:-1]}321ABC", "expected 2, got 3"),
        (f"01{GTIN}21A\x1d21B", "twice"),
        (f"(01){GTIN}(21)", "expected '(AI)value"),
        (f"(01){GTIN}(9999)X", "GS1 element string"),
        (f"https://{DOMAIN}/01/{GTIN}/21/", "empty"),
        (f"(01){GTIN}(21)A#B", "GS1 element string"),
        (f"01{GTIN}21A#B", "GS1 element string"),
    ],
)
def test_parse_scan_refuses_what_it_cannot_read(scan: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_scan(scan)
    assert info.value.field == "scan"
    assert words in info.value.reason


scan_like = st.one_of(
    st.text(),
    st.text().map(lambda s: "]" + s),
    st.text().map(lambda s: "]C1" + s),
    st.text().map(lambda s: "(01)" + s),
    st.text().map(lambda s: f"01{GTIN}" + s),
    st.text(alphabet="0123456789()\x1dABC]", max_size=40),
    uri_like,
)


@settings(max_examples=500, deadline=None)
@given(scan_like)
def test_parse_scan_raises_only_validation_errors(text: str) -> None:
    try:
        parse_scan(text)
    except MintStationError as exc:
        assert isinstance(exc, ValidationError)
        assert exc.field == "scan"


@settings(max_examples=100, deadline=None)
@given(gtins(), ai82_values, ai82_values)
def test_scanned_element_strings_match_their_digital_link(gtin: str, lot: str, serial: str) -> None:
    element_string = f"]d201{gtin.zfill(14)}10{lot}\x1d21{serial}"
    from_scan = parse_scan(element_string)
    from_link = parse_scan(build_uri(DOMAIN, gtin, lot=lot, serial=serial))
    assert (from_scan.gtin, from_scan.lot, from_scan.serial) == (
        from_link.gtin,
        from_link.lot,
        from_link.serial,
    )
