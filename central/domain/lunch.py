"""Lunch talks ("faglig lunsj"): adding, listing and cancelling them, people signing up at a
kiosk (each person once per talk, never past capacity), and the counts kiosks show.

A talk reaches the kiosks of its site through the changes feed with its count of sign-ups and
no names (``kiosk.wire.LunchTalkData``); a cancelled talk leaves the feed (a tombstone). The same
module computes the site's "here today" counts (``kiosk.wire.HereTodayData``): the people who
checked in today per organisation and per cluster, each group at least ``HERE_TODAY_MIN``, so a
kiosk never learns about one person's presence from them.
"""

from __future__ import annotations

import enum
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from central.db.models import Change, LunchSignup, LunchTalk, Organisation, Person, Site, Visit
from central.domain import changes, clusters, desks
from kiosk.protocol import HERE_TODAY_MIN, ChangeOp, Entity
from kiosk.wire import HereTodayData, LunchTalkData

MAX_TITLE = 200
MAX_ROOM = 100
MAX_CAPACITY = 10_000
DEFAULT_LENGTH = timedelta(minutes=45)


class LunchError(ValueError):
    """A talk that cannot be added or changed as asked; the message says why, and ``reason``
    names the check, for a page that says it in the reader's language."""

    def __init__(self, message: str, reason: str = "rule") -> None:
        super().__init__(message)
        self.reason = reason


class SignupOutcome(enum.StrEnum):
    SIGNED_UP = "signed_up"
    ALREADY = "already signed up"
    FULL = "full"


def cluster_of(text: str | None) -> str | None:
    """A cluster as typed -> its stored name (None for empty); raises LunchError."""
    try:
        return clusters.parse_cluster(text)
    except clusters.UnknownCluster as exc:
        raise LunchError(str(exc), "cluster_bad") from None


def add_talk(
    session: Session,
    *,
    site: Site,
    title: str,
    starts_at: datetime,
    room: str,
    capacity: int,
    cluster: str | None = None,
    ends_at: datetime | None = None,
    now: datetime,
) -> LunchTalk:
    """Add a talk; it reaches the site's kiosks through the feed. Raises LunchError."""
    title, room, ends_at = _checked(title, room, capacity, starts_at, ends_at, now)
    changes.lock_feed(session)
    talk = LunchTalk(
        id=str(uuid.uuid4()),
        site=site.code,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        cluster=cluster_of(cluster),
        room=room,
        capacity=capacity,
        signed_up=0,
        created_at=now,
    )
    session.add(talk)
    session.flush()
    _publish(session, talk)
    return talk


def _checked(
    title: str,
    room: str,
    capacity: int,
    starts_at: datetime,
    ends_at: datetime | None,
    now: datetime,
) -> tuple[str, str, datetime]:
    """The title and room tidied and the end filled in; raises LunchError for a bad field."""
    title, room = " ".join(title.split()), " ".join(room.split())
    if not title:
        raise LunchError("the title is empty", "title_empty")
    if len(title) > MAX_TITLE:
        raise LunchError(f"the title is longer than {MAX_TITLE} characters", "title_long")
    if not room:
        raise LunchError("the room is empty", "room_empty")
    if len(room) > MAX_ROOM:
        raise LunchError(f"the room is longer than {MAX_ROOM} characters", "room_long")
    if not 0 < capacity <= MAX_CAPACITY:
        raise LunchError(f"the capacity must be between 1 and {MAX_CAPACITY}", "capacity_bad")
    if starts_at.tzinfo is None:
        raise LunchError("the start has no time zone")
    ends_at = ends_at if ends_at is not None else starts_at + DEFAULT_LENGTH
    if ends_at <= starts_at:
        raise LunchError("the talk ends before it starts", "end_before_start")
    if ends_at <= now:
        raise LunchError("the talk is over already", "in_past")
    return title, room, ends_at


def edit_talk(
    session: Session,
    talk: LunchTalk,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    room: str,
    capacity: int,
    cluster: str | None,
    now: datetime,
) -> None:
    """Change a talk that is neither cancelled nor over; the kiosks get the new version through
    the feed. Raises LunchError (the same checks as ``add_talk``, and never fewer seats than
    have been taken)."""
    if talk.cancelled_at is not None:
        raise LunchError("the talk is cancelled", "cancelled")
    title, room, ends_at = _checked(title, room, capacity, starts_at, ends_at, now)
    if capacity < talk.signed_up:
        raise LunchError(
            f"{talk.signed_up} have signed up already: the capacity cannot be less",
            "capacity_below_signups",
        )
    changes.lock_feed(session)
    talk.title, talk.room, talk.capacity, talk.cluster = title, room, capacity, cluster_of(cluster)
    talk.starts_at, talk.ends_at = starts_at, ends_at
    session.flush()
    _publish(session, talk)


def past_talks(session: Session, site: str, *, before: datetime, limit: int) -> list[LunchTalk]:
    """The talks of ``site`` over by ``before``, the latest first."""
    return list(
        session.scalars(
            select(LunchTalk)
            .where(LunchTalk.site == site, LunchTalk.ends_at <= before)
            .order_by(LunchTalk.starts_at.desc())
            .limit(limit)
        )
    )


