"""A visitor chooses nynorsk or English on the start screen: every screen follows at once, and
the kiosk's default language is back when the start screen shows for the next visitor."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.conftest import Kiosk
from ui.i18n import LANGUAGE_NAMES
from ui.screens.name_action import NameActionScreen
from ui.widgets.idle_warning import IdleWarning

pytestmark = pytest.mark.gui

TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def _bokmal_only(language: str) -> set[str]:
    """The bokmål sources that read differently in ``language``."""
    root = ET.parse(TS_DIR / f"regionlab_{language}.ts").getroot()
    texts = set()
    for message in root.iter("message"):
        source = message.findtext("source", "")
        if message.findtext("translation", "") != source:
            texts.add(source)
    return texts


def _choose(kiosk: Kiosk, language: str) -> None:
    kiosk.click(kiosk.window.start.language_buttons[language])


def _chosen(kiosk: Kiosk) -> list[str]:
    return [code for code, b in kiosk.window.start.language_buttons.items() if b.isChecked()]


def test_the_start_screen_offers_three_languages_by_their_own_names(kiosk: Kiosk) -> None:
    buttons = kiosk.window.start.language_buttons
    assert [b.text() for b in buttons.values()] == ["✓ Bokmål", "Nynorsk", "English"]
    for button in buttons.values():
        assert button.isVisible()
        assert button.width() >= 44 and button.height() >= 44
    # The current one is marked by a tick, the checked state and its accessible name.
    assert _chosen(kiosk) == ["nb"]
    assert buttons["nb"].accessibleName() == "Bokmål, valgt"
    _choose(kiosk, "nn")
    assert [b.text() for b in buttons.values()] == ["Bokmål", "✓ Nynorsk", "English"]
    assert buttons["nn"].accessibleName() == "Nynorsk, valt"
    assert buttons["nb"].accessibleName() == "Bokmål"
    assert buttons["nn"].accessibleDescription() == "Vel språk"
    assert list(LANGUAGE_NAMES.values()) == ["Bokmål", "Nynorsk", "English"]


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "nn",
            {
                "name": "Sjekk inn med namn",
                "heading": "Sjekk inn med namn – skriv namnet ditt",
                "few": "Skriv minst to bokstavar",
                "none": "Ingen treff",
                "tap": "Trykk på namnet ditt",
                "yes": "Sjekk inn",
                "welcome": "Takk, Kari!",
                "at": "Du står som sjekka inn. Registrert kl. ",
                "date": "Fredag 27. november 2026",
            },
        ),
        (
            "en",
            {
                "name": "Check in by name",
                "heading": "Check in by name – type your name",
                "few": "Type at least two letters",
                "none": "No matches",
                "tap": "Tap your name",
                "yes": "Check in",
                "welcome": "Thank you, Kari!",
                "at": "You are now checked in. Registered at ",
                "date": "Friday 27 November 2026",
            },
        ),
    ],
)
def test_a_visitor_checks_in_by_name_in_their_language(
    make_kiosk: Callable[..., Kiosk], language: str, texts: dict[str, str]
) -> None:
    kiosk = make_kiosk(confirmation_s=30)
    start = kiosk.window.start
    _choose(kiosk, language)
    assert _chosen(kiosk) == [language]
    assert start.name_button.text() == texts["name"]
    assert start.date_label.text() == texts["date"]  # the fake clock's day, in words

    kiosk.click(start.name_button)
    screen = kiosk.name_search
    kiosk.wait_for_screen(screen)
    assert screen.heading.text() == texts["heading"]
    assert screen.status.text() == texts["few"]
    kiosk.tap_keys("QXQX")
    assert screen.status.text() == texts["none"]
    kiosk.click(screen.keyboard.key_button("clear"))
    kiosk.tap_keys("KARI")
    assert screen.status.text() == texts["tap"]
    kiosk.click(kiosk.person_row("Kari N. · NAV"))
    [choice] = kiosk.window.findChildren(NameActionScreen)
    kiosk.wait_for_screen(choice)
    assert choice.in_button.text() == texts["yes"]
    kiosk.click(choice.in_button)
    message = kiosk.wait_for_message()
    assert message.title == texts["welcome"]
    assert message.detail.startswith(texts["at"])
    assert kiosk.result.title.text() == texts["welcome"]

    # The next visitor meets the kiosk's default language.
    kiosk.click(kiosk.result.ok_button)
    kiosk.wait_for_screen(start)
    assert _chosen(kiosk) == ["nb"]
    assert start.name_button.text() == "Sjekk inn med navn"
    kiosk.click(start.name_button)
    assert kiosk.name_search.heading.text() == "Sjekk inn med navn – skriv navnet ditt"


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_screen_is_retranslated_at_once(kiosk: Kiosk, language: str) -> None:
    """Texts set once when a screen was built are set again: none stays in bokmål, on any
    screen, shown or not."""
    bokmal = _bokmal_only(language)
    assert "Sjekk inn med navn" in kiosk.all_texts()
    _choose(kiosk, language)
    left = sorted(set(kiosk.all_texts()) & bokmal)
    tooltips = [b.toolTip() for b in kiosk.window.findChildren(QAbstractButton) if b.toolTip()]
    names = [b.accessibleName() for b in kiosk.window.findChildren(QAbstractButton)]
    assert left == []
    assert not set(tooltips + names) & bokmal
    if language == "en":
        assert kiosk.window.windowTitle() == "RegionLab Lister – check-in"


def test_leaving_for_the_start_screen_resets_the_language(kiosk: Kiosk) -> None:
    start = kiosk.window.start
    _choose(kiosk, "en")
    kiosk.click(start.desk_button)
    kiosk.wait_for_screen(kiosk.floor_map)
    assert kiosk.floor_map.suggest_button.text() == "Find a free desk for me"
    kiosk.click(kiosk.floor_map.back_button)
    kiosk.wait_for_screen(start)
    assert _chosen(kiosk) == ["nb"]
    assert kiosk.floor_map.suggest_button.text() == "Finn en ledig pult for meg"
    assert start.desk_button.text() == "Finn ledig pult"


def test_the_default_language_is_a_setting(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(language="nn")
    start = kiosk.window.start
    assert _chosen(kiosk) == ["nn"]
    assert start.qr_button.text() == "Sjekk inn med QR-kode"
    assert start.subtitle.text() == "Sjekk inn når du kjem, og sjekk ut når du går."
    _choose(kiosk, "nb")
    assert start.subtitle.text() == "Sjekk inn når du kommer, og sjekk ut når du går."
    kiosk.click(start.qr_button)
    kiosk.wait_for_screen(kiosk.scan_help)
    kiosk.click(kiosk.scan_help.back_button)
    kiosk.wait_for_screen(start)
    assert _chosen(kiosk) == ["nn"]  # the kiosk's own language is back
    assert start.subtitle.text() == "Sjekk inn når du kjem, og sjekk ut når du går."


@pytest.mark.parametrize(
    ("language", "checkout", "desk"),
    [
        (
            "nn",
            (
                "Sjekk ut",
                "Hald QR-koden mot skannaren, eller finn namnet ditt og skriv PIN-koden din.",
                "Finn namnet mitt",
                "Tilbake til startskjermen",
            ),
            ("Finn ein ledig pult til meg", "Tilbake til kartet"),
        ),
        (
            "en",
            (
                "Check out",
                "Hold the QR code to the scanner, or find your name and type your PIN.",
                "Find my name",
                "Back to the start screen",
            ),
            ("Find a free desk for me", "Back to the map"),
        ),
    ],
)
def test_the_pass_or_name_screen_speaks_the_visitors_language_for_each_flow(
    kiosk: Kiosk, language: str, checkout: tuple[str, ...], desk: tuple[str, str]
) -> None:
    """One screen asks "pass or name?" for "Sjekk ut", a desk and a lunch talk; each flow's
    words (title, where "Avbryt" leads) and the screen's own are in the visitor's language."""
    _choose(kiosk, language)
    kiosk.click(kiosk.window.start.checkout_button)
    screen = kiosk.checkout
    kiosk.wait_for_screen(screen)
    shown = (screen.title.text(), screen.hint.text(), screen.name_button.text())
    assert (*shown, screen.cancel_button.accessibleDescription()) == checkout
    kiosk.click(screen.cancel_button)
    kiosk.wait_for_screen(kiosk.window.start)
    _choose(kiosk, language)
    kiosk.desk_flow.begin_suggest()
    kiosk.wait_for_screen(kiosk.desk_identify)
    identify = kiosk.desk_identify
    assert (identify.title.text(), identify.cancel_button.accessibleDescription()) == desk
    assert identify.hint.text() == checkout[1]  # a desk taken by name needs the PIN, too


@pytest.mark.parametrize(
    ("language", "twenty", "one"),
    [
        ("nb", "start om 20\u00a0sekunder.", "start om 1\u00a0sekund."),
        ("nn", "start om 20\u00a0sekund.", "start om 1\u00a0sekund."),
        ("en", "start in 20\u00a0seconds.", "start in 1\u00a0second."),
    ],
)
def test_the_idle_countdown_counts_in_the_visitors_language(
    kiosk: Kiosk, language: str, twenty: str, one: str
) -> None:
    """"om 1 sekund", not "om 1 sekunder" (nor "in 1 seconds"), and the number stays on the
    line of its unit when the sentence wraps (the warning showed "20" and "sekunder." on two
    lines in every language)."""
    if language != "nb":
        _choose(kiosk, language)
    left = [20.0]
    warning = IdleWarning(lambda: left[0], kiosk.window)
    assert warning.text().endswith(twenty)
    left[0] = 1.0
    assert warning.text().endswith(one)
