"""A realistic history for the demo and the bench: visits on weekdays (busiest Tuesday to
Thursday), desk claims, bookings with some no-shows, walk-in guests and weekly lunch talks with
sign-ups, for every site, bulk inserted; then the report aggregates for those days.

Deterministic for a given seed. Synthetic people (``extra_members`` per site) have made-up
names and example.org addresses."""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    BookingStatus,
    ClaimStatus,
    Cluster,
    Desk,
    DeskClaim,
    EventRecord,
    LunchSignup,
    LunchTalk,
    Organisation,
    Person,
    PersonKind,
    Site,
    Visit,
)
from central.domain import changes
from central.domain import desks as desk_domain
from central.domain.reports import aggregates
from kiosk import desk_rules
from kiosk.protocol import Entity

NAMESPACE = uuid.UUID("0c7a4a52-8a3e-4c55-9b7f-1f6a5d0e7a11")
GIVEN = [
    "Anne",
    "Bjørn",
    "Cecilie",
    "Dag",
    "Eli",
    "Frode",
    "Guro",
    "Håkon",
    "Ingrid",
    "Jon",
    "Kjersti",
    "Lars",
    "Marit",
    "Nils",
    "Oda",
    "Per",
    "Ragnhild",
    "Sindre",
    "Tone",
    "Ulf",
    "Vigdis",
    "Åse",
    "Øyvind",
    "Æsa",
]
FAMILY = [
    "Berg",
    "Dahl",
    "Eide",
    "Foss",
    "Haugen",
    "Lie",
    "Moen",
    "Nilsen",
    "Strand",
    "Tveit",
    "Vik",
    "Ås",
    "Øvrebø",
    "Sæther",
]
WEEKDAY_FACTOR = [0.8, 1.1, 1.2, 1.1, 0.6, 0.0, 0.0]
TALKS = [
    "Ny kunnskap om lokal beredskap",
    "Digitale tjenester i distriktene",
    "Barn og unge i Lister",
    "Kystnatur og forvaltning",
    "Helse nær folk",
    "Næringsliv og grønn omstilling",
    "Kompetanse der folk bor",
]
_BATCH = 5000


@dataclass(frozen=True)
class HistorySummary:
    days: int
    visits: int
    claims: int
    bookings: int
    guests: int
    talks: int
    signups: int
    cells: int


def generate(
    session: Session,
    *,
    now: datetime,
    days: int,
    extra_members: int = 0,
    seed: int = 12,
    sites: list[str] | None = None,
) -> HistorySummary:
    """Add ``days`` days of history before today at every site (or ``sites``)."""
    rng = random.Random(seed)
    all_sites = list(session.scalars(select(Site).order_by(Site.code)))
    chosen = [s for s in all_sites if sites is None or s.code in sites]
    org_ids = list(session.scalars(select(Organisation.id).order_by(Organisation.id)))
    totals = dict(visits=0, claims=0, bookings=0, guests=0, talks=0, signups=0, cells=0)
    for site in chosen:
        if extra_members:
            _add_members(session, site.code, extra_members, org_ids, rng)
        counts = _site_history(session, site, now, days, rng)
        for key, value in counts.items():
            totals[key] += value
        zone = desk_domain.hours_of(site).zone
        today = desk_rules.local_day(zone, now)
        start_of_today, _ = desk_rules.day_bounds(zone, today)
        aggregates.note_first_seen(session, site.code, start_of_today)
        totals["cells"] += aggregates.refresh(
            session, site.code, today - timedelta(days=days), today - timedelta(days=1)
        )
    return HistorySummary(days=days, **totals)


def _add_members(
    session: Session, code: str, n: int, org_ids: list[str], rng: random.Random
) -> None:
    clusters = [c.value for c in Cluster]
    # most people work for a few organisations at a site
    local = rng.sample(org_ids, min(8, len(org_ids)))
    rows = []
    for i in range(n):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        email = f"historie.{code}.{i}@example.org"
        rows.append(
            dict(
                id=str(uuid.uuid5(NAMESPACE, email)),
                name=f"{given} {family}",
                given_name=given,
                family_name=family,
                email=email,
                organisation_id=rng.choice(local) if rng.random() < 0.85 else rng.choice(org_ids),
                cluster=rng.choice(clusters),
                site=code,
                kind=PersonKind.MEMBER,
                active=True,
            )
        )
    existing = set(session.scalars(select(Person.id).where(Person.id.in_([r["id"] for r in rows]))))
    new = [r for r in rows if r["id"] not in existing]
    _bulk(session, Person, new)
    # the kiosks learn of members as of anyone else (history's guests are gone by now)
    changes.lock_feed(session)
    people = session.scalars(select(Person).where(Person.id.in_([r["id"] for r in new]))).all()
    changes.append_many(
        session,
        Entity.PERSON,
        [(p.id, changes.person_data(p)) for p in people],
        site=code,
        new=True,
    )


