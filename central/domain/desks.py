"""The desk rules the central store enforces: fixed desks, bookings and drop-in claims.

Every time span is half-open, [start, end): a booking ending at 12:00 and one starting at 12:00
do not clash. A desk is held by at most one claim or booking at a time, and a person holds at
most one desk at a time. Callers run these in a write transaction that has taken the feed lock
(``changes.lock_feed``, which every writer of the change log takes first): on PostgreSQL that
serialises every writer that could break a rule, and on SQLite ``BEGIN IMMEDIATE`` does. The
claim table's partial unique indexes refuse a second active claim of a desk or a person on
the same day even if a path forgot the lock, so two kiosks racing for a desk get one winner.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    BookingStatus,
    ClaimStatus,
    Desk,
    DeskAssignment,
    DeskClaim,
    DeskMode,
    Floor,
    Organisation,
    Person,
    Room,
    Site,
)
from central.domain import changes
from kiosk import desk_rules
from kiosk.protocol import ConflictReason, Entity
from kiosk.wire import BookingData, DeskAssignmentData, DeskClaimData, FloorData, RoomData


class DeskRuleError(ValueError):
    """A booking or assignment breaks a rule; the message says which, for an operator, and
    ``reason`` names the rule, for a page that says it in the reader's language."""

    def __init__(self, message: str, reason: str = "rule") -> None:
        super().__init__(message)
        self.reason = reason


# --- site times (the rules are kiosk/desk_rules.py's, shared with the kiosks) ------------


def zone_of(site: Site) -> ZoneInfo:
    return desk_rules.site_zone(site.timezone)


def hours_of(site: Site) -> desk_rules.SiteHours:
    return desk_rules.SiteHours.parse(site.timezone, site.no_show_release, site.closing_time)


parse_hhmm = desk_rules.parse_hhmm


def local_moment(site: Site, day: date, hhmm: str) -> datetime:
    """``hhmm`` on ``day`` at the site, in UTC."""
    return desk_rules.local_moment(zone_of(site), day, parse_hhmm(hhmm))


def local_day(site: Site, moment: datetime) -> date:
    return desk_rules.local_day(zone_of(site), moment)


def day_bounds(site: Site, day: date) -> tuple[datetime, datetime]:
    return desk_rules.day_bounds(zone_of(site), day)


def claim_end(site: Site, at: datetime) -> datetime:
    """When a claim made at ``at`` ends: closing time, or midnight for one made after it."""
    return desk_rules.claims_end(zone_of(site), parse_hhmm(site.closing_time), at)


# --- who holds what -----------------------------------------------------------------------


def _assignment_on(session: Session, desk_id: str, day: date) -> DeskAssignment | None:
    return session.scalars(
        select(DeskAssignment).where(
            DeskAssignment.desk_id == desk_id,
            DeskAssignment.valid_from <= day,
            or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > day),
        )
    ).first()


def _person_assignment_on(session: Session, person_id: str, day: date) -> DeskAssignment | None:
    return session.scalars(
        select(DeskAssignment).where(
            DeskAssignment.person_id == person_id,
            DeskAssignment.valid_from <= day,
            or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > day),
        )
    ).first()


def _bookings_overlapping(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    desk_id: str | None = None,
    person_id: str | None = None,
) -> list[Booking]:
    query = select(Booking).where(
        Booking.status == BookingStatus.BOOKED, Booking.start_at < end, Booking.end_at > start
    )
    if desk_id is not None:
        query = query.where(Booking.desk_id == desk_id)
    if person_id is not None:
        query = query.where(Booking.person_id == person_id)
    return list(session.scalars(query.order_by(Booking.start_at)))


def _claims_overlapping(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    desk_id: str | None = None,
    person_id: str | None = None,
) -> list[DeskClaim]:
    query = select(DeskClaim).where(
        DeskClaim.status == ClaimStatus.ACTIVE, DeskClaim.start_at < end, DeskClaim.until > start
    )
    if desk_id is not None:
        query = query.where(DeskClaim.desk_id == desk_id)
    if person_id is not None:
        query = query.where(DeskClaim.person_id == person_id)
    return list(session.scalars(query))


