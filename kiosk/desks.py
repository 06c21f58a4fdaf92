"""Desks on the floor plans: their live state, drop-in claims and "your desk today". No Qt.

The floors, rooms, desks, bookings, fixed assignments and claims are mirrored from the central
store's changes feed (``kiosk/desk_mirror.py``); claims made at this kiosk are written locally
first, together with their outbox event (and a check-in when the person is not in yet), and
sent to the store at once when it answers.
"""

from __future__ import annotations

import enum
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.checkin import CheckinService
from kiosk.clock import Clock
from kiosk.domain import KioskError
from kiosk.models import (
    BookingRow,
    DeskAssignmentRow,
    DeskClaimRow,
    DeskConflictRow,
    DeskRow,
    FloorRow,
    OutboxEvent,
    Person,
    Presence,
    RoomRow,
    SiteSettings,
)
from kiosk.protocol import (
    CLAIM_TIMEOUT_S,
    CheckinMethod,
    ConflictReason,
    EventType,
    ResultStatus,
    event_json,
)
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

# The sync engine's push_now: send these outbox events at once, within this many seconds;
# the store's (status, reason) per event, or None when not answered in time.
PushNow = Callable[[Sequence[str], float], Mapping[str, tuple[str, str | None]] | None]
# How long a desk the store just gave to someone else shows occupied here, until the changes
# feed brings the winner's claim.
TAKEN_MARK_S = 120


class DeskState(enum.Enum):
    """What the map shows for a desk right now."""

    FREE = "free"  # free now until closing (free_until)
    BOOKED_LATER = "booked_later"  # free now, booked later today (free_until: when)
    OCCUPIED = "occupied"  # claimed, or booked by someone now
    FIXED = "fixed"  # assigned to a person or organisation today
    UNAVAILABLE = "unavailable"  # out of use, or a fixed-mode desk nobody holds


class DeskMode(enum.Enum):
    FIXED = "fixed"
    BOOKABLE = "bookable"
    DROP_IN = "drop_in"


@dataclass(frozen=True)
class Floor:
    id: str
    site: str
    name: str
    level: int
    plan_path: Path | None  # the plan file (SVG or PNG) under the kiosk's data dir
    width: float  # plan units (the SVG's viewBox width)
    height: float


@dataclass(frozen=True)
class Desk:
    id: str
    label: str  # "B-12"
    floor_id: str
    x: float  # top-left corner in plan units, before rotation
    y: float
    width: float
    height: float
    rotation: float  # degrees clockwise about the desk's centre
    zone: str  # "Sone A", "Stillesone", ...
    equipment: tuple[str, ...]  # "screen", "standing", "quiet", "step_free", "docking", ...
    mode: DeskMode


@dataclass(frozen=True)
class Room:
    """A room drawn on the plan (meeting room, lunch area, entrance): shown, never claimable."""

    id: str
    floor_id: str
    name: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class DeskStatus:
    desk_id: str
    state: DeskState
    free_until: datetime | None  # FREE: closing time; BOOKED_LATER: the booking's start
    provisional: bool  # OCCUPIED by a claim made here offline, not yet confirmed by the store


class ClaimOutcome(enum.Enum):
    CLAIMED = "claimed"  # the central store confirmed it
    PROVISIONAL = "provisional"  # recorded here; the store was not reached in time
    TAKEN = "taken"  # the store says someone else has it (the local claim is undone)
    NOT_FREE = "not_free"  # this kiosk already knows it is not free; nothing recorded
    ALREADY_HAS_DESK = "already_has_desk"  # the person holds another desk now; nothing kept


@dataclass(frozen=True)
class ClaimResult:
    outcome: ClaimOutcome
    desk: Desk
    until: datetime | None  # CLAIMED/PROVISIONAL: when the claim ends; otherwise None


@dataclass(frozen=True)
class DeskConflict:
    """A claim made here offline that the store gave to someone else (first come)."""

    event_id: str
    desk: Desk
    at: datetime  # when the claim was made


class UnknownDesk(KioskError):
    """No desk with that id in this kiosk's mirror."""


_CLAIMABLE = (DeskState.FREE, DeskState.BOOKED_LATER)


@dataclass(frozen=True)
class _Day:
    """The site's day around a moment: its bounds, and when drop-in claims end."""

    now: datetime
    day: date
    start: datetime
    end: datetime
    claims_end: datetime  # closing time, or midnight for a claim made after closing


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Oslo")


def _hhmm(text: str, default: time) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        return default


