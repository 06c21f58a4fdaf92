"""The day's end at the kiosk: closing time checks everyone out, and the kiosk shows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from tests.conftest import KARI
from tests.fakes import FakeCentral, FakeClock
from tests.ui.conftest import Kiosk
from ui.messages import MessageKind


def test_after_closing_a_scan_says_so_and_the_next_morning_checks_in(
    kiosk: Kiosk, make_pass: Callable[..., str], clock: FakeClock, central: FakeCentral
) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)  # 09:00
    assert kiosk.wait_for_message().kind is MessageKind.WELCOME
    kiosk.wait_for_screen(kiosk.window.start)
    central.down = True  # the store's closing job runs; this kiosk does not hear of it

    # 17:40, on her way out: she is told closing checked her out; nothing is recorded.
    clock.current = datetime(2026, 11, 27, 16, 40, tzinfo=UTC)
    kiosk.monotonic.skip(5)
    before = kiosk.pending_events()
    kiosk.scan(token)
    told = kiosk.wait_for_message(2)
    assert (told.kind, told.reason) == (MessageKind.GOODBYE, "closed_out")
    assert told.title == "Du er allerede sjekket ut"
    assert "stengte kl. 17:00" in told.detail
    assert kiosk.pending_events() == before
    assert not kiosk.core.checkin.is_present(KARI)
    kiosk.wait_for_screen(kiosk.window.start)

    # The next morning her scan checks her in, as on any other day.
    clock.current = datetime(2026, 11, 28, 7, 5, tzinfo=UTC)
    kiosk.monotonic.skip(5)
    kiosk.scan(token)
    welcome = kiosk.wait_for_message(3)
    assert welcome.kind is MessageKind.WELCOME
    assert welcome.detail == "Du er sjekket inn kl. 08:05."
    assert kiosk.core.checkin.is_present(KARI)


def test_after_closing_the_same_pass_again_checks_in_for_the_evening(
    kiosk: Kiosk, make_pass: Callable[..., str], clock: FakeClock
) -> None:
    token = make_pass(KARI)
    kiosk.scan(token)
    kiosk.wait_for_message()
    kiosk.wait_for_screen(kiosk.window.start)
    clock.current = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)  # 18:30, back for the evening
    kiosk.monotonic.skip(5)
    kiosk.scan(token)
    assert kiosk.wait_for_message(2).reason == "closed_out"
    kiosk.monotonic.skip(5)
    kiosk.scan(token)  # "I am here"
    assert kiosk.wait_for_message(3).kind is MessageKind.WELCOME
    assert kiosk.core.checkin.is_present(KARI)