def _holds(
    session: Session,
    span: desk_rules.Span,
    *,
    desk_id: str | None = None,
    person_id: str | None = None,
) -> list[desk_rules.Hold]:
    """The bookings, then the active claims, of the desk or the person overlapping ``span``."""
    found = [
        desk_rules.Hold(
            b.desk_id,
            b.person_id,
            desk_rules.Span(b.start_at, b.end_at),
            id=str(b.id),
            booking=True,
        )
        for b in _bookings_overlapping(
            session, span.start, span.end, desk_id=desk_id, person_id=person_id
        )
    ]
    return found + [
        desk_rules.Hold(c.desk_id, c.person_id, desk_rules.Span(c.start_at, c.until), id=c.id)
        for c in _claims_overlapping(
            session, span.start, span.end, desk_id=desk_id, person_id=person_id
        )
    ]


def _lock_desk(session: Session, desk_id: str) -> Desk | None:
    """The desk row, locked until commit on PostgreSQL (SQLite has locked the database)."""
    return session.scalars(select(Desk).where(Desk.id == desk_id).with_for_update()).first()


# --- drop-in claims ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimDecision:
    claim: DeskClaim | None  # the claim made, when it won
    reason: ConflictReason | None = None  # neutral, for the kiosk
    detail: str | None = None  # who holds it: for staff only


def claim_desk(
    session: Session, site_code: str, claim_id: str, desk_id: str, person_id: str, at: datetime
) -> ClaimDecision:
    """Give ``desk_id`` to ``person_id`` from ``at`` until closing, if nobody holds it."""
    changes.lock_feed(session)
    site = session.get(Site, site_code)
    desk = _lock_desk(session, desk_id)
    if site is None or desk is None or desk.site != site_code:
        return ClaimDecision(None, ConflictReason.DESK_NOT_CLAIMABLE, "unknown desk")
    if not desk.active or desk.mode == DeskMode.FIXED:
        return ClaimDecision(None, ConflictReason.DESK_NOT_CLAIMABLE, f"desk mode {desk.mode}")
    today = hours_of(site).day(at)
    day = today.day
    assignment = _assignment_on(session, desk_id, day)
    if assignment is not None:
        holder = assignment.person_id or assignment.organisation_id
        return ClaimDecision(None, ConflictReason.DESK_NOT_CLAIMABLE, f"fixed desk of {holder}")
    rest = today.rest()
    verdict = desk_rules.decide_claim(
        today,
        desk_holds=_holds(session, rest, desk_id=desk_id),
        person_holds=_holds(session, rest, person_id=person_id),
        person_fixed=_person_assignment_on(session, person_id, day) is not None,
    )
    if verdict.until is None:
        blocker = verdict.blocker
        if verdict.refusal is ConflictReason.DESK_TAKEN and blocker is not None:
            held = (
                f"booked by person {blocker.person_id}"
                if blocker.booking
                else f"claimed by person {blocker.person_id} (event {blocker.id})"
            )
            return ClaimDecision(None, ConflictReason.DESK_TAKEN, held)
        if blocker is None:
            return ClaimDecision(
                None, ConflictReason.PERSON_HAS_DESK, "the person has a fixed desk"
            )
        return ClaimDecision(None, ConflictReason.PERSON_HAS_DESK, "the person holds another desk")
    until = verdict.until
    status = ClaimStatus.ACTIVE
    # One active claim a day per desk and per person (the unique indexes). Any other active one
    # of the desk or the person today lies wholly before or after this one (the verdict saw to
    # that): one that ended before this began, left active because the closing job has not run
    # yet (it runs shortly after closing, or when the store is up again), ends now as that job
    # would end it; if this one arrives late (made offline) and ended before the other began,
    # it is recorded as ended.
    for other in session.scalars(
        select(DeskClaim).where(
            DeskClaim.day == day,
            DeskClaim.status == ClaimStatus.ACTIVE,
            or_(DeskClaim.desk_id == desk_id, DeskClaim.person_id == person_id),
        )
    ):
        if other.until <= at:
            _end_claim(session, other, other.until, ClaimStatus.ENDED)
        else:
            status = ClaimStatus.ENDED
    claim = DeskClaim(
        id=claim_id,
        site=site_code,
        desk_id=desk_id,
        person_id=person_id,
        day=day,
        start_at=at,
        until=until,
        status=status,
        ended_at=until if status is ClaimStatus.ENDED else None,
    )
    session.add(claim)
    session.flush()  # the unique indexes speak here, inside the caller's retry
    changes.append(session, Entity.DESK_CLAIM, claim.id, claim_data(claim), site=site_code)
    return ClaimDecision(claim)


