"""Strict catalogue CSV: malformed rows are row errors with line and column (issue 14)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.core.catalogue import MAX_FIELD_CHARS, CsvRecord, iter_csv_records
from app.core.serials import RowError
from tests.conftest import SAMPLE_PRODUCTS

HEADER = (
    "sku,name,gtin,commercial_status,manufacturer,country_of_origin,material_composition,"
    "recyclability\n"
)
GOOD = "NEW-1,New drill,,active,Acme,DE,steel,yes\n"


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str]:
    path = tmp_path / "catalogue.csv"
    path.write_text(text, encoding="utf-8", newline="")
    code = main(["--home", str(tmp_path / "home"), "products", "import", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def _products(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--home", str(tmp_path / "home"), "products", "list", "--json"]) == 0
    return capsys.readouterr().out


@pytest.fixture
def home_with_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--home", str(tmp_path / "home"), "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    capsys.readouterr()
    return _products(tmp_path, capsys)


@pytest.mark.parametrize(
    ("row", "where", "words"),
    [
        # The case: the last quoted field has no closing quote.
        ('ACM-DRL-18V,Drill,,active,Acme,DE,steel,"yes\n', "line 3, column 41", "never closed"),
        ('ACM-DRL-18V,Dr"ill,,active,Acme,DE,steel,yes\n', "line 3, column 15", "quote inside"),
        (
            'ACM-DRL-18V,"Drill"x,,active,Acme,DE,steel,yes\n',
            "line 3, column 20",
            "after a closing",
        ),
        (
            f"ACM-DRL-18V,Drill,,active,Acme,DE,{'s' * (MAX_FIELD_CHARS + 1)},yes\n",
            "line 3, column 35",
            f"over the limit of {MAX_FIELD_CHARS:,}",
        ),
        (
            f'ACM-DRL-18V,Drill,,active,Acme,DE,"{"s" * 200_000}",yes\n',
            "line 3, column 35",
            "over the limit",
        ),
    ],
)
def test_malformed_rows_are_errors_and_nothing_is_overwritten(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    home_with_catalogue: str,
    row: str,
    where: str,
    words: str,
) -> None:
    code, err = _import(tmp_path, capsys, HEADER + GOOD + row)
    assert code == 2
    assert where in err and words in err
    assert "nothing was imported" in err
    assert _products(tmp_path, capsys) == home_with_catalogue


def test_quoted_fields_with_commas_newlines_and_quotes_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = 'Q-1,"Drill, ""pro""\r\nline two",,active,Acme,DE,steel,yes\r\n'
    code, _ = _import(tmp_path, capsys, HEADER + row)
    assert code == 0
    assert '"name": "Drill, \\"pro\\"\\r\\nline two"' in _products(tmp_path, capsys)


def test_not_utf8_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "L-1,Bohrer,,active,M\xfcller,DE,s,y\n").encode("latin-1"))
    code = main(["--home", str(tmp_path / "home"), "products", "import", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 2, column 20, manufacturer: not valid UTF-8 text (byte 0xFC)" in err


_cell = st.text(alphabet='ab ,"\r\nÜ', max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cell, min_size=1, max_size=5), min_size=1, max_size=5))
def test_well_formed_csv_reads_as_the_csv_module_reads_it(rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    expected = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    got = list(iter_csv_records(io.StringIO(text, newline="")))
    assert all(isinstance(r, CsvRecord) for r in got)
    assert [r.fields for r in got if isinstance(r, CsvRecord)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab,"\r\n', max_size=40))
def test_any_text_gives_records_or_row_errors(text: str) -> None:
    for item in iter_csv_records(io.StringIO(text, newline=""), max_field=5):
        if isinstance(item, CsvRecord):
            assert all(len(f) <= 5 for f in item.fields)
            assert all((item.column(i) or 0) >= 1 for i in range(len(item.fields)))
        else:
            assert isinstance(item, RowError) and item.column is not None
