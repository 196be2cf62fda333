"""Print jobs on the ZPL printer simulator: per-unit records, reprint control, resuming."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import select

from app.core.errors import ConflictError, NotFoundError, ValidationError
from app.devices.sim.zpl_server import TcpPrinter
from app.printing.jobs import PrintRequest, batch_figures, print_labels, unit_prints
from app.printing.render import Logo
from app.printing.spool import LabelSink, PrintError, ZplSink
from app.printing.templates import PRESETS, LabelTemplate
from app.printing.units import LabelUnit
from app.storage.audit import verify_chain
from app.storage.db import Database
from app.storage.printing_models import PrintJob, PrintRecord
from app.storage.queries import get_batch
from tests.exports.conftest import mint_lots


@pytest.fixture
def zebra() -> Iterator[TcpPrinter]:
    with TcpPrinter() as printer:
        yield printer


def _wait_labels(printer: TcpPrinter, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        labels = printer.engine.labels
        if len(labels) >= count:
            return [label.qr or "" for label in labels]
        time.sleep(0.02)
    raise AssertionError(f"the simulator printed {len(printer.engine.labels)} of {count}")


def _url(n: int) -> str:
    return f"https://id.acme.example/01/09506000001012/21/A{n:08d}"


def test_zpl_labels_reach_the_printer_with_code_and_text(
    station: Database, batch: str, zebra: TcpPrinter
) -> None:
    outcome = print_labels(
        station, PrintRequest(batch, f"zpl:{zebra.url}", template="roll-50x25", count=5)
    )
    assert (outcome.status, outcome.printed_now, outcome.first_unit) == ("completed", 5, 1)
    assert _wait_labels(zebra, 5) == [_url(n) for n in range(1, 6)]
    label = zebra.engine.labels[0]
    assert "(21) A00000001" in label.texts
    assert "(01) 09506000001012" in label.texts
    assert label.texts[0] == "Cordless Drill 18V"  # the product name comes first


def test_every_printed_unit_is_recorded_once(
    station: Database, batch: str, zebra: TcpPrinter
) -> None:
    print_labels(
        station, PrintRequest(batch, f"zpl:{zebra.url}", first=3, count=4), labels_per_chunk=2
    )
    with station.read() as session:
        rows = session.execute(select(PrintRecord).order_by(PrintRecord.token_key)).scalars().all()
        first_key = get_batch(session, batch).first_token_id or 0
    assert [r.token_key - first_key + 1 for r in rows] == [3, 4, 5, 6]
    assert {(r.print_no, r.printer, r.template_name) for r in rows} == {
        (1, f"zpl:{zebra.url}", "roll-50x30")
    }


def test_printing_a_unit_again_needs_a_reprint_with_a_reason(
    station: Database, batch: str, zebra: TcpPrinter
) -> None:
    printer = f"zpl:{zebra.url}"
    print_labels(station, PrintRequest(batch, printer, count=5))
    with pytest.raises(ConflictError, match=r"2 of these 3 units .* printed before .* unit 4"):
        print_labels(station, PrintRequest(batch, printer, first=4, count=3))
    with pytest.raises(ValidationError, match="reason"):
        print_labels(station, PrintRequest(batch, printer, first=4, count=1, reprint=True))
    again = print_labels(
        station,
        PrintRequest(batch, printer, first=4, count=2, reprint=True, reason="labels torn"),
    )
    assert again.status == "completed"
    _wait_labels(zebra, 7)
    with station.read() as session:
        b = get_batch(session, batch)
        figures = batch_figures(session, b.id)
        history = unit_prints(session, (b.first_token_id or 0) + 3)
        assert verify_chain(session).ok
    assert (figures.printed_units, figures.labels_printed, figures.reprints) == (5, 7, 2)
    assert [(h.print_no, h.reason) for h in history] == [(1, None), (2, "labels torn")]


class _FailingSink:
    """The simulator's ZPL sink, with a printer that refuses the n-th chunk."""

    backend = "zpl"

    def __init__(self, inner: ZplSink, fail_at: int) -> None:
        self.inner = inner
        self.printer = inner.printer
        self.fail_at = fail_at
        self.chunks = 0

    def send(self, units: Sequence[LabelUnit], title: str) -> None:
        self.chunks += 1
        if self.chunks == self.fail_at:
            raise PrintError("paper out")
        self.inner.send(units, title)

    def close(self) -> None:
        self.inner.close()


