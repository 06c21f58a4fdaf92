"""The daily desk jobs, run inside ``regionlab-central serve``: no cron job to set up.

- no-show release: at the site's release time (default 10:00), bookings active then whose
  person has not checked in that day are released for drop-ins;
- closing: at the site's closing time (default 17:00), drop-in claims end and everyone still
  checked in is checked out;
- retention (central.jobs.retention): once a day, what the store no longer needs is deleted.

``run_due(now)`` runs every job whose moment has passed and that has not run yet, for today
and the days before (so a store that was down at 10:00 catches up when it starts). Each job
and its ``scheduler_runs`` row commit together, so running it any number of times, from any
number of processes, does each job once. The clock is passed in, so tests drive it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.db.engine import SessionFactory
from central.db.models import (
    Booking,
    BookingStatus,
    ClaimStatus,
    DeskClaim,
    SchedulerRun,
    Site,
    Visit,
)
from central.domain import changes, desks, events, guests
from central.jobs import job_runs, retention
from kiosk import desk_rules
from kiosk.clock import Clock
from kiosk.protocol import Entity

log = logging.getLogger(__name__)

NO_SHOW = desk_rules.NO_SHOW
CLOSING = desk_rules.CLOSING
CATCH_UP_DAYS = 7


@dataclass(frozen=True)
class JobRun:
    site: str
    job: str
    day: date
    affected: int


def run_due(
    factory: SessionFactory, now: datetime, *, catch_up_days: int = CATCH_UP_DAYS
) -> list[JobRun]:
    """Run every job that is due at ``now`` and has not run; returns what ran."""
    with factory() as session:
        hours_of = {s.code: desks.hours_of(s) for s in session.scalars(select(Site))}
    ran: list[JobRun] = []
    for code, hours in hours_of.items():
        # The scheduler_runs row, written with each job, is what makes it run once.
        for job, day in desk_rules.due_jobs(hours, now, (), catch_up_days):
            done = _run_once(factory, code, job, day, now)
            if done is not None:
                ran.append(done)
    return ran


def _run_once(
    factory: SessionFactory, site_code: str, job: str, day: date, now: datetime
) -> JobRun | None:
    try:
        with factory.begin() as session:
            changes.lock_feed(session)
            if session.get(SchedulerRun, (site_code, job, day)) is not None:
                return None
            site = session.get(Site, site_code)
            assert site is not None
            moment = desks.hours_of(site).moment(job, day)
            if job == NO_SHOW:
                affected = _release_no_shows(session, site, day, moment)
            else:
                affected = _close(session, site, moment, now)
            session.add(SchedulerRun(site=site_code, job=job, day=day, ran_at=now))
            session.flush()
    except IntegrityError as refused:
        job_runs.ran_elsewhere(factory, site_code, job, day, refused, log)
        return None
    # One line per run, whatever it changed: the record that each job ran once (counts only).
    log.info("scheduler: %s %s %s: %d affected", site_code, job, day, affected)
    return JobRun(site_code, job, day, affected)


def _release_no_shows(session: Session, site: Site, day: date, moment: datetime) -> int:
    day_start, _ = desks.day_bounds(site, day)
    bookings = session.scalars(
        select(Booking).where(
            Booking.site == site.code,
            Booking.status == BookingStatus.BOOKED,
            Booking.start_at < moment,
            Booking.end_at > moment,
        )
    ).all()
    released = 0
    for booking in bookings:
        visits = session.execute(
            select(Visit.checked_in_at, Visit.checked_out_at).where(
                Visit.site == site.code,
                Visit.person_id == booking.person_id,
                Visit.checked_in_at <= moment,
                or_(Visit.checked_out_at.is_(None), Visit.checked_out_at >= day_start),
            )
        ).all()
        span = desk_rules.Span(booking.start_at, booking.end_at)
        if desk_rules.missed(span, moment, [(came, left) for came, left in visits], day_start):
            desks.set_booking_status(session, booking, BookingStatus.RELEASED)
            released += 1
    return released


def _close(session: Session, site: Site, moment: datetime, now: datetime) -> int:
    affected = 0
    for claim in session.scalars(
        select(DeskClaim).where(
            DeskClaim.site == site.code,
            DeskClaim.status == ClaimStatus.ACTIVE,
            DeskClaim.start_at < moment,
        )
    ).all():
        desks._end_claim(session, claim, moment, ClaimStatus.ENDED)
        affected += 1
    # A visit dated far ahead of the clock (stored before the store refused implausible
    # times) is closed too: nobody stays "present" until the year 9999.
    for visit in session.scalars(
        select(Visit).where(
            Visit.site == site.code,
            Visit.checked_out_at.is_(None),
            or_(Visit.checked_in_at < moment, Visit.checked_in_at > now + events.MAX_AHEAD),
        )
    ).all():
        visit.checked_out_at = moment
        session.flush()
        changes.append(
            session,
            Entity.PRESENCE,
            visit.person_id,
            changes.presence_data(visit.person_id, False, moment),
            site=site.code,
        )
        affected += 1
    return affected


def guest_upkeep(factory: SessionFactory, now: datetime) -> None:
    """Hosts whose e-mail failed are tried again; guests' contacts older than 30 days go."""
    guests.send_notices(factory, now)
    with factory.begin() as session:
        guests.purge(session, now)


class SchedulerThread:
    """Calls ``run_due`` at start and then every ``interval_s`` seconds, on its own thread."""

    def __init__(
        self,
        factory: SessionFactory,
        clock: Clock,
        *,
        interval_s: float = 30.0,
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._interval = interval_s
        self._stop = threading.Event()
        # Read once, at start: a bad setting stops `serve` there, not a round later.
        self._retention = retention.RetentionPeriods.from_env()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="desk-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        while True:
            try:
                now = self._clock.now()
                run_due(self._factory, now)
                guest_upkeep(self._factory, now)
                retention.run_due(self._factory, now, self._retention)
            except Exception:  # the database may be away for a while: try again next tick
                log.exception("scheduler: a round failed")
            if self._stop.wait(self._interval):
                return
