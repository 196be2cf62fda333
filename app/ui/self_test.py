"""``main.py --self-test``: prove that a build works end to end, offscreen, in a temp home.

Run on every build (``make dist``) and after installing a package (``mintstation
--self-test``). It walks what an operator does, with the parts the frozen build is most
likely to lose on the way (spawned worker processes, hidden imports, data files):

* Qt, a fresh database (the migrations), the sample catalogue, the main window and each of
  its pages, the German translations (the app's and Qt's own);
* a batch minted by the window's background job;
* every export kind, with the process pools in use: CSV (from the window), QR images, NFC
  and RFID manifests, a QR bundle and a label sheet of more than one pack each;
* labels printed as ZPL on the printer simulator, their codes verified (and a duplicate seen);
* an NFC and an RFID station run against the built-in simulators;
* a resolver on a free loopback port, a sync of the minted units to it, and one GS1 Digital
  Link answered by it.

Each step prints its time; the exit status is 0 only when every step passed, and no worker
process may be left at the end.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SELF_TEST_UNITS = 2_400
PACK_UNITS = 1_200  # two packs per export kind
LABEL_UNITS = 400
LABEL_PACK = 200
POOL_FROM = 150  # QR codes per pack from which the render pool is used (default 2,000)
STATION_UNITS = 3
PRINT_LABELS = 5
SKU = "ACM-DRL-18V"
DOMAIN = "id.selftest.example"

Step = Callable[[str, Callable[[], Any]], Any]


class SelfTestFailed(Exception):
    """A step did not give what it should."""


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        result = fn()
        print(f"  ok  {name} ({(time.perf_counter() - t0) * 1000:.0f} ms)", flush=True)
        return result

    try:
        with tempfile.TemporaryDirectory(prefix="mintstation-selftest-") as tmp:
            _run(Path(tmp), step, started)
    except Exception as exc:
        from app.cli.errors import missing_desktop_part  # noqa: PLC0415

        if isinstance(exc, ModuleNotFoundError) and missing_desktop_part(exc) is not None:
            raise  # a resolver-only install: main.py says what to install, in one line
        traceback.print_exc()
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailed(message)


def _run(tmp: Path, step: Step, started: float) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - after QT_QPA_PLATFORM is set

    from app.minting.request import MintRequest  # noqa: PLC0415
    from app.storage.db import Database, open_database  # noqa: PLC0415
    from app.storage.home import resolve_home  # noqa: PLC0415
    from app.ui.main_window import MainWindow  # noqa: PLC0415
    from app.workers.actions import submit  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv)
    home = resolve_home(str(tmp / "home"))
    home.root.mkdir(parents=True, exist_ok=True)
    db = step("open the database and apply migrations", lambda: open_database(home.db_url))
    assert isinstance(db, Database)
    try:
        step("load the sample catalogue", lambda: _prepare(db))
        window = MainWindow(db, home, resume=False)
        step("show the main window", window.show)
        print(f"  start-up to window: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        step("open every page (each is built on first show)", lambda: _visit_pages(window, app))
        step("German translations of the app and of Qt", lambda: _translations(app))
        _use_pools()
        sub = submit(db, MintRequest(sku=SKU, quantity=SELF_TEST_UNITS))
        step(
            f"mint {SELF_TEST_UNITS:,} tokens in the background (window job)",
            lambda: _run_job(window.start_mint(sub.batch_id)),
        )
        step(
            "export them as a CSV manifest (window job)",
            lambda: _run_job(window.start_export(sub.batch_id, "csv")),
        )
        window.close()
        app.processEvents()
        for kind in ("qr", "nfc", "rfid", "qr-bundle"):
            packs = SELF_TEST_UNITS // PACK_UNITS
            step(f"export {kind} in {packs} packs", _exporter(db, sub.uid, kind, tmp, PACK_UNITS))
        # Labels are slow to draw (cairo): a smaller batch of its own.
        labels = step(f"mint {LABEL_UNITS} more for labels", lambda: _mint(db, LABEL_UNITS))
        step(
            f"export a label sheet in {LABEL_UNITS // LABEL_PACK} packs",
            _exporter(db, labels, "label-sheet", tmp, LABEL_PACK),
        )
        step(
            f"print {PRINT_LABELS} labels on a ZPL printer (the simulator) and verify them",
            _print_and_verify(db, labels),
        )
        for kind in ("nfc", "rfid"):
            step(
                f"{kind.upper()} station on the simulator ({STATION_UNITS} units)",
                _station(home.root, sub.uid, kind),
            )
        step("resolver on loopback: sync the batch, resolve a Digital Link", _resolver(db, tmp))
        step("no worker process left", _no_children)
    finally:
        db.dispose()


def _prepare(db: Any) -> None:
    from app.resources import SAMPLE_PRODUCTS  # noqa: PLC0415
    from app.workers.actions import (  # noqa: PLC0415 - the services the window's actions run
        import_catalogue,
        publish_default_template,
        save_brand,
    )

    save_brand(db, name="Self-test", resolver_domain=DOMAIN, company_prefix="9506000")
    publish_default_template(db)
    report = import_catalogue(db, SAMPLE_PRODUCTS)
    _check(report.ok, f"the sample catalogue was refused: {report.errors}")


def _visit_pages(window: Any, app: Any) -> None:
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        app.processEvents()
        _check(window.pages.is_built(row), f"page {row} was not built")


def _translations(app: Any) -> None:
    """Qt's own strings come from its TranslationsPath: proves the bundle's Qt prefix."""
    from app.ui.i18n import install_translators, remove_translators  # noqa: PLC0415

    installed = install_translators(app, "de")
    remove_translators(app, installed)
    _check(len(installed) == 2, f"{len(installed)} of 2 German translators loaded (qtbase, app)")


def _use_pools() -> None:
    """Small packs, but the worker pools of big ones (the frozen build's weak spot)."""
    from app.exports import manifest_maker, qr_render  # noqa: PLC0415

    qr_render.POOL_THRESHOLD = POOL_FROM
    manifest_maker.HELPERS = 1
    manifest_maker.HELPER_MIN_PACKS = 1


def _run_job(job: Any) -> None:
    from PySide6.QtCore import QEventLoop  # noqa: PLC0415

    loop = QEventLoop()
    errors: list[str] = []
    job.finished.connect(loop.quit)
    job.failed.connect(lambda message, _details: errors.append(message))
    loop.exec()
    if errors:
        raise SelfTestFailed(errors[0])


def _mint(db: Any, quantity: int) -> str:
    from app.minting.engine import mint  # noqa: PLC0415
    from app.minting.request import MintRequest  # noqa: PLC0415
    from app.minting.submit import submit  # noqa: PLC0415

    submitted = submit(db, MintRequest(sku=SKU, quantity=quantity))
    result = mint(submitted.batch_id, db=db)
    _check(result.minted == quantity, f"minted {result.minted} of {quantity}")
    return submitted.uid


def _exporter(db: Any, uid: str, kind: str, tmp: Path, units: int) -> Callable[[], None]:
    def run() -> None:
        from app.exports.process_pool import pools_started  # noqa: PLC0415
        from app.exports.service import generate_export  # noqa: PLC0415

        before = pools_started()
        result = generate_export(db, uid, kind, out_dir=tmp / "exports", pack_size=units)
        _check(result.status == "completed", f"{kind} export {result.status}: {result.reason}")
        packs = result.job.packs
        _check(len(packs) > 1, f"{kind} export made {len(packs)} pack(s), expected several")
        for pack in packs:
            path = Path(pack.path or "")
            _check(path.is_file() and path.stat().st_size > 0, f"{kind} pack missing: {path}")
        if (os.cpu_count() or 1) > 1:
            _check(pools_started() > before, f"{kind} export did not use a worker pool")

    return run


def _print_and_verify(db: Any, uid: str) -> Callable[[], None]:
    """Labels as ZPL to the printer simulator's TCP port, their codes read back from what it
    printed and fed to a verify run: each verified once, a second scan a duplicate."""

    def run() -> None:
        from app.devices.sim.zpl_server import TcpPrinter  # noqa: PLC0415
        from app.printing.jobs import PrintRequest, print_labels  # noqa: PLC0415
        from app.printing.verify import Verifier  # noqa: PLC0415

        with TcpPrinter() as printer:
            request = PrintRequest(uid, f"zpl:{printer.url}", count=PRINT_LABELS)
            outcome = print_labels(db, request)
            _check(outcome.printed_now == PRINT_LABELS, f"printed {outcome.printed_now} labels")
            deadline = time.monotonic() + 30
            while len(printer.engine.labels) < PRINT_LABELS and time.monotonic() < deadline:
                time.sleep(0.02)
            codes = [label.qr or "" for label in printer.engine.labels]
        _check(len(codes) == PRINT_LABELS, f"the printer printed {len(codes)} labels")
        verifier = Verifier(db, uid, new_run=True)
        try:
            results = verifier.scan_many([*codes, codes[0]])
        finally:
            verifier.finish()
        outcomes = [result.outcome for result in results]
        expected = ["verified"] * PRINT_LABELS + ["duplicate"]
        _check(outcomes == expected, f"verify said {outcomes}")

    return run


def _station(root: Path, uid: str, kind: str) -> Callable[[], None]:
    def run() -> None:
        from app.cli.main import main as cli_main  # noqa: PLC0415

        args = ["--home", str(root), "station", kind, "--batch", uid, "--simulate"]
        status = cli_main([*args, "--count", str(STATION_UNITS)])
        _check(status == 0, f"the {kind} station on the simulator ended with status {status}")

    return run


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _resolver(db: Any, tmp: Path) -> Callable[[], None]:
    def run() -> None:
        import httpx  # noqa: PLC0415
        import uvicorn  # noqa: PLC0415

        from app.resolver.app import ResolverApp  # noqa: PLC0415
        from app.resolver.auth import create_credential  # noqa: PLC0415
        from app.resolver.config import ResolverConfig  # noqa: PLC0415
        from app.resolver.server import server_options  # noqa: PLC0415
        from app.storage.queries import token_page  # noqa: PLC0415
        from app.sync.settings import configure  # noqa: PLC0415
        from app.sync.worker import sync_once  # noqa: PLC0415

        config = ResolverConfig(
            db_url=f"sqlite:///{tmp / 'resolver.db'}",
            domain=DOMAIN,
            pack_dir=tmp / "resolver-packs",
            signing_key=b"self-test",
        )
        service = ResolverApp(config)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                service,
                host="127.0.0.1",
                port=port,
                **{**server_options(config), "log_level": "warning", "access_log": False},
            )
        )
        thread = threading.Thread(target=server.run, name="self-test-resolver", daemon=True)
        try:
            key_id, secret = create_credential(service.db, service.key, "self-test")
            thread.start()
            deadline = time.monotonic() + 30
            while not server.started:
                _check(thread.is_alive() and time.monotonic() < deadline, "no resolver")
                time.sleep(0.02)
            url = f"http://127.0.0.1:{port}"
            configure(db, url, key_id, secret)
            report = sync_once(db)
            _check(report.ok, f"sync failed: {report.error}")
            _check(
                report.pushed_tokens == SELF_TEST_UNITS + LABEL_UNITS,
                f"sync sent {report.pushed_tokens:,} of {SELF_TEST_UNITS + LABEL_UNITS:,} tokens",
            )
            with db.read() as session:
                token = token_page(session, limit=1)[0]
            link = urlsplit(token.resolver_url).path
            answer = httpx.head(url + link, headers={"user-agent": "mintstation-self-test"})
            expected = f"https://{DOMAIN}/passport/{token.token_id}"
            _check(
                answer.status_code == 307 and answer.headers.get("location") == expected,
                f"{link} answered {answer.status_code} {answer.headers.get('location')}",
            )
        finally:
            server.should_exit = True
            if thread.is_alive():
                thread.join(timeout=30)
            service.shutdown()

    return run


def _no_children() -> None:
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    left = multiprocessing.active_children()
    _check(not left, f"{len(left)} worker process(es) still running")
