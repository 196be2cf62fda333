"""Small dashboard charts drawn with pyqtgraph: per-day bars and a rate line.

ISA-101 style: grey on the window's own background, no colour (nothing here needs the
operator's attention), and every chart has a caption in words (total, today, now) that is
also its accessible description, so the figure never depends on seeing the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

pg.setConfigOptions(antialias=True)

BAR_GREY = QColor(128, 128, 128)
LINE_GREY = QColor(90, 90, 90)
CHART_MIN_HEIGHT = 110
MIN_Y_TOP = 5  # an empty chart shows 0…5, not fractions of a unit


def _palette_colours() -> tuple[QColor, QColor]:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


class Chart(QWidget):
    """A title, the plot, and a one-line caption in words under it."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = QLabel(f"<b>{title}</b>")
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(CHART_MIN_HEIGHT)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setFocusPolicy(self.plot.focusPolicy().NoFocus)
        self.apply_palette()
        self.plot.getAxis("left").setWidth(48)
        self.caption = QLabel()
        self.caption.setObjectName("chartCaption")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)

    def apply_palette(self) -> None:
        """Draw on the palette's base colour with its text colour (again after a theme change)."""
        background, text = _palette_colours()
        self.plot.setBackground(background)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(text)
            axis.setTextPen(text)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.setAccessibleDescription(text)


class DailyBarChart(Chart):
    """One bar per day, oldest on the left; redrawn only when the figures change."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.values: list[int] = []
        self.last_day: date | None = None
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.75, brush=BAR_GREY, pen=None)
        self.plot.addItem(self.bars)

    def set_days(self, values: Sequence[int], last_day: date, caption: str) -> bool:
        """Show ``values`` for the days up to ``last_day``; False when nothing changed."""
        values = list(values)
        if values == self.values and last_day == self.last_day:
            return False
        self.values, self.last_day = values, last_day
        xs = list(range(len(values)))
        self.bars.setOpts(x=xs, height=values)
        first = last_day - timedelta(days=len(values) - 1)
        ticks = [
            (i, (first + timedelta(days=i)).strftime("%d.%m"))
            for i in range(len(values) - 1, -1, -7)
        ]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-1.5, len(values) + 1.5, padding=0)  # room for the last label
        self.plot.setYRange(0, max([*values, MIN_Y_TOP]) * 1.1, padding=0)
        self.set_caption(caption)
        return True


class RateChart(Chart):
    """Units per second over the last minutes of a running batch."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.curve = self.plot.plot([], [], pen=pg.mkPen(LINE_GREY, width=2))
        self.plot.setLabel("bottom", "min")

    def set_series(
        self, minutes_ago: Sequence[float], rates: Sequence[float], caption: str
    ) -> None:
        self.curve.setData(list(minutes_ago), list(rates))
        self.plot.setYRange(0, max([*rates, float(MIN_Y_TOP)]) * 1.15, padding=0)
        self.plot.setXRange(min(minutes_ago[0], -1.0) if minutes_ago else -15.0, 0, padding=0.02)
        self.set_caption(caption)
