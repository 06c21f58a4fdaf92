"""Today's lunch talk on the start screen, signing up at the kiosk by pass and by name, and the
"here today" counts (groups of three or more only)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget
from sqlalchemy import select

from kiosk.app import KioskCore
from kiosk.lunch import SignupOutcome
from kiosk.models import OutboxEvent
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI
from tests.fakes import FakeCentral
from tests.ui.conftest import Kiosk, visible
from ui import tour
from ui.language_flow import LanguageFlow
from ui.messages import MessageKind
from ui.widgets.here_today import HereTodayLabel
from ui.widgets.lunch_panel import LunchPanel

TALK = "7d0e8a52-5b7e-4d0b-9a43-000000000001"


def talk_change(
    *,
    capacity: int = 20,
    signed_up: int = 3,
    key: str = TALK,
    title: str = "Klimatilpasning i Lister",
    room: str = "Kantina",
) -> dict[str, Any]:
    """A talk today at 11:30 to 12:15 in Lyngdal (the tests' clock says 09:00 there)."""
    return {
        "entity": "lunch_talk",
        "op": "upsert",
        "key": key,
        "data": {
            "id": key,
            "site": "lyngdal",
            "title": title,
            "starts_at": "2026-11-27T10:30:00+00:00",
            "ends_at": "2026-11-27T11:15:00+00:00",
            "cluster": "naturforvaltning",
            "room": room,
            "capacity": capacity,
            "signed_up": signed_up,
        },
    }


def with_talk(central: FakeCentral, core: KioskCore, **talk: Any) -> None:
    central.extra_changes.append(talk_change(**talk))
    assert core.sync.sync_once()


def panel(kiosk: Kiosk) -> LunchPanel:
    return kiosk.window.start.lunch_panel


def signup_events(kiosk: Kiosk) -> list[dict[str, Any]]:
    with kiosk.core.store.session() as session:
        bodies = session.scalars(select(OutboxEvent.body)).all()
    return [e for e in map(json.loads, bodies) if e["type"] == "lunch_signup"]


def test_todays_talk_shows_and_a_pass_signs_up_once(
    make_kiosk: Callable[..., Kiosk],
    kiosk_core: KioskCore,
    central: FakeCentral,
    make_pass: Callable[..., str],
) -> None:
    with_talk(central, kiosk_core)
    kiosk = make_kiosk()
    shown = panel(kiosk)
    assert (
        shown.heading.full_text == "Faglig lunsj i dag kl. 11:30–12:15: «Klimatilpasning i Lister»"
    )
    assert shown.heading.text() == shown.heading.full_text  # it fits: nothing cut
    assert shown.details.text() == "Kantina · 17 av 20 plasser ledige"

    kiosk.click(kiosk.button("Meld meg på"))
    screen = kiosk.lunch_signup
    kiosk.wait_for_screen(screen)
    assert screen.title.text() == "Meld deg på: «Klimatilpasning i Lister»"
    kiosk.scan(make_pass(KARI))

    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.WELCOME, "Du er påmeldt, Kari!")
    assert message.detail == "«Klimatilpasning i Lister» kl. 11:30 i Kantina."
    [sent] = signup_events(kiosk)
    assert sent["data"] == {"talk_id": TALK, "person_id": KARI, "method": "qr"}
    assert central.applied.get(sent["id"]), "sent at once, while the visitor waits"
    assert kiosk.pending_events() == 0
    kiosk.wait_for_screen(kiosk.window.start)

    # The same pass again: told, not counted twice.
    kiosk.click(kiosk.button("Meld meg på"))
    kiosk.wait_for_screen(screen)
    kiosk.scan(make_pass(KARI))
    assert kiosk.wait_for_message(2).title == "Du er allerede påmeldt"
    assert len(signup_events(kiosk)) == 1


def test_a_name_signs_up_through_the_name_search(
    make_kiosk: Callable[..., Kiosk], kiosk_core: KioskCore, central: FakeCentral
) -> None:
    with_talk(central, kiosk_core)
    kiosk = make_kiosk()
    kiosk.click(kiosk.button("Meld meg på"))
    kiosk.click(kiosk.button("Finn navnet mitt"))
    kiosk.wait_for_screen(kiosk.name_search)
    kiosk.tap_keys("BJØRN Å")
    rows = [row for row in kiosk.name_search.result_buttons if row.isVisible()]
    assert len(rows) == 1
    kiosk.click(rows[0])

    message = kiosk.wait_for_message()
    assert message.title == "Du er påmeldt, Bjørn!"
    [sent] = signup_events(kiosk)
    assert sent["data"] == {"talk_id": TALK, "person_id": BJORN, "method": "name"}
    kiosk.wait_for_screen(kiosk.window.start)
    assert kiosk.name_search.field.text() == "", "the next visitor starts afresh"


