"""A site's floors with each desk's state on a day, as the kiosks' map shows it, for staff.

The states come from ``kiosk.desk_rules.desk_statuses``, the function the kiosks run over their
mirror of the same rows, so the console and a kiosk that has synced never disagree. Staff also
see who holds what (names: the console's pages are for staff only) and the day's bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    BookingStatus,
    ClaimStatus,
    Desk,
    DeskAssignment,
    DeskClaim,
    Floor,
    Organisation,
    Person,
    Room,
    Site,
)
from central.domain import desks
from kiosk import desk_rules
from kiosk.desk_types import Desk as DeskShape
from kiosk.desk_types import DeskMode, DeskState, DeskStatus


@dataclass(frozen=True)
class BookingView:
    id: int
    person_id: str
    person_name: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class DeskView:
    id: str
    label: str
    zone: str
    mode: str
    active: bool
    x: float
    y: float
    width: float
    height: float
    rotation: float
    status: DeskStatus
    holder: str | None  # who sits there now (a claim or a booking), for staff
    fixed_for: str | None  # the organisation's or person's name, when a fixed desk that day
    fixed_assignment: int | None  # that assignment's id
    bookings: tuple[BookingView, ...]  # the day's booked bookings, by start

    @property
    def state(self) -> DeskState:
        return self.status.state


@dataclass(frozen=True)
class RoomView:
    name: str
    kind: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class FloorView:
    id: str
    name: str
    level: int
    width: float
    height: float
    plan_type: str
    plan: bytes
    rooms: tuple[RoomView, ...]
    desks: tuple[DeskView, ...]


def _shape(desk: Desk) -> DeskShape:
    try:
        mode = DeskMode(desk.mode)
    except ValueError:
        mode = DeskMode.DROP_IN
    return DeskShape(
        id=desk.id,
        label=desk.label,
        floor_id=desk.floor_id or "",
        x=desk.x,
        y=desk.y,
        width=desk.width,
        height=desk.height,
        rotation=desk.rotation,
        zone=desk.zone,
        equipment=tuple(desk.equipment or ()),
        mode=mode,
    )


def moment_for(site: Site, day: date, now: datetime) -> datetime:
    """The moment a day's map shows: now for today, else the start of that day."""
    return now if day == desks.local_day(site, now) else desks.day_bounds(site, day)[0]


def site_map(session: Session, site: Site, day: date, now: datetime) -> list[FloorView]:
    """Every floor of ``site`` with its rooms and desks, each desk's state at ``moment_for``."""
    moment = moment_for(site, day, now)
    today = desks.hours_of(site).day(moment)
    start, end = desks.day_bounds(site, day)
    rows = list(
        session.scalars(
            select(Desk)
            .where(Desk.site == site.code, Desk.floor_id.is_not(None))
            .order_by(Desk.label)
        )
    )
    assignments = {
        a.desk_id: a
        for a in session.scalars(
            select(DeskAssignment).where(
                DeskAssignment.site == site.code,
                DeskAssignment.valid_from <= day,
                or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > day),
            )
        )
    }
    bookings = list(
        session.scalars(
            select(Booking)
            .where(
                Booking.site == site.code,
                Booking.status == BookingStatus.BOOKED,
                Booking.start_at < end,
                Booking.end_at > start,
            )
            .order_by(Booking.start_at)
        )
    )
    claims = list(
        session.scalars(
            select(DeskClaim).where(
                DeskClaim.site == site.code,
                DeskClaim.status == ClaimStatus.ACTIVE,
                DeskClaim.start_at < end,
                DeskClaim.until > start,
            )
        )
    )
    people = {b.person_id for b in bookings} | {c.person_id for c in claims}
    people |= {a.person_id for a in assignments.values() if a.person_id}
    names: dict[str, str] = {}
    if people:
        query = select(Person.id, Person.name).where(Person.id.in_(people))
        names = {key: name for key, name in session.execute(query)}
    organisations = {
        key: name for key, name in session.execute(select(Organisation.id, Organisation.name))
    }
    statuses = desk_rules.desk_statuses(
        {d.id: (_shape(d), d.active) for d in rows},
        today,
        fixed=set(assignments),
        claims=[
            desk_rules.Hold(c.desk_id, c.person_id, desk_rules.Span(c.start_at, c.until), id=c.id)
            for c in claims
        ],
        bookings=[
            desk_rules.Hold(
                b.desk_id,
                b.person_id,
                desk_rules.Span(b.start_at, b.end_at),
                id=str(b.id),
                booking=True,
            )
            for b in bookings
        ],
    )
    holders: dict[str, str] = {}
    for b in bookings:
        if b.start_at <= moment < b.end_at:
            holders[b.desk_id] = b.person_id
    for c in claims:
        if c.start_at <= moment < c.until:
            holders[c.desk_id] = c.person_id
    bookings_of: dict[str, list[BookingView]] = {}
    for b in bookings:
        bookings_of.setdefault(b.desk_id, []).append(
            BookingView(b.id, b.person_id, names.get(b.person_id, ""), b.start_at, b.end_at)
        )
    by_floor: dict[str, list[DeskView]] = {}
    for d in rows:
        assignment = assignments.get(d.id)
        fixed_for = None
        if assignment is not None:
            fixed_for = (
                names.get(assignment.person_id, assignment.person_id)
                if assignment.person_id
                else organisations.get(assignment.organisation_id or "", "")
            )
        holder = holders.get(d.id)
        by_floor.setdefault(d.floor_id or "", []).append(
            DeskView(
                id=d.id,
                label=d.label,
                zone=d.zone,
                mode=d.mode,
                active=d.active,
                x=d.x,
                y=d.y,
                width=d.width,
                height=d.height,
                rotation=d.rotation,
                status=statuses[d.id],
                holder=names.get(holder, holder) if holder else None,
                fixed_for=fixed_for,
                fixed_assignment=assignment.id if assignment is not None else None,
                bookings=tuple(bookings_of.get(d.id, ())),
            )
        )
    floors = session.scalars(
        select(Floor).where(Floor.site == site.code).order_by(Floor.level, Floor.name)
    )
    rooms: dict[str, list[RoomView]] = {}
    for room in session.scalars(select(Room).where(Room.site == site.code).order_by(Room.id)):
        rooms.setdefault(room.floor_id, []).append(
            RoomView(room.name, room.kind, room.x, room.y, room.width, room.height)
        )
    return [
        FloorView(
            id=f.id,
            name=f.name,
            level=f.level,
            width=f.width,
            height=f.height,
            plan_type=f.plan_type,
            plan=f.plan,
            rooms=tuple(rooms.get(f.id, ())),
            desks=tuple(by_floor.get(f.id, ())),
        )
        for f in floors
    ]
