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

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.closing import last_closing, site_hours
from kiosk.desks import DeskService
from kiosk.models import Person, Presence, SiteSettings
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


def evacuation_list(
    store: LocalStore, desks: DeskService, clock: Clock, site: str
) -> EvacuationList:
    """Everyone in now, by name (unknown names last), as this kiosk knows it."""
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
        found = [
            (presence.person_id, presence.at, person_fields(person)) for presence, person in rows
        ]
    people = []
    for person_id, at, (name, organisation, kind, cluster) in found:
        desk = desks.todays_desk(person_id)
        people.append(
            Evacuee(
                person_id=person_id,
                name=name,
                organisation=organisation,
                guest=kind == GUEST,
                desk=desk.label if desk is not None else None,
                zone=desk.zone if desk is not None else cluster_zones.get(cluster or ""),
                checked_in_at=at.astimezone(hours.zone),
            )
        )
    people.sort(key=lambda p: (not p.name, p.name.casefold(), p.checked_in_at))
    return EvacuationList(site=site, made_at=now.astimezone(hours.zone), people=tuple(people))


def person_fields(person: Person | None) -> tuple[str, str | None, str, str | None]:
    if person is None:
        return "", None, "member", None
    return person.name, person.organisation, person.kind, person.cluster
