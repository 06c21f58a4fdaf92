"""Lunch talks at the kiosk: today's talk for the start screen, signing up by pass or name, and
the store's "here today" counts. No Qt.

A sign-up is written locally with its outbox event in one transaction and sent at once through
the sync engine (``push_now``, as a desk claim is): the store counts each person once per talk
and never past capacity, and its answer decides what the person hears. Offline, or when the
store is slow, the sign-up is kept and delivered later (``PROVISIONAL``). The kiosk refuses
early what it already knows: a talk full by the last feed plus the sign-ups made here and not
yet counted, or a person signed up here before.
"""

from __future__ import annotations

import enum
import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import desk_rules, outbox
from kiosk.clock import Clock
from kiosk.models import HereTodayRow, LunchSignupRow, LunchTalkRow, OutboxEvent, SiteSettings
from kiosk.protocol import (
    CLAIM_TIMEOUT_S,
    HERE_TODAY_MIN,
    CheckinMethod,
    ConflictReason,
    EventType,
    ResultStatus,
    event_json,
)
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

PushNow = Callable[[Sequence[str], float], Mapping[str, tuple[str, str | None]] | None]

PENDING, ACCEPTED, FULL, REJECTED = "pending", "accepted", "full", "rejected"


@dataclass(frozen=True)
class LunchTalk:
    id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    cluster: str | None
    room: str
    capacity: int
    signed_up: int  # the store's count plus sign-ups made here it has not counted yet

    @property
    def full(self) -> bool:
        return self.signed_up >= self.capacity

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.signed_up)


@dataclass(frozen=True)
class HereToday:
    """Counts only, each at least ``HERE_TODAY_MIN``: never who."""

    by_organisation: dict[str, int]
    by_cluster: dict[str, int]


class SignupOutcome(enum.Enum):
    SIGNED_UP = "signed_up"  # the store counted it
    PROVISIONAL = "provisional"  # kept here, counted when the store hears of it
    ALREADY = "already"  # this person was signed up already
    FULL = "full"  # every seat is taken
    UNAVAILABLE = "unavailable"  # the talk is over, cancelled, or unknown to this kiosk


@dataclass(frozen=True)
class SignupResult:
    outcome: SignupOutcome
    talk: LunchTalk | None


