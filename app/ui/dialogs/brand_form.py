"""The brand's settings as a form, checked as you type (used by first-run and Settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.brand import BrandSettings, check_logo, validate_company_prefix
from app.core.digital_link import validate_domain
from app.core.errors import ValidationError
from app.storage.db import Database
from app.ui.dialogs.logo_preview import LogoQrPreviewWidget
from app.workers.actions import save_brand

SAMPLE_PATH = "01/09506000134352/21/SAMPLE1"


class BrandFormWidget(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: BrandSettings | None = None
        self.new_logo: tuple[bytes, str] | None = None
        self.logo_error = ""
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Acme Tools"))
        self.domain = QLineEdit()
        self.domain.setPlaceholderText(self.tr("e.g. id.acme.example"))
        self.gs1_ready = QCheckBox(self.tr("&GS1-ready: products have GTINs (Digital Link URLs)"))
        self.gs1_ready.setChecked(True)
        self.company_prefix = QLineEdit()
        self.company_prefix.setPlaceholderText(self.tr("6 to 12 digits, e.g. 9506000"))
        self.company_prefix.setMaxLength(12)
        self.prefix_length = QLabel()
        self.choose_logo = QPushButton(self.tr("Choose &logo… (SVG or PNG)"))
        self.choose_logo.setAutoDefault(False)
        self.logo_label = QLabel(self.tr("No logo"))
        self.logo_label.setWordWrap(True)
        self.logo_in_bundles = QCheckBox(self.tr("Allow the logo in QR &bundles"))
        self.qr_compressed_uris = QCheckBox(self.tr("&Compressed URIs in QR codes"))
        self.qr_compressed_uris.setToolTip(
            self.tr(
                "Print the compressed form of GS1 Digital Link URIs: smaller codes; the"
                " resolver answers them as the full URI."
            )
        )
        self.preview = LogoQrPreviewWidget()
        self.preview.setFixedSize(200, 200)
        self.message = QLabel()
        self.message.setWordWrap(True)
        logo_column = QVBoxLayout()
        logo_column.addWidget(self.choose_logo)
        logo_column.addWidget(self.logo_label)
        logo_column.addWidget(self.logo_in_bundles)
        logo_column.addWidget(self.qr_compressed_uris)
        logo_column.addStretch()
        logo_row = QHBoxLayout()
        logo_row.addLayout(logo_column, 1)
        logo_row.addWidget(self.preview)
        form = QFormLayout(self)
        form.addRow(self.tr("Brand &name"), self.name)
        form.addRow(self.tr("Resolver &domain"), self.domain)
        form.addRow("", self.gs1_ready)
        form.addRow(self.tr("GS1 company &prefix"), self.company_prefix)
        form.addRow("", self.prefix_length)
        form.addRow(self.tr("Logo"), logo_row)
        form.addRow("", self.message)
        for field in (self.name, self.domain, self.company_prefix):
            field.textChanged.connect(self._on_changed)
        self.gs1_ready.toggled.connect(self._on_changed)
        self.logo_in_bundles.toggled.connect(self._on_changed)
        self.qr_compressed_uris.toggled.connect(self._on_changed)
        self.choose_logo.clicked.connect(self.choose_logo_file)
        self._on_changed()

    def load(self, brand: BrandSettings) -> None:
        self.loaded = brand
        self.name.setText(brand.name)
        self.domain.setText(brand.resolver_domain)
        self.gs1_ready.setChecked(brand.gs1_ready)
        self.company_prefix.setText(brand.company_prefix or "")
        self.logo_in_bundles.setChecked(brand.logo_in_bundles)
        self.qr_compressed_uris.setChecked(brand.qr_compressed_uris)
        if brand.logo:
            self.preview.set_logo(brand.logo, brand.logo_mime)
            self.logo_label.setText(self.tr("Current logo ({0:,} bytes)").format(len(brand.logo)))
        self._on_changed()

    def choose_logo_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Brand logo"), "", self.tr("Logos (*.svg *.png)")
        )
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        """Check the file and show it in the QR preview; refused files are explained."""
        try:
            data = path.read_bytes()
            mime = check_logo(data, path.suffix)
        except OSError as exc:
            self.logo_error = self.tr("Cannot read {0}: {1}").format(path.name, exc.strerror)
        except ValidationError as exc:
            self.logo_error = self.tr("Logo {0}: {1}").format(path.name, exc.reason)
        else:
            if self.preview.set_logo(data, mime):
                self.new_logo = (data, path.suffix)
                self.logo_error = ""
                self.logo_label.setText(self.tr("✔ {0} ({1:,} bytes)").format(path.name, len(data)))
            else:
                self.logo_error = self.tr("Logo {0} cannot be drawn").format(path.name)
        self._on_changed()
        return not self.logo_error

    def _on_changed(self) -> None:
        gs1 = self.gs1_ready.isChecked()
        self.company_prefix.setEnabled(gs1)
        digits = self.company_prefix.text().strip()
        self.prefix_length.setText(
            self.tr("Prefix length: {0} digits (sets the RFID partition)").format(len(digits))
            if digits
            else ""
        )
        domain = self.domain.text().strip() or "id.example.com"
        self.preview.set_text(f"https://{domain}/{SAMPLE_PATH}")
        problems = self.problems()
        self.message.setText("\n".join(f"✖ {p}" for p in problems))
        self.message.setVisible(bool(problems))
        self.changed.emit()

    def problems(self) -> list[str]:
        found = []
        if not self.name.text().strip():
            found.append(self.tr("Enter the brand name."))
        try:
            validate_domain(self.domain.text())
        except ValidationError as exc:
            found.append(self.tr("Resolver domain: {0}").format(exc.reason))
        prefix = self.company_prefix.text().strip()
        if self.gs1_ready.isChecked() and not prefix:
            found.append(self.tr("A GS1-ready brand needs its GS1 company prefix."))
        elif prefix:
            try:
                validate_company_prefix(prefix)
            except ValidationError as exc:
                found.append(self.tr("Company prefix: {0}").format(exc.reason))
        if self.logo_error:
            found.append(self.logo_error)
        return found

    def changes(self) -> dict[str, Any]:
        """What differs from the loaded brand, as ``save_brand`` keyword arguments."""
        values: dict[str, Any] = {
            "name": self.name.text().strip(),
            "resolver_domain": self.domain.text().strip(),
            "gs1_ready": self.gs1_ready.isChecked(),
            "logo_in_bundles": self.logo_in_bundles.isChecked(),
            "qr_compressed_uris": self.qr_compressed_uris.isChecked(),
        }
        prefix = self.company_prefix.text().strip()
        if prefix and self.gs1_ready.isChecked():
            values["company_prefix"] = prefix
        if self.loaded is not None:
            values = {k: v for k, v in values.items() if getattr(self.loaded, k) != v}
        if self.new_logo is not None:
            values["logo"] = self.new_logo
        return values

    def save(self, db: Database) -> None:
        changes = self.changes()
        if changes:
            save_brand(db, **changes)
