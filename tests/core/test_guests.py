"""Walk-in guests in the kiosk's core: input rules, one transaction, the badge, the host told."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sqlalchemy import event, func, select

from kiosk.app import KioskCore
from kiosk.domain import StoreError
from kiosk.guest_rules import (
    GuestInputError,
    GuestProblem,
    Purpose,
    clean_name,
    normalise_contact,
    normalise_phone,
)
from kiosk.guests import (
    AlreadyOut,
    GuestDetails,
    Host,
    HostNotice,
    LookupUnavailable,
    ReturningGuest,
)
from kiosk.models import OutboxEvent, Person, Presence, Visit
from kiosk.names import masked_name
from kiosk.passes import PassError, PassProblem
from tests.conftest import BJORN, KARI, LogExpectations, make_read_only
from tests.fakes import FakeCentral, FakeClock

KARI_HOST = Host(KARI, "Kari N. · NAV", "Kari")


def details(**changes: Any) -> GuestDetails:
    values: dict[str, Any] = {
        "name": "Åse-Marie O'Neill",
        "organisation": "Statsbygg",
        "host": KARI_HOST,
        "purpose": Purpose.MEETING,
        "phone": "412 34 567",
    }
    values.update(changes)
    return GuestDetails(**values)


def counts(core: KioskCore) -> tuple[int, int, int, int]:
    with core.store.session() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (OutboxEvent, Visit, Presence, Person)
        )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("41234567", "+4741234567"),
        ("412 34 567", "+4741234567"),
        ("+47 412 34 567", "+4741234567"),
        ("0047-412-34-567", "+4741234567"),
        ("(+47) 41.23.45.67", "+4741234567"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_phone_numbers_in_any_format_become_one(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["123", "4123456789012345", "telefon", "+47 abc", "😀"])
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(GuestInputError) as caught:
        normalise_phone(typed)
    assert caught.value.problem is GuestProblem.BAD_PHONE


def test_contact_field_is_a_phone_or_an_email_or_nothing() -> None:
    assert normalise_contact("  ") == (None, None)
    assert normalise_contact(" Ola@Example.ORG ") == (None, "ola@example.org")
    assert normalise_contact("41234567") == ("+4741234567", None)
    with pytest.raises(GuestInputError) as caught:
        normalise_contact("ola@nowhere")
    assert caught.value.problem is GuestProblem.BAD_EMAIL


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Åse-Marie   O'Neill ", "Åse-Marie O'Neill"),
        ("Zoë D’Arcy", "Zoë D’Arcy"),
        ("Nguyễn Thị Minh", "Nguyễn Thị Minh"),
        ("J. R. Hartley", "J. R. Hartley"),
    ],
)
def test_names_with_hyphens_apostrophes_and_accents_are_kept(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", GuestProblem.EMPTY_NAME),
        ("   ", GuestProblem.EMPTY_NAME),
        ("x" * 500, GuestProblem.NAME_TOO_LONG),
        ("Ola 😀", GuestProblem.NAME_CHARACTERS),
        ("R2D2", GuestProblem.NAME_CHARACTERS),
        ("--", GuestProblem.NAME_CHARACTERS),
    ],
)
def test_bad_names_are_refused_with_a_reason(typed: str, problem: GuestProblem) -> None:
    with pytest.raises(GuestInputError) as caught:
        clean_name(typed)
    assert caught.value.problem is problem


def test_masked_name_shows_given_name_initial_and_organisation() -> None:
    assert masked_name("Kari Nordmann", "Kari", "NAV") == "Kari N. · NAV"
    assert masked_name("Anne Lise Berg-Olsen", "Anne Lise", None) == "Anne Lise B."
    assert masked_name("Cher", "", "Kulturrådet") == "Cher · Kulturrådet"


def test_host_search_goes_through_the_core_and_shows_masked_members(
    kiosk_core: KioskCore,
) -> None:
    assert kiosk_core.guests.search_hosts("k") == []
    [kari] = kiosk_core.guests.search_hosts("kari")
    assert kari == Host(KARI, "Kari N. · NAV", "Kari")
    # A guest is never offered as a host.
    kiosk_core.guests.arrive(details(name="Karius Gjest", phone=None))
    assert [h.person_id for h in kiosk_core.guests.search_hosts("kari")] == [KARI]


def test_host_search_reads_the_people_it_found_once(kiosk_core: KioskCore) -> None:
    kiosk_core.guests.arrive(details(name="Karius Gjest", phone=None))
    kiosk_core.checkin.search("kari")  # the name index is built before counting
    selects: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    engines = kiosk_core.store.engines
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        hosts = kiosk_core.guests.search_hosts("kari")
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)
    assert [h.person_id for h in hosts] == [KARI]  # the guest left out in the same read
    assert len(selects) == 1, selects


def test_arrival_writes_guest_visit_event_and_badge_together(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    arrived = kiosk_core.guests.arrive(details())
    assert arrived.given_name == "Åse-Marie"
    assert kiosk_core.checkin.is_present(arrived.person_id)
    with kiosk_core.store.session() as session:
        [row] = session.scalars(select(OutboxEvent))
        guest = session.get(Person, arrived.person_id)
        assert guest is not None and guest.kind == "guest" and guest.search_key == ""
    body = json.loads(row.body)
    assert body["type"] == "guest_arrival" and body["id"] == arrived.event_id
    assert body["data"] == {
        "person_id": arrived.person_id,
        "method": "name",
        "pass_id": arrived.badge.pass_id,
        "name": "Åse-Marie O'Neill",
        "organisation": "Statsbygg",
        "host_id": KARI,
        "purpose": "meeting",
        "phone": "+4741234567",
    }
    assert (arrived.badge.name, arrived.badge.host) == ("Åse-Marie O'Neill", "Kari N. · NAV")
    # The store accepts it at once: now the screen may say the host is told.
    assert kiosk_core.guests.tell_host(arrived) is HostNotice.TOLD
    assert central.answers == ["accepted"]
    # Delivered, the contact leaves the kiosk.
    with kiosk_core.store.session() as session:
        [row] = session.scalars(select(OutboxEvent))
    assert "phone" not in json.loads(row.body)["data"]
    assert "41234567" not in row.body


def test_offline_the_host_is_told_later_and_the_outbox_keeps_the_arrival(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.down = True
    arrived = kiosk_core.guests.arrive(details())
    assert kiosk_core.guests.tell_host(arrived) is HostNotice.LATER
    with kiosk_core.store.session() as session:
        [row] = session.scalars(select(OutboxEvent))
    assert json.loads(row.body)["data"]["phone"] == "+4741234567"  # kept until delivered
    central.down = False
    assert kiosk_core.sync.sync_once()
    assert central.answers == ["accepted"]
    assert kiosk_core.guests.forget_contacts() == 1
    with kiosk_core.store.session() as session:
        [row] = session.scalars(select(OutboxEvent))
    assert "phone" not in json.loads(row.body)["data"]
    assert kiosk_core.guests.forget_contacts() == 0


def test_a_refused_arrival_is_not_reported_as_told(
    kiosk_core: KioskCore, central: FakeCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.guests", pattern="refused arrival")
    arrived = kiosk_core.guests.arrive(details())
    central.refuse_ids.add(arrived.event_id)
    assert kiosk_core.guests.tell_host(arrived) is HostNotice.REFUSED


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"name": ""}, GuestProblem.EMPTY_NAME),
        ({"name": "Ola 🎉 Nordmann"}, GuestProblem.NAME_CHARACTERS),
        ({"name": "a" * 500}, GuestProblem.NAME_TOO_LONG),
        ({"organisation": "NAV 🏢"}, GuestProblem.ORGANISATION_CHARACTERS),
        ({"phone": "12"}, GuestProblem.BAD_PHONE),
        ({"email": "ola@"}, GuestProblem.BAD_EMAIL),
        ({"host": Host("00000000-0000-4000-8000-00000000dead", "X Y.", "X")}, GuestProblem.NO_HOST),
    ],
)
def test_bad_input_stores_nothing(
    kiosk_core: KioskCore, changes: dict[str, Any], problem: GuestProblem
) -> None:
    before = counts(kiosk_core)
    with pytest.raises(GuestInputError) as caught:
        kiosk_core.guests.arrive(details(**changes))
    assert caught.value.problem is problem
    assert counts(kiosk_core) == before


def test_a_full_disk_stores_nothing_half_way(
    kiosk_core: KioskCore, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.store", logging.ERROR, "readonly")
    before = counts(kiosk_core)
    make_read_only(kiosk_core)
    with pytest.raises(StoreError):
        kiosk_core.guests.arrive(details())
    assert counts(kiosk_core) == before


def test_the_badge_checks_its_guest_out_once(kiosk_core: KioskCore, clock: FakeClock) -> None:
    arrived = kiosk_core.guests.arrive(details())
    token = arrived.badge.token
    assert kiosk_core.guests.is_badge(token)
    assert kiosk_core.guests.is_badge(token.lower())  # a scanner with Caps Lock
    clock.advance(hours=4)
    out = kiosk_core.guests.check_out_badge(token)
    assert out.person.person_id == arrived.person_id
    assert not kiosk_core.checkin.is_present(arrived.person_id)
    with pytest.raises(AlreadyOut):
        kiosk_core.guests.check_out_badge(token)


def test_a_member_pass_or_garbage_is_not_a_badge(kiosk_core: KioskCore, make_pass: Any) -> None:
    kiosk_core.guests.arrive(details())
    assert not kiosk_core.guests.is_badge(make_pass(KARI))
    assert not kiosk_core.guests.is_badge("RL1GARBAGE")
    assert not kiosk_core.guests.is_badge("x" * 5000)


def test_a_forged_or_old_badge_does_not_check_out(kiosk_core: KioskCore, clock: FakeClock) -> None:
    arrived = kiosk_core.guests.arrive(details())
    token = arrived.badge.token
    forged = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(PassError) as caught:
        kiosk_core.guests.check_out_badge(forged)
    assert caught.value.problem in (PassProblem.BAD_SIGNATURE, PassProblem.GARBLED)
    clock.advance(days=2)
    with pytest.raises(PassError) as caught:
        kiosk_core.guests.check_out_badge(token)
    assert caught.value.problem is PassProblem.EXPIRED
    # Neither checked the guest out (the site's closing has ended their presence by now, so
    # the visit itself says it: no check-out was recorded for it).
    with kiosk_core.store.session() as session:
        visit = session.scalars(select(Visit).where(Visit.person_id == arrived.person_id)).one()
        assert visit.checked_out_at is None


class Finder:
    def __init__(self, answer: dict[str, Any] | None = None, down: bool = False) -> None:
        self.answer, self.down, self.asked = answer, down, list[str]()
        self.timeouts: list[float | None] = []

    def find_guest(self, contact: str, timeout_s: float | None = None) -> dict[str, Any] | None:
        from kiosk.central_client import TransportError

        self.asked.append(contact)
        self.timeouts.append(timeout_s)
        if self.down:
            raise TransportError("down")
        return self.answer


def test_returning_guest_is_asked_of_the_store_by_normalised_contact(
    kiosk_core: KioskCore,
) -> None:
    guest_id = "7a1c2d3e-0000-4000-8000-000000000077"
    finder = Finder(
        {"person_id": guest_id, "display": "Åse O. · Statsbygg", "name": "Åse O'Neill",
         "organisation": "Statsbygg"}
    )  # fmt: skip
    kiosk_core.guests._finder = finder
    found = kiosk_core.guests.find_returning("412 34 567")
    assert found == ReturningGuest(guest_id, "Åse O. · Statsbygg", "Åse O'Neill", "Statsbygg")
    assert finder.asked == ["+4741234567"]
    assert kiosk_core.guests.find_returning("") is None
    finder.down = True
    with pytest.raises(LookupUnavailable):
        kiosk_core.guests.find_returning("ola@example.org")
    with pytest.raises(GuestInputError):
        kiosk_core.guests.find_returning("12")
    arrived = kiosk_core.guests.arrive(
        details(
            person_id=guest_id,
            name=found.name,
            host=Host(BJORN, "Bjørn Å. · Skatteetaten", "Bjørn"),
        )
    )
    assert arrived.person_id == guest_id
