"""The kiosk's lunch service without Qt: today's talk from the feed, sign-ups counted here until
the store has counted them, the store's answers settled, and the "here today" rule kept."""

from __future__ import annotations

from typing import Any

from kiosk.app import KioskCore
from kiosk.lunch import SignupOutcome
from kiosk.protocol import CheckinMethod, ConflictReason, ResultStatus
from tests.conftest import BJORN, KARI
from tests.fakes import FakeCentral, FakeClock

TALK = "7d0e8a52-5b7e-4d0b-9a43-000000000001"
TOMORROW = "7d0e8a52-5b7e-4d0b-9a43-000000000002"


def talk(
    key: str = TALK, *, day: str = "2026-11-27", capacity: int = 2, signed_up: int = 0
) -> dict[str, Any]:
    return {
        "entity": "lunch_talk",
        "op": "upsert",
        "key": key,
        "data": {
            "id": key,
            "site": "lyngdal",
            "title": "Barnevern og skole",
            "starts_at": f"{day}T10:30:00+00:00",
            "ends_at": f"{day}T11:15:00+00:00",
            "room": "Møterom Lista",
            "capacity": capacity,
            "signed_up": signed_up,
        },
    }


def synced(core: KioskCore, central: FakeCentral, *changes: dict[str, Any]) -> None:
    central.extra_changes.extend(changes)
    assert core.sync.sync_once()


def test_todays_talk_is_the_next_one_not_ended_today(
    kiosk_core: KioskCore, central: FakeCentral, clock: FakeClock
) -> None:
    synced(kiosk_core, central, talk(), talk(TOMORROW, day="2026-11-28"))
    today = kiosk_core.lunch.todays_talk()
    assert today is not None and today.id == TALK and today.seats_left == 2
    clock.advance(hours=4)  # 12:00 UTC: the talk ended at 11:15
    assert kiosk_core.lunch.todays_talk() is None


def test_offline_sign_ups_take_seats_here_and_a_full_talk_refuses_at_once(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    synced(kiosk_core, central, talk(capacity=2, signed_up=1))
    central.down = True
    lunch = kiosk_core.lunch
    assert lunch.sign_up(TALK, KARI, CheckinMethod.QR).outcome is SignupOutcome.PROVISIONAL
    assert lunch.sign_up(TALK, KARI, CheckinMethod.QR).outcome is SignupOutcome.ALREADY
    assert lunch.sign_up(TALK, BJORN, CheckinMethod.NAME).outcome is SignupOutcome.FULL
    today = lunch.todays_talk()
    assert today is not None and today.full
    assert lunch.sign_up(TALK + "0", KARI, CheckinMethod.QR).outcome is SignupOutcome.UNAVAILABLE


def test_a_sign_up_the_store_found_full_frees_its_seat_here(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    synced(kiosk_core, central, talk(capacity=2, signed_up=1))
    central.down = True
    lunch = kiosk_core.lunch
    assert lunch.sign_up(TALK, KARI, CheckinMethod.QR).outcome is SignupOutcome.PROVISIONAL
    # Meanwhile another kiosk took the last seat: the store answers this one "full".
    central.down = False
    original = central._apply

    def full(event: dict[str, Any]) -> tuple[ResultStatus, str | None]:
        if event.get("type") == "lunch_signup":
            return ResultStatus.CONFLICT, str(ConflictReason.LUNCH_FULL)
        return original(event)

    central._apply = full  # type: ignore[method-assign]
    assert kiosk_core.sync.sync_once()
    today = lunch.todays_talk()
    assert today is not None and today.signed_up == 1  # the feed's count; nothing held here
    assert lunch.sign_up(TALK, KARI, CheckinMethod.QR).outcome is SignupOutcome.FULL


def test_here_today_shows_only_todays_groups_of_three_or_more(
    kiosk_core: KioskCore, central: FakeCentral, clock: FakeClock
) -> None:
    data = {
        "day": "2026-11-27",
        "by_organisation": {"NAV": 3, "Bufdir": 1},
        "by_cluster": {"helse": 2},
    }
    synced(
        kiosk_core,
        central,
        {"entity": "here_today", "op": "upsert", "key": "lyngdal", "data": data},
    )
    counts = kiosk_core.lunch.here_today()
    assert counts is not None
    assert (counts.by_organisation, counts.by_cluster) == ({"NAV": 3}, {})
    clock.advance(days=1)
    assert kiosk_core.lunch.here_today() is None  # yesterday's counts are not today's
