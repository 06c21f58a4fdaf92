"""The evacuation list: everyone in the building now, from this kiosk's local state alone.

For staff only (the UI shows it behind the staff PIN, never on a public screen). It must work
when the network does not, so it reads the kiosk's mirror: its presence (its own check-ins and
the store's feed, newest wins; a check-in from before the last closing no longer counts, see
``kiosk.closing``), the people mirror for names, organisation and member/guest, and the desk
mirror for the desk each person holds (a claim, a booking or a fixed desk) or, failing that,
the zone of their cluster. Times are the site's local time.

An evacuation list rather holds one person too many than one too few: someone whose presence
the kiosk knows but whose person row it has not synced yet is listed without a name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.closing import last_closing, site_hours
from kiosk.desk_rules import Day, Hold, Span, held_desk
from kiosk.models import (
    BookingRow,
    DeskAssignmentRow,
    DeskClaimRow,
    DeskRow,
    Person,
    Presence,
    SiteSettings,
)
from kiosk.store import LocalStore

GUEST = "guest"


@dataclass(frozen=True)
class Evacuee:
    """One person in the building now."""

    person_id: str
    name: str  # "" when the kiosk has not synced this person yet
    organisation: str | None
    guest: bool
    desk: str | None  # the desk's label, when the person holds one now
    zone: str | None  # the desk's zone, or the zone of the person's cluster
    checked_in_at: datetime  # in the site's time zone


@dataclass(frozen=True)
class EvacuationList:
    site: str
    made_at: datetime  # in the site's time zone
    people: tuple[Evacuee, ...]


def evacuation_list(store: LocalStore, clock: Clock, site: str) -> EvacuationList:
    """Everyone in now, by name (unknown names last), as this kiosk knows it. One transaction
    and a handful of queries whatever the number of people: the desk mirror is read in bulk, by
    the rule of ``DeskService.todays_desk``."""
    now = clock.now()
    with store.session() as session:
        hours = site_hours(session, site)
        closed_at = last_closing(hours, now)
        rows = session.execute(
            select(Presence, Person)
            .outerjoin(Person, Person.id == Presence.person_id)
            .where(Presence.checked_in.is_(True), Presence.at >= closed_at)
        ).all()
        settings = session.get(SiteSettings, site)
        cluster_zones = dict(settings.cluster_zones or {}) if settings is not None else {}
        held = _held_desks(session, hours.day(now), {presence.person_id for presence, _ in rows})
        places = {
            row.id: (row.label, row.zone)
            for row in session.scalars(select(DeskRow).where(DeskRow.id.in_(set(held.values()))))
        }
        people = []
        for presence, person in rows:
            name, organisation, kind, cluster = person_fields(person)
            desk = places.get(held.get(presence.person_id, ""))
            people.append(
                Evacuee(
                    person_id=presence.person_id,
                    name=name,
                    organisation=organisation,
                    guest=kind == GUEST,
                    desk=desk[0] if desk is not None else None,
                    zone=desk[1] if desk is not None else cluster_zones.get(cluster or ""),
                    checked_in_at=presence.at.astimezone(hours.zone),
                )
            )
    people.sort(key=lambda p: (not p.name, p.name.casefold(), p.checked_in_at))
    return EvacuationList(site=site, made_at=now.astimezone(hours.zone), people=tuple(people))


def _held_desks(session: Session, day: Day, person_ids: set[str]) -> dict[str, str]:
    """Each person's desk today (a claim now, else a booking now or later today, else a fixed
    desk), for all of them in three queries."""
    if not person_ids:
        return {}
    claims: dict[str, list[Hold]] = defaultdict(list)
    for claim in session.scalars(
        select(DeskClaimRow).where(
            DeskClaimRow.status == "active",
            DeskClaimRow.start_at <= day.now,
            DeskClaimRow.until > day.now,
        )
    ):
        if claim.person_id in person_ids:
            claims[claim.person_id].append(
                Hold(claim.desk_id, claim.person_id, Span(claim.start_at, claim.until))
            )
    bookings: dict[str, list[Hold]] = defaultdict(list)
    for booking in session.scalars(
        select(BookingRow).where(
            BookingRow.status == "booked",
            BookingRow.end_at > day.now,
            BookingRow.start_at < day.end,
        )
    ):
        if booking.person_id in person_ids:
            bookings[booking.person_id].append(
                Hold(
                    booking.desk_id,
                    booking.person_id,
                    Span(booking.start_at, booking.end_at),
                    booking=True,
                )
            )
    fixed: dict[str, str] = {}
    for assignment in session.scalars(
        select(DeskAssignmentRow).where(
            DeskAssignmentRow.person_id.is_not(None),
            DeskAssignmentRow.valid_from <= day.day,
            or_(DeskAssignmentRow.valid_until.is_(None), DeskAssignmentRow.valid_until > day.day),
        )
    ):
        if assignment.person_id in person_ids:
            fixed.setdefault(assignment.person_id, assignment.desk_id)
    held = {}
    for person_id in person_ids:
        desk_id = held_desk(
            day, claims[person_id], bookings[person_id], fixed.get(person_id), later=True
        )
        if desk_id:
            held[person_id] = desk_id
    return held


def person_fields(person: Person | None) -> tuple[str, str | None, str, str | None]:
    if person is None:
        return "", None, "member", None
    return person.name, person.organisation, person.kind, person.cluster