def _site_history(
    session: Session, site: Site, now: datetime, days: int, rng: random.Random
) -> dict[str, int]:
    hours = desk_domain.hours_of(site)
    zone = hours.zone
    today = desk_rules.local_day(zone, now)
    members = session.execute(
        select(Person.id, Person.cluster)
        .where(Person.site == site.code, Person.kind == PersonKind.MEMBER, Person.active.is_(True))
        .order_by(Person.id)
    ).all()
    desk_ids = list(
        session.scalars(
            select(Desk.id).where(Desk.site == site.code, Desk.active.is_(True)).order_by(Desk.id)
        )
    )
    # how often each person comes: a few nearly daily, most once or twice a week
    habit = {m.id: rng.choice([0.08, 0.15, 0.25, 0.35, 0.5, 0.8]) for m in members}
    joined = {m.id: rng.randint(0, days) if rng.random() < 0.3 else 0 for m in members}
    # most of those there from the start had been coming before the history begins
    before = (today - timedelta(days=days)).replace(day=1) - timedelta(days=1)
    earlier = [m.id for m in members if joined[m.id] == 0 and rng.random() < 0.8]
    for start in range(0, len(earlier), 500):
        session.execute(
            update(Person)
            .where(Person.id.in_(earlier[start : start + 500]), Person.first_seen_on.is_(None))
            .values(first_seen_on=before)
            .execution_options(synchronize_session=False)
        )
    events, visits, claims, bookings, guests, talks, signups = [], [], [], [], [], [], []
    guest_people: list[dict[str, Any]] = []
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        factor = WEEKDAY_FACTOR[day.weekday()]
        if factor == 0:
            continue
        closing = desk_rules.local_moment(zone, day, hours.closing)
        free = list(desk_ids)
        rng.shuffle(free)
        for m in members:
            if days - offset < joined[m.id] or rng.random() > habit[m.id] * factor:
                continue
            arrive = desk_rules.local_moment(zone, day, time(7, 30)) + timedelta(
                minutes=int(rng.triangular(0, 240, 60))
            )
            leave = min(arrive + timedelta(minutes=int(rng.triangular(90, 540, 400))), closing)
            event_id = str(uuid.uuid4())
            events.append(_event(site.code, event_id, "check_in", arrive, m.id))
            visits.append(
                dict(
                    site=site.code,
                    person_id=m.id,
                    checked_in_at=arrive,
                    checked_out_at=leave,
                    check_in_event_id=event_id,
                )
            )
            if free and rng.random() < 0.7:
                desk = free.pop()
                if rng.random() < 0.25:
                    bookings.append(
                        dict(
                            site=site.code,
                            desk_id=desk,
                            person_id=m.id,
                            start_at=desk_rules.local_moment(zone, day, time(8)),
                            end_at=closing,
                            status=BookingStatus.BOOKED,
                            created_at=arrive - timedelta(days=2),
                        )
                    )
                claims.append(
                    dict(
                        id=str(uuid.uuid4()),
                        site=site.code,
                        desk_id=desk,
                        person_id=m.id,
                        day=day,
                        start_at=arrive,
                        until=closing,
                        status=ClaimStatus.ENDED,
                        ended_at=leave,
                    )
                )
            elif free and rng.random() < 0.04:  # booked, never came
                bookings.append(
                    dict(
                        site=site.code,
                        desk_id=free.pop(),
                        person_id=m.id,
                        start_at=desk_rules.local_moment(zone, day, time(8)),
                        end_at=closing,
                        status=BookingStatus.RELEASED,
                        created_at=closing - timedelta(days=3),
                    )
                )
        for _ in range(rng.choices([0, 1, 2, 3, 5], [3, 4, 3, 2, 1])[0]):
            gid = str(uuid.uuid4())
            arrive = desk_rules.local_moment(
                zone, day, time(rng.randint(8, 14), rng.randint(0, 59))
            )
            guest_people.append(
                dict(
                    id=gid,
                    name="Gjest",
                    given_name="Gjest",
                    family_name="",
                    site=site.code,
                    email=f"gjest.{hashlib.sha256(gid.encode()).hexdigest()[:16]}@example.org",
                    organisation_id=None,
                    cluster=None,
                    kind=PersonKind.GUEST,
                    active=True,
                )
            )
            event_id = str(uuid.uuid4())
            events.append(_event(site.code, event_id, "check_in", arrive, gid))
            visits.append(
                dict(
                    site=site.code,
                    person_id=gid,
                    checked_in_at=arrive,
                    checked_out_at=arrive + timedelta(hours=2),
                    check_in_event_id=event_id,
                )
            )
            guests.append(gid)
        if day.weekday() == 2:  # a lunch talk every Wednesday
            cluster = list(Cluster)[(day.toordinal() // 7) % len(Cluster)].value
            talk_id = str(uuid.uuid4())
            starts = desk_rules.local_moment(zone, day, time(11, 30))
            talks.append(
                dict(
                    id=talk_id,
                    site=site.code,
                    title=rng.choice(TALKS),
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=45),
                    cluster=cluster,
                    room="Kantina",
                    capacity=40,
                    created_at=starts - timedelta(days=7),
                    signed_up=0,
                )
            )
            keen = [m for m in members if rng.random() < (0.35 if m.cluster == cluster else 0.1)]
            for m in keen[:40]:
                signups.append(
                    dict(
                        id=str(uuid.uuid4()),
                        talk_id=talk_id,
                        person_id=m.id,
                        at=starts - timedelta(days=rng.randint(0, 6)),
                    )
                )
            talks[-1]["signed_up"] = min(len(keen), 40)
    _bulk(session, Person, guest_people)
    _bulk(session, EventRecord, events)
    _bulk(session, Visit, visits)
    _bulk(session, Booking, bookings)
    _bulk(session, DeskClaim, claims)
    _bulk(session, LunchTalk, talks)
    _bulk(session, LunchSignup, signups)
    return dict(
        visits=len(visits),
        claims=len(claims),
        bookings=len(bookings),
        guests=len(guests),
        talks=len(talks),
        signups=len(signups),
    )


def _event(code: str, event_id: str, kind: str, at: datetime, person: str) -> dict[str, Any]:
    return dict(
        id=event_id,
        site=code,
        type=kind,
        at=at,
        data={"person_id": person},
        content_hash=hashlib.sha256(event_id.encode()).hexdigest(),
        received_at=at,
        status="accepted",
        reason=None,
    )


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _BATCH):
        session.execute(insert(model), rows[start : start + _BATCH])
    session.flush()


def midnight(day: date) -> datetime:
    return datetime.combine(day, time())