def _desk(row: DeskRow) -> Desk:
    try:
        mode = DeskMode(row.mode)
    except ValueError:
        mode = DeskMode.DROP_IN  # a newer store's mode: show it, never let it be claimed wrongly
    return Desk(
        id=row.id,
        label=row.label,
        floor_id=row.floor_id or "",
        x=row.x,
        y=row.y,
        width=row.width,
        height=row.height,
        rotation=row.rotation,
        zone=row.zone,
        equipment=tuple(row.equipment or ()),
        mode=mode,
    )


class DeskService:
    """Reads and claims desks over the local store. Every method may be called from any thread.

    ``claim`` may block up to ~1.5 s waiting for the central store: call it off the GUI thread.
    """

    def __init__(
        self,
        store: LocalStore,
        clock: Clock,
        site: str,
        checkin: CheckinService,
        *,
        plans_dir: Path,
        push_now: PushNow | None = None,
        claim_timeout_s: float = CLAIM_TIMEOUT_S,
        on_recorded: Callable[[], None] = lambda: None,
    ) -> None:
        """``push_now`` is the sync engine's: it sends a claim's events at once, serialised
        with its rounds, and settles the answer (through ``data_changed``) before returning;
        None means offline-only. ``on_recorded`` wakes the sync engine."""
        self._store = store
        self._clock = clock
        self._site = site
        self._checkin = checkin
        self._plans_dir = plans_dir
        self._push_now = push_now
        self._claim_timeout = claim_timeout_s
        self._on_recorded = on_recorded
        self._listeners: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        # Settling answered claims writes conflict rows; one thread at a time does it.
        self._settling = threading.Lock()
        self._desks_cache: dict[str, tuple[Desk, bool]] | None = None  # id -> (desk, active)

    # --- the layout ---------------------------------------------------------------------------

    def floors(self) -> list[Floor]:
        """This site's floors, lowest level first."""
        with self._store.session() as session:
            rows = session.scalars(
                select(FloorRow).where(FloorRow.site == self._site).order_by(FloorRow.level)
            ).all()
            return [
                Floor(
                    id=row.id,
                    site=row.site,
                    name=row.name,
                    level=row.level,
                    plan_path=self._plan_file(row),
                    width=row.width,
                    height=row.height,
                )
                for row in rows
            ]

    def rooms(self, floor_id: str) -> list[Room]:
        """Rooms drawn on one floor."""
        with self._store.session() as session:
            return [
                Room(r.id, r.floor_id, r.name, r.x, r.y, r.width, r.height)
                for r in session.scalars(
                    select(RoomRow).where(RoomRow.floor_id == floor_id).order_by(RoomRow.id)
                )
            ]

    def desks(self, floor_id: str) -> list[Desk]:
        """Desks on one floor (out-of-use ones too: they show as UNAVAILABLE), by label."""
        return sorted(
            (desk for desk, _ in self._all_desks().values() if desk.floor_id == floor_id),
            key=lambda desk: desk.label,
        )

    def desk(self, desk_id: str) -> Desk | None:
        """One desk by id."""
        found = self._all_desks().get(desk_id)
        return found[0] if found else None

    # --- live state ---------------------------------------------------------------------------

    def statuses(self, floor_id: str | None = None) -> dict[str, DeskStatus]:
        """desk id -> its state now, for one floor or the whole site."""
        with self._store.session() as session:
            return self._statuses(session, self._day(session), floor_id)

    def free_counts_by_zone(self) -> dict[str, int]:
        """zone -> desks free now (FREE or BOOKED_LATER) on the whole site; every zone listed."""
        desks = self._all_desks()
        counts = {desk.zone: 0 for desk, _ in desks.values() if desk.floor_id}
        for desk_id, status in self.statuses().items():
            if status.state in _CLAIMABLE:
                counts[desks[desk_id][0].zone] += 1
        return dict(sorted(counts.items()))

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) whenever statuses may have changed."""
        with self._lock:
            self._listeners.append(callback)

    def data_changed(self) -> None:
        """The sync engine stored answers or changes: settle claims, then tell listeners."""
        self._desks_cache = None
        with self._settling, self._store.session() as session:
            self._settle_claims(session)
        self._notify()

    # --- claiming -----------------------------------------------------------------------------

    def claim(self, desk_id: str, person_id: str, method: CheckinMethod) -> ClaimResult:
        """Claim a free desk until closing time; checks the person in too if they are not.

        The claim, the check-in (when needed) and their outbox events commit together. Online,
        they go to the store at once and its answer decides: CLAIMED, TAKEN (the local claim is
        undone, the desk shows occupied) or ALREADY_HAS_DESK. Offline or slow: PROVISIONAL, and
        the outbox delivers it later. Raises UnknownDesk."""
        desk = self.desk(desk_id)
        if desk is None:
            raise UnknownDesk(desk_id)
        at = self._clock.now()
        event_id = str(uuid.uuid4())
        with self._store.session() as session:
            day = self._day(session, at)
            status = self._statuses(session, day, desk.floor_id, only=desk_id).get(desk_id)
            if status is None or status.state not in _CLAIMABLE:
                return ClaimResult(ClaimOutcome.NOT_FREE, desk, None)
            if self._held_desk(session, person_id, day) is not None:
                return ClaimResult(ClaimOutcome.ALREADY_HAS_DESK, desk, None)
            until = status.free_until or day.claims_end
            sent_ids = []
            presence = session.get(Presence, person_id)
            if presence is None or not presence.checked_in:
                sent_ids.append(
                    self._checkin.write(session, EventType.CHECK_IN, person_id, method, None, at)
                )
            session.add(
                DeskClaimRow(
                    id=event_id,
                    desk_id=desk_id,
                    person_id=person_id,
                    start_at=at,
                    until=until,
                    status="active",
                    provisional=True,
                )
            )
            data = {"desk_id": desk_id, "person_id": person_id, "method": str(method)}
            outbox.add(session, event_json(event_id, EventType.DESK_CLAIM, at, data), at)
            sent_ids.append(event_id)
        log.info("recorded desk claim %s of %s", event_id, desk.label)
        self._notify()
        try:
            answers = self._push_now(sent_ids, self._claim_timeout) if self._push_now else None
        finally:
            self._on_recorded()
        if answers is None or event_id not in answers:
            log.info("desk claim %s not answered at once: provisional", event_id)
            return ClaimResult(ClaimOutcome.PROVISIONAL, desk, until)
        status_text, reason = answers[event_id]
        if status_text in (ResultStatus.ACCEPTED, ResultStatus.DUPLICATE):
            with self._settling, self._store.session() as session:
                self._settle_claims(session)
            self._notify()
            return ClaimResult(ClaimOutcome.CLAIMED, desk, until)
        # The store said no while the person stands here: the claim is undone (the sync
        # engine settled it), the person is told now, and the desk shows taken.
        with self._settling, self._store.session() as session:
            self._settle_claims(session)
            conflict = session.get(DeskConflictRow, event_id)
            if conflict is not None:
                conflict.acknowledged = True
            if reason != ConflictReason.PERSON_HAS_DESK:
                self._mark_taken(session, desk_id, at)
        self._notify()
        if status_text == ResultStatus.CONFLICT and reason == ConflictReason.PERSON_HAS_DESK:
            return ClaimResult(ClaimOutcome.ALREADY_HAS_DESK, desk, None)
        if status_text == ResultStatus.REJECTED:
            log.error("the store rejected desk claim %s: %s", event_id, reason)
        return ClaimResult(ClaimOutcome.TAKEN, desk, None)

    def release(self, desk_id: str, person_id: str) -> None:
        """Give back a desk this person claimed today (no-op if they hold no claim on it)."""
        at = self._clock.now()
        with self._store.session() as session:
            claims = session.scalars(
                select(DeskClaimRow).where(
                    DeskClaimRow.desk_id == desk_id,
                    DeskClaimRow.person_id == person_id,
                    DeskClaimRow.status == "active",
                    DeskClaimRow.until > at,
                )
            ).all()
            if not claims:
                return
            for claim in claims:
                claim.status = "released"
                claim.until = max(at, claim.start_at)
                data = {"claim_id": claim.id, "desk_id": desk_id, "person_id": person_id}
                release_id = str(uuid.uuid4())
                outbox.add(session, event_json(release_id, EventType.DESK_RELEASE, at, data), at)
        self._notify()
        self._on_recorded()

    def suggest_desk(self, person_id: str, needs: Collection[str] = ()) -> Desk | None:
        """The person's usual desk if free, else a free desk in their cluster's zone, else any;
        only desks whose equipment includes every tag in ``needs`` ("step_free", ...)."""
        with self._store.session() as session:
            day = self._day(session)
            statuses = self._statuses(session, day, None)
            desks = self._all_desks()
            wanted = set(needs)
            free = sorted(
                (
                    desks[i][0]
                    for i, s in statuses.items()
                    if s.state in _CLAIMABLE and wanted <= set(desks[i][0].equipment)
                ),
                key=lambda d: (statuses[d.id].state is not DeskState.FREE, d.label),
            )
            if not free:
                return None
            usual = Counter(
                list(
                    session.scalars(
                        select(DeskClaimRow.desk_id).where(DeskClaimRow.person_id == person_id)
                    )
                )
                + list(
                    session.scalars(
                        select(BookingRow.desk_id).where(BookingRow.person_id == person_id)
                    )
                )
            )
            free_ids = {d.id for d in free}
            for desk_id, _ in usual.most_common():
                if desk_id in free_ids:
                    return desks[desk_id][0]
            person = session.get(Person, person_id)
            settings = session.get(SiteSettings, self._site)
            zones = (settings.cluster_zones or {}) if settings is not None else {}
            zone = zones.get(person.cluster or "") if person is not None else None
            in_zone = [d for d in free if d.zone == zone]
            return (in_zone or free)[0]

    def todays_desk(self, person_id: str) -> Desk | None:
        """The desk the person holds today: a claim, a booking or a fixed desk."""
        with self._store.session() as session:
            desk_id = self._held_desk(session, person_id, self._day(session), later=True)
        return self.desk(desk_id) if desk_id else None

    def take_conflict_notices(self, person_id: str) -> list[DeskConflict]:
        """Provisional claims of this person the store gave to someone else, not yet told;
        they count as told once returned (read and acknowledged in one transaction)."""
        with self._settling, self._store.session() as session:
            self._settle_claims(session)
            rows = session.scalars(
                select(DeskConflictRow)
                .where(
                    DeskConflictRow.person_id == person_id,
                    DeskConflictRow.acknowledged.is_(False),
                )
                .order_by(DeskConflictRow.at)
            ).all()
            found = [(r.event_id, r.desk_id, r.at) for r in rows]
            for row in rows:
                row.acknowledged = True
        return [
            DeskConflict(event_id, desk, at)
            for event_id, desk_id, at in found
            if (desk := self.desk(desk_id)) is not None
        ]

    # --- inside -------------------------------------------------------------------------------

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception:
                log.exception("desks: a listener failed")

    def _all_desks(self) -> dict[str, tuple[Desk, bool]]:
        cache = self._desks_cache
        if cache is None:
            with self._store.session() as session:
                cache = {
                    row.id: (_desk(row), row.active)
                    for row in session.scalars(
                        select(DeskRow).where(
                            DeskRow.site == self._site, DeskRow.floor_id.is_not(None)
                        )
                    )
                }
            self._desks_cache = cache
        return cache

    def _plan_file(self, row: FloorRow) -> Path | None:
        if row.plan is None:
            return None
        path = self._plans_dir / f"{row.id}-{row.plan_sha256[:12]}.{row.plan_type}"
        if not path.exists():
            self._plans_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(row.plan)
            partial.replace(path)
        return path

    def _day(self, session: Session, now: datetime | None = None) -> _Day:
        now = now or self._clock.now()
        settings = session.get(SiteSettings, self._site)
        zone = _zone(settings.timezone if settings else "Europe/Oslo")
        closing_time = _hhmm(settings.closing_time if settings else "17:00", time(17))
        day = now.astimezone(zone).date()
        start = datetime.combine(day, time(0), zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
        closing = datetime.combine(day, closing_time, zone).astimezone(UTC)
        return _Day(now, day, start, end, closing if now < closing else end)

    def _statuses(
        self, session: Session, day: _Day, floor_id: str | None, only: str | None = None
    ) -> dict[str, DeskStatus]:
        desks = self._all_desks()
        wanted = {
            desk_id: (desk, active)
            for desk_id, (desk, active) in desks.items()
            if (floor_id is None or desk.floor_id == floor_id) and (only is None or desk_id == only)
        }
        now = day.now
        claims: dict[str, DeskClaimRow] = {}
        for claim in session.scalars(
            select(DeskClaimRow).where(
                DeskClaimRow.status == "active",
                DeskClaimRow.start_at <= now,
                DeskClaimRow.until > now,
                *([DeskClaimRow.desk_id == only] if only else []),
            )
        ):
            current = claims.get(claim.desk_id)
            if current is None or (current.provisional and not claim.provisional):
                claims[claim.desk_id] = claim
        booked_now: set[str] = set()
        next_booking: dict[str, datetime] = {}
        for booking in session.scalars(
            select(BookingRow).where(
                BookingRow.status == "booked",
                BookingRow.end_at > now,
                BookingRow.start_at < day.claims_end,
                *([BookingRow.desk_id == only] if only else []),
            )
        ):
            if booking.start_at <= now:
                booked_now.add(booking.desk_id)
            else:
                first = next_booking.get(booking.desk_id)
                next_booking[booking.desk_id] = min(first or booking.start_at, booking.start_at)
        fixed = set(
            session.scalars(
                select(DeskAssignmentRow.desk_id).where(
                    DeskAssignmentRow.valid_from <= day.day,
                    or_(
                        DeskAssignmentRow.valid_until.is_(None),
                        DeskAssignmentRow.valid_until > day.day,
                    ),
                )
            )
        )
        result = {}
        for desk_id, (desk, active) in wanted.items():
            state, until, provisional = DeskState.FREE, None, False
            if not active:
                state = DeskState.UNAVAILABLE
            elif desk_id in fixed:
                state = DeskState.FIXED
            elif desk_id in claims:
                state, provisional = DeskState.OCCUPIED, claims[desk_id].provisional
            elif desk_id in booked_now:
                state = DeskState.OCCUPIED
            elif desk.mode is DeskMode.FIXED:
                state = DeskState.UNAVAILABLE
            elif desk_id in next_booking:
                state, until = DeskState.BOOKED_LATER, next_booking[desk_id]
            else:
                until = day.claims_end
            result[desk_id] = DeskStatus(desk_id, state, until, provisional)
        return result

    def _held_desk(
        self, session: Session, person_id: str, day: _Day, *, later: bool = False
    ) -> str | None:
        """The desk the person holds now (``later``: or later today) by claim, booking or
        fixed assignment."""
        now = day.now
        claim = session.scalars(
            select(DeskClaimRow.desk_id).where(
                DeskClaimRow.person_id == person_id,
                DeskClaimRow.status == "active",
                DeskClaimRow.start_at <= now,
                DeskClaimRow.until > now,
            )
        ).first()
        if claim:
            return claim
        booking = session.scalars(
            select(BookingRow.desk_id)
            .where(
                BookingRow.person_id == person_id,
                BookingRow.status == "booked",
                BookingRow.start_at < (day.end if later else now + timedelta(microseconds=1)),
                BookingRow.end_at > now,
            )
            .order_by(BookingRow.start_at)
        ).first()
        if booking:
            return booking
        return session.scalars(
            select(DeskAssignmentRow.desk_id).where(
                DeskAssignmentRow.person_id == person_id,
                DeskAssignmentRow.valid_from <= day.day,
                or_(
                    DeskAssignmentRow.valid_until.is_(None),
                    DeskAssignmentRow.valid_until > day.day,
                ),
            )
        ).first()

    def _undo_claim(self, session: Session, event_id: str, *, acknowledged: bool) -> None:
        claim = session.get(DeskClaimRow, event_id)
        if claim is None:
            return
        session.merge(
            DeskConflictRow(
                event_id=event_id,
                person_id=claim.person_id,
                desk_id=claim.desk_id,
                at=claim.start_at,
                acknowledged=acknowledged,
            )
        )
        session.delete(claim)

    def _mark_taken(self, session: Session, desk_id: str, at: datetime) -> None:
        """Show the desk occupied until the feed brings whoever won it."""
        session.add(
            DeskClaimRow(
                id=str(uuid.uuid4()),
                desk_id=desk_id,
                person_id="",
                start_at=at,
                until=at + timedelta(seconds=TAKEN_MARK_S),
                status="active",
                provisional=False,
            )
        )

    def _settle_claims(self, session: Session) -> None:
        """Provisional claims the store has answered: confirmed, or lost (noted for the person).

        Call with ``self._settling`` held, so two threads never settle the same claim."""
        answered = session.execute(
            select(DeskClaimRow.id, OutboxEvent.status, OutboxEvent.reason)
            .join(OutboxEvent, OutboxEvent.event_id == DeskClaimRow.id)
            .where(DeskClaimRow.provisional.is_(True), OutboxEvent.status != "pending")
        ).all()
        for claim_id, status, reason in answered:
            if status in (ResultStatus.ACCEPTED, ResultStatus.DUPLICATE):
                row = session.get(DeskClaimRow, claim_id)
                if row is not None:
                    row.provisional = False
            else:
                log.info("desk claim %s lost at the store: %s", claim_id, reason)
                self._undo_claim(session, claim_id, acknowledged=False)
        # Taken-marks whose time is up are of no use any more.
        session.execute(
            delete(DeskClaimRow).where(
                DeskClaimRow.person_id == "", DeskClaimRow.until <= self._clock.now()
            )
        )