def signups(session: Session, talk: LunchTalk) -> list[tuple[Person, datetime]]:
    """Who signed up for ``talk`` and when, in the order they did: for staff, never a kiosk."""
    return [
        (person, at)
        for person, at in session.execute(
            select(Person, LunchSignup.at)
            .join(LunchSignup, LunchSignup.person_id == Person.id)
            .where(LunchSignup.talk_id == talk.id)
            .order_by(LunchSignup.at)
        )
    ]


def find_talk(session: Session, site: str, talk_id: str) -> LunchTalk:
    """A talk of ``site`` by its id, or by the start of its id as ``lunch list`` shows it."""
    text = talk_id.strip().lower()
    if len(text) < 4:
        raise LunchError("give at least the first 4 characters of the talk's id")
    found = session.scalars(
        select(LunchTalk).where(LunchTalk.site == site, LunchTalk.id.startswith(text))
    ).all()
    if not found:
        raise LunchError(f"no lunch talk {talk_id!r} at {site}")
    if len(found) > 1:
        raise LunchError(f"{talk_id!r} fits more than one talk: give more of the id")
    return found[0]


def cancel_talk(session: Session, talk: LunchTalk, *, now: datetime) -> bool:
    """Cancel a talk: it leaves the kiosks. False if it was cancelled already."""
    if talk.cancelled_at is not None:
        return False
    changes.lock_feed(session)
    talk.cancelled_at = now
    session.flush()
    changes.append(session, Entity.LUNCH_TALK, talk.id, None, site=talk.site, op=ChangeOp.DELETE)
    return True


def talks(session: Session, site: str, *, since: datetime) -> list[LunchTalk]:
    """The talks of ``site`` that end after ``since``, cancelled ones included, by start."""
    return list(
        session.scalars(
            select(LunchTalk)
            .where(LunchTalk.site == site, LunchTalk.ends_at > since)
            .order_by(LunchTalk.starts_at)
        )
    )


def sign_up(
    session: Session, talk: LunchTalk, person_id: str, *, event_id: str, at: datetime
) -> SignupOutcome:
    """Count ``person_id`` for ``talk`` once. The caller holds the feed lock (the events do), so
    no two sign-ups read the same count; the unique pair is the database's last word."""
    existing = session.scalars(
        select(LunchSignup).where(
            LunchSignup.talk_id == talk.id, LunchSignup.person_id == person_id
        )
    ).first()
    if existing is not None:
        return SignupOutcome.ALREADY
    if talk.signed_up >= talk.capacity:
        return SignupOutcome.FULL
    session.add(LunchSignup(id=event_id, talk_id=talk.id, person_id=person_id, at=at))
    talk.signed_up += 1
    session.flush()
    _publish(session, talk)
    return SignupOutcome.SIGNED_UP


def _publish(session: Session, talk: LunchTalk) -> None:
    changes.append(session, Entity.LUNCH_TALK, talk.id, talk_data(talk), site=talk.site)


def talk_data(talk: LunchTalk) -> LunchTalkData:
    return LunchTalkData(
        id=talk.id,
        site=talk.site,
        title=talk.title,
        starts_at=talk.starts_at,
        ends_at=talk.ends_at,
        cluster=talk.cluster,
        room=talk.room,
        capacity=talk.capacity,
        signed_up=talk.signed_up,
    )


# --- who is here today, as counts -----------------------------------------------------------


@dataclass(frozen=True)
class HereToday:
    day: date
    by_organisation: dict[str, int]
    by_cluster: dict[str, int]


def here_today(session: Session, site: Site, at: datetime) -> HereToday:
    """People who checked in at ``site`` on the local day of ``at``, counted per organisation
    (short name) and per cluster; groups smaller than ``HERE_TODAY_MIN`` are left out."""
    day = desks.local_day(site, at)
    start, _ = desks.day_bounds(site, day)
    # Counted by the database, one row per organisation and cluster: each person has one of
    # each, so the people of an organisation are the sum over its clusters (and the other way
    # round), and a busy day costs a few rows, not one per person.
    rows = session.execute(
        select(Organisation.short_name, Person.cluster, func.count(distinct(Person.id)))
        .join(Visit, Visit.person_id == Person.id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Visit.site == site.code, Visit.checked_in_at >= start)
        .group_by(Organisation.short_name, Person.cluster)
    ).all()
    organisations: Counter[str] = Counter()
    clusters: Counter[str] = Counter()
    for organisation, cluster, people in rows:
        if organisation:
            organisations[organisation] += people
        if cluster:
            clusters[cluster] += people
    return HereToday(day, _at_least(organisations), _at_least(clusters))


def _at_least(counter: Counter[str]) -> dict[str, int]:
    return {name: n for name, n in sorted(counter.items()) if n >= HERE_TODAY_MIN}


def publish_here_today(session: Session, site_code: str, at: datetime) -> None:
    """Put the site's counts for today in the feed, when they differ from the last ones sent."""
    site = session.get(Site, site_code)
    if site is None:
        return
    counts = here_today(session, site, at)
    data = HereTodayData(
        day=counts.day, by_organisation=counts.by_organisation, by_cluster=counts.by_cluster
    )
    last = session.scalars(
        select(Change.data).where(
            Change.entity == str(Entity.HERE_TODAY),
            Change.key == site_code,
            Change.site == site_code,
        )
    ).first()
    if last == data.wire():
        return
    changes.append(session, Entity.HERE_TODAY, site_code, data, site=site_code)


def local_start(site: Site, day: date, at: time) -> datetime:
    """``at`` on ``day`` in the site's time zone."""
    return desks.local_moment(site, day, at.strftime("%H:%M"))
