"""Light and dark themes that follow the system; state colours keep their meaning in both.

Status colours follow ISA-101 (high-performance HMI): what is normal is grey, colour is
kept for what needs the operator's attention (amber) or is an alarm (red), and a colour
never carries the meaning alone: every coloured status also has its symbol and its word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

NORMAL, ATTENTION, ALARM = "normal", "attention", "alarm"
# level: (symbol, text colour, background) — the backgrounds are pale, so the same pair
# reads on the light and on the dark palette.
STATUS_LEVELS: dict[str, tuple[str, QColor, QColor]] = {
    NORMAL: ("", QColor(66, 66, 66), QColor(236, 236, 236)),
    ATTENTION: ("⚠", QColor(122, 79, 0), QColor(255, 224, 130)),
    ALARM: ("✖", QColor(183, 28, 28), QColor(255, 205, 210)),
}
# Status words of batches, tokens, packs and stations that need someone's attention.
ALARM_STATES = frozenset({"failed", "fail", "revoked", "error"})
ATTENTION_STATES = frozenset({"paused", "pause", "expiring", "cancelled"})


def status_level(status: str) -> str:
    """normal, attention or alarm for a status word (anything unknown is normal)."""
    word = status.strip().lower()
    if word in ALARM_STATES:
        return ALARM
    return ATTENTION if word in ATTENTION_STATES else NORMAL


def status_foreground(status: str) -> QColor | None:
    """The text colour for a status cell: None (the palette's own) when all is normal."""
    level = status_level(status)
    return None if level == NORMAL else STATUS_LEVELS[level][1]


def status_style(level: str) -> str:
    """A style sheet for a status banner of ``level`` (grey when normal)."""
    _symbol, fg, bg = STATUS_LEVELS[level]
    return f"color: {fg.name()}; background: {bg.name()}; border-radius: 8px;"


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, scheme: str = "system") -> None:
    """``scheme`` is "system", "light" or "dark"."""
    app.setStyle(QStyleFactory.create("Fusion"))
    dark = system_is_dark() if scheme == "system" else scheme == "dark"
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    base, text, mid = QColor(37, 37, 38), QColor(230, 230, 230), QColor(53, 53, 56)
    for role, colour in (
        (QPalette.ColorRole.Window, mid),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, mid),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, mid),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Highlight, QColor(42, 130, 218)),
        (QPalette.ColorRole.HighlightedText, QColor("white")),
        (QPalette.ColorRole.Link, QColor(100, 170, 255)),
    ):
        palette.setColor(role, colour)
    return palette
