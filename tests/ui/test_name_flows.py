"""Name search, "Sjekk inn / Sjekk ut" after a name pick, the PIN pad and "Sjekk ut" on the start
screen, driven as a visitor drives them: the on-screen keys, the PIN keys, a scanned pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.pin import hash_pin
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, OLE, PEOPLE
from tests.fakes import FakeCentral
from tests.ui.conftest import Kiosk
from ui import theme
from ui.messages import MessageKind
from ui.screens.name_action import NameActionScreen
from ui.screens.pin_pad import PinPadScreen

KARI_PIN, BJORN_PIN = "4711", "204060"
KARI_SHOWN, BJORN_SHOWN = "Kari N. · NAV", "Bjørn Å. · Skatteetaten"


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {KARI: hash_pin(KARI_PIN), BJORN: hash_pin(BJORN_PIN)}


@pytest.fixture
def central(signing_key: Any, hashes: dict[str, str]) -> FakeCentral:
    """The demo people; Kari and Bjørn have PINs, Ole has none."""
    people = [dict(p) for p in PEOPLE]
    for person in people:
        if person["id"] in hashes:
            person["pin_hash"] = hashes[person["id"]]
    return FakeCentral(keys=[signing_key], people=people)


def screen(kiosk: Kiosk, kind: type[Any]) -> Any:
    [found] = kiosk.window.findChildren(kind)
    return found


def pick(kiosk: Kiosk, typed: str, shown: str) -> None:
    """Start → "Sjekk inn med navn" → type on the on-screen keys → tap the result."""
    kiosk.click(kiosk.window.start.name_button)
    kiosk.wait_for_screen(kiosk.name_search)
    kiosk.tap_keys(typed)
    kiosk.click(kiosk.person_row(shown))
    kiosk.wait_for_screen(screen(kiosk, NameActionScreen))


def tap_pin(kiosk: Kiosk, pin: str) -> None:
    pad = screen(kiosk, PinPadScreen)
    kiosk.wait_for_screen(pad)
    for digit in pin:
        kiosk.click(pad.digit_buttons[digit])
    kiosk.click(pad.ok_button)


def test_results_are_masked_and_a_pick_offers_both_choices(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.window.start.name_button)
    kiosk.tap_keys("K")
    assert kiosk.name_search.results == [], "no results before two letters"
    kiosk.tap_keys("AR")
    row = kiosk.person_row(KARI_SHOWN)
    assert row.accessibleName() == "Kari N., NAV"
    assert not any("Nordmann" in text for text in kiosk.all_texts())
    kiosk.click(row)
    action = screen(kiosk, NameActionScreen)
    kiosk.wait_for_screen(action)
    assert {"Sjekk inn", "Sjekk ut", "Avbryt"} <= set(kiosk.visible_texts())
    assert KARI_SHOWN in kiosk.visible_texts()
    assert not any("Nordmann" in text for text in kiosk.all_texts())

    kiosk.click(kiosk.button("Sjekk inn"))  # the site lets a name check in without a PIN
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.WELCOME, "Takk, Kari!")
    assert message.detail == "Du står som sjekket inn. Registrert kl. 09:00."
    assert kiosk.core.checkin.is_present(KARI)
    kiosk.wait_for_screen(kiosk.window.start)
    assert kiosk.name_search.field.text() == "", "the next visitor starts afresh"


def _what_a_pick_shows(kiosk: Kiosk, typed: str, shown: str) -> list[str]:
    pick(kiosk, typed, shown)
    texts = [t.replace(shown, "‹person›") for t in kiosk.visible_texts()]
    kiosk.click(kiosk.button("Avbryt"))
    kiosk.wait_for_screen(kiosk.window.start)
    return sorted(texts)


def test_choosing_a_name_shows_the_same_whether_the_person_is_in_or_not(kiosk: Kiosk) -> None:
    kiosk.core.checkin.check_in(BJORN, CheckinMethod.QR)  # Bjørn is in, Kari is not
    assert kiosk.core.checkin.is_present(BJORN) and not kiosk.core.checkin.is_present(KARI)
    out_texts = _what_a_pick_shows(kiosk, "KAR", KARI_SHOWN)
    in_texts = _what_a_pick_shows(kiosk, "BJØ", BJORN_SHOWN)
    assert in_texts == out_texts
    assert not any(word in " ".join(in_texts) for word in ("Sjekke ut", "Sjekke inn som"))
    assert kiosk.pending_events() == 1  # looking recorded nothing


def test_check_out_by_name_needs_the_pin_and_wrong_pins_are_cleared(kiosk: Kiosk) -> None:
    kiosk.core.checkin.check_in(BJORN, CheckinMethod.QR)
    pick(kiosk, "BJØ", BJORN_SHOWN)
    kiosk.click(kiosk.button("Sjekk ut"))
    pad = screen(kiosk, PinPadScreen)
    kiosk.wait_for_screen(pad)
    assert pad.field.echoMode() is QLineEdit.EchoMode.Password  # dots, not digits
    assert BJORN_SHOWN in kiosk.visible_texts()
    for button in [*pad.digit_buttons.values(), pad.delete_button, pad.ok_button]:
        assert button.width() >= 44 and button.height() >= theme.KEY_SIZE
    for digit in "12":
        kiosk.click(pad.digit_buttons[digit])
    kiosk.click(pad.ok_button)  # fewer than four digits: said so, nothing checked
    assert pad.problem.text() == "PIN-koden har 4 til 6 sifre." and pad.field.text() == ""

    tap_pin(kiosk, "1234")
    assert pad.problem.text() == "Feil PIN-kode. Prøv igjen."
    assert pad.field.text() == ""
    assert kiosk.core.checkin.is_present(BJORN) and kiosk.messages == []

    tap_pin(kiosk, BJORN_PIN)
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.GOODBYE, "Takk, Bjørn!")
    assert message.detail == "Du står som sjekket ut. Registrert kl. 09:00."
    assert not kiosk.core.checkin.is_present(BJORN)


def test_the_answer_reads_the_same_whether_the_person_was_in_or_not(kiosk: Kiosk) -> None:
    kiosk.core.checkin.check_in(BJORN, CheckinMethod.QR)  # Bjørn in, Kari out
    answers = []
    for typed, shown, pin, choice in (
        ("KAR", KARI_SHOWN, KARI_PIN, "Sjekk ut"),  # out, though not in
        ("BJØ", BJORN_SHOWN, BJORN_PIN, "Sjekk ut"),  # out, and was in
        ("KAR", KARI_SHOWN, None, "Sjekk inn"),  # in, and was out
        ("KAR", KARI_SHOWN, None, "Sjekk inn"),  # in, though already in
    ):
        pick(kiosk, typed, shown)
        kiosk.click(kiosk.button(choice))
        if pin is not None:
            tap_pin(kiosk, pin)
        message = kiosk.wait_for_message(len(answers) + 1)
        answers.append((message.kind, message.detail, message.reason))
        kiosk.click(kiosk.result.ok_button)
        kiosk.wait_for_screen(kiosk.window.start)
    assert answers[0] == answers[1]
    assert answers[2] == answers[3]
    assert kiosk.core.checkin.is_present(KARI) and not kiosk.core.checkin.is_present(BJORN)


def test_five_wrong_pins_lock_name_actions_for_five_minutes(kiosk: Kiosk, clock: Any) -> None:
    pick(kiosk, "KAR", KARI_SHOWN)
    kiosk.click(kiosk.button("Sjekk ut"))
    for _ in range(4):
        tap_pin(kiosk, "0000")
    assert kiosk.messages == []
    tap_pin(kiosk, "0000")
    message = kiosk.wait_for_message()
    assert message.title == "Sperret i fem minutter"
    assert "Bruk passet ditt, eller spør betjeningen" in message.detail
    kiosk.click(kiosk.result.ok_button)
    kiosk.wait_for_screen(kiosk.window.start)
    # Locked: the right PIN is not even asked for, and a check-in by name waits too.
    pick(kiosk, "KAR", KARI_SHOWN)
    kiosk.click(kiosk.button("Sjekk ut"))
    assert kiosk.wait_for_message(2).title == "Sperret i fem minutter"
    kiosk.click(kiosk.result.ok_button)
    pick(kiosk, "KAR", KARI_SHOWN)
    kiosk.click(kiosk.button("Sjekk inn"))
    assert kiosk.wait_for_message(3).title == "Sperret i fem minutter"
    assert not kiosk.core.checkin.is_present(KARI)
    kiosk.click(kiosk.result.ok_button)
    clock.advance(minutes=5)
    pick(kiosk, "KAR", KARI_SHOWN)
    kiosk.click(kiosk.button("Sjekk ut"))
    tap_pin(kiosk, KARI_PIN)
    assert kiosk.wait_for_message(4).kind is MessageKind.GOODBYE


def test_a_person_without_a_pin_is_told_to_use_the_pass_or_ask_staff(kiosk: Kiosk) -> None:
    kiosk.core.checkin.check_in(OLE, CheckinMethod.QR)
    pick(kiosk, "OLE", "Ole H. · Lyngdal kommune")
    kiosk.click(kiosk.button("Sjekk ut"))
    message = kiosk.wait_for_message()
    assert message.title == "Du har ingen PIN-kode ennå"
    assert message.detail == "Bruk passet ditt, eller spør betjeningen om en PIN-kode."
    assert kiosk.core.checkin.is_present(OLE)


def test_a_site_can_ask_the_pin_for_check_in_by_name_too(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = make_kiosk(name_checkin_without_pin=False)
    pick(kiosk, "KAR", KARI_SHOWN)
    kiosk.click(kiosk.button("Sjekk inn"))
    pad = screen(kiosk, PinPadScreen)
    kiosk.wait_for_screen(pad)
    assert pad.heading.text() == "Sjekk inn – skriv PIN-koden din"
    # A physical keyboard works on the pad: digits, then Enter.
    kiosk.qtbot.keyClicks(pad.field, "47a11")  # the letter is refused
    assert pad.field.text() == KARI_PIN
    kiosk.qtbot.keyClick(pad.field, Qt.Key.Key_Return)
    assert kiosk.wait_for_message().title == "Takk, Kari!"
    assert kiosk.core.checkin.is_present(KARI)


def test_sjekk_ut_on_the_start_screen_with_a_pass(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    assert kiosk.window.start.checkout_button.text() == "Sjekk ut"
    kiosk.core.checkin.check_in(KARI, CheckinMethod.QR)
    kiosk.click(kiosk.window.start.checkout_button)
    checkout = kiosk.checkout
    kiosk.wait_for_screen(checkout)
    kiosk.scan(make_pass(KARI))
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.GOODBYE, "Ha det, Kari!")
    assert not kiosk.core.checkin.is_present(KARI)


def test_sjekk_ut_by_name_and_pin_from_the_start_screen(kiosk: Kiosk) -> None:
    kiosk.core.checkin.check_in(KARI, CheckinMethod.QR)
    kiosk.click(kiosk.window.start.checkout_button)
    checkout = kiosk.checkout
    kiosk.wait_for_screen(checkout)
    kiosk.click(checkout.name_button)
    kiosk.wait_for_screen(kiosk.name_search)
    assert kiosk.name_search.heading.text() == "Sjekk ut – skriv navnet ditt"
    kiosk.tap_keys("NORDM")
    kiosk.click(kiosk.person_row(KARI_SHOWN))
    pad = screen(kiosk, PinPadScreen)
    kiosk.wait_for_screen(pad)  # no "in or out?": the visitor said "Sjekk ut" already
    assert pad.heading.text() == "Sjekk ut – skriv PIN-koden din"
    kiosk.click(pad.cancel_button)  # back goes back to the check-out screen
    kiosk.wait_for_screen(checkout)
    kiosk.click(checkout.name_button)
    kiosk.tap_keys("KARI N")
    kiosk.click(kiosk.person_row(KARI_SHOWN))
    tap_pin(kiosk, KARI_PIN)
    assert kiosk.wait_for_message().kind is MessageKind.GOODBYE
    assert not kiosk.core.checkin.is_present(KARI)


def test_everything_typed_is_gone_when_the_start_screen_returns(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.window.start.checkout_button)
    checkout = kiosk.checkout
    kiosk.click(checkout.name_button)
    kiosk.tap_keys("KARI")
    kiosk.click(kiosk.person_row(KARI_SHOWN))
    pad = screen(kiosk, PinPadScreen)
    kiosk.wait_for_screen(pad)
    for digit in "471":
        kiosk.click(pad.digit_buttons[digit])
    assert pad.field.text() == "471"
    kiosk.window.go_start()  # what the idle timer does, too
    assert kiosk.name_search.field.text() == "" and kiosk.name_search.results == []
    assert pad.field.text() == "" and pad.who.text() == ""
    assert not [text for text in kiosk.all_texts() if "kari" in text.casefold()]
    assert screen(kiosk, NameActionScreen).who.text() == ""


def test_a_desk_taken_by_name_needs_the_pin(kiosk: Kiosk) -> None:
    flow = kiosk.desk_flow
    flow.begin_suggest()
    kiosk.wait_for_screen(kiosk.desk_identify)
    kiosk.click(kiosk.desk_identify.name_button)
    kiosk.tap_keys("OLE")
    kiosk.click(kiosk.person_row("Ole H. · Lyngdal kommune"))
    message = kiosk.wait_for_message()  # Ole has no PIN: no desk in his name
    assert message.title == "Du har ingen PIN-kode ennå"
    assert flow.person is None
