"""Compute the report aggregates of a site for a range of its local days and keep them in
``report_cells``, so that the knowledge outlives the visits it was computed from.

Each cell holds a ``value`` and ``people``: how many distinct people the value counts (for a
peak or a sum, the distinct people behind it that day or month). Tables suppress cells whose
``people`` is below 3.

Per day (``period`` "day"): ``people`` (distinct; value: visits), ``peak`` (most in the building
at once), ``hour`` (key "07".."20": distinct people in the building during that hour), ``desk``
(key fixed | booked | drop_in: claims), ``booking`` (key booked | no_show), ``guests``,
(``desk`` and ``booking`` per month too, with the month's distinct people),
``orgs`` (value: distinct organisations present), ``org`` (key organisation id: distinct people).

Per month (``period`` "month", recomputed while the month's visits exist): ``people``, ``new``
(people first seen that month), ``returning`` (the others), ``org``, ``orgdays`` (key organisation
id: visit days, people times days), ``orgkind``, ``pair`` (key "a|b": days both were present;
people: the smaller of the two organisations' distinct people), ``lunch`` (key "cluster|orgkind":
sign-ups), ``lunchorg`` (key "cluster|organisation id", "-" for none: sign-ups), ``lunchcross``
(key same | other: sign-ups to a talk of one's own or another cluster), ``guests`` (distinct
guests; only rewritten while the month's guest visits are all still stored).

Per week (``period`` "week", start: its Monday; recomputed while its visits exist): ``people``
(distinct members and guests; value: visits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import combinations
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    BookingStatus,
    Desk,
    DeskClaim,
    LunchSignup,
    LunchTalk,
    Organisation,
    Person,
    PersonKind,
    ReportCell,
    Site,
    Visit,
)
from central.domain import desks
from kiosk import desk_rules

# a claim of a desk booked for that person that day counts as booked, whatever its mode
DESK_KINDS = {"fixed": "fixed", "bookable": "drop_in", "drop_in": "drop_in"}
HOURS = range(7, 21)


@dataclass(frozen=True)
class Cell:
    site: str
    period: str
    start: date
    measure: str
    key: str
    value: int
    people: int


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def refresh(
    session: Session,
    code: str,
    first: date,
    last: date,
    months_from: date | None = None,
    guest_months_from: date | None = None,
) -> int:
    """Recompute and keep the cells of ``code`` for the local days ``first``..``last`` and the
    months and weeks they fall in (whole, from what is still stored; only months and weeks
    from ``months_from`` on, if given: older ones may have lost visits; a month's guests only
    if it starts on or after ``guest_months_from``, if given). Returns the cells kept."""
    if last < first:
        return 0
    site = session.get(Site, code)
    assert site is not None
    month_first, month_last = month_of(first), next_month(month_of(last)) - timedelta(days=1)
    # whole weeks too: the range reaches back to a Monday and on to a Sunday
    span_first = week_of(month_first)
    span_last = week_of(month_last) + timedelta(days=6)
    cells = compute(session, site, span_first, span_last)
    days = [c for c in cells if c.period == "day" and first <= c.start <= last]
    months = [c for c in cells if c.period == "month" and month_first <= c.start <= month_last]
    week_first = week_of(first)
    if months_from is not None:
        month_first = max(month_first, months_from)
        months = [c for c in months if c.start >= month_first]
        # the week of ``first`` may have lost visits before it: only whole weeks from then on
        if first.weekday():
            week_first += timedelta(days=7)
        week_first = max(week_first, months_from)
    weeks = [c for c in cells if c.period == "week" and week_first <= c.start <= last]
    kept_guests: list[date] = []
    if guest_months_from is not None:
        at = month_first
        while at <= month_last:
            if at < guest_months_from:
                kept_guests.append(at)
            at = next_month(at)
        months = [c for c in months if not (c.measure == "guests" and c.start < guest_months_from)]
    session.execute(
        delete(ReportCell).where(
            ReportCell.site == code,
            ReportCell.period == "day",
            ReportCell.start >= first,
            ReportCell.start <= last,
        )
    )
    session.execute(
        delete(ReportCell).where(
            ReportCell.site == code,
            ReportCell.period == "month",
            ReportCell.start >= month_first,
            ReportCell.start <= month_last,
            ~(ReportCell.measure == "guests") | ReportCell.start.notin_(kept_guests),
        )
    )
    session.execute(
        delete(ReportCell).where(
            ReportCell.site == code,
            ReportCell.period == "week",
            ReportCell.start >= week_first,
            ReportCell.start <= last,
        )
    )
    rows = [c.__dict__ for c in days + months + weeks]
    for start in range(0, len(rows), 5000):
        session.execute(insert(ReportCell), rows[start : start + 5000])
    session.flush()
    return len(rows)


def compute(session: Session, site: Site, first: date, last: date) -> list[Cell]:
    """Every cell of ``site`` for the local days ``first``..``last`` (months: those starting in
    the range, from the days in the range)."""
    computer = _Computer(session, site, first, last)
    computer.visits()
    computer.desks()
    computer.lunch()
    return computer.out


class _Computer:
    def __init__(self, session: Session, site: Site, first: date, last: date) -> None:
        self.session, self.site, self.first, self.last = session, site, first, last
        self.hours = desks.hours_of(site)
        self.zone = self.hours.zone
        self.start_at, _ = desk_rules.day_bounds(self.zone, first)
        _, self.end_at = desk_rules.day_bounds(self.zone, last)
        self.kinds = dict(session.execute(select(Organisation.id, Organisation.kind)).all())
        self.out: list[Cell] = []
        self.month_people: dict[date, set[str]] = defaultdict(set)
        self.month_new: dict[date, set[str]] = defaultdict(set)
        self.month_org: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.month_kind: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.month_pairs: dict[date, dict[tuple[str, str], int]] = defaultdict(
            lambda: defaultdict(int)
        )
        self.month_orgdays: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.month_guests: dict[date, set[str]] = defaultdict(set)
        self.week_people: dict[date, set[str]] = defaultdict(set)
        self.week_visits: dict[date, int] = defaultdict(int)

    def add(
        self, period: str, start: date, measure: str, key: str, value: int, people: int
    ) -> None:
        self.out.append(Cell(self.site.code, period, start, measure, key, value, people))

    def visits(self) -> None:
        rows = self.session.execute(
            select(
                Visit.person_id,
                Visit.checked_in_at,
                Visit.checked_out_at,
                Person.organisation_id,
                Person.kind,
                Person.first_seen_on,
            )
            .join(Person, Person.id == Visit.person_id)
            .where(
                Visit.site == self.site.code,
                Visit.checked_in_at >= self.start_at,
                Visit.checked_in_at < self.end_at,
            )
        ).all()
        by_day: dict[date, list[Any]] = defaultdict(list)
        for row in rows:
            by_day[desk_rules.local_day(self.zone, row.checked_in_at)].append(row)
        for day, day_rows in sorted(by_day.items()):
            self._day(day, day_rows)
        self._months()

    def _day(self, day: date, rows: list[Any]) -> None:
        add, zone = self.add, self.zone
        month = month_of(day)
        people = {r.person_id for r in rows}
        add("day", day, "people", "", len(rows), len(people))
        closing = desk_rules.local_moment(zone, day, self.hours.closing)
        _, midnight = desk_rules.day_bounds(zone, day)
        spans = [
            (
                r.person_id,
                r.checked_in_at,
                min(r.checked_out_at or max(closing, r.checked_in_at), midnight),
            )
            for r in rows
        ]
        add("day", day, "peak", "", _peak(spans), len(people))
        for hour in HOURS:
            h_start = desk_rules.local_moment(zone, day, time(hour))
            h_end = h_start + timedelta(hours=1)
            present = {p for p, a, b in spans if a < h_end and b > h_start}
            add("day", day, "hour", f"{hour:02d}", len(present), len(present))
        guests = {r.person_id for r in rows if r.kind == PersonKind.GUEST}
        add("day", day, "guests", "", len(guests), len(guests))
        self.month_guests[month] |= guests
        self.week_people[week_of(day)] |= people
        self.week_visits[week_of(day)] += len(rows)
        orgs: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r.kind != PersonKind.MEMBER:
                continue
            self.month_people[month].add(r.person_id)
            if r.first_seen_on is not None and month_of(r.first_seen_on) == month:
                self.month_new[month].add(r.person_id)
            if r.organisation_id:
                orgs[r.organisation_id].add(r.person_id)
                self.month_org[month][r.organisation_id].add(r.person_id)
                kind = self.kinds.get(r.organisation_id, "other")
                self.month_kind[month][kind].add(r.person_id)
        add("day", day, "orgs", "", len(orgs), len(people))
        for org, members in orgs.items():
            add("day", day, "org", org, len(members), len(members))
            self.month_orgdays[month][org] += len(members)
        for a, b in combinations(sorted(orgs), 2):
            self.month_pairs[month][(a, b)] += 1

    def _months(self) -> None:
        add = self.add
        for month, people in self.month_people.items():
            new = self.month_new[month]
            add("month", month, "people", "", len(people), len(people))
            add("month", month, "new", "", len(new), len(new))
            returning = len(people) - len(new)
            add("month", month, "returning", "", returning, returning)
            for org, visit_days in self.month_orgdays[month].items():
                size = len(self.month_org[month][org])
                add("month", month, "orgdays", org, visit_days, size)
            for org, members in self.month_org[month].items():
                add("month", month, "org", org, len(members), len(members))
            for kind, members in self.month_kind[month].items():
                add("month", month, "orgkind", kind, len(members), len(members))
            sizes = self.month_org[month]
            for (a, b), days in self.month_pairs[month].items():
                add("month", month, "pair", f"{a}|{b}", days, min(len(sizes[a]), len(sizes[b])))
        for month, guests in self.month_guests.items():
            add("month", month, "guests", "", len(guests), len(guests))
        for week, people in self.week_people.items():
            add("week", week, "people", "", self.week_visits[week], len(people))

    def desks(self) -> None:
        code, zone = self.site.code, self.zone
        bookings = self.session.execute(
            select(Booking.start_at, Booking.person_id, Booking.desk_id, Booking.status).where(
                Booking.site == code,
                Booking.start_at >= self.start_at,
                Booking.start_at < self.end_at,
            )
        ).all()
        booking_rows, booked_desks = [], set()
        for at, person, desk_id, status in bookings:
            if status == BookingStatus.CANCELLED:
                continue
            day = desk_rules.local_day(zone, at)
            booking_rows.append((day, "booked", person))
            booked_desks.add((day, person, desk_id))
            if status == BookingStatus.RELEASED:
                booking_rows.append((day, "no_show", person))
        claims = self.session.execute(
            select(DeskClaim.day, DeskClaim.person_id, DeskClaim.desk_id, Desk.mode)
            .join(Desk, Desk.id == DeskClaim.desk_id)
            .where(DeskClaim.site == code, DeskClaim.day >= self.first, DeskClaim.day <= self.last)
        ).all()
        _count(
            self.add,
            "desk",
            (
                (d, "booked" if (d, p, k) in booked_desks else DESK_KINDS.get(m, "drop_in"), p)
                for d, p, k, m in claims
            ),
        )
        _count(self.add, "booking", booking_rows)

    def lunch(self) -> None:
        signups = self.session.execute(
            select(
                LunchTalk.starts_at,
                LunchTalk.cluster,
                LunchSignup.person_id,
                Person.cluster,
                Person.organisation_id,
            )
            .join(LunchTalk, LunchTalk.id == LunchSignup.talk_id)
            .join(Person, Person.id == LunchSignup.person_id)
            .where(
                LunchTalk.site == self.site.code,
                LunchTalk.cancelled_at.is_(None),
                LunchTalk.starts_at >= self.start_at,
                LunchTalk.starts_at < self.end_at,
            )
        ).all()
        lunch: dict[tuple[date, str], list[str]] = defaultdict(list)
        by_org: dict[tuple[date, str], list[str]] = defaultdict(list)
        cross: dict[tuple[date, str], list[str]] = defaultdict(list)
        for at, talk_cluster, person, cluster, org in signups:
            month = month_of(desk_rules.local_day(self.zone, at))
            kind = self.kinds.get(org or "", "other")
            lunch[(month, f"{talk_cluster or 'felles'}|{kind}")].append(person)
            by_org[(month, f"{talk_cluster or 'felles'}|{org or '-'}")].append(person)
            if talk_cluster and cluster:
                cross[(month, "same" if cluster == talk_cluster else "other")].append(person)
        for (month, key), persons in lunch.items():
            self.add("month", month, "lunch", key, len(persons), len(set(persons)))
        for (month, key), persons in by_org.items():
            self.add("month", month, "lunchorg", key, len(persons), len(set(persons)))
        for (month, key), persons in cross.items():
            self.add("month", month, "lunchcross", key, len(persons), len(set(persons)))


def _count(add: Any, measure: str, rows: Iterable[tuple[date, str, str]]) -> None:
    groups: dict[tuple[date, str], list[str]] = defaultdict(list)
    for day, key, person in rows:
        groups[(day, key)].append(person)
    months: dict[tuple[date, str], list[str]] = defaultdict(list)
    for (day, key), persons in groups.items():
        add("day", day, measure, key, len(persons), len(set(persons)))
        months[(month_of(day), key)] += persons
    for (month, key), persons in months.items():
        add("month", month, measure, key, len(persons), len(set(persons)))


def _peak(spans: list[tuple[str, datetime, datetime]]) -> int:
    moments = sorted(
        [(a, 1) for _, a, _ in spans] + [(b, -1) for _, _, b in spans], key=lambda m: (m[0], m[1])
    )
    here = peak = 0
    for _, step in moments:
        here += step
        peak = max(peak, here)
    return peak


def note_first_seen(session: Session, code: str, before: datetime) -> None:
    """Set ``first_seen_on`` for people of the site whose visits before ``before`` show an
    earlier first day than they have (kept on the person, deleted with them)."""
    site = session.get(Site, code)
    assert site is not None
    zone = desks.hours_of(site).zone
    rows = session.execute(
        select(Visit.person_id, Visit.checked_in_at, Person.first_seen_on)
        .join(Person, Person.id == Visit.person_id)
        .where(Visit.site == code, Visit.checked_in_at < before)
    ).all()
    first: dict[str, date] = {}
    for person, at, seen in rows:
        day = desk_rules.local_day(zone, at)
        if seen is not None and seen <= day:
            continue
        if person not in first or day < first[person]:
            first[person] = day
    by_day: dict[date, list[str]] = defaultdict(list)
    for person, day in first.items():
        by_day[day].append(person)
    for day, persons in by_day.items():
        for start in range(0, len(persons), 500):
            session.execute(
                update(Person)
                .where(Person.id.in_(persons[start : start + 500]))
                .values(first_seen_on=day)
                .execution_options(synchronize_session=False)
            )


def refresh_before_forgetting(
    session: Session, code: str, today: date, fresh_days: int, complete_days: int
) -> None:
    """What retention calls before it deletes visits: first-seen days, then the cells of every
    day before ``today`` that is younger than ``fresh_days`` or not counted yet (months: only
    those still complete, younger than ``complete_days``)."""
    site = session.get(Site, code)
    assert site is not None
    zone = desks.hours_of(site).zone
    start_of_today, _ = desk_rules.day_bounds(zone, today)
    note_first_seen(session, code, start_of_today)
    times = session.scalars(
        select(Visit.checked_in_at).where(Visit.site == code, Visit.checked_in_at < start_of_today)
    ).all()
    counted = set(
        session.scalars(
            select(ReportCell.start).where(
                ReportCell.site == code, ReportCell.period == "day", ReportCell.measure == "people"
            )
        )
    )
    fresh_from = today - timedelta(days=fresh_days)
    days = {desk_rules.local_day(zone, t) for t in times}
    first = min([d for d in days if d not in counted] + [fresh_from])
    months_from = next_month(month_of(today - timedelta(days=complete_days)))
    # a month's guests are all stored until the run the day after the guest period ends
    guest_months_from = today - timedelta(days=fresh_days + 1)
    refresh(
        session,
        code,
        first,
        today - timedelta(days=1),
        months_from=months_from,
        guest_months_from=guest_months_from,
    )
