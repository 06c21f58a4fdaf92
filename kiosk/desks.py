"""Desks on the floor plans: their live state, drop-in claims and "your desk today". No Qt.

The floors, rooms, desks, bookings, fixed assignments and claims are mirrored from the central
store's changes feed (``kiosk/desk_mirror.py``); claims made at this kiosk are written locally
first, together with their outbox event (and a check-in when the person is not in yet), and
sent to the store at once when it answers.

DeskService only reads and writes the local store and orders the steps; the rules of the day
are ``kiosk/desk_rules.py``'s and the values it hands out ``kiosk/desk_types.py``'s (imported
here too, for the callers that have always found them in this module).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kiosk import desk_rules, outbox
from kiosk.checkin import CheckinService
from kiosk.clock import Clock
from kiosk.desk_rules import Day, Hold, Span
from kiosk.desk_types import (
    CLAIMABLE,
    ClaimOutcome,
    ClaimResult,
    Desk,
    DeskConflict,
    DeskMode,
    DeskState,
    DeskStatus,
    Floor,
    Room,
    UnknownDesk,
)
from kiosk.models import (
    BookingRow,
    DeskAssignmentRow,
    DeskClaimRow,
    DeskConflictRow,
    DeskRow,
    FloorRow,
    OutboxEvent,
    Person,
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

__all__ = [
    "ClaimOutcome",
    "ClaimResult",
    "Desk",
    "DeskConflict",
    "DeskMode",
    "DeskService",
    "DeskState",
    "DeskStatus",
    "Floor",
    "PushNow",
    "Room",
    "UnknownDesk",
]

log = logging.getLogger(__name__)

# The sync engine's push_now: send these outbox events at once, within this many seconds;
# the store's (status, reason) per event, or None when not answered in time.
PushNow = Callable[[Sequence[str], float], Mapping[str, tuple[str, str | None]] | None]
# How long a desk the store just gave to someone else shows occupied here, until the changes
# feed brings the winner's claim.
TAKEN_MARK_S = 120

# desk id -> (desk, in use): one read of the mirror, never changed once built.
DeskSnapshot = Mapping[str, tuple[Desk, bool]]


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


def _claim_hold(row: DeskClaimRow) -> Hold:
    return Hold(row.desk_id, row.person_id, Span(row.start_at, row.until), row.provisional, row.id)


def _booking_hold(row: BookingRow) -> Hold:
    return Hold(row.desk_id, row.person_id, Span(row.start_at, row.end_at), False, row.id, True)


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
        # The desks as last read, swapped whole under _cache_lock: the sync thread drops it
        # (data_changed) while the GUI thread reads it. Each drop starts a generation, which
        # has one snapshot: a read that began before the drop is never kept nor handed out.
        self._cache_lock = threading.Lock()
        self._desks_cache: DeskSnapshot | None = None
        self._cache_generation = 0

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
        desks = self._all_desks()
        with self._store.session() as session:
            return self._statuses(session, desks, self._day(session), floor_id)

    def free_counts_by_zone(self) -> dict[str, int]:
        """zone -> desks free now (FREE or BOOKED_LATER) on the whole site; every zone listed."""
        desks = self._all_desks()  # one snapshot for the statuses and their zones
        counts = {desk.zone: 0 for desk, _ in desks.values() if desk.floor_id}
        with self._store.session() as session:
            statuses = self._statuses(session, desks, self._day(session), None)
        for desk_id, status in statuses.items():
            if status.state in CLAIMABLE:
                counts[desks[desk_id][0].zone] += 1
        return dict(sorted(counts.items()))

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) whenever statuses may have changed."""
        with self._lock:
            self._listeners.append(callback)

    def data_changed(self) -> None:
        """The sync engine stored answers or changes: settle claims, then tell listeners."""
        self._invalidate_desks()
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
        desks = self._all_desks()
        if desk_id not in desks:
            raise UnknownDesk(desk_id)
        desk = desks[desk_id][0]
        at = self._clock.now()
        event_id = str(uuid.uuid4())
        with self._store.session() as session:
            day = self._day(session, at)
            status = self._statuses(session, desks, day, desk.floor_id, only=desk_id)[desk_id]
            if status.state not in CLAIMABLE:
                return ClaimResult(ClaimOutcome.NOT_FREE, desk, None)
            verdict = desk_rules.decide_claim(
                day,
                desk_holds=[
                    *self._claims(session, day, desk_id=desk_id),
                    *self._bookings(session, day, desk_id=desk_id),
                ],
                person_holds=[
                    *self._claims(session, day, person_id=person_id),
                    *self._bookings(session, day, person_id=person_id),
                ],
                person_fixed=self._fixed_desk(session, person_id, day) is not None,
            )
            if verdict.refusal is ConflictReason.PERSON_HAS_DESK:
                return ClaimResult(ClaimOutcome.ALREADY_HAS_DESK, desk, None)
            if verdict.until is None:
                return ClaimResult(ClaimOutcome.NOT_FREE, desk, None)
            until = verdict.until
            sent_ids = []
            if not self._checkin.present_in(session, person_id):  # yesterday's closing ended it
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
            desks = self._all_desks()  # one snapshot for the statuses and the desks
            statuses = self._statuses(session, desks, self._day(session), None)
            wanted = set(needs)
            free = sorted(
                (
                    desks[i][0]
                    for i, s in statuses.items()
                    if s.state in CLAIMABLE and wanted <= set(desks[i][0].equipment)
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

    def _all_desks(self) -> DeskSnapshot:
        """The site's desks: this generation's snapshot, read once and then shared.

        A read the sync thread drops the cache during is read again (a few times at most), so
        a snapshot handed out is never older than one handed out before it."""
        snapshot: DeskSnapshot = MappingProxyType({})
        for _ in range(5):
            with self._cache_lock:
                if self._desks_cache is not None:
                    return self._desks_cache
                generation = self._cache_generation
            snapshot = self._read_desks()
            with self._cache_lock:
                if self._cache_generation == generation:
                    if self._desks_cache is None:
                        self._desks_cache = snapshot
                    return self._desks_cache  # the first read of this generation kept
        return snapshot  # the data changes faster than it is read: good for this call only

    def _read_desks(self) -> DeskSnapshot:
        with self._store.session() as session:
            return MappingProxyType(
                {
                    row.id: (_desk(row), row.active)
                    for row in session.scalars(
                        select(DeskRow).where(
                            DeskRow.site == self._site, DeskRow.floor_id.is_not(None)
                        )
                    )
                }
            )

    def _invalidate_desks(self) -> None:
        with self._cache_lock:
            self._desks_cache = None
            self._cache_generation += 1

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

    def _day(self, session: Session, now: datetime | None = None) -> Day:
        settings = session.get(SiteSettings, self._site)
        hours = desk_rules.SiteHours.parse_or_default(
            settings.timezone if settings else None,
            settings.no_show_release if settings else None,
            settings.closing_time if settings else None,
        )
        return hours.day(now or self._clock.now())

    def _statuses(
        self,
        session: Session,
        desks: DeskSnapshot,
        day: Day,
        floor_id: str | None,
        only: str | None = None,
    ) -> dict[str, DeskStatus]:
        """The statuses of ``desks`` (on ``floor_id``, or just ``only``) at ``day.now``."""
        wanted = {
            desk_id: (desk, active)
            for desk_id, (desk, active) in desks.items()
            if (floor_id is None or desk.floor_id == floor_id) and (only is None or desk_id == only)
        }
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
        return desk_rules.desk_statuses(
            wanted,
            day,
            fixed=fixed,
            claims=self._claims(session, day, desk_id=only),
            bookings=self._bookings(session, day, desk_id=only),
        )

    def _claims(
        self,
        session: Session,
        day: Day,
        *,
        desk_id: str | None = None,
        person_id: str | None = None,
    ) -> list[Hold]:
        """Active claims holding a desk at ``day.now``, in the database's order."""
        query = select(DeskClaimRow).where(
            DeskClaimRow.status == "active",
            DeskClaimRow.start_at <= day.now,
            DeskClaimRow.until > day.now,
        )
        if desk_id is not None:
            query = query.where(DeskClaimRow.desk_id == desk_id)
        if person_id is not None:
            query = query.where(DeskClaimRow.person_id == person_id)
        return [_claim_hold(row) for row in session.scalars(query)]

    def _bookings(
        self,
        session: Session,
        day: Day,
        *,
        desk_id: str | None = None,
        person_id: str | None = None,
    ) -> list[Hold]:
        """Booked bookings that overlap the rest of the day, [now, end of day)."""
        query = select(BookingRow).where(
            BookingRow.status == "booked",
            BookingRow.end_at > day.now,
            BookingRow.start_at < day.end,
        )
        if desk_id is not None:
            query = query.where(BookingRow.desk_id == desk_id)
        if person_id is not None:
            query = query.where(BookingRow.person_id == person_id)
        return [_booking_hold(row) for row in session.scalars(query.order_by(BookingRow.start_at))]

    def _held_desk(
        self, session: Session, person_id: str, day: Day, *, later: bool = False
    ) -> str | None:
        """The desk the person holds now (``later``: or later today) by claim, booking or
        fixed assignment."""
        return desk_rules.held_desk(
            day,
            self._claims(session, day, person_id=person_id),
            self._bookings(session, day, person_id=person_id),
            self._fixed_desk(session, person_id, day),
            later=later,
        )

    def _fixed_desk(self, session: Session, person_id: str, day: Day) -> str | None:
        """The person's fixed desk on ``day.day``, if they have one."""
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