def release_claim(
    session: Session,
    site_code: str,
    claim_id: str | None,
    desk_id: str,
    person_id: str,
    at: datetime,
) -> str | None:
    """End the person's active claim of the desk; returns a note when there was none."""
    changes.lock_feed(session)
    query = select(DeskClaim).where(
        DeskClaim.site == site_code,
        DeskClaim.desk_id == desk_id,
        DeskClaim.person_id == person_id,
        DeskClaim.status == ClaimStatus.ACTIVE,
    )
    if claim_id:
        query = query.where(DeskClaim.id == claim_id)
    claims = list(session.scalars(query))
    if not claims:
        return "no active claim"
    for claim in claims:
        _end_claim(session, claim, at, ClaimStatus.RELEASED)
    return None


def end_claims_of_person(session: Session, site_code: str, person_id: str, at: datetime) -> None:
    """The person checked out: their drop-in desk is free again."""
    for claim in session.scalars(
        select(DeskClaim).where(
            DeskClaim.site == site_code,
            DeskClaim.person_id == person_id,
            DeskClaim.status == ClaimStatus.ACTIVE,
        )
    ):
        _end_claim(session, claim, at, ClaimStatus.RELEASED)


def _end_claim(session: Session, claim: DeskClaim, at: datetime, status: ClaimStatus) -> None:
    claim.status = status
    claim.ended_at = at
    if claim.until > at:
        claim.until = max(at, claim.start_at)
    session.flush()
    changes.append(session, Entity.DESK_CLAIM, claim.id, claim_data(claim), site=claim.site)


# --- bookings and fixed desks (operators) ---------------------------------------------------


def add_booking(
    session: Session,
    person: Person,
    desk: Desk,
    start: datetime,
    end: datetime,
    *,
    now: datetime,
) -> Booking:
    """Book ``desk`` for ``person`` over [start, end). Raises DeskRuleError."""
    changes.lock_feed(session)
    if end <= start:
        raise DeskRuleError("a booking must end after it starts", "end_before_start")
    if person.site != desk.site:
        raise DeskRuleError(
            f"{person.name} belongs to {person.site}, the desk to {desk.site}", "other_site"
        )
    _lock_desk(session, desk.id)
    if not desk.active:
        raise DeskRuleError(f"desk {desk.label} is out of use", "out_of_use")
    if desk.mode != DeskMode.BOOKABLE:
        raise DeskRuleError(
            f"desk {desk.label} cannot be booked (mode {desk.mode})", "not_bookable"
        )
    site = session.get(Site, desk.site)
    assert site is not None
    day = local_day(site, start)
    while day <= local_day(site, end - timedelta(microseconds=1)):
        if _assignment_on(session, desk.id, day) is not None:
            raise DeskRuleError(f"desk {desk.label} is a fixed desk on {day}", "fixed_desk")
        day += timedelta(days=1)
    clash = _bookings_overlapping(session, start, end, desk_id=desk.id)
    if clash or _claims_overlapping(session, start, end, desk_id=desk.id):
        raise DeskRuleError(
            f"desk {desk.label} is already booked or taken at that time", "desk_taken"
        )
    if _bookings_overlapping(session, start, end, person_id=person.id) or _claims_overlapping(
        session, start, end, person_id=person.id
    ):
        raise DeskRuleError(
            f"{person.name} already holds another desk at that time", "person_has_desk"
        )
    booking = Booking(
        site=desk.site,
        desk_id=desk.id,
        person_id=person.id,
        start_at=start,
        end_at=end,
        status=BookingStatus.BOOKED,
        created_at=now,
    )
    session.add(booking)
    session.flush()
    changes.append(session, Entity.BOOKING, str(booking.id), booking_data(booking), site=desk.site)
    return booking


def set_booking_status(session: Session, booking: Booking, status: BookingStatus) -> None:
    changes.lock_feed(session)
    booking.status = status
    session.flush()
    changes.append(
        session, Entity.BOOKING, str(booking.id), booking_data(booking), site=booking.site
    )


