"""The main window builds only the page it shows first; the others, and what they import
(the exporters, printing, stations, the wizard, biip, httpx), load on first use (issue 12:
the main window from a cold start in under 1.5 s)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.storage.db import open_database
from app.storage.home import resolve_home
from app.ui.main_window import MainWindow
from app.ui.main_window.places import PAGES, ROW
from tests.conftest import prepare_station

ROOT = Path(__file__).resolve().parents[2]

# Loaded for the first paint only if a page, a dialog or a job really needs them.
NOT_AT_START = (
    "app.exports.service",
    "app.exports.qr_svg",
    "app.printing",
    "app.encoding",
    "app.ui.wizard",
    "app.ui.dialogs.first_run_dialog",
    "app.ui.pages.batches_page",
    "app.ui.pages.tokens_page",
    "biip",
    "httpx",
    "numpy",
    "qtawesome",
    "qtpy",
)

PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from app.storage.db import open_database
from app.storage.home import resolve_home
from app.ui.main_window import MainWindow

app = QApplication([])
home = resolve_home(sys.argv[1])
db = open_database(home.db_url)
window = MainWindow(db, home, resume=False)
window.show()
loaded = sorted(sys.modules)  # the charts (pyqtgraph, numpy) are built after the first paint
app.processEvents()
assert window.warm_up_timer.isActive()
warm_up = window._warm_up()  # what the timer starts a second after start-up
assert warm_up.wait(60_000)
app.processEvents()
warmed = sorted(sys.modules)
built = [window.pages.is_built(row) for row in range(window.pages.count())]
window.close()
db.dispose()
print(json.dumps({"first_paint": loaded, "warmed": warmed, "built": built}))
"""


def test_the_first_paint_imports_nothing_a_later_page_needs_then_warms_up(tmp_path: Path) -> None:
    station = resolve_home(str(tmp_path / "home"))
    station.root.mkdir(parents=True)
    db = open_database(station.db_url)
    prepare_station(db)  # a configured station: no first-run dialog
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "home")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    loaded = figures["first_paint"]
    assert "app.ui.pages.dashboard_page" in loaded
    assert [m for m in loaded if m.startswith(NOT_AT_START)] == []
    # Then, in the background, what a first Export, New Mint or page visit needs is loaded
    # (no page is built by it: building stays on first use).
    assert {"app.workers.exports", "app.exports.service", "app.ui.wizard"} <= set(figures["warmed"])
    assert "app.ui.pages.batches_page" in figures["warmed"]
    assert figures["built"] == [True] + [False] * 7


def test_only_the_dashboard_is_built_until_the_operator_goes_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert [window.pages.is_built(row) for row in range(len(PAGES))] == [True] + [False] * 7
    window.refresh_all()  # refreshes what exists, builds nothing
    assert not window.pages.is_built(ROW["batches"])
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # Dashboard, Products, Batches
    assert window.pages.is_built(ROW["batches"])
    assert window.pages.currentWidget() is window.batches_page
    assert window.nav.currentRow() == ROW["batches"]
    # A page built on first use is wired to the window like one built at start.
    with qtbot.waitSignal(window.batches_page.export_requested, timeout=1000):
        window.batches_page.export_requested.emit(1, "csv")


def test_a_page_used_by_the_window_is_built_on_that_use(window: MainWindow) -> None:
    window.focus_scan()  # Ctrl+F: the Tokens page, its scan field focused
    assert window.pages.is_built(ROW["tokens"])
    assert window.pages.currentWidget() is window.tokens_page
    assert window.pages.indexOf(window.tokens_page) == ROW["tokens"]
    # Every place still has its icon in the sidebar, built or not.
    assert all(not window.nav.item(row).icon().isNull() for row in range(len(PAGES)))
