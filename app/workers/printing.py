"""Printing and verifying in the window: the print job on a ``Job`` thread, the Qt print path,
and the verify loop on a thread of its own.

``QtPrinterSink`` is Qt's print support (CUPS on Linux, the spooler on Windows): each chunk
of labels is one print job on a ``QPrinter``, each page the label (or sheet) SVG that
``app.printing.render`` makes, painted by ``QSvgRenderer``. Painting on a QPrinter outside
the GUI thread is supported by Qt, so it runs inside the print ``Job``.

``VerifyWorker`` owns the ``Verifier`` on its own thread: the page hands it each scan as it
is typed and gets the results back as signals; scans that queue up while a group is being
committed go in the next group, so the page never waits for the database.
"""

from __future__ import annotations

import queue
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, QThread, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtSvg import QSvgRenderer

from app.printing.jobs import BatchFigures, PrintOutcome, PrintRequest, batch_figures, print_labels
from app.printing.render import Logo, page_size, page_svgs
from app.printing.spool import LabelSink, PrintError, ZplSink
from app.printing.store import list_templates, save_template, set_default
from app.printing.templates import LabelTemplate
from app.printing.units import LabelUnit, load_batch, read_units
from app.printing.verify import ScanResult, UnverifiedUnit, Verifier
from app.storage.db import Database
from app.workers.job import Job

__all__ = [
    "PrintOutcome",
    "PrintRequest",
    "QtPrinterSink",
    "VerifyWorker",
    "print_job",
    "qt_printer_names",
    "save_label_template",
    "templates_and_sample",
]


def qt_printer_names() -> list[str]:
    """The printers Qt's print support knows (CUPS queues, Windows printers)."""
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


class QtPrinterSink:
    """Each chunk is one job on a ``QPrinter``; pages are painted from the label SVGs."""

    backend = "system"

    def __init__(self, printer: str, template: LabelTemplate, logo: Logo = None) -> None:
        if printer not in qt_printer_names():
            raise PrintError(f"no printer {printer!r} in the system's print service")
        self.printer = printer
        self.template = template
        self.logo = logo

    def send(self, units: Sequence[LabelUnit], title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(self.printer)
        printer.setDocName(title)
        width, height = page_size(self.template)
        size = QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "label")
        layout = QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
        printer.setPageLayout(layout)
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(f"the printer {self.printer} cannot start a job")
        try:
            first = True
            for svg, _count in page_svgs(self.template, units, self.logo):
                if not first and not printer.newPage():
                    raise PrintError(f"the printer {self.printer} refused a page")
                first = False
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                painter.drawImage(target, self._raster(svg, width, height))
        finally:
            painter.end()

    def _raster(self, svg: str, width_mm: float, height_mm: float) -> QImage:
        """The page at the template's resolution: every module is whole printer dots (and
        Qt's PDF output fills QR paths drawn as vectors wrongly)."""
        dots = self.template.dpi / 25.4
        image = QImage(
            round(width_mm * dots), round(height_mm * dots), QImage.Format.Format_Grayscale8
        )
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        try:
            QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(
                painter, QRectF(0, 0, image.width(), image.height())
            )
        finally:
            painter.end()
        image.setDotsPerMeterX(round(dots * 1000))
        image.setDotsPerMeterY(round(dots * 1000))
        return image

    def close(self) -> None:
        """Nothing to close: the system spooler holds the jobs."""


def window_sink(printer: str, template: LabelTemplate, logo: Logo) -> LabelSink:
    """ZPL printers directly, everything else through Qt's print support."""
    if printer.startswith(("zpl:", "socket://")):
        return ZplSink(printer, template)
    return QtPrinterSink(printer, template, logo)


def print_job(db: Database, request: PrintRequest) -> Job:
    """Print (or resume) in the background; progress, rate and ETA show in the jobs panel."""
    return Job(
        print_labels,
        db,
        request,
        sink_factory=window_sink,
        name=f"print:{request.batch}:{request.printer}",
    )


@dataclass(frozen=True)
class VerifySummary:
    run_id: int
    batch_uid: str
    resumed: bool
    counts: dict[str, int]
    never_verified: list[UnverifiedUnit]
    figures: BatchFigures


_STOP = object()
_SUMMARY = object()


class VerifyWorker(QThread):
    """The verify loop: ``submit`` scans, get ``scanned`` results; ``stop()`` before closing."""

    opened = Signal(object)  # VerifySummary
    scanned = Signal(list)  # list[ScanResult], in scan order
    summary = Signal(object)  # VerifySummary, after request_summary() or finish()
    failed = Signal(str)

    def __init__(self, db: Database, batch_ref: str | int, *, new_run: bool = False) -> None:
        super().__init__()
        self.setObjectName(f"verify:{batch_ref}")
        self.db = db
        self.batch_ref = batch_ref
        self.new_run = new_run
        self._queue: queue.Queue[object] = queue.Queue()
        self._finish = False

    def submit(self, text: str) -> None:
        self._queue.put(text)

    def request_summary(self) -> None:
        self._queue.put(_SUMMARY)

    def finish_run(self) -> None:
        """Close the run (the next one starts from zero) and report its summary."""
        self._finish = True
        self._queue.put(_SUMMARY)

    @property
    def finishing(self) -> bool:
        return self._finish

    def stop(self) -> None:
        self._queue.put(_STOP)
        self.wait(30_000)

    def _summary(self, verifier: Verifier) -> VerifySummary:
        with self.db.read() as session:
            figures = batch_figures(session, verifier.batch.id)
        return VerifySummary(
            verifier.run_id,
            verifier.batch.uid,
            verifier.resumed,
            verifier.counts(),
            verifier.never_verified(),
            figures,
        )

    def run(self) -> None:
        try:
            verifier = Verifier(self.db, self.batch_ref, new_run=self.new_run)
            self.opened.emit(self._summary(verifier))
        except Exception as exc:
            self.failed.emit(str(exc))
            return
        while True:
            item = self._queue.get()
            group: list[str] = []
            control: list[object] = []
            while True:
                if isinstance(item, str):
                    group.append(item)
                else:
                    control.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            try:
                if group:
                    results: list[ScanResult] = verifier.scan_many(group)
                    self.scanned.emit(results)
                if _SUMMARY in control:
                    if self._finish:
                        verifier.finish()
                    self.summary.emit(self._summary(verifier))
            except Exception as exc:
                self.failed.emit(str(exc))
            if _STOP in control:
                return


def save_label_template(db: Database, template: LabelTemplate, *, default: bool = False) -> str:
    """Store a template (and make it the default): run by the editor as an ``Op``."""
    with db.write() as session:
        save_template(session, template)
        if default:
            set_default(session, template.name)
    return template.name


def templates_and_sample(
    db: Database, batch_id: int | None
) -> tuple[list[tuple[LabelTemplate, bool, bool]], LabelUnit | None, Logo]:
    """The templates, the batch's first unit (for previews) and the brand's logo."""
    with db.read() as session:
        templates = list_templates(session)
        if batch_id is None:
            return templates, None, None
        batch = load_batch(session, batch_id)
        units = read_units(session, batch, 0, 1)
    logo = (batch.logo, batch.logo_mime) if batch.logo and batch.logo_mime else None
    return templates, units[0], logo
