"""The dashboard: an empty station says what to do first; figures are drawn per day."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.storage import counters
from app.storage.db import Database
from app.storage.home import StationHome
from app.ui.main_window import MainWindow
from app.ui.pages.dashboard_page import DashboardPage, RateHistory
from app.ui.wizard import NewMintWizard
from app.workers.dashboard import CHART_DAYS
from tests.conftest import READY_SKU, prepare_station


def test_empty_dashboard_offers_the_first_batch_and_opens_the_wizard(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    window = MainWindow(sqlite_db, home)
    qtbot.addWidget(window)
    window.show()
    page = window.dashboard_page
    assert page.empty_state.isVisible()
    assert not page.charts.isVisible()
    assert "Mint your first batch" in page.empty_state.headline.text()
    button = page.empty_state.button
    assert button is not None and button.isEnabled()
    button.click()
    wizard = window.findChild(NewMintWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_charts_show_the_days_figures_from_counters(
    qtbot: QtBot, sqlite_db: Database, home: StationHome
) -> None:
    prepare_station(sqlite_db)
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=2_500)).batch_id, db=sqlite_db)
    with sqlite_db.write() as session:
        yesterday = counters.today() - timedelta(days=1)
        counters.bump_day(session, counters.CONSUMER_SCANS, 40, yesterday)
        counters.bump_day(session, counters.CONSUMER_SCANS, 2)
    page = DashboardPage(sqlite_db)
    qtbot.addWidget(page)
    page.show()
    assert not page.empty_state.isVisible()
    assert page.charts.isVisible()
    assert len(page.minted_chart.values) == CHART_DAYS
    assert page.minted_chart.values[-1] == 2_500
    assert page.scans_chart.values[-2:] == [40, 2]
    # The figures are in words too (caption and accessible description), not only drawn.
    assert page.minted_chart.caption.text() == "30 days: 2,500 · today: 2,500"
    assert page.scans_chart.accessibleDescription().startswith("30 days: 42 · today: 2")
    assert page.exports_chart.caption.text() == "30 days: 0 · today: 0"
    # Unchanged figures are not drawn again.
    assert not page.minted_chart.set_days(page.minted_chart.values, counters.today(), "")
    page.timer.stop()


def test_rate_history_keeps_fifteen_minutes_in_minutes_before_now() -> None:
    history = RateHistory(span_s=900)
    for second in range(0, 1200, 60):
        history.add(float(second), float(second))
    xs, ys = history.series(1140.0)
    assert xs[0] == -15.0 and xs[-1] == 0.0
    assert ys[-1] == 1140.0
    assert len(xs) == 16


def test_timer_refresh_reads_off_the_gui_thread_and_shows_the_figures(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    page = DashboardPage(sqlite_db)
    qtbot.addWidget(page)
    page.timer.stop()
    assert page.cards["total_tokens_minted"].value.text() == "0"
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=700)).batch_id, db=sqlite_db)
    page.refresh_in_background()
    op = page.loading
    assert op is not None and op.job is not None
    page.refresh_in_background()  # one read at a time: a tick meanwhile is skipped
    assert page.loading is op
    qtbot.waitUntil(lambda: page.loading is None, timeout=10_000)
    assert op.job.objectName() == "op:dashboard" or op.name == "op:dashboard"
    assert page.cards["total_tokens_minted"].value.text() == "700"
    assert page.minted_chart.values[-1] == 700


def test_charts_are_built_after_the_first_paint_with_the_figures_read_before(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    prepare_station(sqlite_db)
    mint(submit(sqlite_db, MintRequest(sku=READY_SKU, quantity=300)).batch_id, db=sqlite_db)
    page = DashboardPage(sqlite_db)
    qtbot.addWidget(page)
    page.timer.stop()
    assert page._charts is None  # pyqtgraph is not needed to show the window
    assert page.cards["total_tokens_minted"].value.text() == "300"
    page.show()
    qtbot.waitUntil(lambda: page._charts is not None and page._charts.minted.isVisible())
    charts = page._charts
    assert charts is not None
    assert charts.minted.values[-1] == 300
    assert charts.minted.caption.text() == "30 days: 300 · today: 300"
    assert charts.rate.caption.text() == "No batch has minted since the window opened."
