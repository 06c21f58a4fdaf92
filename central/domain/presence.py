"""Who is in the building now, for staff: the evacuation list of the central store.

Members and guests with an open visit at the site, each with the desk they hold now (a claim,
a booking or a fixed desk, by the same rule as the kiosk: ``kiosk.desk_rules.held_desk``) or,
without one, the zone of their cluster, and when they came in, in the site's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Desk, Organisation, Person, Site, Visit
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
    found = []
    for person_id, name, organisation, at, kind, cluster in rows:
        desk = _held_desk(session, person_id, day)
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


def _held_desk(session: Session, person_id: str, day: desk_rules.Day) -> Desk | None:
    holds = desks._holds(session, desk_rules.Span(day.now, day.end), person_id=person_id)
    fixed = desks._person_assignment_on(session, person_id, day.day)
    desk_id = desk_rules.held_desk(
        day,
        [h for h in holds if not h.booking],
        [h for h in holds if h.booking],
        fixed.desk_id if fixed is not None else None,
        later=True,  # a booking later today: that desk is where to look, as on the kiosk
    )
    return session.get(Desk, desk_id) if desk_id else None
