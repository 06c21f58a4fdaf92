"""A walk-in guest at the kiosk, driven by touch: the questions, the privacy notice, the badge
printed to PDF and read back (pdftotext for its text, pdftoppm + zxing-cpp for its QR code),
the host told (or told later, offline), and the badge's QR code checking the guest out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from kiosk.models import OutboxEvent, Person, Visit
from tests.conftest import LogExpectations
from tests.fakes import FakeCentral
from tests.qr_codes import one_qr_text
from tests.ui.conftest import Kiosk
from ui.guest_flow import GuestFlow
from ui.screens.guest_choice import GuestChoiceScreen
from ui.screens.guest_host import GuestHostScreen
from ui.screens.guest_text import GuestTextScreen

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)

NAME = "Åse-Marie O'Neill"


class Finder:
    """The store's returning-guest lookup, as the kiosk's HTTP client answers it."""

    def __init__(
        self, answer: dict[str, Any] | None = None, *, down: bool = False, limited: bool = False
    ) -> None:
        self.answer, self.down, self.limited = answer, down, limited
        self.asked: list[str] = []
        self.timeouts: list[float | None] = []

    def find_guest(self, contact: str, timeout_s: float | None = None) -> dict[str, Any] | None:
        from kiosk.central_client import TransportError

        self.asked.append(contact)
        self.timeouts.append(timeout_s)
        if self.down:
            raise TransportError("cannot reach the central store")
        if self.limited:  # what the client raises when the store answers 429
            raise TransportError("the central store answered 429", 429)
        return self.answer


def flow(kiosk: Kiosk) -> GuestFlow:
    [found] = kiosk.window.findChildren(GuestFlow)
    return found


def text_screen(kiosk: Kiosk, name: str) -> GuestTextScreen:
    [screen] = [s for s in kiosk.window.findChildren(GuestTextScreen) if s.objectName() == name]
    return screen


def choice_screen(kiosk: Kiosk, name: str) -> GuestChoiceScreen:
    [screen] = [s for s in kiosk.window.findChildren(GuestChoiceScreen) if s.objectName() == name]
    return screen


def tap(kiosk: Kiosk, screen: GuestTextScreen, text: str) -> None:
    """Type on the screen's own keys, as a visitor does (the keyboard or the extra row)."""
    for char in text:
        if char in screen.extra_keys:
            kiosk.click(screen.extra_keys[char])
        else:
            kiosk.click(screen.keyboard.key_button(char))


def choose(kiosk: Kiosk, screen: GuestChoiceScreen, label: str) -> None:
    [button] = [b for b in screen.buttons if b.isVisible() and b.text() == label]
    kiosk.click(button)


def stored(kiosk: Kiosk) -> tuple[int, int, int]:
    with kiosk.core.store.session() as session:
        return (
            session.scalar(select(func.count()).select_from(OutboxEvent)) or 0,
            session.scalar(select(func.count()).select_from(Visit)) or 0,
            session.scalar(select(func.count()).select_from(Person).where(Person.kind == "guest"))
            or 0,
        )


def walk_in(kiosk: Kiosk, *, contact: str = "41234567", name: str = NAME) -> None:
    """From the start screen to the welcome: every step by touch."""
    kiosk.click(kiosk.window.start.guest_button)
    contact_screen = text_screen(kiosk, "guestContactScreen")
    kiosk.wait_for_screen(contact_screen)
    if contact:
        tap(kiosk, contact_screen, contact)
        kiosk.click(contact_screen.next_button)
    else:
        kiosk.click(contact_screen.skip_button)
    name_screen = text_screen(kiosk, "guestNameScreen")
    kiosk.wait_for_screen(name_screen)
    tap(kiosk, name_screen, name)
    kiosk.click(name_screen.next_button)
    organisation = text_screen(kiosk, "guestOrganisationScreen")
    kiosk.wait_for_screen(organisation)
    tap(kiosk, organisation, "Statsbygg")
    kiosk.click(organisation.next_button)
    pick_host_and_accept(kiosk)


