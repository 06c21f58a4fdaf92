"""Staff at the kiosk: the marked corner, the staff PIN, the staff screen, the evacuation list,
the lock-down, and what happens to bugs and a hung GUI thread (pytest-qt, offscreen)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.domain import SyncState
from kiosk.pin import hash_pin
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, LogExpectations
from tests.fakes import FakeCentral, FakeClock
from tests.frame_feeder import RecordingSound
from tests.ui.conftest import TABLET, Kiosk, SteppedMonotonic
from ui import unattended
from ui.app import build_window
from ui.crash_log import LOG_NAME, log_folder
from ui.evacuation_print import pdf_printer
from ui.main import _install_crash_handler
from ui.messages import MessageBridge
from ui.restart import RESTART_EXIT_CODE
from ui.screens.evacuation import EvacuationScreen
from ui.screens.staff import StaffScreen
from ui.screens.staff_pin import StaffPinScreen
from ui.sound import SoundCues
from ui.speech import RecordingSpeaker
from ui.staff_flow import StaffFlow
from ui.watchdog import GuiWatchdog
from ui.widgets.staff_corner import HOLD_MS, StaffCorner

PIN = "2468"


class StaffKiosk(Kiosk):
    quits: list[int]
    pdf: Path

    @property
    def corner(self) -> StaffCorner:
        return self._only(StaffCorner)

    @property
    def pin(self) -> StaffPinScreen:
        return self._only(StaffPinScreen)

    @property
    def staff(self) -> StaffScreen:
        return self._only(StaffScreen)

    @property
    def evacuation(self) -> EvacuationScreen:
        return self._only(EvacuationScreen)

    @property
    def flow(self) -> StaffFlow:
        return self._only(StaffFlow)

    def long_press(self) -> None:
        """Hold the corner; the five seconds pass (the hold timer's end, not a real wait)."""
        self.qtbot.mousePress(self.corner, Qt.MouseButton.LeftButton)
        assert self.corner.hold.isActive()
        self.corner.hold.timeout.emit()
        self.corner.hold.stop()
        self.qtbot.mouseRelease(self.corner, Qt.MouseButton.LeftButton)

    def type_pin(self, pin: str) -> None:
        for digit in pin:
            self.click(self.pin.digit_buttons[digit])
        self.click(self.pin.ok_button)

    def sign_in(self) -> None:
        self.long_press()
        self.wait_for_screen(self.pin)
        self.type_pin(PIN)
        self.wait_for_screen(self.staff)


@pytest.fixture
def make_staff_kiosk(
    qtbot: QtBot, kiosk_core: KioskCore, clock: FakeClock, tmp_path: Path
) -> Iterator[Callable[..., StaffKiosk]]:
    built: list[StaffKiosk] = []

    def make(pin: str | None = PIN, **settings: Any) -> StaffKiosk:
        core = kiosk_core
        core.settings = replace(
            core.settings,
            staff_pin_hash=hash_pin(pin) if pin else "",
            settings_file=tmp_path / "settings.json",
            windowed=True,
            confirmation_s=0.3,
            **settings,
        )
        quits: list[int] = []
        pdf = tmp_path / "evakuering.pdf"
        bridge = MessageBridge()
        cues = SoundCues(success=RecordingSound(), failure=RecordingSound())
        window = build_window(
            core,
            clock=clock,
            monotonic=SteppedMonotonic(),
            messages=bridge,
            speaker=RecordingSpeaker(),
            cues=cues,
            printer=pdf_printer(pdf),
            quit=quits.append,
        )
        qtbot.addWidget(window)
        kiosk = StaffKiosk(
            window=window,
            core=core,
            qtbot=qtbot,
            monotonic=SteppedMonotonic(),
            speaker=RecordingSpeaker(),
            cues=cues,
        )
        bridge.message_shown.connect(kiosk.messages.append)
        kiosk.quits, kiosk.pdf = quits, pdf
        window.resize(*TABLET)
        window.show()
        qtbot.waitExposed(window)
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.window.allow_close()
        kiosk.window.close()


def test_the_corner_is_marked_and_a_press_shorter_than_five_seconds_does_nothing(
    make_staff_kiosk: Callable[..., StaffKiosk],
) -> None:
    kiosk = make_staff_kiosk()
    corner = kiosk.corner
    assert corner.isVisible() and corner.text()
    assert corner.width() >= 44 and corner.height() >= 44
    assert corner.accessibleName() == "Personale"
    assert "fem sekunder" in corner.accessibleDescription()
    assert corner.hold.interval() == HOLD_MS == 5000
    kiosk.qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    assert corner.hold.isActive()
    kiosk.qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    assert not corner.hold.isActive()  # let go early: the five seconds never end
    kiosk.click(corner)  # a tap
    assert kiosk.window.current_screen is kiosk.window.start
    kiosk.long_press()
    kiosk.wait_for_screen(kiosk.pin)


def test_the_right_pin_opens_the_staff_screen_with_the_sync_state(
    make_staff_kiosk: Callable[..., StaffKiosk], central: FakeCentral
) -> None:
    kiosk = make_staff_kiosk()
    central.down = True
    kiosk.core.checkin.check_in(KARI, CheckinMethod.QR)
    kiosk.core.sync.sync_once()
    kiosk.long_press()
    kiosk.wait_for_screen(kiosk.pin)
    kiosk.type_pin("1111")
    assert kiosk.window.current_screen is kiosk.pin
    assert kiosk.pin.problem.text() == "⚠ Feil PIN-kode. Prøv igjen."
    assert kiosk.pin.digits == ""
    kiosk.type_pin(PIN)
    kiosk.wait_for_screen(kiosk.staff)
    kiosk.qtbot.waitUntil(lambda: "1 hendelse venter" in kiosk.staff.sync_label.text())
    assert kiosk.staff.pending_label.text() == "Hendelser som venter på sending: 1"
    assert kiosk.staff.last_sync_label.text().startswith("Sist synkronisert: ")
    # Forcing a sync once the store is back: the state follows.
    central.down = False
    kiosk.click(kiosk.staff.sync_button)
    kiosk.qtbot.waitUntil(lambda: kiosk.core.sync.status().state is SyncState.ONLINE)
    kiosk.qtbot.waitUntil(lambda: kiosk.staff.pending_label.text().endswith(": 0"))
    assert kiosk.staff.sync_label.text() == "Tilkoblet"
    for button in (kiosk.staff.sync_button, kiosk.staff.exit_button, kiosk.staff.back_button):
        assert button.height() >= 44
    kiosk.click(kiosk.staff.back_button)
    kiosk.wait_for_screen(kiosk.window.start)


def test_events_set_aside_are_counted_for_staff_and_sent_again_on_request(
    make_staff_kiosk: Callable[..., StaffKiosk], central: FakeCentral,
    expect_log: LogExpectations,
) -> None:
    from kiosk.outbox import SET_ASIDE_AFTER
    from tests.core.test_outbox_isolation import PoisonedCentral

    expect_log("kiosk.sync", logging.WARNING, "sent alone")
    expect_log("kiosk.sync", logging.WARNING, r"set aside")
    kiosk = make_staff_kiosk()
    store = PoisonedCentral(keys=central.keys, people=central.people)
    kiosk.core.sync._transport = store
    poison = kiosk.core.checkin.check_in(KARI, CheckinMethod.NAME).event_id
    store.poison.add(poison)
    for _ in range(SET_ASIDE_AFTER):
        kiosk.core.sync.sync_once()
    assert kiosk.core.sync.set_aside_count() == 1
    kiosk.long_press()
    kiosk.wait_for_screen(kiosk.pin)
    kiosk.type_pin(PIN)
    kiosk.wait_for_screen(kiosk.staff)
    staff = kiosk.staff
    assert staff.set_aside_label.isVisible() and staff.resend_button.isVisible()
    assert staff.set_aside_label.text().startswith("⚠ 1 registrering satt til side")
    assert staff.resend_button.height() >= 44
    store.poison.clear()  # the store's problem is mended: staff send it again
    kiosk.click(staff.resend_button)
    kiosk.qtbot.waitUntil(lambda: kiosk.core.sync.status().pending == 0)
    assert kiosk.core.sync.set_aside_count() == 0
    assert poison in store.applied
    kiosk.qtbot.waitUntil(lambda: not staff.resend_button.isVisible())


def test_five_wrong_pins_lock_it_for_five_minutes(
    make_staff_kiosk: Callable[..., StaffKiosk], clock: FakeClock, expect_log: LogExpectations
) -> None:
    expect_log("ui.staff_flow", logging.WARNING, "PIN locked")
    kiosk = make_staff_kiosk()
    kiosk.long_press()
    for _ in range(5):
        kiosk.type_pin("9999")
    assert kiosk.pin.problem.text() == "⚠ For mange feil forsøk. Prøv igjen kl. 09:05."
    kiosk.type_pin(PIN)  # even the right one, while locked
    assert kiosk.window.current_screen is kiosk.pin
    clock.advance(minutes=4, seconds=59)
    kiosk.type_pin(PIN)
    assert kiosk.window.current_screen is kiosk.pin
    clock.advance(seconds=1)
    kiosk.type_pin(PIN)
    kiosk.wait_for_screen(kiosk.staff)


def test_without_a_staff_pin_nobody_gets_in(
    make_staff_kiosk: Callable[..., StaffKiosk], expect_log: LogExpectations
) -> None:
    expect_log("ui.staff_flow", logging.WARNING, "no staff PIN")
    kiosk = make_staff_kiosk(pin=None)
    kiosk.long_press()
    kiosk.type_pin("0000")
    assert "Ingen PIN-kode for personale" in kiosk.pin.problem.text()
    assert kiosk.window.current_screen is kiosk.pin


def test_the_evacuation_list_ticks_prints_and_is_gone_after_idle_time(
    make_staff_kiosk: Callable[..., StaffKiosk], central: FakeCentral, clock: FakeClock
) -> None:
    kiosk = make_staff_kiosk()
    central.down = True  # from the kiosk's own files
    kiosk.core.checkin.check_in(KARI, CheckinMethod.QR)
    clock.advance(minutes=7)
    kiosk.core.checkin.check_in(BJORN, CheckinMethod.NAME)
    kiosk.sign_in()
    kiosk.click(kiosk.staff.evacuation_button)
    kiosk.wait_for_screen(kiosk.evacuation)
    screen = kiosk.evacuation
    assert [row.text() for row in screen.rows] == [
        "☐ Bjørn Åsheim · Skatteetaten · Ingen pult · inn 09:07",
        "☐ Kari Nordmann · NAV · Ingen pult · inn 09:00",
    ]
    assert screen.summary.text() == "2 personer i bygget nå (per kl. 09:07)"
    kiosk.click(screen.rows[1])
    assert screen.rows[1].text() == (
        "✓ Kari Nordmann · NAV · Ingen pult · inn 09:00 – gjort rede for"
    )
    assert screen.rows[1].isChecked()
    assert screen.counted.text() == "Gjort rede for: 1 av 2"
    assert all(row.height() >= 44 for row in screen.rows)

    kiosk.click(screen.print_button)
    assert screen.note.text() == "ⓘ Listen er sendt til skriveren."
    text = subprocess.run(
        ["pdftotext", "-layout", str(kiosk.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Evakueringsliste" in text
    assert "2 personer i bygget, 1 gjort rede for" in text
    assert "✓ Kari Nordmann · NAV · Ingen pult · inn 09:00 – gjort rede for" in text
    assert "☐ Bjørn Åsheim · Skatteetaten · Ingen pult · inn 09:07" in text

    # Nobody touches the kiosk: the warning, then the start screen; the list is gone.
    kiosk.window.idle.timer.timeout.emit()
    kiosk.window.idle.timer.timeout.emit()
    kiosk.wait_for_screen(kiosk.window.start)
    assert screen.rows == [] and screen.ticked == frozenset()
    assert not any("Kari" in t or "Bjørn" in t for t in kiosk.all_texts())
    # Signing in again shows a fresh list, without the old ticks.
    kiosk.sign_in()
    kiosk.click(kiosk.staff.evacuation_button)
    assert screen.counted.text() == "Gjort rede for: 0 av 2"


def test_closing_the_list_forgets_its_ticks(
    make_staff_kiosk: Callable[..., StaffKiosk],
) -> None:
    kiosk = make_staff_kiosk()
    kiosk.core.checkin.check_in(KARI, CheckinMethod.QR)
    kiosk.sign_in()
    kiosk.click(kiosk.staff.evacuation_button)
    kiosk.click(kiosk.evacuation.rows[0])
    kiosk.click(kiosk.evacuation.close_button)
    kiosk.wait_for_screen(kiosk.staff)
    assert kiosk.evacuation.ticked == frozenset() and kiosk.evacuation.rows == []


def test_the_default_language_is_switched_and_kept(
    make_staff_kiosk: Callable[..., StaffKiosk], tmp_path: Path
) -> None:
    kiosk = make_staff_kiosk()
    kiosk.sign_in()
    assert kiosk.staff.language_buttons["nb"].text() == "✓ Bokmål"
    kiosk.click(kiosk.staff.language_buttons["en"])
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    assert (tmp_path / "settings.json").stat().st_mode & 0o077 == 0
    kiosk.click(kiosk.staff.back_button)
    kiosk.wait_for_screen(kiosk.window.start)
    assert kiosk.window.start.qr_button.text() == "Check in with QR code"
    # A visitor's choice lasts one visit; the new default comes back after it.
    kiosk.click(kiosk.window.start.language_buttons["nn"])
    kiosk.window.go_start()
    assert kiosk.window.start.qr_button.text() == "Check in with QR code"


@pytest.mark.parametrize(
    ("button", "code"), [("restart_button", RESTART_EXIT_CODE), ("exit_button", 0)]
)
def test_staff_end_or_restart_the_kiosk(
    make_staff_kiosk: Callable[..., StaffKiosk], button: str, code: int
) -> None:
    kiosk = make_staff_kiosk()
    kiosk.sign_in()
    kiosk.click(getattr(kiosk.staff, button))
    assert kiosk.quits == [code]


def test_no_key_and_no_close_request_ends_a_locked_kiosk(
    make_staff_kiosk: Callable[..., StaffKiosk],
) -> None:
    kiosk = make_staff_kiosk()
    window = kiosk.window
    window.lock_down()
    for key, modifier in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        kiosk.qtbot.keyClick(window, key, modifier)
    assert not window.close()  # what a window manager's close request does
    QCoreApplication.processEvents()
    assert window.isVisible()
    assert window.current_screen is window.start
    window.allow_close()
    assert window.close()


def test_a_bug_is_logged_to_the_data_folder_without_its_message_and_a_repeat_restarts(
    make_staff_kiosk: Callable[..., StaffKiosk],
    expect_log: LogExpectations,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    expect_log("ui.visitor_guard", logging.ERROR, "unexpected error in a user action: KeyError")
    expect_log("ui.crash_log", logging.CRITICAL, "the same error 3 times")
    kiosk = make_staff_kiosk()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    _install_crash_handler(kiosk.window)
    quits: list[int] = []
    stop = unattended.start(kiosk.window, kiosk.core.settings, quit=quits.append)
    try:

        name = "Kari " + "Nordmann"

        def bug() -> None:
            try:
                {}[name]  # a bug whose message holds a name
            except KeyError as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)

        kiosk.click(kiosk.button("Sjekk inn med navn"))
        bug()
        kiosk.wait_for_message()
        kiosk.wait_for_screen(kiosk.window.start)
        assert quits == []
        bug()
        assert quits == []
        bug()
        assert quits == [RESTART_EXIT_CODE]
    finally:
        stop()
    logged = (log_folder(kiosk.core.settings.data_dir) / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "in bug" in logged and "KeyError (message withheld)" in logged
    assert "Kari" not in logged
    assert not any("Traceback" in t or "KeyError" in t for t in kiosk.all_texts())


def test_the_watchdog_restarts_a_kiosk_whose_gui_thread_hangs(
    qapp: QApplication, expect_log: LogExpectations
) -> None:
    expect_log("ui.watchdog", logging.WARNING, "has not answered")
    expect_log("ui.watchdog", logging.CRITICAL, "restarting")
    hung = threading.Event()
    watchdog = GuiWatchdog(beat_s=0.05, warn_s=0.2, limit_s=0.5, on_hang=hung.set)
    watchdog.start()
    try:
        QCoreApplication.processEvents()
        assert not hung.is_set()
        # The GUI thread stops answering (a blocking call where none belongs).
        assert hung.wait(timeout=30)
    finally:
        watchdog.stop()


@pytest.mark.integration  # starts a process
def test_a_hung_gui_thread_ends_the_process_with_the_restart_code(tmp_path: Path) -> None:
    script = (
        "import os, time\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer\n"
        "from ui.watchdog import GuiWatchdog\n"
        "app = QApplication([])\n"
        "dog = GuiWatchdog(beat_s=0.05, warn_s=0.2, limit_s=0.5)\n"
        "dog.start()\n"
        "QTimer.singleShot(100, lambda: time.sleep(60))\n"
        "app.exec()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == RESTART_EXIT_CODE, done.stderr
    assert "has not answered" in done.stderr


def test_the_staff_screens_return_to_start_when_left_alone_and_esc_goes_back(
    make_staff_kiosk: Callable[..., StaffKiosk],
) -> None:
    kiosk = make_staff_kiosk()
    kiosk.long_press()
    kiosk.wait_for_screen(kiosk.pin)
    kiosk.click(kiosk.pin.digit_buttons["2"])
    kiosk.qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    kiosk.wait_for_screen(kiosk.window.start)
    assert kiosk.pin.digits == ""  # the digits typed are forgotten
    kiosk.sign_in()
    assert kiosk.window.idle.armed
    kiosk.window.idle.timer.timeout.emit()  # the warning
    kiosk.window.idle.timer.timeout.emit()  # nobody answered it
    kiosk.wait_for_screen(kiosk.window.start)
    kiosk.sign_in()  # the PIN again: leaving the staff screen signs staff out
