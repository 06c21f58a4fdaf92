"""The one helper that hands values from a worker thread to the GUI thread."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.gui_handoff import GuiHandoff

pytestmark = pytest.mark.gui


class Receiver:
    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.threads: set[str] = set()

    def __call__(self, batch: list[int]) -> None:
        self.threads.add(threading.current_thread().name)
        self.batches.append(batch)

    @property
    def values(self) -> list[int]:
        return [value for batch in self.batches for value in batch]


def test_values_from_a_thread_arrive_in_order_in_the_gui_thread(qtbot: QtBot) -> None:
    received = Receiver()
    handoff: GuiHandoff[int] = GuiHandoff(received)
    worker = threading.Thread(target=lambda: [handoff.put(n) for n in range(2000)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received.values) == 2000)
    assert received.values == list(range(2000))
    assert received.threads == {threading.main_thread().name}


def test_a_burst_wakes_the_gui_thread_once(qtbot: QtBot) -> None:
    received = Receiver()
    handoff: GuiHandoff[int] = GuiHandoff(received)
    for n in range(100):
        handoff.put(n)
    qtbot.waitUntil(lambda: received.batches != [])
    assert received.batches == [list(range(100))]


def test_newest_only_keeps_the_latest_value(qtbot: QtBot) -> None:
    received = Receiver()
    handoff: GuiHandoff[int] = GuiHandoff(received, newest_only=True)
    for n in range(5):
        handoff.put(n)
    qtbot.waitUntil(lambda: received.batches != [])
    assert received.batches == [[4]]


def test_clear_drops_what_has_not_arrived_yet(qtbot: QtBot) -> None:
    received = Receiver()
    handoff: GuiHandoff[int] = GuiHandoff(received)
    handoff.put(1)
    handoff.clear()
    handoff.put(2)
    qtbot.waitUntil(lambda: received.values != [])
    assert received.values == [2]


def test_a_value_after_the_owner_is_gone_is_dropped_quietly(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    received = Receiver()
    owner = QObject()
    handoff: GuiHandoff[int] = GuiHandoff(received, owner)
    shiboken6.delete(owner)  # the window closed; a worker still answers
    caplog.set_level(logging.DEBUG, logger="ui.gui_handoff")
    worker = threading.Thread(target=lambda: handoff.put(1))
    worker.start()
    worker.join()
    assert "gui handoff: a value arrived after its receiver was gone" in caplog.messages
    assert received.values == []


def test_a_closed_handoff_delivers_nothing_not_even_a_wake_up_already_queued(
    qtbot: QtBot,
) -> None:
    # A flow's window closed (and its store with it) while the sync thread had just noted a
    # change: the wake-up was queued already, and reached the closed flow in the next test's
    # event loop ("unable to open database file" in CI).
    received = Receiver()
    handoff: GuiHandoff[int] = GuiHandoff(received)
    worker = threading.Thread(target=lambda: handoff.put(1))
    worker.start()
    worker.join()  # its wake-up is queued for the GUI thread
    handoff.close()
    handoff.put(2)
    qtbot.wait(100)
    assert received.values == []
    # An open one next to it still delivers (the event loop did run).
    other = Receiver()
    open_one: GuiHandoff[int] = GuiHandoff(other)
    open_one.put(3)
    qtbot.waitUntil(lambda: other.values == [3])
