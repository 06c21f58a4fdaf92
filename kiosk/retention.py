"""Retention on the kiosk: keep personal data no longer than the kiosk needs it.

- An outbox row the central store has answered is deleted ``sent_days`` after its answer (a
  setting, 7 days by default). Waiting and set-aside events are never deleted here: they are
  not in the store yet.
- A visit recorded here on an earlier day (in the site's time zone) is deleted once the kiosk
  no longer needs it: it is closed, or its person is not checked in any more. An open visit of
  someone still checked in is kept: their check-out closes it.

Each run logs what it deleted as counts, never names or ids. It runs when the kiosk starts and
then once a day from the sync thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.clock import Clock
from kiosk.models import OutboxEvent, Presence, SiteSettings, Visit
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Europe/Oslo"
RUN_EVERY = timedelta(hours=24)


@dataclass(frozen=True)
class Pruned:
    sent_events: int
    visits: int


def prune(session: Session, now: datetime, site: str, sent_days: int) -> Pruned:
    """Delete what the kiosk no longer needs (see the module's text), in the caller's unit."""
    sent_before = now - timedelta(days=sent_days)
    sent = session.execute(
        delete(OutboxEvent).where(
            OutboxEvent.status.not_in((outbox.PENDING, outbox.SET_ASIDE)),
            OutboxEvent.answered_at.is_not(None),
            OutboxEvent.answered_at < sent_before,
        )
    )
    still_in = select(Presence.person_id).where(Presence.checked_in.is_(True))
    visits = session.execute(
        delete(Visit).where(
            Visit.checked_in_at < _start_of_day(session, now, site),
            or_(
                Visit.checked_out_at.is_not(None),
                and_(Visit.checked_out_at.is_(None), Visit.person_id.not_in(still_in)),
            ),
        )
    )
    return Pruned(
        sent_events=int(getattr(sent, "rowcount", 0) or 0),
        visits=int(getattr(visits, "rowcount", 0) or 0),
    )


def _start_of_day(session: Session, now: datetime, site: str) -> datetime:
    settings = session.get(SiteSettings, site)
    try:
        zone = ZoneInfo(settings.timezone if settings else DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone)


class Retention:
    """Runs ``prune`` at start and then at most once per RUN_EVERY (``maybe_run``)."""

    def __init__(self, store: LocalStore, clock: Clock, site: str, sent_days: int) -> None:
        self._store = store
        self._clock = clock
        self._site = site
        self._sent_days = sent_days
        self._last_run: datetime | None = None

    def run(self) -> Pruned:
        now = self._clock.now()
        with self._store.session() as session:
            pruned = prune(session, now, self._site, self._sent_days)
        self._last_run = now
        log.info(
            "retention: deleted %d sent events older than %d days and %d visits of earlier days",
            pruned.sent_events,
            self._sent_days,
            pruned.visits,
        )
        return pruned

    def maybe_run(self) -> Pruned | None:
        """Run if a day has passed since the last run. Any thread; never raises."""
        if self._last_run is not None and self._clock.now() - self._last_run < RUN_EVERY:
            return None
        try:
            return self.run()
        except Exception:
            log.exception("retention: the run failed; it is tried again later")
            return None