def test_a_failed_print_is_resumed_where_it_stopped(
    station: Database, batch: str, zebra: TcpPrinter
) -> None:
    printer = f"zpl:{zebra.url}"

    def failing(name: str, template: LabelTemplate, _logo: Logo) -> LabelSink:
        return _FailingSink(ZplSink(name, template), fail_at=3)

    first = print_labels(
        station, PrintRequest(batch, printer, count=10), sink_factory=failing, labels_per_chunk=2
    )
    assert (first.status, first.printed_now, first.error) == ("failed", 4, "paper out")
    seen: list[tuple[int, int]] = []
    second = print_labels(
        station,
        PrintRequest(batch, printer, count=10),
        labels_per_chunk=2,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (second.status, second.printed_now, second.resumed) == ("completed", 6, True)
    assert second.job_id == first.job_id
    assert seen[0] == (4, 10) and seen[-1] == (10, 10)
    assert _wait_labels(zebra, 10) == [_url(n) for n in range(1, 11)]
    with station.read() as session:
        records = session.execute(select(PrintRecord.print_no)).scalars().all()
        job = session.get(PrintJob, first.job_id)
    assert sorted(records) == [1] * 10
    assert job is not None and (job.status, job.done_count) == ("completed", 10)


def test_a_stopped_print_sends_nothing_more(
    station: Database, batch: str, zebra: TcpPrinter
) -> None:
    calls = iter([False, True])
    outcome = print_labels(
        station,
        PrintRequest(batch, f"zpl:{zebra.url}", count=6),
        labels_per_chunk=2,
        cancelled=lambda: next(calls, True),
    )
    assert (outcome.status, outcome.printed_now) == ("stopped", 2)


def test_sheets_are_sent_in_whole_pages(station: Database, batch: str) -> None:
    sent: list[int] = []

    class Counting:
        backend, printer = "system", "count"

        def send(self, units: Sequence[LabelUnit], title: str) -> None:
            sent.append(len(units))

        def close(self) -> None:
            pass

    def counting(_n: str, _t: LabelTemplate, _l: Logo) -> LabelSink:
        return Counting()

    print_labels(
        station,
        PrintRequest(batch, "count", template="a4-4x10"),
        sink_factory=counting,
        labels_per_chunk=30,
    )
    assert sent == [40]
    assert PRESETS["a4-4x10"].labels_per_page == 40


@pytest.mark.parametrize(
    ("request_args", "error", "words"),
    [
        ({"pack": 2}, ValidationError, "between 1 and 1"),
        ({"first": 41}, ValidationError, "between 1 and 40"),
        ({"first": 39, "count": 5}, ValidationError, "between 1 and 2 from unit 39"),
        ({"template": "nope"}, NotFoundError, "no label template 'nope'"),
    ],
)
def test_bad_requests_get_one_clear_message(
    station: Database,
    batch: str,
    request_args: dict[str, object],
    error: type[Exception],
    words: str,
) -> None:
    request = PrintRequest(batch, "zpl:socket://127.0.0.1:9", **request_args)  # type: ignore[arg-type]
    with pytest.raises(error, match=words):
        print_labels(station, request)


def test_lot_batches_are_refused(station: Database) -> None:
    uid = mint_lots(station, (("L1", 5, 5),))
    with pytest.raises(ValidationError, match="lot batch"):
        print_labels(station, PrintRequest(uid, "zpl:socket://127.0.0.1:9"))


def test_an_unreachable_zebra_is_one_message(station: Database, batch: str) -> None:
    with pytest.raises(PrintError, match="cannot open the printer"):
        print_labels(station, PrintRequest(batch, "zpl:socket://127.0.0.1:9", count=1))
    with station.read() as session:
        assert session.execute(select(PrintJob)).first() is None
