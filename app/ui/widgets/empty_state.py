"""What an empty page shows instead of an empty table: what to do next, and a button."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from app.ui.widgets.icons import icon


class EmptyStateWidget(QFrame):
    """A headline, one or two sentences, and (optionally) the action that fills the page."""

    activated = Signal()

    def __init__(self, headline: str, text: str, action: str = "", icon_name: str = "") -> None:
        super().__init__()
        self.setObjectName("emptyState")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(f"<span style='font-size:15pt; font-weight:600'>{headline}</span>")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.headline)
        layout.addWidget(self.text)
        self.button: QPushButton | None = None
        if action:
            self.button = QPushButton(action)
            self.button.setObjectName("emptyStateAction")
            if icon_name:
                self.button.setIcon(icon(icon_name))
            self.button.setIconSize(QSize(28, 28))
            self.button.setMinimumHeight(52)
            self.button.setStyleSheet("QPushButton { font-size: 13pt; padding: 6px 24px; }")
            self.button.clicked.connect(self.activated)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        self.setAccessibleName(headline)
        self.setAccessibleDescription(text)


def pane_hint(text: str, name: str) -> QLabel:
    """What an empty detail pane says until something is chosen (not a blank white box)."""
    hint = QLabel(text)
    hint.setObjectName(name)
    hint.setWordWrap(True)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setFrameShape(QFrame.Shape.StyledPanel)
    hint.setMargin(12)
    return hint
