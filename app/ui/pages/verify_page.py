"""Verify: scan printed labels back and see at a glance that each is the right code, once.

A keyboard-wedge scanner types into the scan field and ends with Enter; each scan goes to
the verify loop (``app.workers.printing.VerifyWorker``) and its outcome comes back a moment
later. Anything but "verified" raises an alarm in colour, symbol and words, with a sound.
Large counters per outcome, the last scans, and, on Finish, the printed units never verified.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.printing.verify import OUTCOMES, ScanResult
from app.storage.db import Database
from app.storage.queries import list_batches
from app.ui.theme import ALARM, NORMAL, STATUS_LEVELS, status_style
from app.workers.printing import VerifySummary, VerifyWorker

TOUCH = 48
LAST_SCANS = 50
OUTCOME_NAMES = {
    "verified": QT_TRANSLATE_NOOP("VerifyPage", "Verified"),
    "duplicate": QT_TRANSLATE_NOOP("VerifyPage", "Duplicate"),
    "not_printed": QT_TRANSLATE_NOOP("VerifyPage", "Not printed"),
    "other_batch": QT_TRANSLATE_NOOP("VerifyPage", "Other batch"),
    "unknown": QT_TRANSLATE_NOOP("VerifyPage", "Unknown"),
    "revoked": QT_TRANSLATE_NOOP("VerifyPage", "Revoked"),
    "unreadable": QT_TRANSLATE_NOOP("VerifyPage", "Unreadable"),
}


def outcome_name(outcome: str) -> str:
    return QCoreApplication.translate("VerifyPage", str(OUTCOME_NAMES[outcome]))


class VerifyPage(QWidget):
    alarm = Signal(str)  # an outcome other than verified (tests, sound)
    updated = Signal()  # after results or a summary arrived

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.worker: VerifyWorker | None = None
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.batch = QComboBox()
        self.batch.setMinimumHeight(TOUCH)
        self.new_run = QCheckBox(self.tr("Start a new run (the open one is finished)"))
        self.start_button = QPushButton(self.tr("&Start verifying"))
        self.finish_button = QPushButton(self.tr("&Finish run"))
        self.start_button.setMinimumHeight(TOUCH)
        self.finish_button.setMinimumHeight(TOUCH)
        self.start_button.clicked.connect(self.start)
        self.finish_button.clicked.connect(self.finish)
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setMinimumHeight(TOUCH)
        self.scan_input.setPlaceholderText(
            self.tr("Scan here (the scanner types and ends with Enter)")
        )
        self.scan_input.setAccessibleName(self.tr("Scan input"))
        self.scan_input.returnPressed.connect(self._on_scan)
        self.banner = QLabel()
        self.banner.setObjectName("verifyAlarm")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setMinimumHeight(110)
        self.banner.setWordWrap(True)
        big = self.banner.font()
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.banner.setFont(big)
        grid = QGridLayout()
        self.counter_labels: dict[str, QLabel] = {}
        number_font = self.banner.font()
        number_font.setPointSizeF(number_font.pointSizeF() * 1.2)
        for column, outcome in enumerate(OUTCOMES):
            number = QLabel("0")
            number.setObjectName(f"count_{outcome}")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setFont(number_font)
            title = QLabel(outcome_name(outcome))
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(title, 1, column)
            self.counter_labels[outcome] = number
        self.last_scans = QListWidget()
        self.last_scans.setObjectName("lastScans")
        self.never_verified = QListWidget()
        self.never_verified.setObjectName("neverVerified")
        self.run_label = QLabel()
        top = QHBoxLayout()
        batch_label = QLabel(self.tr("&Batch"))
        batch_label.setBuddy(self.batch)
        top.addWidget(batch_label)
        top.addWidget(self.batch, 1)
        top.addWidget(self.start_button)
        top.addWidget(self.finish_button)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Last scans")))
        left.addWidget(self.last_scans)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Printed but never verified")))
        right.addWidget(self.never_verified)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.new_run)
        layout.addWidget(self.run_label)
        layout.addWidget(self.scan_input)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addLayout(lists, 1)
        self._show_state(NORMAL, "○", self.tr("Choose a batch and start verifying"))
        self.refresh()
        self._update_buttons()

    # -- batches and the run ----------------------------------------------------------------

    def refresh(self) -> None:
        if self.running:
            return
        current = self.batch.currentData()
        self.batch.clear()
        with self.db.read() as session:
            for view in list_batches(session, status="minted", limit=500):
                if view.identity_mode == "serial":
                    self.batch.addItem(f"{view.uid} · {view.sku} · {view.quantity:,}", view.id)
        self.batch.setCurrentIndex(max(0, self.batch.findData(current)))

    @property
    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def select_batch(self, batch_id: int) -> None:
        self.refresh()
        index = self.batch.findData(batch_id)
        if index >= 0:
            self.batch.setCurrentIndex(index)

    def start(self) -> None:
        batch_id = self.batch.currentData()
        if batch_id is None or self.running:
            return
        worker = VerifyWorker(self.db, int(batch_id), new_run=self.new_run.isChecked())
        worker.opened.connect(self._on_opened)
        worker.scanned.connect(self._on_results)
        worker.summary.connect(self._on_summary)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._update_buttons)
        self.worker = worker
        self.last_scans.clear()
        self.never_verified.clear()
        worker.start()
        self._update_buttons()
        self.scan_input.setFocus()

    def finish(self) -> None:
        """Close the run; the summary lists the printed units never verified."""
        if self.worker is not None and self.running:
            self.worker.finish_run()

    def stop(self) -> None:
        """Stop the loop (window closing, tests): scans already given are recorded first."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.start_button.setEnabled(not self.running)
        self.batch.setEnabled(not self.running)
        self.finish_button.setEnabled(self.running)
        self.scan_input.setEnabled(self.running)

    # -- scans in, results out --------------------------------------------------------------

    def _on_scan(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        if self.worker is not None and text.strip():
            self.worker.submit(text)

    def _on_opened(self, summary: VerifySummary) -> None:
        state = self.tr("continued") if summary.resumed else self.tr("started")
        self._show_figures(summary, state)
        self._set_counts(summary.counts)
        self._show_state(NORMAL, "●", self.tr("Ready: scan the labels"))
        self.updated.emit()

    def _on_results(self, results: list[ScanResult]) -> None:
        for result in results:
            self.counts[result.outcome] += 1
            symbol = "✔" if result.ok else "✖"
            unit = self.tr("unit {0}").format(result.unit) if result.unit else ""
            line = f"{symbol} {outcome_name(result.outcome)}  {unit}  {result.serial or ''}"
            self.last_scans.insertItem(0, f"{line}  {result.detail}")
            if not result.ok:
                item = self.last_scans.item(0)
                item.setForeground(STATUS_LEVELS[ALARM][1])
                item.setBackground(STATUS_LEVELS[ALARM][2])
        while self.last_scans.count() > LAST_SCANS:
            self.last_scans.takeItem(self.last_scans.count() - 1)
        self._set_counts(self.counts)
        last = results[-1]
        bad = [r for r in results if not r.ok]
        if bad:
            alarm = bad[-1]
            words = outcome_name(alarm.outcome).upper()
            self._show_state(ALARM, "✖", f"{words}: {alarm.detail}")
            QApplication.beep()
            self.alarm.emit(alarm.outcome)
        else:
            unit = self.tr("unit {0}").format(last.unit) if last.unit else ""
            self._show_state(NORMAL, "✔", f"{outcome_name('verified')} {unit}")
        self.updated.emit()

    def _show_figures(self, summary: VerifySummary, state: str) -> None:
        f = summary.figures
        self.run_label.setText(
            self.tr(
                "Run {0} on batch {1} {2} · printed {3} unit(s) on {4} label(s), {5} reprint(s)"
            ).format(
                summary.run_id,
                summary.batch_uid,
                state,
                f"{f.printed_units:,}",
                f"{f.labels_printed:,}",
                f"{f.reprints:,}",
            )
        )

    def _on_summary(self, summary: VerifySummary) -> None:
        self._show_figures(
            summary,
            self.tr("finished")
            if self.worker is not None and self.worker.finishing
            else self.tr("open"),
        )
        self._set_counts(summary.counts)
        self.never_verified.clear()
        for unit in summary.never_verified:
            self.never_verified.addItem(
                self.tr("unit {0}  {1}").format(unit.unit, unit.serial or "")
            )
        missing = len(summary.never_verified)
        if missing:
            self._show_state(
                ALARM, "✖", self.tr("{0} printed unit(s) never verified").format(missing)
            )
        else:
            self._show_state(NORMAL, "✔", self.tr("Every printed unit is verified"))
        if self.worker is not None and self.worker.finishing:
            self.stop()
        self.updated.emit()

    def _on_failed(self, message: str) -> None:
        self._show_state(ALARM, "✖", message)
        self.updated.emit()

    def _set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        for outcome, label in self.counter_labels.items():
            label.setText(f"{counts.get(outcome, 0):,}")
            level = NORMAL if outcome == "verified" or not counts.get(outcome) else ALARM
            label.setStyleSheet(status_style(level) if level == ALARM else "")

    def _show_state(self, level: str, symbol: str, words: str) -> None:
        self.banner.setText(f"{symbol}  {words}")
        self.banner.setProperty("level", level)
        self.banner.setStyleSheet(status_style(level))
