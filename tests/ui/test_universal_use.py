"""Use without sight, without a touch screen, and at one's own pace (issue 9).

Speech is checked through the same ``Speaker`` interface the real engine uses (the kiosk is
built with a ``RecordingSpeaker``); one test speaks to a WAV file with espeak-ng and checks it
is not silence. Keyboard tests drive the focused widget only (Tab, arrows, Enter, Esc). Time
is made to pass by firing the idle watcher's timer, never by sleeping.
"""

from __future__ import annotations

import itertools
import shutil
import struct
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.desks import DeskState
from kiosk.protocol import CheckinMethod
from tests.conftest import KARI
from tests.ui.conftest import Kiosk
from tests.ui.test_floor_map import demo_core, open_map  # noqa: F401 (a fixture)
from ui.messages import MessageKind
from ui.screens.name_action import NameActionScreen
from ui.screens.pin_pad import PinPadScreen
from ui.screens.result import SPEECH_TIME_FACTOR
from ui.sound import FAILURE_SOUND, SUCCESS_SOUND
from ui.speech import EspeakSpeaker, RecordingSpeaker

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/a11y")


@pytest.fixture
def map_kiosk(make_kiosk: Callable[..., Kiosk], request: pytest.FixtureRequest) -> Kiosk:
    """A kiosk on the real central store's demo floors (see ``test_floor_map``)."""
    return make_kiosk(request.getfixturevalue("demo_core"))


def focused(kiosk: Kiosk) -> QWidget:
    """The widget keys go to (the window's focus, whether or not it is the active window)."""
    widget = kiosk.window.focusWidget()
    assert widget is not None
    return widget


def press(kiosk: Kiosk, key: Qt.Key | str, times: int = 1) -> None:
    """A key on whatever has the focus, as a keyboard would send it."""
    for _ in range(times):
        kiosk.qtbot.keyClick(focused(kiosk), key)


def tab_to(kiosk: Kiosk, target: QWidget, limit: int = 40) -> int:
    """Press Tab until ``target`` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        press(kiosk, Qt.Key.Key_Tab)
        if focused(kiosk) is target:
            return presses
    raise AssertionError(f"Tab never reached {target!r}; stuck at {focused(kiosk)!r}")


def speech_on(kiosk: Kiosk) -> RecordingSpeaker:
    kiosk.click(kiosk.window.access_bar.speech_button)
    assert kiosk.window.narration.enabled
    return kiosk.speaker


# Speech ---------------------------------------------------------------------------------------
def test_speech_reads_each_step_of_a_name_check_in(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk = make_kiosk(confirmation_s=30)
    speaker = kiosk.speaker
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    assert speaker.texts == [], "silent until the visitor turns speech on"

    speech_on(kiosk)
    assert kiosk.window.access_bar.speech_button.text() == "Opplesing er på"
    said = speaker.texts[-1]
    assert said.startswith("Sjekk inn med QR-kode.") and "Hold QR-koden" in said  # scan help
    kiosk.click(kiosk.button("‹ Tilbake"))
    kiosk.wait_for_screen(kiosk.window.start)
    assert not kiosk.window.narration.enabled, "the next visitor starts without speech"

    speech_on(kiosk)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    # The screen, then the field that has the focus.
    assert speaker.texts[-2].startswith("Sjekk inn med navn – skriv navnet ditt")
    assert speaker.texts[-1] == "Navn, skrivefelt"
    kiosk.qtbot.keyClicks(kiosk.name_search.field, "kari")
    assert speaker.texts[-1] == "Trykk på navnet ditt. Kari N., NAV."
    kiosk.click(kiosk.person_row("Kari N. · NAV"))
    assert speaker.texts[-1] == (
        "Hva vil du gjøre? Kari N., NAV Velg Sjekk inn, Sjekk ut eller Avbryt."
    )
    kiosk.click(kiosk.button("Sjekk inn"))
    kiosk.wait_for_message()
    assert speaker.texts[-1] == "Takk, Kari! Du står som sjekket inn. Registrert kl. 09:00."
    assert {language for language, _ in speaker.spoken} == {"nb"}


def test_the_focused_control_is_spoken(kiosk: Kiosk) -> None:
    speaker = speech_on(kiosk)
    tab_to(kiosk, kiosk.window.start.name_button)
    assert speaker.texts[-1] == "Sjekk inn med navn, knapp"
    tab_to(kiosk, kiosk.window.access_bar.speech_button)
    assert speaker.texts[-1] == "Opplesing, knapp, valgt"


def test_speech_follows_the_ui_language() -> None:
    languages = iter(["nb", "nn", "en"])
    espeak = EspeakSpeaker(language=lambda: next(languages))
    assert [espeak.command("Hei")[:3] for _ in range(3)] == [
        ["espeak-ng", "-v", "nb"],
        ["espeak-ng", "-v", "nb"],  # no nynorsk voice: bokmål reads nynorsk
        ["espeak-ng", "-v", "en-gb"],
    ]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_speaks_a_sentence_that_is_not_silence(tmp_path: Path) -> None:
    wav_path = EspeakSpeaker(language=lambda: "nb").to_wav(
        "Velkommen, Kari! Du er sjekket inn.", tmp_path / "velkommen.wav"
    )
    with wave.open(str(wav_path), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    assert seconds > 1.0
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert loud > len(samples) // 20, "speech, not silence"


# Keyboard -------------------------------------------------------------------------------------
def give_pin(kiosk: Kiosk, person_id: str, pin: str) -> None:
    """The person's PIN hash, as the feed would bring it."""
    from kiosk.models import Person
    from kiosk.pin import hash_pin

    with kiosk.core.store.session() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.pin_hash = hash_pin(pin)


