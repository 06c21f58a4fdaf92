"""Widget-level tests: the scanner filter, the on-screen keyboard, the idle watcher."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SteppedMonotonic
from ui.idle import IdleWatcher
from ui.scanner import ScannerInput
from ui.widgets.keyboard import OnScreenKeyboard

pytestmark = pytest.mark.gui

TOKEN = "RL1ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@pytest.fixture
def target(qtbot: QtBot) -> QPushButton:
    widget = QPushButton("target")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _scanner(qapp, ticks: SteppedMonotonic, **kwargs) -> ScannerInput:
    scanner = ScannerInput(max_gap_ms=60, min_length=20, monotonic=ticks, **kwargs)
    scanner.setParent(qapp)
    qapp.installEventFilter(scanner)
    scanner.set_active(True)
    return scanner


def _type(qtbot: QtBot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_fast_burst_ending_in_return_is_a_scan(qapp, qtbot: QtBot, target) -> None:
    scanner = _scanner(qapp, SteppedMonotonic(step_s=0.005))
    try:
        with qtbot.waitSignal(scanner.scanned) as blocker:
            _type(qtbot, target, TOKEN)
        assert blocker.args == [TOKEN]
    finally:
        qapp.removeEventFilter(scanner)


def test_slow_typing_and_short_bursts_are_not_scans(qapp, qtbot: QtBot, target) -> None:
    ticks = SteppedMonotonic(step_s=0.2)
    scanner = _scanner(qapp, ticks)
    try:
        with qtbot.assertNotEmitted(scanner.scanned):
            _type(qtbot, target, TOKEN)  # a person typing 5 keys a second
            ticks.step_s = 0.001
            _type(qtbot, target, "SHORT")  # fast, but too short for a pass
    finally:
        qapp.removeEventFilter(scanner)


def test_one_slow_gap_restarts_the_burst(qapp, qtbot: QtBot, target) -> None:
    ticks = SteppedMonotonic(step_s=0.001)
    scanner = _scanner(qapp, ticks)
    try:
        with qtbot.waitSignal(scanner.scanned) as blocker:
            qtbot.keyClicks(target, "JUNK")
            ticks.skip(1.0)  # someone paused, then the scanner fired
            _type(qtbot, target, TOKEN)
        assert blocker.args == [TOKEN]
    finally:
        qapp.removeEventFilter(scanner)


def test_the_same_scan_again_is_ignored_for_three_seconds(qapp, qtbot: QtBot, target) -> None:
    ticks = SteppedMonotonic()
    scanner = _scanner(qapp, ticks)
    seen: list[str] = []
    scanner.scanned.connect(seen.append)
    try:
        _type(qtbot, target, TOKEN)
        _type(qtbot, target, TOKEN)
        assert seen == [TOKEN]
        ticks.skip(3.5)
        _type(qtbot, target, TOKEN)
        assert seen == [TOKEN, TOKEN]
        scanner.set_active(True, repeat_allowed=True)  # the confirm screen
        _type(qtbot, target, TOKEN)
        assert seen == [TOKEN] * 3
    finally:
        qapp.removeEventFilter(scanner)


def test_inactive_scanner_leaves_keys_to_the_widgets(qapp, qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    scanner = _scanner(qapp, SteppedMonotonic())
    scanner.set_active(False)
    try:
        with qtbot.assertNotEmitted(scanner.scanned):
            _type(qtbot, field, TOKEN)
        assert field.text() == TOKEN
        scanner.set_active(True)
        field.clear()
        _type(qtbot, field, TOKEN)
        assert field.text() == "", "an active scanner swallows the burst"
    finally:
        qapp.removeEventFilter(scanner)


def test_keyboard_has_norwegian_letters_and_editing_keys(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.show()
    typed: list[str] = []
    keyboard.character_typed.connect(typed.append)
    for key in ("Æ", "Ø", "Å", " ", "-", "q"):
        qtbot.mouseClick(keyboard.key_button(key), Qt.MouseButton.LeftButton)
    assert typed == ["Æ", "Ø", "Å", " ", "-", "Q"]
    with qtbot.waitSignal(keyboard.backspace_requested):
        qtbot.mouseClick(keyboard.key_button("backspace"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(keyboard.clear_requested):
        qtbot.mouseClick(keyboard.key_button("clear"), Qt.MouseButton.LeftButton)
    assert keyboard.key_button("Å").focusPolicy() == Qt.FocusPolicy.NoFocus


def test_idle_watcher_fires_once_when_left_alone(qtbot: QtBot) -> None:
    watcher = IdleWatcher(0.05)
    assert not watcher.armed
    with qtbot.waitSignal(watcher.idle_timed_out, timeout=2000):
        watcher.arm()
    assert not watcher.armed


def test_an_endless_burst_is_cut_short(qapp, qtbot: QtBot, target) -> None:
    scanner = _scanner(qapp, SteppedMonotonic())
    try:
        with qtbot.waitSignal(scanner.scanned) as blocker:
            _type(qtbot, target, "X" * 1500)
        assert len(blocker.args[0]) == 1000
    finally:
        qapp.removeEventFilter(scanner)
