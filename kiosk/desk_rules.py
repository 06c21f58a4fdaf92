"""The desk rules of a site's day, one set for the kiosk and the central store. Pure, no Qt.

No database and no clock: callers read the rows and pass the moment ``now``. Every span is
half-open, [start, end): a booking ending at 12:00 and one starting at 12:00 do not clash, and a
claim ``until`` 17:00 no longer holds its desk at 17:00. A site's day runs from local midnight to
the next local midnight (23, 24 or 25 hours around a daylight-saving change); drop-in claims end
at closing time, or at midnight for a claim made after closing. The no-show release takes the
bookings that had begun before the release moment and whose person had not come by then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.desk_types import Desk, DeskMode, DeskState, DeskStatus
from kiosk.protocol import ConflictReason

DEFAULT_TIMEZONE = "Europe/Oslo"
DEFAULT_NO_SHOW_RELEASE = "10:00"
DEFAULT_CLOSING_TIME = "17:00"

NO_SHOW = "no_show"  # the daily job releasing booked desks nobody came to
CLOSING = "closing"  # the daily job ending claims and checking everyone out


# --- site times ------------------------------------------------------------------------------


def parse_hhmm(text: str) -> time:
    """ "9:00", "09:00" or "09:00:00" as a time of day; raises ValueError."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts):
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute, second = (int(part) for part in (*parts, "0")[:3])
    return time(hour, minute, second)


def site_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises ValueError for a name this machine does not know."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc


def local_day(zone: ZoneInfo, moment: datetime) -> date:
    """The site's calendar day at ``moment`` (a timezone-aware time)."""
    return moment.astimezone(zone).date()


def local_moment(zone: ZoneInfo, day: date, at: time) -> datetime:
    """``at`` on ``day`` at the site, in UTC (a time skipped by a clock change counts as the
    moment the clocks jumped past it)."""
    return datetime.combine(day, at, zone).astimezone(UTC)


def day_bounds(zone: ZoneInfo, day: date) -> tuple[datetime, datetime]:
    """[start, end) of the site's ``day`` in UTC: local midnight to the next local midnight."""
    return local_moment(zone, day, time(0)), local_moment(zone, day + timedelta(days=1), time(0))


def claims_end(zone: ZoneInfo, closing: time, at: datetime) -> datetime:
    """When a drop-in claim made at ``at`` ends: closing time, or midnight for one made after."""
    day = local_day(zone, at)
    closing_at = local_moment(zone, day, closing)
    return closing_at if at < closing_at else day_bounds(zone, day)[1]


def _hhmm_or(text: str | None, default: str) -> time:
    try:
        return parse_hhmm(text or default)
    except ValueError:
        return parse_hhmm(default)


@dataclass(frozen=True)
class Day:
    """The site's day around a moment: its bounds, and when drop-in claims made now end."""

    now: datetime
    day: date
    start: datetime
    end: datetime
    claims_end: datetime  # closing time, or midnight for a claim made after closing

    def rest(self) -> Span:
        """ "The rest of the day" a claim made now may hold: [now, claims_end)."""
        return Span(self.now, self.claims_end)


@dataclass(frozen=True)
class SiteHours:
    """A site's zone, no-show release and closing time."""

    zone: ZoneInfo
    no_show_release: time
    closing: time

    @classmethod
    def parse(cls, timezone: str, no_show_release: str, closing_time: str) -> SiteHours:
        """The store's settings, exactly; raises ValueError for one it cannot read."""
        return cls(site_zone(timezone), parse_hhmm(no_show_release), parse_hhmm(closing_time))

    @classmethod
    def parse_or_default(
        cls,
        timezone: str | None = None,
        no_show_release: str | None = None,
        closing_time: str | None = None,
    ) -> SiteHours:
        """As ``parse``, with the default for each setting missing or unreadable (a kiosk's
        mirror may hold what a newer store sends: it shows the map all the same)."""

        try:
            zone = site_zone(timezone or DEFAULT_TIMEZONE)
        except ValueError:
            zone = site_zone(DEFAULT_TIMEZONE)
        return cls(
            zone,
            _hhmm_or(no_show_release, DEFAULT_NO_SHOW_RELEASE),
            _hhmm_or(closing_time, DEFAULT_CLOSING_TIME),
        )

    def day(self, now: datetime) -> Day:
        today = local_day(self.zone, now)
        start, end = day_bounds(self.zone, today)
        return Day(now, today, start, end, claims_end(self.zone, self.closing, now))

    def moment(self, job: str, day: date) -> datetime:
        """When the daily ``job`` (NO_SHOW or CLOSING) is due on ``day``."""
        at = self.no_show_release if job == NO_SHOW else self.closing
        return local_moment(self.zone, day, at)


