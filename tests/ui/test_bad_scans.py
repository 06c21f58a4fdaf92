"""Whatever a scanner types that is not a usable pass: a clear message, nothing recorded.

Driven as a visitor would: the scanner's burst of keys and Return on the real window, on a
core synced from the in-memory central store. The clock is Friday 27 November 2026, 09:00 in
Lyngdal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from kiosk.app import KioskCore
from kiosk.passes import PassKind, PassProblem, SigningKey
from tests.conftest import KARI
from tests.fakes import FakeCentral, FakeClock, revoked_pass_change
from tests.ui.conftest import Kiosk
from ui.i18n import locale_for
from ui.messages import MessageKind
from ui.pass_texts import pass_problem_text

pytestmark = pytest.mark.gui

OSLO = ZoneInfo("Europe/Oslo")
GUEST = "4f1c2d3e-0000-4000-8000-0000000000aa"  # invited; not in this kiosk's mirror
NOT_A_PASS = "Dette er ikke et RegionLab-pass"


@pytest.fixture(autouse=True)
def _bokmal_dates() -> Iterator[None]:
    """Dates in the kiosk's language, as ``install_translators`` sets it when the app starts."""
    before = QLocale()
    QLocale.setDefault(locale_for("nb"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return make_kiosk()


def oslo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


def assert_refused(kiosk: Kiosk, title: str, detail: str | None = None) -> None:
    message = kiosk.wait_for_message()
    assert message.kind is MessageKind.PROBLEM
    assert message.title == title
    if detail is not None:
        assert message.detail == detail
    assert message.title in kiosk.visible_texts() and message.detail in kiosk.visible_texts()
    assert kiosk.result.icon.symbol.value == "warning"  # not by colour alone
    assert not kiosk.core.checkin.is_present(KARI)
    assert kiosk.pending_events() == 0
    kiosk.wait_for_screen(kiosk.window.start)


@pytest.mark.parametrize(
    "scanned",
    [
        pytest.param("https://www.regionlab.no/lister?utm_source=qr", id="url"),
        pytest.param("7038010055720", id="ean13"),
        pytest.param("Hei, dette er bare tekst!", id="random-text"),
        pytest.param("WIFI:S:RegionLab-gjest;T:WPA;P:hemmelig;;", id="wifi-code"),
        pytest.param("ÆØÅ" * 10, id="norwegian-letters"),
        pytest.param("0123456789" * 1024, id="10kb-burst"),
    ],
)
def test_codes_that_are_not_passes_say_so_and_what_to_do(kiosk: Kiosk, scanned: str) -> None:
    kiosk.scan(scanned)
    assert_refused(kiosk, NOT_A_PASS)
    assert "Sjekk inn med navn" in kiosk.messages[0].detail


def test_a_misread_pass_asks_to_try_again(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    kiosk.scan(make_pass(KARI)[:60])  # the scanner stopped half-way
    assert_refused(kiosk, "Koden kunne ikke leses", pass_problem_text(PassProblem.GARBLED))


def test_a_10kb_burst_that_starts_like_a_pass_is_refused(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    token = make_pass(KARI)
    kiosk.scan((token * (10_240 // len(token) + 1))[:10_240])
    assert_refused(kiosk, "Koden kunne ikke leses")
    # The kiosk still reads the next pass at once.
    kiosk.scan(token)
    message = kiosk.wait_for_message(2)
    assert message.kind is MessageKind.WELCOME


def test_caps_lock_scanner_typing_lower_case_still_works(
    kiosk: Kiosk, make_pass: Callable[..., str]
) -> None:
    kiosk.scan(make_pass(KARI).lower())
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.WELCOME, "Velkommen, Kari!")
    assert kiosk.core.checkin.is_present(KARI)


def test_a_forged_signature_is_refused(
    kiosk: Kiosk, make_pass: Callable[..., str], signing_key: SigningKey
) -> None:
    forger = SigningKey.generate()
    forged = make_pass(KARI, key=SigningKey(signing_key.key_id, forger.private_key, b"\0" * 32))
    kiosk.scan(forged)
    assert_refused(kiosk, "Passet kan ikke brukes", pass_problem_text(PassProblem.BAD_SIGNATURE))


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "days"),
    [
        ("2026-11-28T00:00", "2026-11-29T00:00", "lørdag 28. november"),  # tomorrow
        ("2026-11-26T00:00", "2026-11-27T00:00", "torsdag 26. november"),  # yesterday
        ("2026-11-30T00:00", "2026-12-03T00:00", "fra mandag 30. november til onsdag 2. desember"),
    ],
)
def test_a_guest_on_the_wrong_day_is_told_which_day(
    kiosk: Kiosk, make_pass: Callable[..., str], valid_from: str, valid_to: str, days: str
) -> None:
    token = make_pass(
        GUEST, kind=PassKind.GUEST, valid_from=oslo(valid_from), valid_to=oslo(valid_to)
    )
    kiosk.scan(token)
    assert_refused(
        kiosk,
        "Invitasjonen gjelder ikke i dag",
        f"Invitasjonen din gjelder {days}. Ta kontakt i resepsjonen hvis du skulle vært her i dag.",
    )
    assert not kiosk.core.checkin.is_present(GUEST)


def test_a_guest_on_the_right_day_gets_in(kiosk: Kiosk, make_pass: Callable[..., str]) -> None:
    token = make_pass(
        GUEST,
        kind=PassKind.GUEST,
        valid_from=oslo("2026-11-27T00:00"),
        valid_to=oslo("2026-11-28T00:00"),
    )
    kiosk.scan(token)
    message = kiosk.wait_for_message()
    assert (message.kind, message.title) == (MessageKind.WELCOME, "Velkommen!")
    assert kiosk.core.checkin.is_present(GUEST)


def test_a_withdrawn_invitation_says_revoked_not_which_day(
    make_kiosk: Callable[..., Kiosk],
    kiosk_core: KioskCore,
    central: FakeCentral,
    make_pass: Callable[..., str],
) -> None:
    central.extra_changes.append(revoked_pass_change("00000000000000aa"))
    assert kiosk_core.sync.sync_once()
    kiosk = make_kiosk(kiosk_core)
    token = make_pass(
        GUEST,
        kind=PassKind.GUEST,
        pass_id="00000000000000aa",
        valid_from=oslo("2026-11-28T00:00"),
        valid_to=oslo("2026-11-29T00:00"),
    )
    kiosk.scan(token)
    assert_refused(kiosk, "Passet kan ikke brukes", pass_problem_text(PassProblem.REVOKED))


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"site": "narvik"}, PassProblem.WRONG_SITE),
        ({"valid_to": "past"}, PassProblem.EXPIRED),
        ({"valid_from": "future"}, PassProblem.NOT_YET_VALID),
    ],
)
def test_member_passes_keep_the_general_wording(
    kiosk: Kiosk,
    make_pass: Callable[..., str],
    clock: FakeClock,
    overrides: dict[str, str],
    problem: PassProblem,
) -> None:
    now = clock.now()
    moments = {"past": now - timedelta(days=1), "future": now + timedelta(days=1)}
    options: dict[str, object] = {k: moments.get(v, v) for k, v in overrides.items()}
    if "valid_to" in options:
        options["valid_from"] = now - timedelta(days=30)
    kiosk.scan(make_pass(KARI, **options))
    assert_refused(kiosk, "Passet kan ikke brukes", pass_problem_text(problem))
