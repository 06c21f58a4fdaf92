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

from central.db.models import Desk, DeskAssignment, Organisation, Person, Site, Visit
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
    held = _held_desks(session, [row[0] for row in rows], day)
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
                desk=desk.label if desk is not None else None,
                zone=desk.zone if desk is not None else cluster_zones.get(cluster or ""),
                checked_in_local=at.astimezone(zone),
            )
        )
    return found


def _held_desks(
    session: Session, person_ids: list[str], day: desk_rules.Day
) -> dict[str, Desk]:
    """The desk each person holds now or later today: a few queries for the whole list, not
    a few per person (the evacuation list of a full building)."""
    holds: dict[str, list[desk_rules.Hold]] = {}
    for hold in desks._holds(session, desk_rules.Span(day.now, day.end)):
        holds.setdefault(hold.person_id, []).append(hold)
    fixed: dict[str, str] = {}
    for chunk in _chunks(person_ids):
        for assignment in session.scalars(
            select(DeskAssignment)
            .where(
                DeskAssignment.person_id.in_(chunk),
                DeskAssignment.valid_from <= day.day,
                or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > day.day),
            )
            .order_by(DeskAssignment.valid_from.desc())  # the newest assignment, if several
        ):
            if assignment.person_id is not None:
                fixed.setdefault(assignment.person_id, assignment.desk_id)
    chosen: dict[str, str] = {}
    for person_id in person_ids:
        mine = holds.get(person_id, [])
        desk_id = desk_rules.held_desk(
            day,
            [h for h in mine if not h.booking],
            [h for h in mine if h.booking],
            fixed.get(person_id),
            later=True,  # a booking later today: that desk is where to look, as on the kiosk
        )
        if desk_id:
            chosen[person_id] = desk_id
    by_id: dict[str, Desk] = {}
    for chunk in _chunks(sorted(set(chosen.values()))):
        by_id.update({d.id: d for d in session.scalars(select(Desk).where(Desk.id.in_(chunk)))})
    return {person: by_id[desk] for person, desk in chosen.items() if desk in by_id}


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
