"""Operator screens are used standing, with gloves, at arm's length: big targets and text.

Every button, input and list row is at least 44 px high (the common touch-target minimum)
and the text is a step larger than the desktop's default.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView, QWidget

TOUCH_PX = 44
FONT_PT = 13

TOUCH_STYLE = f"""
QWidget {{ font-size: {FONT_PT}pt; }}
QPushButton, QToolButton, QLineEdit, QComboBox, QSpinBox, QDateEdit, QAbstractSpinBox {{
    min-height: {TOUCH_PX - 8}px;
    padding: 4px 10px;
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 32px; }}
QRadioButton, QCheckBox {{ min-height: {TOUCH_PX}px; spacing: 10px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 22px; height: 22px; }}
QListView::item {{ min-height: {TOUCH_PX}px; padding: 4px 8px; }}
"""


def make_touch_friendly(widget: QWidget) -> None:
    """Apply the operator-screen style to ``widget`` and its children."""
    widget.setStyleSheet(TOUCH_STYLE)


def big_title(title: str) -> str:
    """A page title as rich text, large enough to read from a step away."""
    return f"<span style='font-size:{FONT_PT + 5}pt; font-weight:600'>{title}</span>"


def touch_rows(view: QTableView) -> None:
    """Table rows as tall as a touch target."""
    view.verticalHeader().setMinimumSectionSize(TOUCH_PX)
    view.verticalHeader().setDefaultSectionSize(TOUCH_PX)


def text_lines_height(lines: int) -> int:
    """The height of ``lines`` lines of operator-screen text (word-wrapped labels in scroll
    areas do not grow by themselves)."""
    font = QFont(QApplication.font())
    font.setPointSize(FONT_PT)
    return lines * QFontMetrics(font).lineSpacing() + 4