def test_a_full_talk_says_so_in_words_and_offers_no_button(
    make_kiosk: Callable[..., Kiosk], kiosk_core: KioskCore, central: FakeCentral
) -> None:
    with_talk(central, kiosk_core, capacity=12, signed_up=12)
    kiosk = make_kiosk()
    assert "Kantina · Fullt: alle 12 plassene er tatt" in kiosk.visible_texts()
    assert not panel(kiosk).signup_button.isVisible()
    assert "Meld meg på" not in [b.text() for b in visible(kiosk.window, QAbstractButton)]


def test_the_last_seat_taken_here_before_the_store_heard_makes_the_talk_full(
    make_kiosk: Callable[..., Kiosk],
    kiosk_core: KioskCore,
    central: FakeCentral,
    make_pass: Callable[..., str],
) -> None:
    with_talk(central, kiosk_core, capacity=4, signed_up=3)
    central.down = True  # offline: the sign-up is kept here and counted here
    kiosk = make_kiosk()
    kiosk.click(kiosk.button("Meld meg på"))
    kiosk.scan(make_pass(KARI))
    message = kiosk.wait_for_message()
    assert message.title == "Du er påmeldt, Kari!"
    assert "sendes så snart kiosken er tilkoblet" in message.detail
    kiosk.wait_for_screen(kiosk.window.start)
    assert "Kantina · Fullt: alle 4 plassene er tatt" in kiosk.visible_texts()
    # The next person hears "full" at once, from what this kiosk knows.
    assert kiosk.core.lunch.sign_up(TALK, BJORN, CheckinMethod.NAME).outcome is SignupOutcome.FULL


def test_here_today_shows_counts_of_three_or_more_only(
    make_kiosk: Callable[..., Kiosk], kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.extra_changes.append(
        {
            "entity": "here_today",
            "op": "upsert",
            "key": "lyngdal",
            "data": {
                "day": "2026-11-27",
                "by_organisation": {"NAV": 4, "Bufdir": 2},  # 2: never shown, whoever sends it
                "by_cluster": {"helse": 3},
            },
        }
    )
    assert kiosk_core.sync.sync_once()
    kiosk = make_kiosk()
    label = kiosk.window.start.findChildren(HereTodayLabel)[0]
    assert label.isVisible()
    assert label.text() == label.full_text == "Her i dag: NAV 4  |  Klynger: Helse 3"
    assert label.accessibleName() == label.full_text
    assert "Bufdir" not in " ".join(kiosk.all_texts())


@pytest.mark.parametrize("mode", list(tour.MODES))
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_lunch_screens_have_no_clipped_text_low_contrast_or_small_target(
    make_kiosk: Callable[..., Kiosk],
    kiosk_core: KioskCore,
    central: FakeCentral,
    mode: str,
    language: str,
) -> None:
    long_title = "Klimatilpasning, naturforvaltning og beredskap i Lister – " * 3  # 180 chars
    with_talk(central, kiosk_core, title=long_title.strip(), room="Kantina, 1. etasje")
    central.extra_changes.append(
        {
            "entity": "here_today",
            "op": "upsert",
            "key": "lyngdal",
            "data": {
                "day": "2026-11-27",
                "by_organisation": {"NAV": 7, "Skatteetaten": 4, "Statsforvalteren i Agder": 3},
                "by_cluster": {"barn og unge": 3, "helse": 5},
            },
        }
    )
    assert kiosk_core.sync.sync_once()
    kiosk = make_kiosk()
    window = kiosk.window
    # Chosen as the language button would (a clicked language button keeps focus, and a
    # focused "✓ Bokmål" measures as clipped on main already: not this test's business).
    window.findChildren(LanguageFlow)[0].languages.choose(language)
    window.set_display(tour.MODES[mode])
    # What Lister's start screen says on a busy day: the free-desk line wraps to two lines.
    window.start.set_free_counts({"Sone A": 15, "Sone B": 12, "Sone C": 6, "Stillesone": 9})
    kiosk.qtbot.wait(50)
    assert window.start.lunch_panel.isVisible() and window.start.here_today.isVisible()
    heading = window.start.lunch_panel.heading
    assert heading.text().endswith("…") and heading.accessibleName() == heading.full_text
    problems = {"start": _problems(window)}
    if mode != "large":  # large text scrolls by design; otherwise the start screen fits
        [page] = [p for p in window.findChildren(QScrollArea) if p.widget() is window.start]
        assert page.verticalScrollBar().maximum() == 0, "the start screen scrolls"
    kiosk.click(window.start.lunch_panel.signup_button)
    kiosk.wait_for_screen(kiosk.lunch_signup)
    kiosk.qtbot.wait(50)
    problems["sign-up"] = _problems(window)
    assert problems == {"start": [], "sign-up": []}


def _problems(window: QWidget) -> list[str]:
    found = tour.measure(window)
    return found.clipped + found.low_contrast + found.small_targets + found.unnamed
