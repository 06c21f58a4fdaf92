"""The one guard that turns an exception into a message for the visitor, and a flow added the
way every new flow is: a ``Flow`` subclass registered with the window, no window code changed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.domain import StoreError
from tests.conftest import LogExpectations
from tests.ui.conftest import Kiosk
from ui.flow import Flow, Scans, ScreenHost
from ui.main import _install_crash_handler
from ui.messages import Message, MessageBridge, MessageKind
from ui.visitor_guard import VisitorGuard

pytestmark = pytest.mark.gui


def _guard() -> tuple[VisitorGuard, list[Message]]:
    bridge = MessageBridge()
    shown: list[Message] = []
    bridge.message_shown.connect(shown.append)
    return VisitorGuard(bridge), shown


def _raise(exc: BaseException) -> Callable[[], None]:
    def step() -> None:
        raise exc

    return step


def test_a_known_problem_shows_its_calm_message(
    qapp: object, caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    expect_log("ui.visitor_guard", logging.ERROR, "the local store cannot be written: disk full")
    guard, shown = _guard()
    undone: list[bool] = []
    guard.run(_raise(StoreError("disk full")), undo=lambda: undone.append(True))
    assert undone == [True]
    assert [(m.kind, m.title) for m in shown] == [
        (MessageKind.PROBLEM, "Kiosken får ikke lagret nå")
    ]
    assert not any(record.exc_info for record in caplog.records), "a known problem, not a bug"


def test_a_bug_is_logged_with_its_traceback_and_shows_the_generic_message(
    qapp: object, caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    expect_log(
        "ui.visitor_guard", logging.ERROR, "unexpected error in a user action: ZeroDivisionError"
    )
    guard, shown = _guard()
    undone: list[bool] = []
    guard.run(_raise(ZeroDivisionError("a bug")), undo=lambda: undone.append(True))
    assert undone == [True]
    assert [(m.kind, m.title, m.detail) for m in shown] == [
        (MessageKind.FAILURE, "Noe gikk galt.", "Prøv igjen.")
    ]
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError
    assert "in step\n    raise exc" in caplog.text  # the traceback, down to where it was raised


def test_a_bug_handed_over_from_a_worker_thread_keeps_its_traceback(
    qapp: object, caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    expect_log("ui.visitor_guard", logging.ERROR, "unexpected error in a user action: KeyError")
    guard, shown = _guard()
    caught: list[BaseException] = []

    def work() -> None:
        try:
            _raise(KeyError("on the worker"))()
        except KeyError as exc:
            caught.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    guard.show(caught[0])  # in the GUI thread, outside any except block
    assert shown[0].kind is MessageKind.FAILURE
    assert "in work" in caplog.text, "the worker's frames are in the log"


def test_a_step_that_succeeds_shows_nothing(qapp: object) -> None:
    guard, shown = _guard()
    ran: list[bool] = []
    guard.run(lambda: ran.append(True), undo=lambda: pytest.fail("nothing to undo"))
    assert ran == [True] and shown == []


class BrokenFlow(Flow):
    """A flow with a bug in its one action, added the way any new flow is."""

    def __init__(self, guard: VisitorGuard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self.screen = QWidget()
        self.screen.setObjectName("brokenScreen")
        self.button = QPushButton("Gjør noe", self.screen)
        QVBoxLayout(self.screen).addWidget(self.button)
        self.resets = 0

    def attach(self, host: ScreenHost) -> None:
        host.add_screen(self.screen, scans=Scans.OFF)
        self.button.clicked.connect(lambda: self.guard.run(self._step, undo=self.reset))
        self.host = host

    def reset(self) -> None:
        self.resets += 1

    def _step(self) -> None:
        raise ZeroDivisionError("a bug")


def test_a_bug_in_a_new_flow_logs_and_returns_to_start_without_a_traceback_on_screen(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    expect_log(
        "ui.visitor_guard", logging.ERROR, "unexpected error in a user action: ZeroDivisionError"
    )
    flow = BrokenFlow(kiosk.window.guard)
    kiosk.window.add_flow(flow)
    flow.host.show_screen(flow.screen)
    kiosk.wait_for_screen(flow.screen)
    with caplog.at_level(logging.ERROR):
        kiosk.click(flow.button)
        message = kiosk.wait_for_message()
    assert (message.title, message.detail) == ("Noe gikk galt.", "Prøv igjen.")
    assert not any("Traceback" in t or "ZeroDivision" in t for t in kiosk.all_texts())
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)
    kiosk.wait_for_screen(kiosk.window.start)
    assert flow.resets >= 2, "undone at once, and reset again with every flow at the start"


def test_an_exception_no_flow_caught_is_calmed_by_the_crash_handler(
    kiosk: Kiosk,
    caplog: pytest.LogCaptureFixture,
    expect_log: LogExpectations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expect_log("ui.visitor_guard", logging.ERROR, "unexpected error in a user action: RuntimeError")
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    _install_crash_handler(kiosk.window)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.wait_for_screen(kiosk.name_search)
    try:
        raise RuntimeError("from a slot")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.FAILURE
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)
    kiosk.wait_for_screen(kiosk.window.start)
