"""`templates`, `printers list` and `print` on the command line: files, messages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.printing import spool
from app.printing.templates import PRESETS, template_to_json
from app.storage.db import open_database
from tests.conftest import prepare_station
from tests.printing.conftest import mint_serials, require_cups_pdf


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'station.db'}"
    db = open_database(url)
    prepare_station(db)
    db.dispose()
    return url


def test_templates_export_import_and_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _db(tmp_path)
    out = tmp_path / "sheet.json"
    assert main(["--db", url, "templates", "export", "a4-3x8", str(out)]) == 0
    assert (
        main(["--db", url, "templates", "import", str(out), "--name", "office A4", "--default"])
        == 0
    )
    capsys.readouterr()
    assert main(["--db", url, "templates", "list", "--json"]) == 0
    listed = {t["name"]: t for t in json.loads(capsys.readouterr().out)}
    assert listed["office A4"]["default"] and not listed["roll-50x30"]["default"]
    assert listed["office A4"]["sheet"]["columns"] == 3
    assert main(["--db", url, "templates", "show", "office A4"]) == 0
    assert '"name": "office A4"' in capsys.readouterr().out


def test_bad_template_files_get_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _db(tmp_path)
    bad = tmp_path / "bad.json"
    data = json.loads(template_to_json(PRESETS["roll-50x25"]))
    data["template"]["dpi"] = "high"
    bad.write_text(json.dumps(data))
    assert main(["--db", url, "templates", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: {bad}: template.dpi: must be a whole number, got 'high'"
    assert main(["--db", url, "templates", "import", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_print_refusals_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = _db(tmp_path)
    assert main(["--db", url, "print", "7", "--printer", "x"]) == 2
    assert capsys.readouterr().err.strip() == "error: no batch 7: nothing to print"
    db = open_database(url)
    mint_serials(db, 3)
    db.dispose()
    assert main(["--db", url, "print", "1", "--printer", "x", "--reason", "why"]) == 2
    assert "--reason: goes with --reprint" in capsys.readouterr().err


@pytest.mark.parametrize("use_pycups", [True, False])
def test_printers_and_spooling_through_both_cups_clients(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    use_pycups: bool,
) -> None:
    cups_pdf = require_cups_pdf()
    if use_pycups and spool._pycups() is None:
        pytest.skip("pycups is not installed (pip install pycups); lp/lpstat are tested")
    if not use_pycups:
        monkeypatch.setattr(spool, "_pycups", lambda: None)  # CUPS's own lp and lpstat
    assert main(["printers", "list", "--json"]) == 0
    printers = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert printers[cups_pdf.queue]["backend"] == "system"
    url = _db(tmp_path)
    db = open_database(url)
    batch = mint_serials(db, 2)
    db.dispose()
    before = cups_pdf.files()
    assert main(["--db", url, "print", batch, "--printer", cups_pdf.queue, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["printed_now"] == 2
    assert len(cups_pdf.wait_for(before, 1, batch=batch)) == 1
    assert (
        main(
            ["--db", url, "print", batch, "--printer", "NoSuchQueue", "--reprint", "--reason", "r"]
        )
        == 2
    )
    assert "no printer 'NoSuchQueue'" in capsys.readouterr().err


def test_prints_shows_figures_and_a_units_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.devices.sim.zpl_server import TcpPrinter

    url = _db(tmp_path)
    db = open_database(url)
    batch = mint_serials(db, 4)
    db.dispose()
    with TcpPrinter() as zebra:
        printer = f"zpl:{zebra.url}"
        assert main(["--db", url, "print", batch, "--printer", printer]) == 0
        assert (
            main(
                [
                    "--db",
                    url,
                    "print",
                    batch,
                    "--printer",
                    printer,
                    "--first",
                    "2",
                    "--count",
                    "1",
                    "--reprint",
                    "--reason",
                    "label torn",
                ]
            )
            == 0
        )
    capsys.readouterr()
    assert main(["--db", url, "prints", batch, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["printed_units"], figures["labels_printed"], figures["reprints"]) == (4, 5, 1)
    assert main(["--db", url, "prints", batch, "--unit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("print 2") and "reprint: label torn" in lines[1]
    assert main(["--db", url, "prints", batch, "--unit", "9"]) == 2
    assert "between 1 and 4" in capsys.readouterr().err
