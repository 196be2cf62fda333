from __future__ import annotations

import gc
import sys
import threading
from types import TracebackType

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.workers.job import live_threads
from app.workers.op import Op, running_ops, wait_for_ops


def test_success_callback_runs_on_the_gui_thread_and_the_button_is_busy_meanwhile(
    qtbot: QtBot,
) -> None:
    button = QPushButton("Revoke")
    qtbot.addWidget(button)
    release = threading.Event()
    worker_threads: list[threading.Thread] = []

    def slow_write(value: int) -> int:
        worker_threads.append(threading.current_thread())
        # Released by a timer on the GUI thread: were this running there, it would time out.
        assert release.wait(10)
        return value * 2

    seen: list[tuple[object, threading.Thread]] = []
    op = Op(slow_write, 21, busy=button).success(
        lambda r: seen.append((r, threading.current_thread()))
    )
    op.run()
    assert not button.isEnabled()
    assert button.property("busy") is True
    assert running_ops() == [op]
    QTimer.singleShot(50, release.set)
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert seen == [(42, threading.main_thread())]
    assert worker_threads[0] is not threading.main_thread()
    assert button.isEnabled()
    assert button.property("busy") is False
    assert not running_ops()
    assert not live_threads()


def test_a_control_disabled_before_stays_disabled(qtbot: QtBot) -> None:
    button = QPushButton("Resume")
    qtbot.addWidget(button)
    button.setEnabled(False)
    op = Op(lambda: None, busy=button).run()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert not button.isEnabled()


def test_failure_callback_gets_the_exception(qtbot: QtBot) -> None:
    def refuse() -> None:
        raise ValueError("token already revoked")

    errors: list[BaseException] = []
    successes: list[object] = []
    op = Op(refuse).success(successes.append).failure(errors.append).run()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert successes == []
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "token already revoked"


def test_without_a_failure_callback_the_exception_goes_to_the_excepthook(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[BaseException] = []

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        hooked.append(value)

    monkeypatch.setattr(sys, "excepthook", hook)

    def broken() -> None:
        raise KeyError("lost")

    op = Op(broken).run()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert len(hooked) == 1
    assert isinstance(hooked[0], KeyError)


def test_callbacks_are_skipped_when_the_owner_is_gone(qtbot: QtBot) -> None:
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    op = Op(release.wait, 10, owner=owner).success(called.append).run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner), timeout=5_000)
    release.set()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert called == []


def test_an_op_runs_once(qtbot: QtBot) -> None:
    op = Op(lambda: 1).run()
    with pytest.raises(RuntimeError, match="already run"):
        op.run()
    assert wait_for_ops(10_000)
    qtbot.waitUntil(lambda: not op.is_running(), timeout=5_000)


def _valid(obj: QWidget) -> bool:
    return bool(shiboken6.isValid(obj))


def test_quiet_gc_pauses_the_collector_only_while_such_ops_run(qtbot: QtBot) -> None:
    assert gc.isenabled()
    release = threading.Event()
    seen: list[bool] = []

    def big_check() -> None:
        seen.append(gc.isenabled())
        assert release.wait(10)

    first = Op(big_check, quiet_gc=True).run()
    second = Op(big_check, quiet_gc=True).run()
    plain = Op(lambda: seen.append(gc.isenabled())).run()
    with qtbot.waitSignal(plain.done, timeout=10_000):
        pass
    assert not gc.isenabled()
    release.set()
    with qtbot.waitSignal(first.done, timeout=10_000):
        pass
    if second.is_running():
        assert not gc.isenabled()  # still paused: one such op is left
        with qtbot.waitSignal(second.done, timeout=10_000):
            pass
    assert gc.isenabled()
    assert seen.count(False) == 3


def test_a_failure_after_the_owner_is_gone_is_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    owner = QWidget()
    release = threading.Event()

    def late_failure() -> None:
        assert release.wait(10)
        raise OSError("disk unplugged")

    op = Op(late_failure, owner=owner, name="op:late").failure(lambda exc: None).run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner), timeout=5_000)
    release.set()
    with qtbot.waitSignal(op.done, timeout=10_000):
        pass
    assert "op:late failed after its window closed" in caplog.text
    assert "disk unplugged" in caplog.text
