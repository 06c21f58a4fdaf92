"""Properties of the shared desk day rules (kiosk/desk_rules.py), kiosk and store alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kiosk import desk_rules
from kiosk.desk_rules import CLOSING, NO_SHOW, Hold, SiteHours, Span
from kiosk.desk_types import Desk, DeskMode, DeskState
from kiosk.protocol import ConflictReason

OSLO = ZoneInfo("Europe/Oslo")
# Oslo's clock changes in 2026: 29 March 02:00 -> 03:00, 25 October 03:00 -> 02:00.
SPRING = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
AUTUMN = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2031, 1, 1), timezones=st.just(UTC)
)
# Closing and release times on the quarter hour, the skipped 02:xx of spring included.
times_of_day = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
zones = st.sampled_from(["Europe/Oslo", "America/Sao_Paulo", "UTC"]).map(ZoneInfo)


def hours(zone: ZoneInfo = OSLO, release: time = time(10), closing: time = time(17)) -> SiteHours:
    return SiteHours(zone, release, closing)


# --- the day --------------------------------------------------------------------------------


@given(moments, zones, times_of_day)
@example(SPRING, OSLO, time(17))
@example(AUTUMN, OSLO, time(17))
@example(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), OSLO, time(2, 30))  # closing that never is
@example(datetime(2018, 11, 4, 3, 0, tzinfo=UTC), ZoneInfo("America/Sao_Paulo"), time(0))
def test_the_day_holds_its_moment_and_meets_the_next_day(
    now: datetime, zone: ZoneInfo, closing: time
) -> None:
    day = hours(zone, closing=closing).day(now)
    assert day.start <= now < day.end
    assert desk_rules.local_day(zone, day.start) == day.day
    assert desk_rules.local_day(zone, day.end - timedelta(microseconds=1)) == day.day
    assert desk_rules.day_bounds(zone, day.day + timedelta(days=1))[0] == day.end
    assert desk_rules.day_bounds(zone, day.day - timedelta(days=1))[1] == day.start
    assert timedelta(hours=23) <= day.end - day.start <= timedelta(hours=25)


@given(moments, zones, times_of_day)
@example(SPRING, OSLO, time(2, 30))
@example(AUTUMN, OSLO, time(2, 30))
def test_the_rest_of_the_day_never_ends_before_now(
    now: datetime, zone: ZoneInfo, closing: time
) -> None:
    day = hours(zone, closing=closing).day(now)
    rest = day.rest()
    assert rest.start == now < rest.end <= day.end
    closing_at = desk_rules.local_moment(zone, day.day, closing)
    assert rest.end == (closing_at if now < closing_at else day.end)


def test_the_clock_changes_in_oslo_make_days_of_23_and_25_hours() -> None:
    spring, autumn = hours().day(SPRING), hours().day(AUTUMN)
    assert spring.end - spring.start == timedelta(hours=23)
    assert autumn.end - autumn.start == timedelta(hours=25)
    # 17:00 local is 15:00 UTC in summer time and 16:00 UTC in winter time.
    assert spring.claims_end == datetime(2026, 3, 29, 15, 0, tzinfo=UTC)
    assert autumn.claims_end == datetime(2026, 10, 25, 16, 0, tzinfo=UTC)
    assert hours().moment(NO_SHOW, date(2026, 3, 29)) == datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert hours().moment(NO_SHOW, date(2026, 10, 25)) == datetime(2026, 10, 25, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("17:00", time(17)), ("9:30", time(9, 30)), ("08:15:30", time(8, 15, 30))],
)
def test_times_of_day_read_as_the_store_writes_them(text: str, expected: time) -> None:
    assert desk_rules.parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["", "17", "25:00", "ab:cd", "-1:00", "17:00:00:00"])
def test_unreadable_times_of_day_are_refused_or_defaulted(text: str) -> None:
    with pytest.raises(ValueError):
        desk_rules.parse_hhmm(text)
    fallback = SiteHours.parse_or_default("Mars/Olympus", text, text)
    assert fallback == SiteHours(OSLO, time(10), time(17))


# --- half-open spans ---------------------------------------------------------------------------

minutes = st.integers(0, 600)
BASE = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def at(minute: int) -> datetime:
    return BASE + timedelta(minutes=minute)


spans = st.builds(
    lambda start, length: Span(at(start), at(start + length)), minutes, st.integers(1, 300)
)


@given(spans, spans)
def test_spans_are_half_open(a: Span, b: Span) -> None:
    assert a.contains(a.start) and not a.contains(a.end)
    assert a.overlaps(b) == b.overlaps(a) == (a.contains(b.start) or b.contains(a.start))
    assert not Span(a.start, b.start).overlaps(Span(b.start, b.end))  # meeting is no clash


# --- one holder at a time ----------------------------------------------------------------------

DESKS = ("A", "B", "C")  # C is P3's fixed desk: the caller refuses claims of it
PEOPLE = ("P1", "P2", "P3", "P4")
FIXED = {"P3": "C"}
# Two days around the autumn clock change, by the quarter hour.
START = datetime(2026, 10, 24, 5, 0, tzinfo=UTC)
quarters = st.integers(0, 2 * 24 * 4)


@dataclass(frozen=True)
class Book:
    desk: str
    person: str
    start: int  # quarter hours after START
    length: int


@dataclass(frozen=True)
class Claim:
    desk: str
    person: str
    at: int


@dataclass(frozen=True)
class Release:
    person: str
    at: int


def quarter(n: int) -> datetime:
    return START + timedelta(minutes=15 * n)


actions = st.lists(
    st.one_of(
        st.builds(
            Book, st.sampled_from(DESKS), st.sampled_from(PEOPLE), quarters, st.integers(1, 40)
        ),
        st.builds(Claim, st.sampled_from(DESKS), st.sampled_from(PEOPLE), quarters),
        st.builds(Release, st.sampled_from(PEOPLE), quarters),
    ),
    max_size=40,
)


def assert_one_at_a_time(holds: list[Hold], key: str) -> None:
    groups: dict[str, list[Span]] = {}
    for hold in holds:
        if hold.span.start < hold.span.end:
            groups.setdefault(getattr(hold, key), []).append(hold.span)
    for spans_of in groups.values():
        for i, a in enumerate(spans_of):
            for b in spans_of[i + 1 :]:
                assert not a.overlaps(b), (key, a, b)


@hypothesis_settings(max_examples=300, deadline=None)
@given(actions, times_of_day)
def test_a_desk_has_one_holder_and_a_person_one_desk_at_any_instant(
    steps: list[Book | Claim | Release], closing: time
) -> None:
    """Bookings, claims (in any order, as offline kiosks deliver them) and releases, each
    decided by the shared rules: no two holds of a desk, nor of a person, ever overlap."""
    site = hours(closing=closing)
    holds: list[Hold] = []
    for step in steps:
        if isinstance(step, Book):  # the store's booking rule: nothing of desk or person overlaps
            span = Span(quarter(step.start), quarter(step.start + step.length))
            if step.desk == "C" or step.person == "P3":
                continue
            if not any(
                h.span.overlaps(span) and (h.desk_id == step.desk or h.person_id == step.person)
                for h in holds
            ):
                holds.append(Hold(step.desk, step.person, span, booking=True))
        elif isinstance(step, Claim):
            if step.desk == "C":
                continue  # a fixed desk: the caller's check, as the store's and the kiosk's
            day = site.day(quarter(step.at))
            rest = day.rest()
            verdict = desk_rules.decide_claim(
                day,
                desk_holds=[h for h in holds if h.desk_id == step.desk and h.span.overlaps(rest)],
                person_holds=[
                    h for h in holds if h.person_id == step.person and h.span.overlaps(rest)
                ],
                person_fixed=step.person in FIXED,
            )
            if verdict.until is not None:
                assert day.now < verdict.until <= rest.end
                holds.append(Hold(step.desk, step.person, Span(day.now, verdict.until)))
            else:
                assert verdict.refusal is not None
                # A booking later today shortens the claim; only one running now refuses it.
                if verdict.blocker is not None and verdict.blocker.booking:
                    assert verdict.blocker.span.contains(day.now)
                if step.person in FIXED:
                    assert verdict.refusal in (
                        ConflictReason.PERSON_HAS_DESK,
                        ConflictReason.DESK_TAKEN,
                    )
        else:  # a release ends the person's claims holding a desk at that moment
            now = quarter(step.at)
            holds = [
                Hold(h.desk_id, h.person_id, Span(h.span.start, max(now, h.span.start)))
                if not h.booking and h.person_id == step.person and h.span.contains(now)
                else h
                for h in holds
            ]
    assert_one_at_a_time(holds, "desk_id")
    assert_one_at_a_time(holds, "person_id")


def desk_of(desk_id: str, mode: DeskMode = DeskMode.DROP_IN) -> Desk:
    return Desk(desk_id, desk_id, "f", 0, 0, 1, 1, 0, "Sone A", (), mode)


@given(st.lists(st.tuples(spans, st.booleans()), max_size=6), st.lists(spans, max_size=4), minutes)
def test_the_state_at_an_instant_follows_the_holds_that_contain_it(
    claims: list[tuple[Span, bool]], bookings: list[Span], minute: int
) -> None:
    day = hours().day(at(minute))
    claim_holds = [Hold("A", f"c{i}", s, provisional) for i, (s, provisional) in enumerate(claims)]
    booking_holds = [Hold("A", f"b{i}", s, booking=True) for i, s in enumerate(bookings)]
    status = desk_rules.desk_status(
        desk_of("A"), True, day, fixed=False, claims=claim_holds, bookings=booking_holds
    )
    holding = [h for h in claim_holds if h.span.contains(day.now)]
    later = [b.start for b in bookings if day.now < b.start < day.claims_end]
    if holding:
        assert status.state is DeskState.OCCUPIED
        assert status.provisional == all(h.provisional for h in holding)
        holder = desk_rules.claim_holder(claim_holds, day.now)
        assert holder in holding and holder.provisional == status.provisional
    elif any(b.contains(day.now) for b in bookings):
        assert (status.state, status.provisional) == (DeskState.OCCUPIED, False)
    elif later:
        assert (status.state, status.free_until) == (DeskState.BOOKED_LATER, min(later))
    else:
        assert (status.state, status.free_until) == (DeskState.FREE, day.claims_end)
    fixed = desk_rules.desk_status(
        desk_of("A"), True, day, fixed=True, claims=claim_holds, bookings=booking_holds
    )
    out_of_use = desk_rules.desk_status(
        desk_of("A"), False, day, fixed=True, claims=claim_holds, bookings=booking_holds
    )
    assert (fixed.state, out_of_use.state) == (DeskState.FIXED, DeskState.UNAVAILABLE)


# --- the no-show release happens once ----------------------------------------------------------

# Ten days across the autumn clock change.
RUN_START = datetime(2026, 10, 20, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Booked:
    span: Span
    visits: tuple[tuple[datetime, datetime | None], ...]


def hour(n: int) -> datetime:
    return RUN_START + timedelta(hours=n)


bookings_st = st.builds(
    lambda start, length, visits: Booked(
        Span(hour(start), hour(start + length)),
        tuple((hour(came), None if left is None else hour(came + left)) for came, left in visits),
    ),
    st.integers(0, 240),
    st.integers(1, 30),
    st.lists(st.tuples(st.integers(0, 240), st.none() | st.integers(0, 30)), max_size=2),
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.lists(bookings_st, max_size=8),
    st.lists(st.integers(1, 4 * 24 * 4), min_size=1, max_size=30),  # gaps, quarter hours
    times_of_day,
)
def test_the_no_show_release_frees_a_missed_booking_exactly_once(
    bookings: list[Booked], gaps: list[int], release: time
) -> None:
    """The scheduler's loop on the shared rules, woken at random moments (hours or days
    apart, the clock change included): every day's release runs once, none is skipped within
    the catch-up window, and each missed booking is released exactly once."""
    site = hours(release=release)
    done: list[tuple[str, date]] = []
    released: Counter[int] = Counter()
    now = RUN_START
    for gap in gaps:
        now += timedelta(minutes=15 * gap)
        for job, day in desk_rules.due_jobs(site, now, done, catch_up_days=7):
            assert site.moment(job, day) <= now
            done.append((job, day))
            if job != NO_SHOW:
                continue
            moment = site.moment(NO_SHOW, day)
            day_start = desk_rules.day_bounds(site.zone, day)[0]
            for i, booking in enumerate(bookings):
                if not released[i] and desk_rules.missed(
                    booking.span, moment, booking.visits, day_start
                ):
                    released[i] += 1
        today = desk_rules.local_day(site.zone, now)
        for back in range(8):  # nothing due in the window is left behind
            day = today - timedelta(days=back)
            for job in (NO_SHOW, CLOSING):
                assert (site.moment(job, day) <= now) == ((job, day) in done)
    assert len(done) == len(set(done))
    assert set(released.values()) <= {1}
    ran = [day for job, day in done if job == NO_SHOW]
    for i, booking in enumerate(bookings):
        missed_on = [
            day
            for day in ran
            if desk_rules.missed(
                booking.span,
                site.moment(NO_SHOW, day),
                booking.visits,
                desk_rules.day_bounds(site.zone, day)[0],
            )
        ]
        assert released[i] == (1 if missed_on else 0)


def test_a_booking_is_missed_only_when_it_began_before_the_release_and_nobody_came() -> None:
    release = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    day_start = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
    booking = Span(release - timedelta(hours=1), release + timedelta(hours=6))
    assert desk_rules.missed(booking, release, [], day_start)
    assert not desk_rules.missed(Span(release, booking.end), release, [], day_start)  # begins now
    assert not desk_rules.missed(booking, release, [(release, None)], day_start)  # came in time
    left_yesterday = (day_start - timedelta(hours=3), day_start - timedelta(seconds=1))
    assert desk_rules.missed(booking, release, [left_yesterday], day_start)
    came_late = (release + timedelta(minutes=1), None)
    assert desk_rules.missed(booking, release, [came_late], day_start)
