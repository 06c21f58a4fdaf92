"""Retention by default: the store forgets what it no longer needs, once a day, per site.

Defaults (each a setting, ``REGIONLAB_RETENTION_<NAME>`` in days):

- ``GUEST_DAYS`` 30: guests (kind ``guest``) with no visit, pass, invitation, booking or claim
  since then are deleted with all their rows; guests' visits older than that too, and the
  arrivals (who came to see whom) the kiosk's guest form recorded;
- ``MEMBER_VISIT_DAYS`` 90: members' visits;
- ``DESK_DAYS`` 90: desk claims and bookings that ended before then;
- ``EVENT_DAYS`` 90: the store's records of the events kiosks sent;
- ``DEACTIVATED_PERSON_DAYS`` 90: deactivated people, that long after a run first found them
  deactivated, with no trace since then;
- ``AUDIT_DAYS`` 365: the staff console's audit log (the site's entries, and those of no
  site). A year: long enough to answer a member who asks who opened or changed their data over
  the last year (an access request, a complaint, the yearly review of the log), no longer,
  because the log itself names staff and, by id, the people they looked at.

Before any visit is deleted, ``daily_aggregates`` gets, per site, local day, organisation and
kind, how many distinct people came and how many visits there were: the pilot's reports read
those. Days younger than the guest period are counted again at every run (late check-ins from a
kiosk that was offline are included); older days keep the count they had when their guests'
visits were deleted.

The run and its ``scheduler_runs`` row (job ``retention``, the site's local day) commit together
under the feed lock, so it runs once a day however many processes try. Each run is logged with
counts, never names. Deleted entities leave tombstones in the changes feed, so kiosks forget them.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.db.engine import SessionFactory
from central.db.models import (
    AuditEntry,
    Booking,
    ClaimStatus,
    DailyAggregate,
    DeskAssignment,
    DeskClaim,
    EventRecord,
    GuestArrival,
    Invitation,
    LunchSignup,
    PassRecord,
    Person,
    PersonKind,
    SchedulerRun,
    Site,
    Visit,
)
from central.domain import changes, desks
from central.domain.reports import aggregates as report_cells
from central.jobs import job_runs
from kiosk import desk_rules
from kiosk.protocol import ChangeOp, Entity

log = logging.getLogger(__name__)

RETENTION = "retention"
ENV_PREFIX = "REGIONLAB_RETENTION_"
_CHUNK = 500


@dataclass(frozen=True)
class RetentionPeriods:
    guest_days: int = 30
    member_visit_days: int = 90
    desk_days: int = 90
    event_days: int = 90
    deactivated_person_days: int = 90
    audit_days: int = 365

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RetentionPeriods:
        """The defaults, overridden by ``REGIONLAB_RETENTION_GUEST_DAYS`` and the like."""
        environ = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            if name in environ:
                try:
                    values[spec.name] = int(environ[name])
                except ValueError:
                    raise ValueError(f"{name} must be a whole number of days") from None
                if values[spec.name] < 1:
                    raise ValueError(f"{name} must be at least 1 day")
        return cls(**values)


@dataclass
class RetentionRun:
    site: str
    day: date
    deleted: dict[str, int] = field(default_factory=dict)


def run_due(
    factory: SessionFactory, now: datetime, periods: RetentionPeriods | None = None
) -> list[RetentionRun]:
    """Run retention for every site that has not had it on its local day yet."""
    periods = periods or RetentionPeriods.from_env()
    with factory() as session:
        sites = {s.code: desks.hours_of(s) for s in session.scalars(select(Site))}
    ran = []
    for code, hours in sites.items():
        day = desk_rules.local_day(hours.zone, now)
        done = _run_once(factory, code, day, now, periods)
        if done is not None:
            ran.append(done)
    return ran


def _run_once(
    factory: SessionFactory, code: str, day: date, now: datetime, periods: RetentionPeriods
) -> RetentionRun | None:
    try:
        with factory.begin() as session:
            changes.lock_feed(session)
            if session.get(SchedulerRun, (code, RETENTION, day)) is not None:
                return None
            site = session.get(Site, code)
            assert site is not None
            # The tombstones are written together at the end, one statement for all.
            with changes.collected(session):
                run = RetentionRun(code, day, _forget(session, site, day, now, periods))
            session.add(SchedulerRun(site=code, job=RETENTION, day=day, ran_at=now))
            session.flush()
    except IntegrityError as refused:
        job_runs.ran_elsewhere(factory, code, RETENTION, day, refused, log)
        return None
    counts = ", ".join(f"{name} {count}" for name, count in run.deleted.items())
    log.info("retention: %s %s: deleted %s", code, day, counts)
    return run


def _forget(
    session: Session, site: Site, today: date, now: datetime, periods: RetentionPeriods
) -> dict[str, int]:
    zone = desks.hours_of(site).zone
    _aggregate(session, site.code, zone, today, periods.guest_days)
    report_cells.refresh_before_forgetting(
        session, site.code, today, periods.guest_days, periods.member_visit_days
    )
    guest_cut = now - timedelta(days=periods.guest_days)
    member_cut = now - timedelta(days=periods.member_visit_days)
    desk_cut = now - timedelta(days=periods.desk_days)
    deleted = {
        "guest arrivals": _delete_arrivals(session, site.code, guest_cut),
        "guest visits": _delete_visits(session, site.code, PersonKind.GUEST, guest_cut),
        "member visits": _delete_visits(session, site.code, PersonKind.MEMBER, member_cut),
        "desk claims": _delete_claims(session, site.code, desk_cut),
        "bookings": _delete_bookings(session, site.code, desk_cut),
    }
    guests = _people_without_trace(session, site.code, Person.kind == PersonKind.GUEST, guest_cut)
    deactivated_cut = now - timedelta(days=periods.deactivated_person_days)
    _note_deactivations(session, site.code, now)
    gone = _people_without_trace(
        session,
        site.code,
        Person.active.is_(False) & (Person.deactivated_at < deactivated_cut),
        deactivated_cut,
    )
    deleted["guests"] = _delete_people(session, guests)
    deleted["deactivated people"] = _delete_people(session, [p for p in gone if p not in guests])
    deleted["event records"] = _delete_events(
        session, site.code, now - timedelta(days=periods.event_days)
    )
    deleted["audit entries"] = _delete_audit(
        session, site.code, now - timedelta(days=periods.audit_days)
    )
    return deleted


# --- aggregates -------------------------------------------------------------------------------


def _aggregate(session: Session, code: str, zone: Any, today: date, fresh_days: int) -> None:
    """Count each past day that has visits: again if it is younger than ``fresh_days``, once
    (never recounted after its guests' visits are gone) if older."""
    start_of_today, _ = desk_rules.day_bounds(zone, today)
    rows = session.execute(
        select(Visit.checked_in_at, Visit.person_id, Person.organisation_id, Person.kind)
        .join(Person, Person.id == Visit.person_id)
        .where(Visit.site == code, Visit.checked_in_at < start_of_today)
    ).all()
    counted = set(
        session.scalars(select(DailyAggregate.day).where(DailyAggregate.site == code).distinct())
    )
    fresh_from = today - timedelta(days=fresh_days)
    groups: dict[date, dict[tuple[str, str], tuple[set[str], list[int]]]] = defaultdict(dict)
    for checked_in_at, person_id, organisation_id, kind in rows:
        day = desk_rules.local_day(zone, checked_in_at)
        if day in counted and day < fresh_from:
            continue
        people, visits = groups[day].setdefault((organisation_id or "", kind), (set(), [0]))
        people.add(person_id)
        visits[0] += 1
    for day, by_group in groups.items():
        session.execute(
            delete(DailyAggregate).where(DailyAggregate.site == code, DailyAggregate.day == day)
        )
        for (organisation_id, kind), (people, visits) in by_group.items():
            session.add(
                DailyAggregate(
                    site=code,
                    day=day,
                    organisation_id=organisation_id,
                    kind=kind,
                    people=len(people),
                    visits=visits[0],
                )
            )
    session.flush()


# --- deleting ---------------------------------------------------------------------------------


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _delete_visits(session: Session, code: str, kind: PersonKind, cut: datetime) -> int:
    visits = session.execute(
        select(Visit.id, Visit.check_in_event_id, Visit.check_out_event_id)
        .join(Person, Person.id == Visit.person_id)
        .where(Visit.site == code, Person.kind == kind, Visit.checked_in_at < cut)
    ).all()
    _delete_visit_rows(session, visits)
    return len(visits)


def _delete_visit_rows(session: Session, visits: Sequence[Any]) -> None:
    """Visits, then the event records they were made from (the visits refer to them), but
    for a guest's arrival still kept: ``_delete_events`` takes that record when it is free."""
    for chunk in _chunks([v.id for v in visits]):
        session.execute(delete(Visit).where(Visit.id.in_(chunk)))
    events = [e for v in visits for e in (v.check_in_event_id, v.check_out_event_id) if e]
    for chunk in _chunks(events):
        session.execute(
            delete(EventRecord).where(
                EventRecord.id.in_(chunk),
                EventRecord.id.not_in(select(GuestArrival.id).where(GuestArrival.id.in_(chunk))),
            )
        )


def _delete_arrivals(session: Session, code: str, cut: datetime) -> int:
    """Who came to see whom, from the kiosk's guest form: kept as long as the guests' visits."""
    result = session.execute(
        delete(GuestArrival)
        .where(GuestArrival.site == code, GuestArrival.arrived_at < cut)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _delete_claims(session: Session, code: str, cut: datetime) -> int:
    claims = session.scalars(
        select(DeskClaim).where(
            DeskClaim.site == code,
            DeskClaim.status != ClaimStatus.ACTIVE,
            DeskClaim.start_at < cut,
        )
    ).all()
    _delete_claim_rows(session, claims)
    return len(claims)


def _delete_claim_rows(session: Session, claims: Sequence[DeskClaim]) -> None:
    for claim in claims:
        session.delete(claim)
        changes.append(
            session, Entity.DESK_CLAIM, claim.id, None, site=claim.site, op=ChangeOp.DELETE
        )
    session.flush()


def _delete_bookings(session: Session, code: str, cut: datetime) -> int:
    bookings = session.scalars(
        select(Booking).where(Booking.site == code, Booking.end_at < cut)
    ).all()
    _delete_booking_rows(session, bookings)
    return len(bookings)


def _delete_booking_rows(session: Session, bookings: Sequence[Booking]) -> None:
    for booking in bookings:
        session.delete(booking)
        changes.append(
            session, Entity.BOOKING, str(booking.id), None, site=booking.site, op=ChangeOp.DELETE
        )
    session.flush()


def _note_deactivations(session: Session, code: str, now: datetime) -> None:
    """Start the clock for people found deactivated; stop it for people active again."""
    session.execute(
        update(Person)
        .where(Person.site == code, Person.active.is_(False), Person.deactivated_at.is_(None))
        .values(deactivated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Person)
        .where(Person.site == code, Person.active.is_(True), Person.deactivated_at.is_not(None))
        .values(deactivated_at=None)
        .execution_options(synchronize_session=False)
    )


def _people_without_trace(session: Session, code: str, which: Any, cut: datetime) -> list[str]:
    """People of the site matching ``which`` with no visit, pass, invitation, booking, claim or
    desk assignment since ``cut``."""
    candidates = list(session.scalars(select(Person.id).where(Person.site == code, which)))
    if not candidates:
        return []
    recent: set[str] = set()
    for chunk in _chunks(candidates):
        recent |= set(
            session.scalars(
                select(Visit.person_id).where(
                    Visit.person_id.in_(chunk),
                    or_(Visit.checked_in_at >= cut, Visit.checked_out_at.is_(None)),
                )
            )
        )
        recent |= set(
            session.scalars(
                select(PassRecord.person_id).where(
                    PassRecord.person_id.in_(chunk), PassRecord.valid_to >= cut
                )
            )
        )
        for column in (Invitation.guest_id, Invitation.host_id):
            recent |= set(
                session.scalars(
                    select(column).where(column.in_(chunk), Invitation.created_at >= cut)
                )
            )
        recent |= set(
            session.scalars(
                select(Booking.person_id).where(Booking.person_id.in_(chunk), Booking.end_at >= cut)
            )
        )
        recent |= set(
            session.scalars(
                select(DeskClaim.person_id).where(
                    DeskClaim.person_id.in_(chunk), DeskClaim.start_at >= cut
                )
            )
        )
        recent |= set(
            session.scalars(
                select(DeskAssignment.person_id).where(
                    DeskAssignment.person_id.in_(chunk),
                    or_(
                        DeskAssignment.valid_until.is_(None),
                        DeskAssignment.valid_until >= cut.date(),
                    ),
                )
            )
        )
    return [p for p in candidates if p not in recent]


def _delete_people(session: Session, people: Sequence[str]) -> int:
    """Each person with every row that names them; the feed keeps only their tombstones.
    A few hundred at a time, a statement per table, not a round of statements per person."""
    for chunk in _chunks(list(people)):
        found = session.execute(select(Person.id, Person.site).where(Person.id.in_(chunk))).all()
        ids = [person_id for person_id, _ in found]
        if not ids:
            continue
        _delete_naming(session, _NAMING_PEOPLE, ids)
        visits = session.execute(
            select(Visit.id, Visit.check_in_event_id, Visit.check_out_event_id).where(
                Visit.person_id.in_(ids)
            )
        ).all()
        _delete_visit_rows(session, visits)
        _delete_claim_rows(
            session, session.scalars(select(DeskClaim).where(DeskClaim.person_id.in_(ids))).all()
        )
        _delete_booking_rows(
            session, session.scalars(select(Booking).where(Booking.person_id.in_(ids))).all()
        )
        _delete_naming(session, _NAMING_PEOPLE_LAST, ids)
        for person_id, site in found:
            for entity in (Entity.PERSON, Entity.PRESENCE):
                changes.append(session, entity, person_id, None, site=site, op=ChangeOp.DELETE)
    return len(people)


def _delete_naming(
    session: Session, tables: Sequence[tuple[type, tuple[Any, ...]]], ids: Sequence[str]
) -> None:
    """The rows of each table in which one of the columns names one of ``ids``."""
    for table, columns in tables:
        session.execute(
            delete(table)
            .where(or_(*(column.in_(ids) for column in columns)))
            .execution_options(synchronize_session=False)
        )


# The rows that name a person, deleted with them: before their visits, claims and bookings...
_NAMING_PEOPLE: list[tuple[type, tuple[Any, ...]]] = [
    (Invitation, (Invitation.guest_id, Invitation.host_id)),
    (GuestArrival, (GuestArrival.guest_id, GuestArrival.host_id)),
    (LunchSignup, (LunchSignup.person_id,)),
]
# ...and after them: the passes (invitations refer to them) and last the person.
_NAMING_PEOPLE_LAST: list[tuple[type, tuple[Any, ...]]] = [
    (DeskAssignment, (DeskAssignment.person_id,)),
    (PassRecord, (PassRecord.person_id,)),
    (Person, (Person.id,)),
]


def _delete_events(session: Session, code: str, cut: datetime) -> int:
    """Event records older than ``cut`` that no remaining visit or guest arrival refers to."""
    referenced = select(Visit.check_in_event_id).union(
        select(Visit.check_out_event_id).where(Visit.check_out_event_id.is_not(None)),
        select(GuestArrival.id),  # an arrival kept longer than the events (the settings allow it)
    )
    old = list(
        session.scalars(
            select(EventRecord.id).where(
                EventRecord.site == code, EventRecord.at < cut, EventRecord.id.not_in(referenced)
            )
        )
    )
    for chunk in _chunks(old):
        session.execute(delete(EventRecord).where(EventRecord.id.in_(chunk)))
    return len(old)


def _delete_audit(session: Session, code: str, cut: datetime) -> int:
    """The site's audit log entries older than ``cut``, and those of no site (log-ins to the
    console as a whole): whichever site's run comes first takes them."""
    result = session.execute(
        delete(AuditEntry)
        .where(AuditEntry.at < cut, or_(AuditEntry.site == code, AuditEntry.site.is_(None)))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
