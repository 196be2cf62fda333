"""The label template editor: a form, a live preview of the first unit, and the warnings.

Every change re-reads the form into a template (``template_from_dict``, so a bad value
names its field), renders the first unit's label (``app.printing.render.label_svg``) and
measures its code (``check_template``): QR version, module size in mm and printer dots,
quiet zone. Warnings show in amber with a symbol and words. Saving, importing and making
a template the default are writes: they run as background operations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MintStationError
from app.printing.render import Logo, label_svg
from app.printing.templates import (
    FIELDS,
    PRESETS,
    LabelTemplate,
    TemplateReport,
    check_template,
    template_from_dict,
    template_from_json,
    template_to_json,
)
from app.printing.units import LabelUnit
from app.storage.db import Database
from app.ui.theme import ATTENTION, NORMAL, status_style
from app.ui.widgets.screen_fit import FRAME_ALLOWANCE, available_geometry, fit_window
from app.ui.widgets.scrolling import vertical_scroll
from app.workers.op import Op
from app.workers.printing import save_label_template

SAMPLE = LabelUnit(
    key=0,
    position=0,
    token_id="01JD0000000000000000000000",
    url="https://id.example.com/01/09506000134352/21/A00000001",
    gtin="09506000134352",
    serial="A00000001",
    lot="",
    expiry="",
    product_name="Sample product",
)
TEXT_COLUMNS = ("field", "x_mm", "y_mm", "size_mm", "anchor", "bold", "value")
PREVIEW_PX = 520
SIDE_MARGIN_PX = 40  # the dialog's own margins and the scroll bar beside the form


def _spin(low: float, high: float, decimals: int = 3, step: float = 0.5) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setSuffix(" mm")
    return spin


class TemplateEditorDialog(QDialog):
    saved = Signal(str)
    previewed = Signal()  # after each preview (tests wait for it)

    def __init__(
        self,
        db: Database,
        template: LabelTemplate | None = None,
        *,
        sample: LabelUnit | None = None,
        logo: Logo = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label template"))
        self.db = db
        self.sample = sample or SAMPLE
        self.logo = logo
        self.template: LabelTemplate | None = None
        self.report: TemplateReport | None = None
        self._loading = False
        self.name = QLineEdit()
        self.preset = QComboBox()
        self.preset.addItem(self.tr("(start from a preset)"), "")
        for name in PRESETS:
            self.preset.addItem(name, name)
        self.preset.activated.connect(self._load_preset)
        self.label_w = _spin(5, 1000)
        self.label_h = _spin(5, 1000)
        self.dpi = QSpinBox()
        self.dpi.setRange(100, 2400)
        self.dpi.setSuffix(" dpi")
        self.min_dots = QSpinBox()
        self.min_dots.setRange(1, 50)
        self.min_dots.setSuffix(self.tr(" dots"))
        self.qr_x, self.qr_y, self.qr_size = _spin(0, 1000), _spin(0, 1000), _spin(3, 500, 3, 0.1)
        self.qr_error = QComboBox()
        self.qr_error.addItems(["L", "M", "Q", "H"])
        self.texts = QTableWidget(0, len(TEXT_COLUMNS))
        self.texts.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                "x",
                "y",
                self.tr("Size"),
                self.tr("Anchor"),
                self.tr("Bold"),
                self.tr("Text"),
            ]
        )
        self.texts.setToolTip(self.tr("Fields: {0}").format(", ".join(FIELDS)))
        self.texts.setMinimumHeight(150)
        add_text = QPushButton(self.tr("Add text"))
        remove_text = QPushButton(self.tr("Remove text"))
        add_text.clicked.connect(self._add_text)
        remove_text.clicked.connect(lambda: self.texts.removeRow(self.texts.currentRow()))
        self.use_logo = QCheckBox(self.tr("Brand logo"))
        self.logo_box = [_spin(0, 1000), _spin(0, 1000), _spin(1, 1000), _spin(1, 1000)]
        self.use_sheet = QCheckBox(self.tr("Labels on sheets"))
        self.sheet_page = [_spin(20, 1000), _spin(20, 1000)]
        self.sheet_grid = [QSpinBox(), QSpinBox()]
        self.sheet_grid[0].setRange(1, 20)
        self.sheet_grid[1].setRange(1, 40)
        self.sheet_place = [_spin(0, 1000), _spin(0, 1000), _spin(1, 1000), _spin(1, 1000)]

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Preset"), self.preset)
        size = QHBoxLayout()
        size.addWidget(self.label_w)
        size.addWidget(QLabel("×"))
        size.addWidget(self.label_h)
        form.addRow(self.tr("Label size"), size)
        printer = QHBoxLayout()
        printer.addWidget(self.dpi)
        printer.addWidget(QLabel(self.tr("minimum module")))
        printer.addWidget(self.min_dots)
        form.addRow(self.tr("Printer"), printer)
        qr = QHBoxLayout()
        for widget in (self.qr_x, self.qr_y, self.qr_size, self.qr_error):
            qr.addWidget(widget)
        form.addRow(self.tr("QR code (x, y, size, error level)"), qr)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.use_logo)
        for widget in self.logo_box:
            logo_row.addWidget(widget)
        form.addRow(self.tr("Logo (x, y, width, height)"), logo_row)
        sheet_group = QGroupBox(self.tr("Sheet (page size, columns × rows, left, top, pitch)"))
        # Two rows of four: one row of nine fields made the dialog wider than a line PC's screen.
        sheet_layout = QGridLayout(sheet_group)
        sheet_layout.addWidget(self.use_sheet, 0, 0, 1, 4)
        sheet_widgets: list[QWidget] = [*self.sheet_page, *self.sheet_grid, *self.sheet_place]
        for index, sheet_widget in enumerate(sheet_widgets):
            sheet_layout.addWidget(sheet_widget, 1 + index // 4, index % 4)
        text_buttons = QHBoxLayout()
        text_buttons.addWidget(add_text)
        text_buttons.addWidget(remove_text)
        text_buttons.addStretch(1)

        self.preview = QLabel()
        self.preview.setObjectName("templatePreview")
        self.preview.setMinimumSize(PREVIEW_PX, PREVIEW_PX * 3 // 5)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts = QLabel()
        self.facts.setObjectName("templateFacts")
        self.facts.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("templateWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setMinimumHeight(60)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.default_button = QPushButton(self.tr("Save as &default"))
        self.export_button = QPushButton(self.tr("&Export…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        for button in (self.default_button, self.export_button, self.import_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save(default=False))
        self.default_button.clicked.connect(lambda: self.save(default=True))
        self.export_button.clicked.connect(self._export)
        self.import_button.clicked.connect(self._import)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(QLabel(self.tr("Text fields")))
        left.addWidget(self.texts, 1)
        left.addLayout(text_buttons)
        left.addWidget(sheet_group)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Preview of the first unit")))
        right.addWidget(self.preview, 1)
        right.addWidget(self.facts)
        right.addWidget(self.warnings)
        # The preview beside the form where the screen is wide enough, else under it; the
        # form scrolls vertically and the buttons stay in view (1024×768 and up).
        body_widget = QWidget()
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight, body_widget)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        side_by_side = body_widget.minimumSizeHint().width() + SIDE_MARGIN_PX
        if side_by_side > available_geometry(self).width() - FRAME_ALLOWANCE.width():
            body.setDirection(QBoxLayout.Direction.TopToBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(vertical_scroll(body_widget), 1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.update_preview)
        for spin in (
            self.label_w,
            self.label_h,
            self.qr_x,
            self.qr_y,
            self.qr_size,
            *self.logo_box,
            *self.sheet_page,
            *self.sheet_place,
        ):
            spin.valueChanged.connect(self._changed)
        for ispin in (self.dpi, self.min_dots, *self.sheet_grid):
            ispin.valueChanged.connect(self._changed)
        for box in (self.use_logo, self.use_sheet):
            box.toggled.connect(self._changed)
        self.qr_error.currentIndexChanged.connect(self._changed)
        self.name.textChanged.connect(self._changed)
        self.texts.itemChanged.connect(self._changed)
        self.load(template or PRESETS["roll-50x30"])
        fit_window(self, QSize(1500, 760), key="template_editor")

    # -- form <-> template ------------------------------------------------------------------

    def load(self, template: LabelTemplate) -> None:
        self._loading = True
        try:
            self.name.setText(template.name)
            self.label_w.setValue(template.width_mm)
            self.label_h.setValue(template.height_mm)
            self.dpi.setValue(template.dpi)
            self.min_dots.setValue(template.min_module_dots)
            self.qr_x.setValue(template.qr.x_mm)
            self.qr_y.setValue(template.qr.y_mm)
            self.qr_size.setValue(template.qr.size_mm)
            self.qr_error.setCurrentText(template.qr.error)
            self.texts.setRowCount(0)
            for text in template.texts:
                self._add_text(
                    [
                        text.field,
                        f"{text.x_mm:g}",
                        f"{text.y_mm:g}",
                        f"{text.size_mm:g}",
                        text.anchor,
                        "yes" if text.bold else "",
                        text.value,
                    ]
                )
            self.use_logo.setChecked(template.logo is not None)
            if template.logo is not None:
                values = (
                    template.logo.x_mm,
                    template.logo.y_mm,
                    template.logo.width_mm,
                    template.logo.height_mm,
                )
                for spin, value in zip(self.logo_box, values, strict=True):
                    spin.setValue(value)
            self.use_sheet.setChecked(template.sheet is not None)
            if template.sheet is not None:
                s = template.sheet
                for spin, value in zip(
                    self.sheet_page, (s.page_width_mm, s.page_height_mm), strict=True
                ):
                    spin.setValue(value)
                self.sheet_grid[0].setValue(s.columns)
                self.sheet_grid[1].setValue(s.rows)
                for spin, value in zip(
                    self.sheet_place, (s.left_mm, s.top_mm, s.pitch_x_mm, s.pitch_y_mm), strict=True
                ):
                    spin.setValue(value)
        finally:
            self._loading = False
        self.update_preview()

    def _add_text(self, values: list[str] | None = None) -> None:
        row = self.texts.rowCount()
        self.texts.insertRow(row)
        cells = values or ["text", "2", "5", "2.5", "start", "", "…"]
        self._loading, was = True, self._loading
        for column, value in enumerate(cells):
            self.texts.setItem(row, column, QTableWidgetItem(value))
        self._loading = was
        self._changed()

    def form_dict(self) -> dict[str, Any]:
        def number(text: str) -> Any:
            try:
                return float(text.replace(",", "."))
            except ValueError:
                return text

        texts = []
        for row in range(self.texts.rowCount()):
            items = [self.texts.item(row, c) for c in range(len(TEXT_COLUMNS))]
            cell = [item.text() if item is not None else "" for item in items]
            texts.append(
                {
                    "field": cell[0].strip(),
                    "x_mm": number(cell[1]),
                    "y_mm": number(cell[2]),
                    "size_mm": number(cell[3]),
                    "anchor": cell[4].strip() or "start",
                    "bold": cell[5].strip().lower() in ("yes", "y", "1", "true", "x"),
                    "value": cell[6],
                }
            )
        data: dict[str, Any] = {
            "name": self.name.text(),
            "width_mm": self.label_w.value(),
            "height_mm": self.label_h.value(),
            "dpi": self.dpi.value(),
            "min_module_dots": self.min_dots.value(),
            "qr": {
                "x_mm": self.qr_x.value(),
                "y_mm": self.qr_y.value(),
                "size_mm": self.qr_size.value(),
                "error": self.qr_error.currentText(),
            },
            "texts": texts,
            "logo": None,
            "sheet": None,
        }
        if self.use_logo.isChecked():
            keys = ("x_mm", "y_mm", "width_mm", "height_mm")
            data["logo"] = {k: s.value() for k, s in zip(keys, self.logo_box, strict=True)}
        if self.use_sheet.isChecked():
            data["sheet"] = {
                "page_width_mm": self.sheet_page[0].value(),
                "page_height_mm": self.sheet_page[1].value(),
                "columns": self.sheet_grid[0].value(),
                "rows": self.sheet_grid[1].value(),
                "left_mm": self.sheet_place[0].value(),
                "top_mm": self.sheet_place[1].value(),
                "pitch_x_mm": self.sheet_place[2].value(),
                "pitch_y_mm": self.sheet_place[3].value(),
            }
        return data

    def _load_preset(self) -> None:
        name = self.preset.currentData()
        if name:
            self.load(PRESETS[name])

    def _changed(self) -> None:
        if not self._loading:
            self._timer.start()

    # -- preview ----------------------------------------------------------------------------

    def update_preview(self) -> None:
        self._timer.stop()
        try:
            template = template_from_dict(self.form_dict())
        except MintStationError as exc:
            self.template, self.report = None, None
            self._show_warnings([str(exc)], error=True)
            self.save_button.setEnabled(False)
            self.previewed.emit()
            return
        self.template = template
        self.save_button.setEnabled(True)
        texts = {f: self.sample.field(f) for f in FIELDS}
        self.report = check_template(template, self.sample.url, texts)
        svg = label_svg(template, self.sample, self.logo)
        self.preview.setPixmap(self._pixmap(svg, template))
        r = self.report
        self.facts.setText(
            self.tr(
                "QR version {0} · {1} modules · module {2:.3f} mm = {3:.2f} dots at {4} dpi"
                " · quiet zone {5:.1f} modules"
            ).format(
                r.version, r.modules, r.module_mm, r.dots_per_module, template.dpi, r.quiet_modules
            )
        )
        self._show_warnings(r.warnings, error=False)
        self.previewed.emit()

    def _pixmap(self, svg: str, template: LabelTemplate) -> QPixmap:
        ratio = template.height_mm / template.width_mm
        width = PREVIEW_PX
        height = max(1, round(width * ratio))
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(
                painter, QRectF(0, 0, width, height)
            )
            painter.setPen(QColor(150, 150, 150))
            painter.drawRect(0, 0, width - 1, height - 1)
        finally:
            painter.end()
        return QPixmap.fromImage(image)

    def _show_warnings(self, warnings: list[str], *, error: bool) -> None:
        if not warnings:
            self.warnings.setText(self.tr("✔ No warnings: the code prints cleanly"))
            self.warnings.setStyleSheet(status_style(NORMAL))
            self.warnings.setProperty("level", NORMAL)
            return
        symbol = "✖" if error else "⚠"
        self.warnings.setText("\n".join(f"{symbol} {w}" for w in warnings))
        self.warnings.setStyleSheet(status_style(ATTENTION))
        self.warnings.setProperty("level", ATTENTION)

    # -- saving and files -------------------------------------------------------------------

    def save(self, *, default: bool) -> Op | None:
        self.update_preview()
        if self.template is None:
            return None
        name = self.template.name
        return (
            Op(
                save_label_template,
                self.db,
                self.template,
                default=default,
                busy=[self.save_button, self.default_button],
                owner=self,
            )
            .success(lambda _r: self.saved.emit(name))
            .failure(lambda exc: self._show_warnings([str(exc)], error=True))
            .run()
        )

    def _export(self) -> None:
        self.update_preview()
        if self.template is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export template"), f"{self.template.name}.json", "JSON (*.json)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        assert self.template is not None
        try:
            path.write_text(template_to_json(self.template) + "\n", encoding="utf-8")
        except OSError as exc:
            self._show_warnings([f"{path}: {exc.strerror}"], error=True)

    def _import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import template"), "", "JSON (*.json)"
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        try:
            template = template_from_json(path.read_text(encoding="utf-8"), source=path.name)
        except (OSError, UnicodeDecodeError, MintStationError) as exc:
            self._show_warnings([str(exc)], error=True)
            return False
        self.load(template)
        return True