def assign_desk(
    session: Session,
    desk: Desk,
    *,
    person: Person | None,
    organisation: Organisation | None,
    valid_from: date,
    valid_until: date | None,
) -> DeskAssignment:
    """Make ``desk`` a fixed desk of a person or an organisation over [from, until)."""
    changes.lock_feed(session)
    if (person is None) == (organisation is None):
        raise DeskRuleError("give a person or an organisation, not both")
    if valid_until is not None and valid_until <= valid_from:
        raise DeskRuleError("the assignment must end after it starts", "end_before_start")
    if person is not None and person.site != desk.site:
        raise DeskRuleError(
            f"{person.name} belongs to {person.site}, the desk to {desk.site}", "other_site"
        )
    _lock_desk(session, desk.id)
    overlapping = session.scalars(
        select(DeskAssignment).where(
            DeskAssignment.desk_id == desk.id,
            or_(DeskAssignment.valid_until.is_(None), DeskAssignment.valid_until > valid_from),
            *([DeskAssignment.valid_from < valid_until] if valid_until is not None else []),
        )
    ).first()
    if overlapping is not None:
        raise DeskRuleError(
            f"desk {desk.label} is already a fixed desk in that period", "already_fixed"
        )
    site = session.get(Site, desk.site)
    assert site is not None
    start = day_bounds(site, valid_from)[0]
    end = day_bounds(site, valid_until)[0] if valid_until is not None else None
    bookings = session.scalars(
        select(Booking).where(
            Booking.desk_id == desk.id,
            Booking.status == BookingStatus.BOOKED,
            Booking.end_at > start,
            *([Booking.start_at < end] if end is not None else []),
        )
    ).first()
    if bookings is not None:
        raise DeskRuleError(
            f"desk {desk.label} has bookings in that period: cancel them first", "has_bookings"
        )
    assignment = DeskAssignment(
        site=desk.site,
        desk_id=desk.id,
        person_id=person.id if person else None,
        organisation_id=organisation.id if organisation else None,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    session.add(assignment)
    session.flush()
    changes.append(
        session,
        Entity.DESK_ASSIGNMENT,
        str(assignment.id),
        assignment_data(assignment),
        site=desk.site,
    )
    return assignment


def set_desk_in_use(session: Session, desk: Desk, in_use: bool) -> bool:
    """Put ``desk`` out of use (or back in use); the kiosks hear it through the feed, as after
    a floor import. Its bookings stay (cancel them apart). False when it already was so."""
    changes.lock_feed(session)
    _lock_desk(session, desk.id)
    if desk.active == in_use:
        return False
    desk.active = in_use
    session.flush()
    changes.append(session, Entity.DESK, desk.id, changes.desk_data(desk), site=desk.site)
    return True


def assignment_on(session: Session, desk_id: str, day: date) -> DeskAssignment | None:
    """The fixed-desk assignment of ``desk_id`` valid on ``day``, if any."""
    return _assignment_on(session, desk_id, day)


def end_assignment(session: Session, assignment: DeskAssignment, *, day: date) -> bool:
    """End a fixed desk from ``day`` on (that day it is nobody's fixed desk any more); an
    assignment that has not begun by then ends before it begins. False if it ended already."""
    changes.lock_feed(session)
    until = max(day, assignment.valid_from)
    if assignment.valid_until is not None and assignment.valid_until <= until:
        return False
    assignment.valid_until = until
    session.flush()
    changes.append(
        session,
        Entity.DESK_ASSIGNMENT,
        str(assignment.id),
        assignment_data(assignment),
        site=assignment.site,
    )
    return True


# --- what the feed carries ------------------------------------------------------------------


def floor_data(floor: Floor) -> FloorData:
    """The floor with its plan file as base64 (an SVG plan is tens of kilobytes)."""
    return FloorData(
        id=floor.id,
        site=floor.site,
        name=floor.name,
        level=floor.level,
        plan_type=floor.plan_type,
        plan_sha256=hashlib.sha256(floor.plan).hexdigest(),
        plan=base64.b64encode(floor.plan).decode("ascii"),
        width=floor.width,
        height=floor.height,
    )


def room_data(room: Room) -> RoomData:
    return RoomData(
        id=room.id,
        floor_id=room.floor_id,
        name=room.name,
        kind=room.kind,
        x=room.x,
        y=room.y,
        width=room.width,
        height=room.height,
    )


def booking_data(booking: Booking) -> BookingData:
    """Person id only: a kiosk needs no name to know a desk is booked."""
    return BookingData(
        id=str(booking.id),
        desk_id=booking.desk_id,
        person_id=booking.person_id,
        start=booking.start_at,
        end=booking.end_at,
        status=booking.status,
    )


def claim_data(claim: DeskClaim) -> DeskClaimData:
    return DeskClaimData(
        id=claim.id,
        desk_id=claim.desk_id,
        person_id=claim.person_id,
        start=claim.start_at,
        until=claim.until,
        status=claim.status,
    )


def assignment_data(assignment: DeskAssignment) -> DeskAssignmentData:
    return DeskAssignmentData(
        id=str(assignment.id),
        desk_id=assignment.desk_id,
        person_id=assignment.person_id,
        organisation_id=assignment.organisation_id,
        valid_from=assignment.valid_from,
        valid_until=assignment.valid_until,
    )