class LunchService:
    def __init__(
        self,
        store: LocalStore,
        clock: Clock,
        site: str,
        *,
        push_now: PushNow | None = None,
        timeout_s: float = CLAIM_TIMEOUT_S,
        on_recorded: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._site = site
        self._push_now = push_now
        self._timeout_s = timeout_s
        self._on_recorded = on_recorded
        self._listeners: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    # --- reading -------------------------------------------------------------------------------

    def todays_talk(self) -> LunchTalk | None:
        """The next talk today that has not ended, or None."""
        talks = self.todays_talks()
        return talks[0] if talks else None

    def todays_talks(self) -> list[LunchTalk]:
        """Today's talks (the site's local day) that have not ended, by start."""
        now = self._clock.now()
        with self._store.session() as session:
            zone = self._zone(session)
            _, day_end = desk_rules.day_bounds(zone, desk_rules.local_day(zone, now))
            rows = session.scalars(
                select(LunchTalkRow)
                .where(LunchTalkRow.ends_at > now, LunchTalkRow.starts_at < day_end)
                .order_by(LunchTalkRow.starts_at)
            ).all()
            return [self._talk(session, row) for row in rows]

    def talk(self, talk_id: str) -> LunchTalk | None:
        with self._store.session() as session:
            row = session.get(LunchTalkRow, talk_id)
            return self._talk(session, row) if row is not None else None

    def here_today(self) -> HereToday | None:
        """The store's counts for today, or None when it has sent none for today."""
        now = self._clock.now()
        with self._store.session() as session:
            row = session.get(HereTodayRow, self._site)
            if row is None or row.day != desk_rules.local_day(self._zone(session), now):
                return None
            return HereToday(
                by_organisation=_at_least(row.by_organisation),
                by_cluster=_at_least(row.by_cluster),
            )

    def site_zone(self) -> ZoneInfo:
        with self._store.session() as session:
            return self._zone(session)

    def _zone(self, session: Session) -> ZoneInfo:
        settings = session.get(SiteSettings, self._site)
        try:
            return desk_rules.site_zone(settings.timezone if settings else "Europe/Oslo")
        except ValueError:
            return desk_rules.site_zone("Europe/Oslo")

    def _talk(self, session: Session, row: LunchTalkRow) -> LunchTalk:
        waiting = session.scalar(
            select(func.count()).where(
                LunchSignupRow.talk_id == row.id, LunchSignupRow.status == PENDING
            )
        )
        return LunchTalk(
            id=row.id,
            title=row.title,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            cluster=row.cluster,
            room=row.room,
            capacity=row.capacity,
            signed_up=row.signed_up + int(waiting or 0),
        )

    # --- signing up ----------------------------------------------------------------------------

    def sign_up(self, talk_id: str, person_id: str, method: CheckinMethod) -> SignupResult:
        """Sign ``person_id`` up for the talk; may wait up to the timeout for the store."""
        at = self._clock.now()
        event_id = str(uuid.uuid4())
        with self._store.session() as session:
            row = session.get(LunchTalkRow, talk_id)
            if row is None or row.ends_at <= at:
                return SignupResult(SignupOutcome.UNAVAILABLE, None)
            talk = self._talk(session, row)
            mine = session.scalars(
                select(LunchSignupRow).where(
                    LunchSignupRow.talk_id == talk_id,
                    LunchSignupRow.person_id == person_id,
                    LunchSignupRow.status.in_((PENDING, ACCEPTED)),
                )
            ).first()
            if mine is not None:
                return SignupResult(SignupOutcome.ALREADY, talk)
            if talk.full:
                return SignupResult(SignupOutcome.FULL, talk)
            session.add(
                LunchSignupRow(
                    event_id=event_id, talk_id=talk_id, person_id=person_id, at=at, status=PENDING
                )
            )
            data = {"talk_id": talk_id, "person_id": person_id, "method": str(method)}
            outbox.add(session, event_json(event_id, EventType.LUNCH_SIGNUP, at, data), at)
        log.info("recorded lunch sign-up %s", event_id)
        self._notify()
        try:
            answers = self._push_now([event_id], self._timeout_s) if self._push_now else None
        finally:
            self._on_recorded()
        if answers is None or event_id not in answers:
            log.info("lunch sign-up %s not answered at once: provisional", event_id)
            return SignupResult(SignupOutcome.PROVISIONAL, self.talk(talk_id))
        status, reason = answers[event_id]
        self.data_changed()  # settles this sign-up (and any other answered ones)
        current = self.talk(talk_id)
        if status == ResultStatus.CONFLICT and reason == ConflictReason.LUNCH_FULL:
            return SignupResult(SignupOutcome.FULL, current)
        if status in (ResultStatus.ACCEPTED, ResultStatus.DUPLICATE):
            already = status == ResultStatus.ACCEPTED and reason == "already signed up"
            return SignupResult(
                SignupOutcome.ALREADY if already else SignupOutcome.SIGNED_UP, current
            )
        log.warning("the store refused lunch sign-up %s: %s", event_id, reason)
        return SignupResult(SignupOutcome.UNAVAILABLE, current)

    # --- the feed and answers --------------------------------------------------------------------

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) when talks, sign-ups or counts may have changed."""
        with self._lock:
            self._listeners.append(callback)

    def data_changed(self) -> None:
        """The sync engine stored answers or changes: settle sign-ups, tell listeners."""
        with self._store.session(durable=False) as session:
            self._settle(session)
        self._notify()

    def _settle(self, session: Session) -> None:
        """Sign-ups the store answered: accepted ones are in its count now (the feed brings
        it), refused ones free their seat here. Those of talks over are forgotten."""
        now = self._clock.now()
        answered = session.execute(
            select(LunchSignupRow, OutboxEvent.status, OutboxEvent.reason)
            .join(OutboxEvent, OutboxEvent.event_id == LunchSignupRow.event_id)
            .where(LunchSignupRow.status == PENDING, OutboxEvent.status != outbox.PENDING)
        ).all()
        for signup, status, reason in answered:
            if status in (ResultStatus.ACCEPTED, ResultStatus.DUPLICATE):
                signup.status = ACCEPTED
            elif status == ResultStatus.CONFLICT and reason == ConflictReason.LUNCH_FULL:
                signup.status = FULL
            else:
                signup.status = REJECTED
        over = select(LunchTalkRow.id).where(LunchTalkRow.ends_at <= now)
        for signup in session.scalars(
            select(LunchSignupRow).where(
                LunchSignupRow.status != PENDING, LunchSignupRow.talk_id.in_(over)
            )
        ):
            session.delete(signup)

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception:
                log.exception("lunch: a listener failed")


def _at_least(counts: Mapping[str, int]) -> dict[str, int]:
    """The kiosk's own check of the store's rule: a group below the minimum is never shown."""
    return {
        name: count
        for name, count in sorted(counts.items())
        if isinstance(count, int) and count >= HERE_TODAY_MIN
    }