# --- who holds a desk ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A half-open time span [start, end)."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Hold:
    """An active claim or a booked booking: ``person_id`` holds ``desk_id`` over ``span``."""

    desk_id: str
    person_id: str
    span: Span
    provisional: bool = False  # a claim made at this kiosk the store has not confirmed yet
    id: str = ""  # the claim's or the booking's id
    booking: bool = False  # a booking (else a claim)


def claim_holder(claims: Iterable[Hold], now: datetime) -> Hold | None:
    """The claim that holds a desk at ``now``: a confirmed one before a provisional one."""
    found: Hold | None = None
    for claim in claims:
        if claim.span.contains(now) and (
            found is None or (found.provisional and not claim.provisional)
        ):
            found = claim
    return found


def desk_status(
    desk: Desk,
    active: bool,
    day: Day,
    *,
    fixed: bool,
    claims: Iterable[Hold],
    bookings: Iterable[Hold],
) -> DeskStatus:
    """The state of ``desk`` at ``day.now``, given whether it is someone's fixed desk today and
    its active claims and booked bookings (others are ignored, so a superset will do)."""
    now = day.now
    claim = claim_holder(claims, now)
    booked_now = False
    next_booking: datetime | None = None
    for booking in bookings:
        if booking.span.contains(now):
            booked_now = True
        elif now < booking.span.start < day.claims_end:
            next_booking = min(next_booking or booking.span.start, booking.span.start)
    if not active:
        return DeskStatus(desk.id, DeskState.UNAVAILABLE, None, False)
    if fixed:
        return DeskStatus(desk.id, DeskState.FIXED, None, False)
    if claim is not None:
        return DeskStatus(desk.id, DeskState.OCCUPIED, None, claim.provisional)
    if booked_now:
        return DeskStatus(desk.id, DeskState.OCCUPIED, None, False)
    if desk.mode is DeskMode.FIXED:
        return DeskStatus(desk.id, DeskState.UNAVAILABLE, None, False)
    if next_booking is not None:
        return DeskStatus(desk.id, DeskState.BOOKED_LATER, next_booking, False)
    return DeskStatus(desk.id, DeskState.FREE, day.claims_end, False)


def desk_statuses(
    desks: Mapping[str, tuple[Desk, bool]],
    day: Day,
    *,
    fixed: set[str],
    claims: Iterable[Hold],
    bookings: Iterable[Hold],
) -> dict[str, DeskStatus]:
    """desk id -> ``desk_status`` for each of ``desks`` (id -> (desk, active))."""
    claims_of: dict[str, list[Hold]] = {}
    for claim in claims:
        claims_of.setdefault(claim.desk_id, []).append(claim)
    bookings_of: dict[str, list[Hold]] = {}
    for booking in bookings:
        bookings_of.setdefault(booking.desk_id, []).append(booking)
    return {
        desk_id: desk_status(
            desk,
            active,
            day,
            fixed=desk_id in fixed,
            claims=claims_of.get(desk_id, ()),
            bookings=bookings_of.get(desk_id, ()),
        )
        for desk_id, (desk, active) in desks.items()
    }