def pick_host_and_accept(kiosk: Kiosk) -> None:
    [hosts] = kiosk.window.findChildren(GuestHostScreen)
    kiosk.wait_for_screen(hosts)
    for char in "KARI":  # two letters name only a two-letter word: no browsing
        kiosk.click(hosts.keyboard.key_button(char))
    [kari] = [b for b in hosts.result_buttons if b.isVisible()]
    assert kari.text() == "Kari N. · NAV"  # masked: never the full name of a member
    kiosk.click(kari)
    purpose = choice_screen(kiosk, "guestPurposeScreen")
    kiosk.wait_for_screen(purpose)
    choose(kiosk, purpose, "Møte")
    privacy = choice_screen(kiosk, "guestPrivacyScreen")
    kiosk.wait_for_screen(privacy)
    assert "slettes etter 30 dager" in privacy.body.text()
    choose(kiosk, privacy, "Jeg har lest dette – sjekk meg inn")


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdf_qr(path: Path, tmp_path: Path) -> str:
    prefix = tmp_path / "badge"
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(path), str(prefix)], check=True
    )
    image = Image.open(f"{prefix}.png").convert("L")
    return one_qr_text(image)


def test_walk_in_guest_gets_a_badge_whose_qr_checks_them_out(
    make_kiosk: Any, tmp_path: Path, central: FakeCentral
) -> None:
    badge = tmp_path / "badge.pdf"
    kiosk = make_kiosk(badge_pdf=str(badge))
    finder = Finder(None)
    kiosk.core.guests._finder = finder
    walk_in(kiosk, contact="412 34 567")

    message = kiosk.wait_for_message()
    assert message.title == "Velkommen, Åse-Marie!"
    assert "Vi har sagt fra til Kari at du er her." in message.detail
    assert "Ta navneskiltet ditt fra skriveren" in message.detail
    assert finder.asked == ["+4741234567"]
    assert central.answers == ["accepted"]  # told only once the store accepted it
    arrived = flow(kiosk).last_arrival
    assert arrived is not None and kiosk.core.checkin.is_present(arrived.person_id)
    # Everything typed is gone from the screens.
    assert NAME not in kiosk.all_texts() and "Statsbygg" not in kiosk.all_texts()

    text = pdf_text(badge)
    for expected in ("GJEST", NAME, "Statsbygg", "Besøker: Kari N. · NAV"):
        assert expected in text, text
    assert arrived.badge.day.strftime("%d.%m.%Y") in text
    token = pdf_qr(badge, tmp_path)
    assert token == arrived.badge.token

    kiosk.qtbot.waitUntil(lambda: kiosk.window.current_screen is kiosk.window.start)
    kiosk.scan(token)
    goodbye = kiosk.wait_for_message(2)
    assert goodbye.title == "Ha det, Åse-Marie!"
    assert not kiosk.core.checkin.is_present(arrived.person_id)


def test_offline_the_guest_hears_the_host_will_be_told_later(
    make_kiosk: Any, tmp_path: Path, central: FakeCentral
) -> None:
    kiosk = make_kiosk(badge_pdf=str(tmp_path / "badge.pdf"))
    kiosk.core.guests._finder = Finder(down=True)
    central.down = True
    walk_in(kiosk)
    message = kiosk.wait_for_message()
    assert "Vi sier fra til Kari så snart skjermen får kontakt med nettet igjen." in message.detail
    assert "Vi har sagt fra" not in message.detail
    assert kiosk.pending_events() == 1
    central.down = False
    assert kiosk.core.sync.sync_once()
    assert kiosk.pending_events() == 0 and central.answers == ["accepted"]


def test_a_failing_printer_does_not_stop_the_check_in(
    make_kiosk: Any, expect_log: LogExpectations
) -> None:
    expect_log("ui.guest_flow", pattern="badge not printed")
    kiosk = make_kiosk(badge_printer="Etikettskriver-i-kjelleren")
    kiosk.core.guests._finder = Finder(None)
    walk_in(kiosk, contact="")
    message = kiosk.wait_for_message()
    assert message.title == "Velkommen, Åse-Marie!"
    assert "Spør i resepsjonen om et skilt." in message.detail
    assert stored(kiosk) == (1, 1, 1)