def test_keyboard_only_name_check_in_and_out(kiosk: Kiosk) -> None:
    start = kiosk.window.start
    tab_to(kiosk, start.name_button)
    press(kiosk, Qt.Key.Key_Return)
    kiosk.wait_for_screen(kiosk.name_search)
    assert focused(kiosk) is kiosk.name_search.field
    for char in "kari":  # slow human typing reaches the field (no scanner on this screen)
        kiosk.monotonic.skip(1)
        press(kiosk, char)
    assert kiosk.name_search.field.text() == "kari"
    press(kiosk, Qt.Key.Key_Tab)
    assert focused(kiosk) is kiosk.person_row("Kari N. · NAV")
    press(kiosk, Qt.Key.Key_Return)
    [choice] = kiosk.window.findChildren(NameActionScreen)
    kiosk.wait_for_screen(choice)
    tab_to(kiosk, choice.in_button)
    press(kiosk, Qt.Key.Key_Return)
    assert kiosk.wait_for_message().title == "Takk, Kari!"
    assert kiosk.core.checkin.is_present(KARI)
    press(kiosk, Qt.Key.Key_Escape)  # the result closes with Esc too
    kiosk.wait_for_screen(start)

    # Check-out, the same way, and the PIN typed; Enter in the search field goes to the
    # results, Enter on the PIN pad is "OK".
    give_pin(kiosk, KARI, "4711")
    tab_to(kiosk, start.name_button)
    press(kiosk, Qt.Key.Key_Return)
    kiosk.qtbot.keyClicks(focused(kiosk), "nordmann")
    press(kiosk, Qt.Key.Key_Return)
    assert focused(kiosk) is kiosk.person_row("Kari N. · NAV")
    press(kiosk, Qt.Key.Key_Return)
    kiosk.wait_for_screen(choice)
    tab_to(kiosk, choice.out_button)
    press(kiosk, Qt.Key.Key_Return)
    [pad] = kiosk.window.findChildren(PinPadScreen)
    kiosk.wait_for_screen(pad)
    assert focused(kiosk) is pad.field
    kiosk.qtbot.keyClicks(focused(kiosk), "4711")
    press(kiosk, Qt.Key.Key_Return)
    message = kiosk.wait_for_message(2)
    assert (message.kind, message.title) == (MessageKind.GOODBYE, "Takk, Kari!")
    assert not kiosk.core.checkin.is_present(KARI)


