"""The brand logo drawn over a QR code, as it will look on a label.

The QR uses error correction H (30 % of the modules may be lost), which is what lets a
logo cover its centre and still scan. The QR is painted from one image of its modules
(a handful of Qt calls per change, so typing a domain stays cheap).
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

LOGO_SHARE = 0.22  # of the QR's side, well within what level H recovers
QUIET_ZONE = 4


def qr_image(text: str) -> QImage:
    """The QR (level H) of ``text`` with its quiet zone, one grey-scale pixel a module."""
    qr = segno.make(text, error="h", micro=False)
    size = len(qr.matrix) + 2 * QUIET_ZONE
    blank = b"\xff" * size
    rows = [blank] * QUIET_ZONE
    margin = b"\xff" * QUIET_ZONE
    for row in qr.matrix:
        rows.append(margin + bytes(0 if dark else 255 for dark in row) + margin)
    rows.extend([blank] * QUIET_ZONE)
    return QImage(b"".join(rows), size, size, size, QImage.Format.Format_Grayscale8).copy()


class LogoQrPreviewWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(180, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("QR code with the brand logo"))
        self.text = ""
        self.qr: QImage | None = None
        self.svg: QSvgRenderer | None = None
        self.image: QImage | None = None

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.qr = qr_image(text) if text else None
            self.update()

    def set_logo(self, data: bytes | None, mime: str | None) -> bool:
        """Show ``data`` (SVG or PNG) in the centre; False when it cannot be drawn."""
        self.svg = None
        self.image = None
        if data and mime == "image/svg+xml":
            renderer = QSvgRenderer(QByteArray(data))
            self.svg = renderer if renderer.isValid() else None
        elif data:
            image = QImage.fromData(data)
            self.image = None if image.isNull() else image
        self.update()
        return data is None or self.has_logo()

    def has_logo(self) -> bool:
        return self.svg is not None or self.image is not None

    def qr_rect(self) -> QRectF:
        side = float(min(self.width(), self.height()))
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.qr is None:
            painter.end()
            return
        target = self.qr_rect()
        painter.drawImage(target, self.qr)
        if self.has_logo():
            self._paint_logo(painter, target)
        painter.end()

    def _paint_logo(self, painter: QPainter, qr: QRectF) -> None:
        box_side = qr.width() * LOGO_SHARE
        box = QRectF(0, 0, box_side, box_side)
        box.moveCenter(qr.center())
        pad = box_side * 0.08
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(box.adjusted(-pad, -pad, pad, pad), pad, pad)
        if self.svg is not None:
            size = self.svg.defaultSize()
            self.svg.render(painter, _fit(box, size.width(), size.height()))
        elif self.image is not None:
            painter.drawImage(_fit(box, self.image.width(), self.image.height()), self.image)


def _fit(box: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the given aspect ratio centred in ``box``."""
    if width <= 0 or height <= 0:
        return box
    scale = min(box.width() / width, box.height() / height)
    fitted = QRectF(0, 0, width * scale, height * scale)
    fitted.moveCenter(box.center())
    return fitted
