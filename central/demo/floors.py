"""Demo floors of RegionLab Lister, and bookings, fixed desks and a claim for today.

The plans and desk lists live in ``resources/floorplans/`` (drawn by
``scripts/draw_floorplans.py``). The day's bookings are placed relative to the current time so
that, whenever the demo starts, the map shows every state: free, booked later today, occupied,
fixed and out of use. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    Desk,
    DeskAssignment,
    DeskClaim,
    Floor,
    Organisation,
    Person,
    Site,
)
from central.domain import changes, desks, directory, floors
from kiosk.protocol import Entity
from kiosk.resources import resource_path

PLANS = resource_path("resources", "floorplans")
SITE = "lyngdal"


@dataclass(frozen=True)
class DemoFloor:
    name: str
    level: int
    stem: str


FLOORS = (
    DemoFloor("1. etasje", 1, "lister-1-etasje"),
    DemoFloor("2. etasje", 2, "lister-2-etasje"),
)
CLUSTER_ZONES = {
    "næring": "Sone A",
    "naturforvaltning": "Sone A",
    "helse": "Sone B",
    "barn og unge": "Sone B",
    "utdanning": "Sone C",
}


def _person(session: Session, email: str) -> Person | None:
    return directory.find_person(session, email)


def load(session: Session, *, now: datetime) -> int:
    """Import the demo floors (if changed) and today's desk situation; returns rows changed."""
    changed = 0
    site = session.get(Site, SITE)
    if site is None:
        return 0
    if site.cluster_zones != CLUSTER_ZONES:
        changes.lock_feed(session)
        site.cluster_zones = dict(CLUSTER_ZONES)
        session.flush()
        changes.append(session, Entity.SITE, site.code, changes.site_data(site), site=None)
        changed += 1
    for spec in FLOORS:
        plan_path = PLANS / f"{spec.stem}.svg"
        plan_bytes = plan_path.read_bytes()
        floor = session.scalars(
            select(Floor).where(Floor.site == SITE, Floor.name == spec.name)
        ).first()
        if floor is not None and floor.plan == plan_bytes:
            continue
        floors.import_files(
            session,
            site=SITE,
            name=spec.name,
            level=spec.level,
            plan_path=plan_path,
            desks_path=PLANS / f"{spec.stem}-desks.json",
        )
        changed += 1
    changed += _today(session, site, now)
    return changed


def _today(session: Session, site: Site, now: datetime) -> int:
    changed = 0
    today = desks.local_day(site, now)
    day_start, day_end = desks.day_bounds(site, today)
    release = desks.local_moment(site, today, site.no_show_release)

    def desk(label: str) -> Desk:
        found = session.get(Desk, directory.desk_id(SITE, label))
        assert found is not None, label
        return found

    # Fixed desks: B-10 for NAV, B-11 for Jørgen Bakke, from a month ago.
    nav = session.get(Organisation, "nav")
    jorgen = _person(session, "jorgen.bakke@nav.no")
    for label, person, organisation in (("B-10", None, nav), ("B-11", jorgen, None)):
        if person is None and organisation is None:
            continue
        if session.scalars(
            select(DeskAssignment).where(DeskAssignment.desk_id == desk(label).id)
        ).first():
            continue
        desks.assign_desk(
            session,
            desk(label),
            person=person,
            organisation=organisation,
            valid_from=today - timedelta(days=30),
            valid_until=None,
        )
        changed += 1

    # Kari has booked B-12 today: from 08:00, or (when the demo starts after the no-show time,
    # which would release it) from the current hour, until closing or at least four hours on.
    kari = _person(session, "kari.nordmann@nav.no")
    start = desks.local_moment(site, today, "08:00")
    if now >= release:
        start = now.replace(minute=0, second=0, microsecond=0)
    end = min(
        day_end, max(desks.local_moment(site, today, site.closing_time), now + timedelta(hours=4))
    )
    if kari is not None:
        changed += _book(session, kari, desk("B-12"), start, end, day_start, day_end, now)
    # Someone comes to A-02 later today: the map shows it "booked later".
    randi = _person(session, "randi.loland@agderfk.no")
    later = now.replace(second=0, microsecond=0) + timedelta(minutes=45)
    if randi is not None and later + timedelta(minutes=10) < day_end:
        changed += _book(
            session,
            randi,
            desk("A-02"),
            later,
            min(day_end, later + timedelta(hours=3)),
            day_start,
            day_end,
            now,
        )
    # A drop-in sits at A-07 already.
    malin = _person(session, "malin.skipnes@lyngdal.kommune.no")
    if (
        malin is not None
        and not session.scalars(
            select(DeskClaim).where(DeskClaim.person_id == malin.id, DeskClaim.day == today)
        ).first()
    ):
        decision = desks.claim_desk(
            session,
            SITE,
            f"00000000-0000-4000-8000-{today:%Y%m%d}0007",
            desk("A-07").id,
            malin.id,
            now,
        )
        changed += decision.claim is not None
    return changed


def _book(
    session: Session,
    person: Person,
    desk: Desk,
    start: datetime,
    end: datetime,
    day_start: datetime,
    day_end: datetime,
    now: datetime,
) -> int:
    exists = session.scalars(
        select(Booking).where(
            Booking.person_id == person.id,
            Booking.desk_id == desk.id,
            Booking.start_at < day_end,
            Booking.end_at > day_start,
        )
    ).first()
    if exists is not None:
        return 0
    try:
        desks.add_booking(session, person, desk, start, end, now=now)
    except desks.DeskRuleError:
        return 0  # the desk is taken at that time: the demo goes without this booking
    return 1
