"""Scanner bursts are timed by the key events' own timestamps, and a pass's burst is never
dropped without a word (issue 14: under load 12 to 17 of 20 bursts were noticed).

The key events carry timestamps 8 ms apart, as a scanner types them; the GUI thread is busy
(a real pause on it) in the middle of each burst, so it handles the keys late and bunched."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import KARI
from tests.ui.conftest import Kiosk
from ui.messages import MessageKind
from ui.scanner import PASS_BURST_GIVE_UP_S, ScannerInput

pytestmark = pytest.mark.gui

TOKEN = "RL1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BUSY_S = 0.1  # the GUI thread is busy this long: longer than the 60 ms a burst may pause


def key(char: str | None, stamp_ms: int) -> QKeyEvent:
    """A key press as the window system delivers it: with the time it was typed."""
    if char is None:
        event = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"
        )
    else:
        code = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
        event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, char)
    event.setTimestamp(stamp_ms)
    return event


def burst(
    widget: QWidget,
    text: str,
    start_ms: int,
    *,
    every_ms: int = 8,
    busy_at: set[int] | None = None,
    pause_at: dict[int, int] | None = None,
    enter: bool = True,
) -> int:
    """Deliver ``text`` (and Return) typed ``every_ms`` apart from ``start_ms``; before the
    keys in ``busy_at`` the GUI thread is busy; before those in ``pause_at`` the scanner itself
    paused that many ms. Returns the timestamp after the burst."""
    stamp = start_ms
    keys: list[str | None] = [*text, None] if enter else list(text)
    for i, char in enumerate(keys):
        if busy_at and i in busy_at:
            time.sleep(BUSY_S)  # the GUI thread is doing something else (a sync, a repaint)
        if pause_at and i in pause_at:
            stamp += pause_at[i]
        QApplication.sendEvent(widget, key(char, stamp))
        stamp += every_ms
    return stamp


@pytest.fixture
def target(qtbot: QtBot) -> QPushButton:
    widget = QPushButton("target")
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def scanner(qapp: QApplication) -> Iterator[ScannerInput]:
    scanner = ScannerInput(max_gap_ms=60, min_length=8)  # the real clock: the GUI is slow
    scanner.setParent(qapp)
    qapp.installEventFilter(scanner)
    scanner.set_active(True)
    yield scanner
    qapp.removeEventFilter(scanner)


def test_a_burst_the_busy_gui_thread_handles_late_is_still_a_scan(
    scanner: ScannerInput, target: QPushButton
) -> None:
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    burst(target, TOKEN, 1_000, busy_at={20, 40})  # before: dropped, or only its tail
    assert seen == [TOKEN]


def test_twenty_bursts_on_a_busy_machine_are_twenty_scans(
    scanner: ScannerInput, target: QPushButton
) -> None:
    """The issue's measurement: 20 bursts at 8 ms a key while the machine is busy."""
    rng = random.Random(14)
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    tokens = [f"RL1{i:02d}" + TOKEN[5:] for i in range(20)]
    stamp = 10_000
    for token in tokens:
        busy = {rng.randrange(1, len(token))} if rng.random() < 0.7 else set()
        stamp = burst(target, token, stamp, busy_at=busy) + 2_000
    assert seen == tokens


def test_a_pass_burst_with_a_real_pause_is_kept_whole(
    scanner: ScannerInput, target: QPushButton
) -> None:
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    burst(target, TOKEN, 5_000, pause_at={30: 200})  # the scanner (or the USB bus) stalled
    assert seen == [TOKEN]


def test_hand_typing_and_junk_bursts_are_still_not_scans(
    scanner: ScannerInput, target: QPushButton, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(scanner.scanned):
        burst(target, "RL1ABCDEFGHIJ", 1_000, every_ms=200)  # a person typing 5 keys a second
        burst(target, "ABCDEFGHIJKLMNO", 9_000, pause_at={8: 200})  # not a pass: split, short


def test_a_pass_burst_that_loses_its_return_is_not_dropped(
    scanner: ScannerInput, target: QPushButton
) -> None:
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    burst(target, TOKEN[:49], 1_000, enter=False)  # the end of the burst never came
    later = 1_000 + 49 * 8 + int(PASS_BURST_GIVE_UP_S * 1000) + 500
    burst(target, TOKEN, later)
    assert seen == [TOKEN[:49], TOKEN]  # the first is answered "Prøv igjen" (cannot be read)


def test_a_pass_burst_that_stops_without_its_return_is_answered_even_if_no_key_follows(
    scanner: ScannerInput, target: QPushButton, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(scanner.scanned, timeout=int(PASS_BURST_GIVE_UP_S * 1000) + 3000) as got:
        burst(target, TOKEN[:49], 1_000, enter=False)
    assert got.args == [TOKEN[:49]]


def test_a_short_burst_with_the_pass_prefix_gets_an_answer(
    kiosk: Kiosk,
) -> None:
    burst(kiosk.window, "RL1AB", 1_000)  # before: too short, dropped without a word
    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.PROBLEM
    assert message.title == "Koden kunne ikke leses"
    assert "Prøv igjen" in message.detail


def test_a_pass_scanned_while_the_gui_is_busy_checks_the_visitor_in(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    token = make_pass(KARI)
    burst(kiosk.window, token, 50_000, busy_at={49})  # the issue: 49 characters, then late
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.WELCOME, "Velkommen, Kari!")
    assert kiosk.core.checkin.is_present(KARI)