def test_a_returning_guest_only_confirms(make_kiosk: Any, tmp_path: Path) -> None:
    kiosk = make_kiosk(badge_pdf=str(tmp_path / "badge.pdf"))
    guest_id = "7a1c2d3e-0000-4000-8000-000000000077"
    kiosk.core.guests._finder = Finder(
        {"person_id": guest_id, "display": "Åse-Marie O. · Statsbygg", "name": NAME,
         "organisation": "Statsbygg"}
    )  # fmt: skip
    kiosk.click(kiosk.window.start.guest_button)
    contact = text_screen(kiosk, "guestContactScreen")
    tap(kiosk, contact, "ase@statsbygg.no")
    assert contact.field.text() == "ase@statsbygg.no"
    kiosk.click(contact.next_button)
    returning = choice_screen(kiosk, "guestReturningScreen")
    kiosk.wait_for_screen(returning)
    assert returning.body.text() == "Åse-Marie O. · Statsbygg"
    choose(kiosk, returning, "Ja, det er meg")
    pick_host_and_accept(kiosk)
    assert kiosk.wait_for_message().title == "Velkommen, Åse-Marie!"
    arrived = flow(kiosk).last_arrival
    assert arrived is not None and arrived.person_id == guest_id


def test_a_kiosk_over_its_lookup_limit_says_try_again_shortly_known_or_not(kiosk: Kiosk) -> None:
    known = {
        "person_id": "7a1c2d3e-0000-4000-8000-000000000077",
        "display": "Åse-Marie O. · Statsbygg",
        "name": NAME,
        "organisation": "Statsbygg",
    }
    seen = []
    for answer in (known, None):
        kiosk.core.guests._finder = Finder(answer, limited=True)
        kiosk.click(kiosk.window.start.language_buttons["en"])
        kiosk.click(kiosk.window.start.guest_button)
        contact = text_screen(kiosk, "guestContactScreen")
        kiosk.wait_for_screen(contact)
        tap(kiosk, contact, "41234567")
        kiosk.click(contact.next_button)
        assert kiosk.window.current_screen is contact  # nothing found, nothing said of anyone
        seen.append(contact.problem.text())
        kiosk.click(contact.skip_button)  # the guest can carry on without the lookup
        kiosk.wait_for_screen(text_screen(kiosk, "guestNameScreen"))
        kiosk.window.go_start()
    assert (
        seen
        == ["⚠ This kiosk has looked up many people in a short time. Try again shortly, or skip."]
        * 2
    )


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "Skriv navnet ditt."),
        ("Ola 😀 Nordmann", "Navnet kan bare ha bokstaver"),
        ("x" * 500, "Navnet er for langt"),
        ("R2-D2", "Navnet kan bare ha bokstaver"),
    ],
)
def test_a_bad_name_is_explained_and_nothing_is_stored(
    kiosk: Kiosk, typed: str, problem: str
) -> None:
    before = stored(kiosk)
    kiosk.click(kiosk.window.start.guest_button)
    kiosk.click(text_screen(kiosk, "guestContactScreen").skip_button)
    name = text_screen(kiosk, "guestNameScreen")
    kiosk.wait_for_screen(name)
    name.field.setText(typed)  # a physical keyboard may type anything
    kiosk.click(name.next_button)
    assert kiosk.window.current_screen is name
    assert name.problem.isVisible() and problem in name.problem.text()
    assert name.problem.text().startswith("⚠")  # said in words and a sign, not colour alone
    assert stored(kiosk) == before


@pytest.mark.parametrize("typed", ["123", "ola@", "+47 12"])
def test_a_bad_phone_or_email_is_explained(kiosk: Kiosk, typed: str) -> None:
    kiosk.click(kiosk.window.start.guest_button)
    contact = text_screen(kiosk, "guestContactScreen")
    contact.field.setText(typed)
    kiosk.click(contact.next_button)
    assert kiosk.window.current_screen is contact
    assert "Dette ser ikke ut som" in contact.problem.text()
    contact.field.setText("")
    assert not contact.problem.isVisible()


