"""Who is in the building now, for staff: the evacuation list of the central store.

Members and guests with an open visit at the site, each with the desk they hold now (a claim,
a booking or a fixed desk, by the same rule as the kiosk: ``kiosk.desk_rules.held_desk``) or,
without one, the zone of their cluster, and when they came in, in the site's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    BookingStatus,
    ClaimStatus,
    Desk,
    DeskAssignment,
    DeskClaim,
    Organisation,
    Person,
    Site,
    Visit,
)
from central.domain import desks
from kiosk import desk_rules


@dataclass(frozen=True)
class Present:
    person_id: str
    name: str
    organisation: str | None
    checked_in_at: datetime
    kind: str = "member"  # or "guest"
    desk: str | None = None  # the desk's label
    zone: str | None = None  # the desk's zone, or the zone of the person's cluster
    checked_in_local: datetime | None = None  # checked_in_at in the site's time zone


def present_now(session: Session, site: str, now: datetime) -> list[Present]:
    """People with an open visit at ``site``, earliest check-in first; desks as at ``now``."""
    rows = session.execute(
        select(
            Person.id,
            Person.name,
            Organisation.name,
            Visit.checked_in_at,
            Person.kind,
            Person.cluster,
        )
        .join(Person, Person.id == Visit.person_id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Visit.site == site, Visit.checked_out_at.is_(None))
        .order_by(Visit.checked_in_at, Person.name)
    ).all()
    place = session.get(Site, site)
    if place is None or not rows:
        return [Present(*row[:4]) for row in rows]
    zone = desks.zone_of(place)
    day = desks.hours_of(place).day(now)
    cluster_zones = dict(place.cluster_zones or {})
    held = _held_desks(session, site, day)
    found = []
    for person_id, name, organisation, at, kind, cluster in rows:
        desk = held.get(person_id)
        found.append(
            Present(
                person_id=person_id,
                name=name,
                organisation=organisation,
                checked_in_at=at,
                kind=str(kind),
                desk=desk[0] if desk is not None else None,
                zone=desk[1] if desk is not None else cluster_zones.get(cluster or ""),
                checked_in_local=at.astimezone(zone),
            )
        )
    return found


def _held_desks(session: Session, site: str, day: desk_rules.Day) -> dict[str, tuple[str, str]]:
    """Person id -> the label and zone of the desk they hold now or later today, for everyone
    with an open visit at ``site``: three queries for the whole list, each naming the people
    by a subquery of the open visits rather than by 500 bound ids (their SQL, rendered and
    parsed anew on every request, had cost more than the rest of the list)."""
    inside = select(Visit.person_id).where(Visit.site == site, Visit.checked_out_at.is_(None))
    desk_of: dict[str, tuple[str, str]] = {}
    holds: dict[str, list[desk_rules.Hold]] = {}
    # The bookings, then the active claims, overlapping the rest of the day (as desks._holds).
    bookings = select(
        Booking.person_id, Booking.desk_id, Booking.start_at, Booking.end_at, Desk.label, Desk.zone
    ).where(
        Booking.status == BookingStatus.BOOKED,
        Booking.start_at < day.end,
        Booking.end_at > day.now,
        Booking.person_id.in_(inside),
    )
    claims = select(
        DeskClaim.person_id,
        DeskClaim.desk_id,
        DeskClaim.start_at,
        DeskClaim.until,
        Desk.label,
        Desk.zone,
    ).where(
        DeskClaim.status == ClaimStatus.ACTIVE,
        DeskClaim.start_at < day.end,
        DeskClaim.until > day.now,
        DeskClaim.person_id.in_(inside),
    )
    for query, booking in (
        (bookings.outerjoin(Desk, Desk.id == Booking.desk_id), True),
        (claims.outerjoin(Desk, Desk.id == DeskClaim.desk_id), False),
    ):
        for person_id, desk_id, starts, ends, label, zone in session.execute(query):
            holds.setdefault(person_id, []).append(
                desk_rules.Hold(desk_id, person_id, desk_rules.Span(starts, ends), booking=booking)
            )
            if label is not None:
                desk_of[desk_id] = (label, zone)
    fixed: dict[str, str] = {}
    for holder, assigned, label, zone in session.execute(
        select(DeskAssignment.person_id, DeskAssignment.desk_id, Desk.label, Desk.zone)
        .outerjoin(Desk, Desk.id == DeskAssignment.desk_id)
        .where(
            DeskAssignment.person_id.in_(inside),
            DeskAssignment.valid_from <= day.day,
            or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > day.day),
        )
        .order_by(DeskAssignment.valid_from.desc())  # the newest assignment, if several
    ):
        if holder is not None:
            fixed.setdefault(holder, assigned)
        if label is not None:
            desk_of[assigned] = (label, zone)
    chosen: dict[str, tuple[str, str]] = {}
    for person_id in holds.keys() | fixed.keys():
        mine = holds.get(person_id, [])
        held = desk_rules.held_desk(
            day,
            [h for h in mine if not h.booking],
            [h for h in mine if h.booking],
            fixed.get(person_id),
            later=True,  # a booking later today: that desk is where to look, as on the kiosk
        )
        if held and held in desk_of:
            chosen[person_id] = desk_of[held]
    return chosen
