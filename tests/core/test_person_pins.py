"""PINs for acting in someone's name, and what a check-out by name does to a desk."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.app import KioskCore
from kiosk.person_pins import PinAnswer
from kiosk.pin import hash_pin
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, PEOPLE
from tests.fakes import FakeCentral, FakeClock

KARI_PIN = "4711"


@pytest.fixture(scope="module")
def kari_hash() -> str:
    return hash_pin(KARI_PIN)


@pytest.fixture
def central(signing_key: Any, kari_hash: str) -> FakeCentral:
    people = [dict(p) for p in PEOPLE]
    for person in people:
        if person["id"] == KARI:
            person["pin_hash"] = kari_hash
    return FakeCentral(keys=[signing_key], people=people)


def test_the_pin_hash_comes_through_the_feed_and_only_the_right_pin_passes(
    kiosk_core: KioskCore,
) -> None:
    pins = kiosk_core.pins
    assert pins.has_pin(KARI) and not pins.has_pin(BJORN)
    assert pins.check(KARI, "0000").answer is PinAnswer.WRONG
    assert pins.check(KARI, KARI_PIN).answer is PinAnswer.ACCEPTED
    assert pins.check(BJORN, KARI_PIN).answer is PinAnswer.NO_PIN
    assert pins.check(KARI, "12ab").answer is PinAnswer.WRONG  # not a PIN at all


def test_five_wrong_pins_lock_name_actions_for_that_person_for_five_minutes(
    kiosk_core: KioskCore, clock: FakeClock
) -> None:
    pins = kiosk_core.pins
    answers = [pins.check(KARI, "9999").answer for _ in range(5)]
    assert answers == [PinAnswer.WRONG] * 4 + [PinAnswer.LOCKED]
    locked = pins.check(KARI, KARI_PIN)  # the right PIN does not open the lock
    assert locked.answer is PinAnswer.LOCKED and locked.locked_until is not None
    assert pins.status(KARI).answer is PinAnswer.LOCKED
    assert pins.status(BJORN).answer is PinAnswer.NO_PIN  # another person is not locked
    clock.advance(minutes=4, seconds=59)
    assert pins.check(KARI, KARI_PIN).answer is PinAnswer.LOCKED
    clock.advance(seconds=1)
    assert pins.check(KARI, KARI_PIN).answer is PinAnswer.ACCEPTED


def test_the_right_pin_clears_the_count_of_wrong_ones(kiosk_core: KioskCore) -> None:
    pins = kiosk_core.pins
    for _ in range(4):
        assert pins.check(KARI, "9999").answer is PinAnswer.WRONG
    assert pins.check(KARI, KARI_PIN).answer is PinAnswer.ACCEPTED
    assert pins.check(KARI, "9999").answer is PinAnswer.WRONG  # counting starts again


def test_a_feed_update_without_a_hash_removes_the_pin(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    for person in central.people:
        person.pop("pin_hash", None)
    central.extra_changes.append(
        {"entity": "person", "op": "upsert", "key": KARI, "data": {**PEOPLE[0], "site": "lyngdal"}}
    )
    assert kiosk_core.sync.sync_once()
    assert not kiosk_core.pins.has_pin(KARI)


def test_checking_in_someone_already_in_keeps_one_visit_and_still_tells_the_store(
    kiosk_core: KioskCore,
) -> None:
    from sqlalchemy import select

    from kiosk.models import OutboxEvent, Visit

    first = kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    again = kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    assert first.outcome is again.outcome
    with kiosk_core.store.session() as session:
        assert len(session.scalars(select(Visit)).all()) == 1
        assert len(session.scalars(select(OutboxEvent)).all()) == 2
    # Out when not in: nothing to close, still recorded and sent, and the answer is the same.
    kiosk_core.checkin.check_out(KARI, CheckinMethod.NAME)
    out_again = kiosk_core.checkin.check_out(KARI, CheckinMethod.NAME)
    assert not kiosk_core.checkin.is_present(KARI) and out_again.person.person_id == KARI
