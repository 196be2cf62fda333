"""A QR code drawn live from segno's module matrix, as vector rectangles: sharp at any DPI."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4


class QrWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(180, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.qr: segno.QRCode | None = None
        self.text = ""
        self._path = QPainterPath()
        self.setAccessibleName(self.tr("QR code"))

    def set_text(self, text: str, error: str = "m") -> None:
        self.text = text
        self.qr = segno.make(text, error=error, micro=False) if text else None
        self._path = QPainterPath()
        if self.qr is not None:
            for y, row in enumerate(self.qr.matrix):
                for x, dark in enumerate(row):
                    if dark:
                        self._path.addRect(QRectF(x, y, 1, 1))
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.qr is None:
            return
        modules = len(self.qr.matrix) + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        scale = side / modules
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.translate(
            (self.width() - side) / 2 + QUIET_ZONE * scale,
            (self.height() - side) / 2 + QUIET_ZONE * scale,
        )
        painter.scale(scale, scale)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        path = QPainterPath(self._path)
        path.setFillRule(Qt.FillRule.WindingFill)
        painter.drawPath(path)
        painter.end()

    def save(self, path: str) -> None:
        """Save as SVG or PNG (by the file's extension), from segno directly."""
        if self.qr is None:
            return
        self.qr.save(path, scale=10 if path.lower().endswith(".png") else 4, border=QUIET_ZONE)
