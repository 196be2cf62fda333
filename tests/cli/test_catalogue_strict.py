"""Strict catalogue CSV: malformed rows are row errors with line and column (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.core.catalogue import MAX_FIELD_CHARS
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
