"""Arbitrary arguments and generated CSV files, fed to the CLI in-process (issue 14).

Whatever comes in, the CLI answers with a status (0 done, 1 problems found, 2 refused, 3
stopped) and at most plain lines: never a traceback, never an "internal error". A refused
command (status 2) writes nothing: every table it could touch has the rows it had before.
"""

from __future__ import annotations

import contextlib
import io
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.cli.main import main
from app.storage.db import Database
from app.storage.models import (
    AuditEvent,
    ExportJob,
    MintBatch,
    OutboxMessage,
    Product,
    ProductionRun,
    SerialCounter,
    Token,
)
from tests.conftest import SAMPLE_PRODUCTS
from tests.minting.conftest import READY_SKU
from tests.minting.test_faults import prepare_home

TABLES = (AuditEvent, ExportJob, MintBatch, OutboxMessage, Product, ProductionRun, Token)
TABLES_WITH_COUNTERS = (*TABLES, SerialCounter)

# Text that breaks naive code: CSV and shell punctuation, non-ASCII, control characters.
_ALPHABET = string.ascii_letters + string.digits + " ,;\"'#%&()*+-./:<=>?_\n\r\t\\Üé€\x00"
texts = st.text(alphabet=_ALPHABET, max_size=24)
numbers = st.one_of(
    st.sampled_from([5, 1, 12, 0, -3, 1_000_001, 10**12, -(10**9)]),
    st.integers(-5, 30),
).map(str)
values = st.one_of(texts, numbers)


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """A catalogue or serial list: sometimes well formed, often not."""
    header = draw(
        st.sampled_from(
            [
                "sku,name,gtin,commercial_status,manufacturer,country_of_origin,"
                "material_composition,recyclability",
                "sku,name,commercial_status",
                "serial",
                "",
                draw(texts),
            ]
        )
    )
    field = st.one_of(
        texts,
        texts.map(lambda t: '"' + t.replace('"', '""') + '"'),
        st.sampled_from(['"unterminated', 'a"b', '"x"y', "09506000001012", "active", "x" * 300]),
    )
    rows = draw(st.lists(st.lists(field, min_size=1, max_size=9), max_size=6))
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    return header + "\n" + "\n".join(",".join(r) for r in rows) + ending


_database_options: st.SearchStrategy[list[str]] = st.one_of(
    st.just([]),
    st.sampled_from(["mysql://user@db.example/x", "nosuch://x", "sqlite:///", "::"]).map(
        lambda url: ["--db", url]
    ),
    texts.map(lambda url: ["--db", url]),
)


def _argv(draw: st.DrawFn, csv_path: str) -> list[str]:
    sku = draw(st.one_of(st.just(READY_SKU), st.just("ACM-SND-ORB"), texts))
    batch = draw(st.one_of(st.sampled_from(["1", "2", "3"]), values))
    choice = draw(st.sampled_from(range(12)))
    if choice == 0:
        serials = draw(
            st.sampled_from(["sequential", "random", "numeric", csv_path, "/nonexistent.csv"])
        )
        argv = ["mint", "--sku", sku, "--quantity", draw(numbers), "--serials", serials]
        for flag in ("--serial-prefix", "--serial-width", "--serial-start"):
            if draw(st.booleans()):
                argv += [flag, draw(values)]
        if draw(st.booleans()):
            argv += ["--mode", "lot", "--lot", draw(values)]
        if draw(st.booleans()):
            argv.append("--detach")
        return argv
    if choice == 1:
        return ["products", "import", draw(st.sampled_from([csv_path, "/nonexistent.csv"]))]
    if choice == 2:
        return ["batches", draw(st.sampled_from(["show", "resume"])), batch]
    if choice == 3:
        return ["tokens", "list", "--batch", batch, "--limit", draw(numbers)]
    if choice == 4:
        return ["tokens", "revoke", draw(values), "--reason", draw(texts)]
    if choice == 5:
        return ["runs", "add", draw(texts), "--sku", sku, "--quantity", draw(numbers)]
    if choice == 6:
        return ["brand", "set", "--domain", draw(texts)]
    if choice == 7:
        return ["exports", "cancel", draw(values)]
    if choice == 8:
        return ["batches", "list", "--json"]
    if choice == 9:
        command = draw(st.sampled_from([["audit", "verify"], ["worker"], ["kpis"]]))
        return [*draw(_database_options), *command]
    if choice == 10:
        return ["export", batch, "--kind", "csv", "--out", draw(st.sampled_from(["/proc/x", "-"]))]
    return draw(st.lists(values, max_size=5))


@st.composite
def invocations(draw: st.DrawFn) -> tuple[list[str], str]:
    return _argv(draw, "{csv}"), draw(csv_files())


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("fuzz-home")
    with contextlib.redirect_stdout(io.StringIO()):
        prepare_home(home)
        assert main(["--home", str(home), "mint", "--sku", READY_SKU, "--quantity", "5"]) == 0
        assert main(["--home", str(home), "products", "import", str(SAMPLE_PRODUCTS)]) == 0
    yield home


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in TABLES_WITH_COUNTERS
        }


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(invocations())
def test_no_traceback_and_no_partial_write(
    fuzz_home: Path, invocation: tuple[list[str], str]
) -> None:
    template, csv_text = invocation
    csv_path = fuzz_home / "input.csv"
    csv_path.write_text(csv_text, encoding="utf-8", errors="surrogateescape", newline="")
    argv = ["--home", str(fuzz_home), *(a.replace("{csv}", str(csv_path)) for a in template)]
    db = Database(f"sqlite:///{fuzz_home / 'mintstation.db'}")
    try:
        before = _counts(db)
        out, err = io.StringIO(), io.StringIO()
        # Relative paths in the arguments (--out -) land in the home, never in the checkout.
        with (
            contextlib.chdir(fuzz_home),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version 0
                code = exc.code if isinstance(exc.code, int) else 2
        after = _counts(db)
    finally:
        db.dispose()
    message = err.getvalue()
    assert "Traceback" not in message, (argv, message)
    assert "internal error" not in message, (argv, message)
    assert code in (0, 1, 2, 3), (argv, code, message)
    if code == 2:
        assert after == before, (argv, message)