def held_desk(
    day: Day,
    claims: Iterable[Hold],
    bookings: Iterable[Hold],
    fixed_desk: str | None,
    *,
    later: bool = False,
) -> str | None:
    """The desk a person holds at ``day.now`` (``later``: or later today) given their claims,
    their bookings and their fixed desk today: a claim first, then the earliest booking."""
    now = day.now
    for claim in claims:
        if claim.span.contains(now):
            return claim.desk_id
    current = [
        b
        for b in bookings
        if (b.span.overlaps(Span(now, day.end)) if later else b.span.contains(now))
    ]
    if current:
        return min(current, key=lambda b: b.span.start).desk_id
    return fixed_desk


def claim_until(day: Day, later_starts: Iterable[datetime | None]) -> datetime:
    """When a claim made at ``day.now`` ends: at the rest of the day's end, or sooner at the
    first of ``later_starts`` after now (a booking of the desk, or of the person, later today)."""
    until = day.claims_end
    for start in later_starts:
        if start is not None and day.now < start < until:
            until = start
    return until


@dataclass(frozen=True)
class ClaimVerdict:
    until: datetime | None  # when the claim ends, if it may be made
    refusal: ConflictReason | None = None
    blocker: Hold | None = None  # the hold in the way, if one is (for staff only)


def decide_claim(
    day: Day,
    *,
    desk_holds: Iterable[Hold],
    person_holds: Iterable[Hold],
    person_fixed: bool,
) -> ClaimVerdict:
    """May a person claim a drop-in desk (one in use and nobody's fixed desk today: the
    caller's check) at ``day.now``, and until when. ``desk_holds`` and ``person_holds`` are the
    desk's and the person's active claims and booked bookings (any that overlap the rest of the
    day will do). The claim ends at closing, or sooner where a booking of the desk or of the
    person begins; it is refused when the desk is held at some moment of that span (DESK_TAKEN),
    or the person holds a desk then or has a fixed desk today (PERSON_HAS_DESK). A claim that
    arrives late (made offline) is judged at its own moment, against what was decided since."""
    desk_holds, person_holds = list(desk_holds), list(person_holds)
    until = claim_until(day, [h.span.start for h in (*desk_holds, *person_holds) if h.booking])
    span = Span(day.now, until)
    # Bookings first, then claims: the order the store has always told staff about them.
    for hold in sorted(desk_holds, key=lambda h: not h.booking):
        if hold.span.overlaps(span):
            return ClaimVerdict(None, ConflictReason.DESK_TAKEN, hold)
    for hold in person_holds:
        if hold.span.overlaps(span):
            return ClaimVerdict(None, ConflictReason.PERSON_HAS_DESK, hold)
    if person_fixed:
        return ClaimVerdict(None, ConflictReason.PERSON_HAS_DESK)
    return ClaimVerdict(until)


# --- the daily jobs --------------------------------------------------------------------------


def due_jobs(
    hours: SiteHours, now: datetime, done: Iterable[tuple[str, date]], catch_up_days: int
) -> list[tuple[str, date]]:
    """The (job, day) pairs due at ``now`` and not ``done``: today's and those of the
    ``catch_up_days`` days before whose moment has passed, oldest first."""
    finished = set(done)
    today = local_day(hours.zone, now)
    due = []
    for offset in range(catch_up_days, -1, -1):
        day = today - timedelta(days=offset)
        for job in (NO_SHOW, CLOSING):
            if (job, day) not in finished and hours.moment(job, day) <= now:
                due.append((job, day))
    return due


def missed(
    booking: Span,
    release: datetime,
    visits: Iterable[tuple[datetime, datetime | None]],
    day_start: datetime,
) -> bool:
    """Does the no-show release at ``release`` free this booking: it had begun before the
    release (one starting at that very moment has not been missed yet) and runs past it, and
    none of its person's visits (checked in, checked out or None) had begun by then and was
    still going at the day's start."""
    if not booking.start < release < booking.end:
        return False
    return not any(came <= release and (left is None or left >= day_start) for came, left in visits)
