"""``main.py --self-test``: prove that a build works end to end, offscreen, in a temp home.

Starts Qt, opens a fresh database (running the migrations), loads the sample catalogue, shows
the main window, mints a small batch on a background job and exports it. Prints each step
with its time; exit status 0 only when every step passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable

SELF_TEST_UNITS = 1_000


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()

    def step(name: str, fn: Callable[[], object]) -> object:
        t0 = time.perf_counter()
        result = fn()
        print(f"  ok  {name} ({(time.perf_counter() - t0) * 1000:.0f} ms)", flush=True)
        return result

    try:
        with tempfile.TemporaryDirectory(prefix="mintstation-selftest-") as tmp:
            _run(tmp, step, started)
    except Exception as exc:
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def _run(tmp: str, step: Callable[[str, Callable[[], object]], object], started: float) -> None:
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415 - after QT_QPA_PLATFORM is set
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from app.minting.request import MintRequest  # noqa: PLC0415
    from app.resources import SAMPLE_PRODUCTS  # noqa: PLC0415
    from app.storage.brand import publish_template, update_brand  # noqa: PLC0415
    from app.storage.db import Database, open_database  # noqa: PLC0415
    from app.storage.home import resolve_home  # noqa: PLC0415
    from app.storage.products import import_products  # noqa: PLC0415
    from app.ui.main_window import MainWindow  # noqa: PLC0415
    from app.workers.actions import submit  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    home = resolve_home(tmp)
    db = step("open the database and apply migrations", lambda: open_database(home.db_url))
    assert isinstance(db, Database)

    def prepare() -> None:
        with db.write() as session:
            update_brand(
                session,
                name="Self-test",
                resolver_domain="id.selftest.example",
                company_prefix="9506000",
            )
            publish_template(session)
            report = import_products(session, SAMPLE_PRODUCTS.read_text(encoding="utf-8"))
            assert report.ok, report.errors

    step("load the sample catalogue", prepare)
    window = MainWindow(db, home, resume=False)
    step("show the main window", window.show)
    print(f"  start-up to window: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    sub = submit(db, MintRequest(sku="ACM-DRL-18V", quantity=SELF_TEST_UNITS))

    def run_job(start: Callable[[], object]) -> None:
        job = start()
        loop = QEventLoop()
        job.finished.connect(loop.quit)  # type: ignore[attr-defined]
        errors: list[str] = []
        job.failed.connect(lambda message, _details: errors.append(message))  # type: ignore[attr-defined]
        loop.exec()
        if errors:
            raise RuntimeError(errors[0])

    step(
        f"mint {SELF_TEST_UNITS:,} tokens in the background",
        lambda: run_job(lambda: window.start_mint(sub.batch_id)),
    )
    if hasattr(window, "start_export"):
        step(
            "export them as a CSV manifest",
            lambda: run_job(lambda: window.start_export(sub.batch_id, "csv")),
        )
    window.close()
    db.dispose()
    app.processEvents()
