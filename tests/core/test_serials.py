from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.epc import fits_sgtin96
from app.core.errors import MintStationError, ValidationError
from app.core.serials import (
    CROCKFORD,
    MAX_SGTIN96_SERIAL,
    RowError,
    SerialRange,
    check_sequential,
    random_numeric_serials,
    random_serials,
    read_serial_file,
    sequential_serials,
    validate_serial_list,
)


def test_constants() -> None:
    assert len(CROCKFORD) == 32
    assert not set("ILOU") & set(CROCKFORD)
    assert MAX_SGTIN96_SERIAL == 2**38 - 1


# --- sequential ---------------------------------------------------------------------------


def test_sequential_serials() -> None:
    assert sequential_serials("A-", 4, 998, 3) == ["A-0998", "A-0999", "A-1000"]
    assert sequential_serials("", 0, 9, 2) == ["9", "10"]
    assert sequential_serials("50%", 2, 1, 1) == ["50%01"]
    assert sequential_serials("X", 3, 0, 0) == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("A", 3, 995, 10), "width"),  # 1004 needs 4 digits
        (("A" * 15, 6, 0, 1), "prefix"),  # 21 characters
        (("A B", 3, 0, 1), "prefix"),
        (("A", -1, 0, 1), "width"),
        (("A", 3, -1, 1), "start"),
        (("A", 3, 0, -1), "count"),
    ],
)
def test_sequential_serials_refuse(args: tuple[str, int, int, int], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        sequential_serials(*args)
    assert info.value.field == field


# --- random -------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [8, 12, 13, 16, 20])
def test_random_serials_have_the_length_and_alphabet(length: int) -> None:
    serials = random_serials(5000, length)
    assert len(serials) == 5000
    assert len(set(serials)) == 5000
    assert all(len(serial) == length for serial in serials)
    assert set("".join(serials)) <= set(CROCKFORD)
    assert set("".join(serials)) == set(CROCKFORD)  # 5000 * 8 symbols hit all 32


def test_random_serials_defaults_and_limits() -> None:
    assert [len(s) for s in random_serials(3)] == [12, 12, 12]
    assert random_serials(0) == []
    for length in (7, 21):
        with pytest.raises(ValidationError) as info:
            random_serials(1, length)
        assert info.value.field == "length"
    with pytest.raises(ValidationError):
        random_serials(-1)


def _urandom_repeating_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first os.urandom call returns one repeated pattern: every draw collides."""
    calls = {"n": 0}
    real = os.urandom

    def fake(size: int) -> bytes:
        calls["n"] += 1
        return b"\x07" * size if calls["n"] == 1 else real(size)

    monkeypatch.setattr(os, "urandom", fake)


def test_random_serials_replace_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    _urandom_repeating_once(monkeypatch)
    serials = random_serials(50, 8)
    assert len(serials) == 50
    assert len(set(serials)) == 50
    assert "77777777" in serials


def test_random_numeric_serials_replace_duplicates_and_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"n": 0}
    real = os.urandom

    def fake(size: int) -> bytes:
        calls["n"] += 1
        return bytes(size) if calls["n"] == 1 else real(size)  # all zero at first

    monkeypatch.setattr(os, "urandom", fake)
    serials = random_numeric_serials(40)
    assert len(set(serials)) == 40
    assert "0" not in serials


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_random_numeric_serials_always_fit_sgtin96(count: int) -> None:
    serials = random_numeric_serials(count)
    assert len(serials) == count
    assert len(set(serials)) == count
    assert all(fits_sgtin96(serial) and serial != "0" for serial in serials)


def test_random_numeric_serials_refuse_negative_count() -> None:
    with pytest.raises(ValidationError):
        random_numeric_serials(-5)


def test_million_random_serials_are_distinct() -> None:
    serials = random_serials(1_000_000)
    assert len(set(serials)) == 1_000_000


# --- bring your own -----------------------------------------------------------------------


def test_validate_serial_list_reports_every_problem() -> None:
    lines = ["Serial", "A1", " A2\r", "", "A1", "bad serial", "X" * 21, "A3"]
    serials, errors = validate_serial_list(lines)
    assert serials == ["A1", "A2", "A3"]
    assert errors == [
        RowError(4, "serial", "empty serial"),
        RowError(5, "serial", "duplicate of line 2"),
        RowError(6, "serial", errors[2].reason),
        RowError(7, "serial", "must be at most 20 characters, got 21"),
    ]
    assert "' ' at position 4" in errors[2].reason
    assert str(errors[1]) == "line 5, serial: duplicate of line 2"


def test_validate_serial_list_header_only_on_first_line() -> None:
    serials, errors = validate_serial_list(["A", "serial"], first_line=10)
    assert serials == ["A", "serial"]
    assert errors == []
    serials, errors = validate_serial_list(["SERIAL", "A", ""], first_line=10)
    assert serials == ["A"]
    assert errors == [RowError(12, "serial", "empty serial")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=25), max_size=20))
def test_validate_serial_list_accounts_for_every_line(lines: list[str]) -> None:
    try:
        serials, errors = validate_serial_list(lines)
    except MintStationError:  # pragma: no cover - it must not raise at all
        pytest.fail("validate_serial_list raised")
    header = 1 if lines and lines[0].strip().lower() == "serial" else 0
    assert len(serials) + len(errors) + header == len(lines)
    assert len(set(serials)) == len(serials)


def test_read_serial_file_csv_quoting_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "serials.csv"
    path.write_bytes(
        b'\xef\xbb\xbfserial,note\r\nA1,first\r\n"B,2",x\r\n"C""3"\r\n\r\nA1\r\n"D\nE"\r\nF\r\n'
    )
    serials, errors = read_serial_file(path)
    assert serials == ["A1", "B,2", 'C"3', "F"]
    assert [(e.line, e.reason) for e in errors] == [
        (5, "empty serial"),
        (6, "duplicate of line 2"),
        (7, errors[2].reason),
    ]
    assert "position 2" in errors[2].reason
    assert [e.line for e in errors] == [5, 6, 7]


def test_read_serial_file_reports_undecodable_lines(tmp_path: Path) -> None:
    path = tmp_path / "serials.txt"
    path.write_bytes(b"A1\nB\xff2\nC3\n")
    serials, errors = read_serial_file(str(path))
    assert serials == ["A1", "C3"]
    assert errors == [RowError(2, "serial", "not valid UTF-8 text (byte 0xFF)")]


def test_read_serial_file_refuses_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        read_serial_file(tmp_path / "missing.csv")
    assert info.value.field == "file"
    utf16 = tmp_path / "utf16.csv"
    utf16.write_text("serial\nA1\n", encoding="utf-16")
    with pytest.raises(ValidationError) as info:
        read_serial_file(utf16)
    assert "UTF-16" in info.value.reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_read_serial_file_never_raises_on_content(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "serials.csv"
    path.write_bytes(data)
    try:
        serials, errors = read_serial_file(path)
    except ValidationError as exc:
        assert exc.field == "file"
    else:
        assert all(1 <= len(serial) <= 20 for serial in serials)
        assert all(error.line >= 1 for error in errors)


# --- ranges compared as strings -----------------------------------------------------------

_ranges = st.builds(
    lambda prefix, width, start, count: (prefix, width, start, count),
    st.sampled_from(["", "0", "00", "000", "1", "A", "A0", "0A", "-"]),
    st.integers(0, 4),
    st.integers(0, 1200),
    st.integers(1, 300),
)


def _strings(prefix: str, width: int, start: int, count: int) -> set[str]:
    return set(sequential_serials(prefix, width, start, count))


@settings(max_examples=300, deadline=None)
@given(_ranges, _ranges)
def test_range_overlap_matches_the_strings(
    a: tuple[str, int, int, int], b: tuple[str, int, int, int]
) -> None:
    try:
        first, second = check_sequential(*a), check_sequential(*b)
    except ValidationError:
        return
    shared = _strings(*a) & _strings(*b)
    found = first.overlap(second)
    assert (found is not None) == bool(shared)
    if found is not None:
        assert found in shared
        assert found in first and found in second
    for serial in list(_strings(*b))[:50]:
        assert (serial in first) == (serial in _strings(*a))
    assert set(first.members(sorted(_strings(*b)))) == shared


def test_range_overlap_of_the_issue() -> None:
    wide = SerialRange("", 8, 25_001, 55_000)
    short = check_sequential("000", 5, 1, 30_000)
    assert wide.overlap(short) == "00025001"
    assert check_sequential("000", 6, 1, 30_000).overlap(wide) is None
    assert "00025001" in wide and "0025001" not in wide and "0002500A" not in wide
    assert str(SerialRange("X", 0, 8, 12)) == "X8..X12"


@pytest.mark.parametrize(
    ("args", "field"),
    [(("A B", 3, 1, 1), "prefix"), (("#", 3, 1, 1), "prefix"), (("A", -1, 1, 1), "width")],
)
def test_check_sequential_refuses_without_making_serials(
    args: tuple[str, int, int, int], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        check_sequential(*args)
    assert err.value.field == field