def test_a_host_who_does_not_exist_is_not_offered(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.window.start.guest_button)
    kiosk.click(text_screen(kiosk, "guestContactScreen").skip_button)
    text_screen(kiosk, "guestNameScreen").field.setText("Ola Gjest")
    kiosk.click(text_screen(kiosk, "guestNameScreen").next_button)
    kiosk.click(text_screen(kiosk, "guestOrganisationScreen").skip_button)
    [hosts] = kiosk.window.findChildren(GuestHostScreen)
    kiosk.wait_for_screen(hosts)
    hosts.field.setText("Zyxw Qwert")
    assert not any(b.isVisible() for b in hosts.result_buttons)
    assert "Ingen treff" in hosts.status.text()


def test_declining_the_privacy_notice_stores_nothing(kiosk: Kiosk) -> None:
    before = stored(kiosk)
    kiosk.click(kiosk.window.start.guest_button)
    kiosk.click(text_screen(kiosk, "guestContactScreen").skip_button)
    text_screen(kiosk, "guestNameScreen").field.setText("Ola Gjest")
    kiosk.click(text_screen(kiosk, "guestNameScreen").next_button)
    kiosk.click(text_screen(kiosk, "guestOrganisationScreen").skip_button)
    [hosts] = kiosk.window.findChildren(GuestHostScreen)
    hosts.field.setText("Kari")
    kiosk.click(hosts.result_buttons[0])
    choose(kiosk, choice_screen(kiosk, "guestPurposeScreen"), "Faglig lunsj")
    choose(kiosk, choice_screen(kiosk, "guestPrivacyScreen"), "Avbryt")
    message = kiosk.wait_for_message()
    assert message.title == "Du er ikke sjekket inn"
    assert stored(kiosk) == before


def test_back_goes_one_step_back_and_the_start_screen_forgets(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.window.start.guest_button)
    kiosk.click(text_screen(kiosk, "guestContactScreen").skip_button)
    name = text_screen(kiosk, "guestNameScreen")
    name.field.setText("Ola Gjest")
    kiosk.click(name.next_button)
    organisation = text_screen(kiosk, "guestOrganisationScreen")
    kiosk.click(organisation.back_button)
    kiosk.wait_for_screen(name)
    assert name.field.text() == "Ola Gjest"  # kept while the visitor goes back and forth
    kiosk.click(name.back_button)
    contact = text_screen(kiosk, "guestContactScreen")
    kiosk.wait_for_screen(contact)
    kiosk.click(contact.back_button)
    kiosk.wait_for_screen(kiosk.window.start)
    assert name.field.text() == "" and flow(kiosk).draft.name == ""


def test_the_guest_flow_speaks_nynorsk_and_english(kiosk: Kiosk) -> None:
    for code, heading in (("nn", "Har du vore her før?"), ("en", "Have you been here before?")):
        kiosk.click(kiosk.window.start.language_buttons[code])
        kiosk.click(kiosk.window.start.guest_button)
        contact = text_screen(kiosk, "guestContactScreen")
        kiosk.wait_for_screen(contact)
        assert contact.heading.text() == heading
        kiosk.click(contact.back_button)
        kiosk.wait_for_screen(kiosk.window.start)


def test_speech_reads_the_guest_steps_and_problems(kiosk: Kiosk) -> None:
    kiosk.click(kiosk.window.access_bar.speech_button)
    speaker = kiosk.speaker
    kiosk.click(kiosk.window.start.guest_button)
    contact = text_screen(kiosk, "guestContactScreen")
    kiosk.wait_for_screen(contact)
    assert any(t.startswith("Har du vært her før?") for t in speaker.texts[-2:])
    contact.field.setText("123")
    kiosk.click(contact.next_button)
    assert "Dette ser ikke ut som et telefonnummer" in speaker.texts[-1]
    kiosk.click(contact.skip_button)
    name = text_screen(kiosk, "guestNameScreen")
    name.field.setText("Ola Gjest")
    kiosk.click(name.next_button)
    kiosk.click(text_screen(kiosk, "guestOrganisationScreen").skip_button)
    [hosts] = kiosk.window.findChildren(GuestHostScreen)
    kiosk.qtbot.keyClicks(hosts.field, "kari")
    assert speaker.texts[-1] == "Trykk på den du skal besøke Kari N. · NAV"