def test_the_scanner_still_works_while_a_button_has_the_keyboard_focus(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    tab_to(kiosk, kiosk.window.start.name_button)
    kiosk.qtbot.keyClicks(focused(kiosk), make_pass(KARI))  # the burst, at the focused button
    press(kiosk, Qt.Key.Key_Return)
    assert kiosk.wait_for_message().title == "Velkommen, Kari!"
    assert kiosk.name_search.field.text() == "", "the burst was a scan, not a name"


def test_esc_goes_back_on_every_screen(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    start = kiosk.window.start
    kiosk.click(kiosk.button("Sjekk inn med QR-kode"))
    press(kiosk, Qt.Key.Key_Escape)
    kiosk.wait_for_screen(start)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    kiosk.qtbot.keyClicks(focused(kiosk), "ka")
    press(kiosk, Qt.Key.Key_Escape)  # from inside the search field
    kiosk.wait_for_screen(start)
    assert kiosk.name_search.field.text() == ""
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    press(kiosk, Qt.Key.Key_Escape)
    kiosk.wait_for_screen(start)
    kiosk.monotonic.skip(5)
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_screen(kiosk.confirm)
    press(kiosk, Qt.Key.Key_Escape)  # "Avbryt": nothing recorded
    kiosk.wait_for_screen(start)
    assert kiosk.core.checkin.is_present(KARI)


def test_keyboard_only_desk_claim_on_the_map(map_kiosk: Kiosk) -> None:
    kiosk = map_kiosk
    start = kiosk.window.start
    tab_to(kiosk, start.desk_button)
    press(kiosk, Qt.Key.Key_Return)
    kiosk.wait_for_screen(kiosk.floor_map)
    floor_map = kiosk.floor_map
    view = floor_map.view
    floors = list(floor_map.floor_buttons.values())
    # Floors and zoom come before the map in the tab order. Tab reaches the floor shown; the
    # arrows move between floors (like radio buttons), Enter shows one.
    tab_to(kiosk, floors[0])
    press(kiosk, Qt.Key.Key_Right)
    assert focused(kiosk) is floors[1]
    press(kiosk, Qt.Key.Key_Return)
    assert floor_map.current_floor == floor_map.floors[1].id
    press(kiosk, Qt.Key.Key_Left)
    press(kiosk, Qt.Key.Key_Return)
    assert floor_map.current_floor == floor_map.floors[0].id
    tab_to(kiosk, floor_map.zoom_in_button)
    before = view.zoom  # 1.0, or more where the whole floor would make desks under 44 px
    press(kiosk, Qt.Key.Key_Return)
    assert view.zoom == pytest.approx(before * 1.4)
    tab_to(kiosk, floor_map.fit_button)
    press(kiosk, Qt.Key.Key_Return)
    tab_to(kiosk, view)
    first = view.cursor_desk
    assert first is not None
    scene = view.floor_scene()
    assert scene is not None
    # Arrows move in space: Right goes to a desk to the right, Down to one below.
    here = scene.desk_items[first].sceneBoundingRect().center()
    press(kiosk, Qt.Key.Key_Right)
    right = scene.desk_items[view.cursor_desk or ""].sceneBoundingRect().center()
    assert view.cursor_desk != first and right.x() > here.x()
    press(kiosk, Qt.Key.Key_Down)
    below = scene.desk_items[view.cursor_desk or ""].sceneBoundingRect().center()
    assert below.y() > right.y()
    # Walk to a free desk with the arrow keys only.
    statuses = kiosk.core.desks.statuses(floor_map.current_floor or "")
    for _ in range(60):
        if statuses[view.cursor_desk or ""].state is DeskState.FREE:
            break
        was = view.cursor_desk
        press(kiosk, Qt.Key.Key_Right)
        if view.cursor_desk == was:
            press(kiosk, Qt.Key.Key_Down)
        assert view.cursor_desk != was, "the arrows found no way on"
    target = view.cursor_desk
    assert target is not None and statuses[target].state is DeskState.FREE
    SHOTS.mkdir(exist_ok=True)
    kiosk.window.grab().save(str(SHOTS / "focused-map.png"))
    press(kiosk, Qt.Key.Key_Return)
    assert floor_map.details.desk is not None and floor_map.details.desk.id == target
    assert focused(kiosk) is floor_map.details.claim_button
    press(kiosk, Qt.Key.Key_Return)
    kiosk.wait_for_screen(kiosk.desk_identify)
    tab_to(kiosk, kiosk.desk_identify.name_button)
    press(kiosk, Qt.Key.Key_Return)
    kiosk.wait_for_screen(kiosk.name_search)
    kiosk.qtbot.keyClicks(focused(kiosk), "turid")
    press(kiosk, Qt.Key.Key_Return)
    press(kiosk, Qt.Key.Key_Return)
    [pad] = kiosk.window.findChildren(PinPadScreen)
    kiosk.wait_for_screen(pad)
    kiosk.qtbot.keyClicks(focused(kiosk), "4711")  # Turid's PIN (tests/ui/test_floor_map.py)
    press(kiosk, Qt.Key.Key_Return)
    message = kiosk.wait_for_message()
    assert message.desk_id == target and " er din" in message.title
    assert kiosk.core.desks.statuses()[target].state is DeskState.OCCUPIED


def test_esc_on_the_map_closes_the_details_then_goes_back(map_kiosk: Kiosk) -> None:
    open_map(map_kiosk)
    floor_map = map_kiosk.floor_map
    speaker = speech_on(map_kiosk)
    tab_to(map_kiosk, floor_map.view)
    first = floor_map.view.cursor_item()
    assert first is not None and first.desk.label == "A-01"  # reading order starts top left
    assert speaker.texts[-1] == (
        "Kart over 1. etasje. Piltastene flytter mellom pultene, Enter velger pulten. "
        f"{first.accessible_text()}."  # "A-01, Ledig" (the state follows the time of day)
    )
    press(map_kiosk, Qt.Key.Key_Right)
    second = floor_map.view.cursor_item()
    assert second is not None and second.desk.label == "A-02"
    assert speaker.texts[-1] == second.accessible_text()
    press(map_kiosk, Qt.Key.Key_Left)
    press(map_kiosk, Qt.Key.Key_Return)
    assert floor_map.details.isVisible()
    press(map_kiosk, Qt.Key.Key_Escape)
    assert not floor_map.details.isVisible() and focused(map_kiosk) is floor_map.view
    press(map_kiosk, Qt.Key.Key_Escape)
    map_kiosk.wait_for_screen(map_kiosk.window.start)


def test_every_focused_control_is_drawn_differently(kiosk: Kiosk) -> None:
    """The focus shows: a focused button looks unlike the same button without focus, also a
    speech button that is on (a checked button keeps its own colours otherwise)."""
    for button in (kiosk.window.start.name_button, kiosk.window.access_bar.speech_button):
        if button.isCheckable():
            kiosk.click(button)
            kiosk.window.start.setFocus()
        before = button.grab().toImage()
        tab_to(kiosk, button)
        after = button.grab().toImage()
        assert before != after, button.text()


# Time -----------------------------------------------------------------------------------------
def run_out(kiosk: Kiosk) -> None:
    """The time until the next step of the idle watcher passes."""
    kiosk.window.idle.timer.timeout.emit()


def test_a_warning_with_more_time_comes_before_the_reset(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(idle_timeout_s=60)
    idle, warning = kiosk.window.idle, kiosk.window.idle_warning
    assert idle.warning_s == 20
    speaker = speech_on(kiosk)
    kiosk.click(kiosk.button("Sjekk inn med navn"))
    assert idle.armed and 39 < idle.timer.interval() / 1000 <= 40  # 60 s, warned at 40 s
    for _ in range(3):  # as often as needed
        run_out(kiosk)
        assert warning.isVisible() and idle.warning
        assert warning.countdown.text() == "Kiosken går tilbake til start om 20\u00a0sekunder."
        assert speaker.texts[-1].startswith("Er du der fortsatt?")
        assert warning.more_button.height() >= 64 and warning.more_button.width() >= 64
        assert kiosk.window.current_screen is kiosk.name_search
        kiosk.click(warning.more_button)
        assert not warning.isVisible() and not idle.warning
        assert idle.timer.interval() == 40_000
    run_out(kiosk)
    SHOTS.mkdir(exist_ok=True)
    kiosk.window.grab().save(str(SHOTS / "idle-warning.png"))
    press(kiosk, Qt.Key.Key_Escape)  # Esc is "Mer tid" too
    assert not warning.isVisible()
    run_out(kiosk)
    run_out(kiosk)
    kiosk.wait_for_screen(kiosk.window.start)
    assert not warning.isVisible()


def test_an_unanswered_check_out_question_is_told_not_dropped(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    kiosk = make_kiosk(idle_timeout_s=60)
    kiosk.core.checkin.check_in(KARI, CheckinMethod.NAME)
    speaker = speech_on(kiosk)
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_screen(kiosk.confirm)
    assert kiosk.confirm.question.text() == "Sjekke ut Kari Nordmann?"
    run_out(kiosk)
    run_out(kiosk)
    told = kiosk.wait_for_message()
    assert (told.title, told.reason) == ("Du er ikke sjekket ut", "unanswered")
    assert speaker.texts[-1].startswith("Du er ikke sjekket ut")
    assert kiosk.core.checkin.is_present(KARI), "nothing was recorded"
    assert kiosk.cues.failure.played == 1  # type: ignore[attr-defined]


def test_results_stay_6_s_and_10_s_with_speech(
    make_kiosk: Callable[..., Kiosk], make_pass: Callable[..., str]
) -> None:
    from kiosk.settings import KioskSettings

    assert KioskSettings().confirmation_s == 6 and KioskSettings().idle_timeout_s == 60
    kiosk = make_kiosk(confirmation_s=6)
    result = kiosk.result
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    assert result._timer.interval() == 6000
    kiosk.click(result.ok_button)
    kiosk.wait_for_screen(kiosk.window.start)
    speech_on(kiosk)
    kiosk.monotonic.skip(5)
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_screen(kiosk.confirm)
    kiosk.click(kiosk.button("Ja, sjekk ut"))
    kiosk.wait_for_message(2)
    assert result.shown_for_s == pytest.approx(6 * SPEECH_TIME_FACTOR) == pytest.approx(10)
    assert result._timer.interval() == 10_000


# Sound ----------------------------------------------------------------------------------------
def test_success_and_failure_have_their_own_sounds(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    success, failure = kiosk.cues.success, kiosk.cues.failure
    kiosk.scan(make_pass(KARI))
    kiosk.wait_for_message()
    assert (success.played, failure.played) == (1, 0)  # type: ignore[attr-defined]
    kiosk.click(kiosk.result.ok_button)
    kiosk.scan("THIS-IS-NOT-A-REGIONLAB-PASS")
    kiosk.wait_for_message(2)
    assert (success.played, failure.played) == (1, 1)  # type: ignore[attr-defined]


def _samples(path: Path) -> tuple[int, list[int]]:
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    return rate, list(struct.unpack(f"<{len(frames) // 2}h", frames))


def _crossings(samples: list[int]) -> int:
    return sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)


def test_the_two_cues_are_short_audible_and_unlike_each_other() -> None:
    rate_s, success = _samples(SUCCESS_SOUND)
    rate_f, failure = _samples(FAILURE_SOUND)
    for rate, samples in ((rate_s, success), (rate_f, failure)):
        assert 0.2 < len(samples) / rate < 1.0
        assert max(abs(s) for s in samples) > 8000
    # Pitch: the success cue is far higher (more zero crossings per second) than the failure.
    assert _crossings(success) / len(success) > 2 * _crossings(failure) / len(failure)
