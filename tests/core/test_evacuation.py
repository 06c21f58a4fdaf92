"""The evacuation list and the day's end, from the kiosk's local state alone (no Qt)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.app import KioskCore
from kiosk.desks import ClaimOutcome
from kiosk.evacuation import evacuation_list
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import BJORN, KARI, OLE, PEOPLE, SOLVI
from tests.core.test_desks import DeskCentral, change, layout
from tests.fakes import FakeClock

GUEST = "9c1f3a56-5d2b-4c8e-a3b4-0d9e8f7a6b5c"
UNSYNCED = "0f0e0d0c-0b0a-4908-8706-050403020100"


@pytest.fixture
def central(signing_key: Any) -> DeskCentral:
    people: list[dict[str, Any]] = [dict(p) for p in PEOPLE]
    for person in people:
        person["cluster"] = "helse" if person["id"] == KARI else None
    people.append(
        {"id": GUEST, "name": "Gunn Gjest", "given_name": "Gunn", "kind": "guest",
         "organisation": "Skatteetaten"}
    )
    return DeskCentral(keys=[signing_key], people=people, extra_changes=layout())


@pytest.fixture
def core(
    kiosk_settings: KioskSettings, clock: FakeClock, central: DeskCentral
) -> Iterator[KioskCore]:
    core = KioskCore.open(kiosk_settings, clock=clock, transport=central)
    assert core.sync.sync_once()
    yield core
    core.close()


def listed(core: KioskCore) -> dict[str, tuple[str, bool, str | None, str | None, str]]:
    made = evacuation_list(core.store, core.clock, "lyngdal")
    return {
        p.person_id: (p.name, p.guest, p.desk, p.zone, p.checked_in_at.strftime("%H:%M"))
        for p in made.people
    }


def test_everyone_in_with_desk_or_zone_and_local_time_offline(
    core: KioskCore, central: DeskCentral, clock: FakeClock
) -> None:
    central.down = True  # it is read from the kiosk's own files
    core.checkin.check_in(SOLVI, CheckinMethod.QR)  # booked A-03 now
    clock.advance(minutes=5)
    core.checkin.check_in(OLE, CheckinMethod.QR)  # fixed desk B-01
    core.checkin.check_in(KARI, CheckinMethod.NAME)  # no desk: her cluster's zone
    core.checkin.check_in(GUEST, CheckinMethod.NAME)
    core.checkin.check_in(BJORN, CheckinMethod.QR)
    clock.advance(minutes=1)
    assert core.desks.claim("lyngdal-A-01", BJORN, CheckinMethod.QR).outcome is (
        ClaimOutcome.PROVISIONAL
    )
    core.checkin.check_out(OLE, CheckinMethod.QR)  # left again: not on the list
    # Someone the store told this kiosk is in, whose person row it has not synced: listed.
    central.down = False
    central.extra_changes.append(
        change("presence", UNSYNCED, {"person_id": UNSYNCED, "checked_in": True,
                                      "at": "2026-11-27T08:30:00+00:00"})
    )
    assert core.sync.sync_once()
    central.down = True

    assert listed(core) == {
        SOLVI: ("Sølvi Kvæven", False, "A-03", "Sone A", "09:00"),
        KARI: ("Kari Nordmann", False, None, "Sone B", "09:05"),
        GUEST: ("Gunn Gjest", True, None, None, "09:05"),
        BJORN: ("Bjørn Åsheim", False, "A-01", "Sone A", "09:05"),
        UNSYNCED: ("", False, None, None, "09:30"),
    }
    names = [p.name for p in evacuation_list(core.store, clock, "lyngdal").people]
    assert names[-1] == ""  # the unnamed last, the rest by name


def test_closing_time_checks_everyone_out_even_while_the_kiosk_is_offline(
    core: KioskCore, central: DeskCentral, clock: FakeClock, make_pass: Any
) -> None:
    core.checkin.check_in(KARI, CheckinMethod.QR)  # 09:00 local
    assert core.checkin.is_present(KARI)
    central.down = True  # the store's closing job runs; this kiosk never hears of it
    clock.current = datetime(2026, 11, 27, 15, 59, tzinfo=UTC)  # 16:59 local
    assert core.checkin.is_present(KARI)
    assert KARI in listed(core)
    clock.current = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # closing, 17:00 local
    assert not core.checkin.is_present(KARI)
    assert listed(core) == {}

    # The next morning her scan checks her in, as on any morning (no "check out?").
    clock.current = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    identified = core.checkin.identify_pass(make_pass(KARI))
    assert not identified.present
    core.checkin.check_in(KARI, CheckinMethod.QR)
    assert core.checkin.is_present(KARI)
    assert listed(core)[KARI][4] == "08:00"


def test_a_check_in_after_closing_lasts_until_the_next_days_closing(
    core: KioskCore, clock: FakeClock
) -> None:
    clock.current = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)  # 18:30 local, after closing
    core.checkin.check_in(OLE, CheckinMethod.QR)
    clock.advance(hours=12)  # 06:30 local the next day
    assert core.checkin.is_present(OLE)
    clock.current = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
    assert not core.checkin.is_present(OLE)


def test_the_stores_closing_reaches_the_kiosk_through_the_feed(
    core: KioskCore, central: DeskCentral, clock: FakeClock
) -> None:
    core.checkin.check_in(KARI, CheckinMethod.QR)
    assert core.sync.sync_once()
    # The store's closing job: Kari's presence ends at closing (here set early, at 12:00, by
    # staff on the store); the kiosk follows the store's word as soon as it syncs.
    central.extra_changes.append(
        change("presence", KARI, {"person_id": KARI, "checked_in": False,
                                  "at": "2026-11-27T11:00:00+00:00"})
    )
    clock.advance(hours=3, minutes=30)  # 12:30 local
    assert core.checkin.is_present(KARI)
    assert core.sync.sync_once()
    assert not core.checkin.is_present(KARI)
    assert listed(core) == {}
    # A desk claim the next time she comes checks her in again (claims check in the absent).
    clock.current += timedelta(minutes=1)
    core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR)
    assert core.checkin.is_present(KARI)


def test_a_pass_scanned_after_todays_closing_knows_when_it_was_closed(
    core: KioskCore, central: DeskCentral, clock: FakeClock, make_pass: Any
) -> None:
    core.checkin.check_in(KARI, CheckinMethod.QR)
    core.checkin.check_in(OLE, CheckinMethod.QR)
    closing = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    # The store's closing reached this kiosk for Ole (checked out at the closing moment);
    # Kari's presence is still the kiosk's own check-in of the morning.
    central.extra_changes.append(
        change("presence", OLE, {"person_id": OLE, "checked_in": False,
                                 "at": closing.isoformat()})
    )
    clock.current = closing + timedelta(minutes=30)
    assert core.sync.sync_once()
    for person in (KARI, OLE):
        assert core.checkin.identify_pass(make_pass(person)).closed_out_at == closing
    assert core.checkin.identify_pass(make_pass(BJORN)).closed_out_at is None  # never came
    clock.current += timedelta(hours=15)  # the next morning starts fresh
    assert core.checkin.identify_pass(make_pass(KARI)).closed_out_at is None
    clock.current += timedelta(hours=9)  # and that evening's closing did not find her in
    assert core.checkin.identify_pass(make_pass(KARI)).closed_out_at is None
