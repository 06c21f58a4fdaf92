"""The kiosk paints its start screen before its other screens exist (issue 13), and nobody can
tell: the start screen looks the same, and whatever a visitor does while the rest is not built
yet (a button, a scan typed during start-up, Esc) first builds it and then works as always.

``make_kiosk(later=True)`` builds the window as ``regionlab-kiosk`` does (``build_window``'s
``later``); the rest is built by ``build_in_idle_slices`` (as after the first paint) or at once.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPainter
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from tests.conftest import KARI
from tests.fakes import FakeClock
from tests.frame_feeder import RecordingSound
from tests.ui.conftest import TABLET, Kiosk
from ui.app import build_window_before_core
from ui.main_window import MainWindow
from ui.messages import Message, MessageBridge, MessageKind
from ui.screens.floor_map import FloorMapScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.sound import SoundCues
from ui.speech import RecordingSpeaker
from ui.sync_status import describe

pytestmark = pytest.mark.gui


def _post_burst(window: MainWindow, text: str) -> None:
    """A scanner's burst, typed 8 ms apart, waiting in the event queue (the GUI thread busy)."""
    for i, char in enumerate([*text, None]):
        if char is None:
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"
            )
        else:
            code = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
            event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, char)
        event.setTimestamp(1000 + 8 * i)  # when typed, however late they are handled
        QCoreApplication.postEvent(window, event)


def _image(kiosk: Kiosk) -> QImage:
    """The window as painted, but for the clock's big digits: Qt's glyph cache draws their
    edges a shade apart from one window of a process to the next (so do two windows built
    alike); the clock's text is compared on its own."""
    window = kiosk.window
    kiosk.qtbot.wait(200)  # laid out (whether the page needs its scroll bar is settled late)
    image = window.grab().toImage()
    label = window.start.clock_label
    painter = QPainter(image)
    painter.fillRect(QRect(label.mapTo(window, QPoint(0, 0)), label.size()), Qt.GlobalColor.black)
    painter.end()
    return image


def test_only_the_start_screen_is_built_first_and_it_looks_as_when_all_are(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    make_kiosk().window.close()  # the first window of a process draws its glyphs a shade apart
    whole = make_kiosk()
    pages = whole.window.stack.count()
    looks = _image(whole)
    whole.window.close()

    kiosk = make_kiosk(later=True)
    window = kiosk.window
    assert not window.fully_built
    assert window.stack.count() == 1 and window.current_screen is window.start
    assert not window.findChildren(FloorMapScreen) and not window.findChildren(ScanHelpScreen)
    # The free desks, today's counts and talk, the staff corner, the sync status: all there.
    assert _image(kiosk) == looks
    assert window.start.clock_label.text() == whole.window.start.clock_label.text()

    window.build_in_idle_slices()
    kiosk.qtbot.waitUntil(lambda: window.fully_built)
    assert window.stack.count() == pages
    assert window.current_screen is window.start
    assert _image(kiosk) == looks


def test_a_start_screen_button_pressed_before_the_rest_is_built_opens_its_screen(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(later=True)
    kiosk.click(kiosk.window.start.qr_button)
    assert kiosk.window.fully_built
    assert kiosk.window.current_screen is kiosk.scan_help

    # Pressed in code (no mouse): the same.
    other = make_kiosk(later=True)
    other.window.start.desk_button.click()
    assert other.window.current_screen is other.floor_map


def test_a_pass_scanned_while_the_kiosk_starts_is_checked_in(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    """The scanner types while the rest is built in idle slices: its keys wait in the event
    queue, the first of them builds the rest at once, and the burst is read whole."""
    kiosk = make_kiosk(later=True)
    window = kiosk.window
    window.build_in_idle_slices()
    _post_burst(window, make_pass(KARI))
    assert not window.fully_built

    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.WELCOME
    assert kiosk.core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 1


def test_the_staff_corner_held_before_the_rest_is_built_asks_for_the_pin(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    from ui.screens.staff_pin import StaffPinScreen
    from ui.widgets.staff_corner import StaffCorner

    kiosk = make_kiosk(later=True)
    (corner,) = kiosk.window.start.findChildren(StaffCorner)
    assert corner.isVisible()
    kiosk.qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    assert kiosk.window.fully_built and corner.hold.isActive()
    corner.hold.timeout.emit()  # the five seconds pass (the hold timer's end, not a real wait)
    corner.hold.stop()
    kiosk.qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    assert isinstance(kiosk.window.current_screen, StaffPinScreen)


def test_a_pass_scanned_before_the_store_is_opened_is_checked_in_once_it_is(
    qtbot: QtBot, kiosk_core: KioskCore, clock: FakeClock, make_pass: Callable[..., str]
) -> None:
    """As ``regionlab-kiosk`` starts: the start screen before the core (the local store). A
    scan typed then waits in the event queue; its first key opens the core and builds the
    rest, and the burst is read whole: checked in, once."""
    opened: list[KioskCore] = []

    def open_core() -> KioskCore:
        opened.append(kiosk_core)
        return kiosk_core

    messages: list[Message] = []
    cues = SoundCues(success=RecordingSound(), failure=RecordingSound())
    window = build_window_before_core(
        kiosk_core.settings, clock, open_core, speaker=RecordingSpeaker(), cues=cues
    )
    qtbot.addWidget(window)
    window.findChild(MessageBridge).message_shown.connect(messages.append)
    window.resize(*TABLET)
    window.show()
    qtbot.waitExposed(window)
    assert not opened and window.stack.count() == 1
    assert window.start.free_label.text() == ""  # the store's facts come with the store

    _post_burst(window, make_pass(KARI))
    qtbot.waitUntil(lambda: len(messages) == 1)
    assert opened == [kiosk_core] and window.fully_built
    assert messages[0].kind is MessageKind.WELCOME
    assert kiosk_core.checkin.is_present(KARI)
    window.close()


def test_before_the_store_is_opened_the_status_says_the_kiosk_is_starting(
    qtbot: QtBot, kiosk_core: KioskCore, clock: FakeClock
) -> None:
    """The first paint comes before the local store is opened: the status beside the hourglass
    says so in words (it was blank for the first seconds), and the sync status replaces it
    once the store is open."""
    window = build_window_before_core(
        kiosk_core.settings, clock, lambda: kiosk_core, speaker=RecordingSpeaker()
    )
    qtbot.addWidget(window)
    window.resize(*TABLET)
    window.show()
    qtbot.waitExposed(window)
    start = window.start
    assert not window.fully_built
    assert start.sync_label.isVisible() and start.sync_label.text() == "Starter opp …"

    window.build_in_idle_slices()
    qtbot.waitUntil(lambda: window.fully_built)
    assert start.sync_label.text() == describe(kiosk_core.sync.status())[1]
    assert start.sync_label.text() != "Starter opp …"
    window.close()
