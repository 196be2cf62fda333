"""Stations: encode a batch onto NFC tags or RFID labels, with a big glanceable state.

Operator screen: large text and 44 px+ targets, state shown in words and symbols as well as
colour, keyboard control (Ctrl+Return start, Space pause/resume, Escape stop).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.storage.db import Database
from app.storage.queries import list_batches
from app.ui.theme import ALARM, ATTENTION, NORMAL, status_style
from app.workers.op import Op
from app.workers.stations import DeviceInfo, EncodingJob, StationRequest, find_devices

TOUCH = 48
MAX_ERRORS = 8
# ISA-101: grey while all is well, amber when the operator must act, red for a failure;
# the symbol and the words say it too (app.ui.theme).
STATE_STYLES = {
    "ok": ("✔", NORMAL),
    "fail": ("✖", ALARM),
    "wait": ("●", NORMAL),
    "pause": ("⏸", ATTENTION),
    "idle": ("○", NORMAL),
}


class StationsPage(QWidget):
    start_requested = Signal(object)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.job: EncodingJob | None = None
        self.counts = {"done": 0, "failed": 0, "total": 0}
        self.kind = QComboBox()
        self.kind.addItem(self.tr("NFC tags"), "nfc")
        self.kind.addItem(self.tr("RFID labels (ZPL printer-encoder)"), "rfid")
        self.device = QComboBox()
        self.device.setEditable(True)
        self.device.setToolTip(
            self.tr("usb, usb:VID:PID, tty:USB0:pn532, /dev/ttyUSB0, socket://printer:9100")
        )
        # What the operator can do when no reader is found (or while the search runs).
        self.device_hint = QLabel()
        self.device_hint.setObjectName("deviceHint")
        self.device_hint.setWordWrap(True)
        self.devices: list[DeviceInfo] = []
        self.device_problems: list[str] = []
        self.listing: Op | None = None
        self.simulate = QCheckBox(self.tr("Use the built-in simulator (demo)"))
        self.batch = QComboBox()
        self.pack = QSpinBox()
        self.pack.setRange(0, 100)
        self.pack.setSpecialValueText(self.tr("whole batch"))
        self.pack.setPrefix(self.tr("pack "))
        self.lock = QCheckBox(self.tr("Lock NFC tags for good after writing"))
        for widget in (self.kind, self.device, self.batch, self.pack):
            widget.setMinimumHeight(TOUCH)
        form = QFormLayout()
        form.addRow(self.tr("&Encode onto"), self.kind)
        form.addRow(self.tr("&Device"), self.device)
        form.addRow("", self.device_hint)
        form.addRow("", self.simulate)
        form.addRow(self.tr("&Batch"), self.batch)
        form.addRow(self.tr("&Pack"), self.pack)
        form.addRow("", self.lock)
        self.state = QLabel()
        self.state.setObjectName("stationState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setMinimumHeight(120)
        font = self.state.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.state.setFont(font)
        self.unit = QLabel()
        self.unit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        unit_font = self.unit.font()
        unit_font.setPointSizeF(unit_font.pointSizeF() * 1.5)
        self.unit.setFont(unit_font)
        self.figures = QLabel()
        self.figures.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.figures.setFont(unit_font)
        self.errors = QListWidget()
        self.errors.setMaximumHeight(170)
        self.start_button = QPushButton(self.tr("&Start (Ctrl+Enter)"))
        self.pause_button = QPushButton(self.tr("Pa&use (Space)"))
        self.stop_button = QPushButton(self.tr("S&top (Esc)"))
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            button.setMinimumHeight(TOUCH)
            buttons.addWidget(button)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.start)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle_pause)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.stop)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.simulate.toggled.connect(self._hint_devices)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.unit)
        layout.addWidget(self.figures)
        layout.addWidget(QLabel(self.tr("Last errors")))
        layout.addWidget(self.errors)
        # After the first paint, off the GUI thread: listing the USB readers imports nfcpy
        # (~0.2 s) and asks the USB bus and serial ports, which can be slow to answer.
        QTimer.singleShot(0, self, self.refresh)
        self._show("idle", self.tr("Ready"))
        self.update_buttons()

    def refresh(self) -> None:
        """Reload the device and batch lists (not while a station runs)."""
        if self.running:
            return
        current = self.batch.currentData()
        self.batch.clear()
        with self.db.read() as session:
            for view in list_batches(session, status="minted", limit=500):
                self.batch.addItem(f"{view.uid} · {view.sku} · {view.quantity:,}", view.id)
        self.batch.setCurrentIndex(max(0, self.batch.findData(current)))
        self.list_devices()

    def list_devices(self) -> None:
        """Look for readers and printer-encoders in the background; the list fills when done."""
        if self.listing is not None:
            return
        self.device_hint.setText(self.tr("Looking for readers and printers…"))
        self.listing = (
            Op(find_devices, owner=self, name="op:devices")
            .success(self._listed)
            .failure(self._listing_failed)
            .run()
        )

    def _listed(self, result: tuple[list[DeviceInfo], list[str]]) -> None:
        self.listing = None
        self.devices, self.device_problems = result
        self._kind_changed()

    def _listing_failed(self, exc: BaseException) -> None:
        self._listed(([], [str(exc)]))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        text = self.device.currentText()
        self.device.clear()
        for info in self.devices:
            if info.kind == kind:
                self.device.addItem(f"{info.path}", info.path)
        self.device.setEditText(text)
        self.lock.setEnabled(kind == "nfc")
        self._hint_devices()

    def _hint_devices(self) -> None:
        """Say what to do when nothing of the chosen kind is connected."""
        if self.listing is not None:
            return
        found = self.device.count()
        if found or self.simulate.isChecked():
            hint = self.tr("{0} device(s) found").format(found) if found else ""
        elif self.kind.currentData() == "nfc":
            hint = self.tr(
                "No NFC reader found on USB. Plug one in and press F5, type its path "
                "(e.g. usb or tty:USB0:pn532), or use the simulator."
            )
        else:
            hint = self.tr(
                "No serial printer-encoder found. Connect one and press F5, type its port "
                "(/dev/ttyUSB0) or socket://printer:9100, or use the simulator."
            )
        notes = "\n".join(self.device_problems) if not found else ""
        self.device_hint.setText(hint)
        self.device_hint.setToolTip(notes)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.is_running()

    def request(self) -> StationRequest | None:
        batch_id = self.batch.currentData()
        if batch_id is None:
            self._show("fail", self.tr("Choose a minted batch first"))
            return None
        device = self.device.currentText().strip()
        if not device and not self.simulate.isChecked():
            self._show("fail", self.tr("Choose a device, or the simulator"))
            return None
        return StationRequest(
            kind=str(self.kind.currentData()),
            batch_id=int(batch_id),
            device=device,
            simulate=self.simulate.isChecked(),
            pack=self.pack.value() - 1 if self.pack.value() else None,  # shown 1-based
            lock=self.lock.isChecked() and self.kind.currentData() == "nfc",
        )

    def start(self) -> None:
        if self.running:
            return
        request = self.request()
        if request is not None:
            self.start_requested.emit(request)

    def attach(self, job: EncodingJob) -> None:
        """Follow a station job started by the window."""
        self.job = job
        self.counts = {"done": 0, "failed": 0, "total": 0}
        self.errors.clear()
        job.handler.tag_wanted.connect(self._on_tag_wanted)
        job.handler.encoded.connect(self._on_encoded)
        job.handler.failed.connect(self._on_failed)
        job.handler.status_changed.connect(self._on_status)
        job.progress.connect(self._on_progress)
        job.succeeded.connect(self._on_summary)
        job.failed.connect(lambda message, _details: self._on_error(message))
        job.finished.connect(self.update_buttons)
        self._show("wait", self.tr("Starting…"))
        self.update_buttons()

    def toggle_pause(self) -> None:
        if not self.running or self.job is None:
            return
        control = self.job.control
        if control.paused:
            control.resume()
            self._show("wait", self.tr("Resumed"))
        else:
            control.pause(self.tr("paused by the operator"))
            self._show("pause", self.tr("Paused"))
        self.update_buttons()

    def stop(self) -> None:
        if self.running and self.job is not None:
            self.job.cancel()
            self._show("pause", self.tr("Stopping after the current unit…"))

    def update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        paused = running and self.job is not None and self.job.control.paused
        self.pause_button.setText(
            self.tr("Res&ume (Space)") if paused else self.tr("Pa&use (Space)")
        )
        for widget in (self.kind, self.device, self.simulate, self.batch, self.pack, self.lock):
            widget.setEnabled(not running)
        if not running:
            self.lock.setEnabled(self.kind.currentData() == "nfc")

    def _show(self, style: str, text: str) -> None:
        symbol, level = STATE_STYLES[style]
        self.state.setText(f"{symbol} {text}")
        self.state.setStyleSheet(status_style(level))
        self.state.setAccessibleDescription(text)

    def _figures(self) -> None:
        done, total, failed = self.counts["done"], self.counts["total"], self.counts["failed"]
        self.figures.setText(
            self.tr("Done {0} · Failed attempts {1} · Remaining {2}").format(
                f"{done:,}", f"{failed:,}", f"{max(total - done, 0):,}"
            )
        )

    def _on_tag_wanted(self, label: str) -> None:
        self.unit.setText(self.tr("Current unit: {0}").format(label))
        self._show("wait", self.tr("Present a tag"))

    def _on_encoded(self, label: str, detail: str) -> None:
        self.unit.setText(self.tr("Encoded: {0} {1}").format(label, detail))
        self._show("ok", self.tr("Encoded"))

    def _on_failed(self, label: str, reason: str) -> None:
        self.counts["failed"] += 1
        self.errors.insertItem(0, f"{label}: {reason}")
        while self.errors.count() > MAX_ERRORS:
            self.errors.takeItem(self.errors.count() - 1)
        self._show("fail", self.tr("Failed: {0}").format(reason))
        QApplication.beep()
        self._figures()

    def _on_status(self, state: str, message: str, done: int, total: int) -> None:
        if total:
            self.counts["done"], self.counts["total"] = done, total
            self._figures()
        if state == "paused":
            self._show("pause", message)
        elif state in ("waiting", "starting") and message:
            self._show("wait", message)

    def _on_progress(self, done: int, total: int) -> None:
        self.counts["done"], self.counts["total"] = done, total
        self._figures()

    def _on_summary(self, summary: object) -> None:
        message = getattr(summary, "message", "")
        state = getattr(summary, "state", "")
        for key in ("done", "total"):
            self.counts[key] = int(getattr(summary, key, self.counts[key]))
        self._figures()
        self._show("ok" if state == "finished" else "pause", message or str(state))

    def _on_error(self, message: str) -> None:
        self.errors.insertItem(0, message)
        self._show("fail", message)
        QApplication.beep()
