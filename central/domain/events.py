"""Applying the events kiosks send: each id at most once; a batch in one transaction, each
event in a savepoint of its own, so one bad event is answered on its own."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from central.db.engine import SessionFactory
from central.db.models import (
    ClaimStatus,
    DeskClaim,
    EventRecord,
    Invitation,
    LunchTalk,
    Person,
    Site,
    Visit,
)
from central.domain import changes, desks, guests, lunch
from kiosk import desk_rules
from kiosk.clock import Clock
from kiosk.protocol import CheckinMethod, ConflictReason, Entity, EventType, ResultStatus

log = logging.getLogger(__name__)

MAX_DATA_BYTES = 4096
# An event's time must lie in this window around the store's clock when it arrives: a kiosk
# offline for months still gets its check-ins in, a clock set to 0001 or 9999 does not.
MAX_AHEAD = timedelta(days=1)
MAX_BEHIND = timedelta(days=365)
OUT_OF_WINDOW = "at is more than a day ahead of or a year behind the store's clock"
NOT_APPLIED = "the store could not apply this event"

# Writers of events run one at a time anyway (the feed lock on PostgreSQL, the write lock on
# SQLite). Queueing for this lock first, before taking a connection, keeps waiting batches from
# holding pooled connections that reads need, and SQLite writers from polling for its lock;
# whoever holds it applies every batch waiting (apply_batch).
_WRITER = threading.Lock()
_PASS_ID = re.compile(r"[0-9a-f]{16}")
# A desk or claim id: printable text. A NUL reached PostgreSQL as a DataError (a 500) before.
_IDENTIFIER = re.compile(r"[^\x00-\x1f\x7f]{1,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class IncomingEvent:
    """An event as it came over the wire, not yet checked."""

    id: str
    type: str
    at: str
    data: Any


@dataclass(frozen=True)
class Outcome:
    id: str
    status: ResultStatus
    reason: str | None = None


class _Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Checked:
    sent_id: str  # as the kiosk sent it: the answer repeats it
    id: str  # canonical UUID text
    type: str
    at: datetime  # UTC
    data: dict[str, Any]
    content_hash: str
    received_at: datetime  # the store's clock, when the event arrived


def content_hash(event_type: str, at: datetime, data: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of type, time (in UTC) and data."""
    canonical = json.dumps(
        {"type": event_type, "at": at.astimezone(UTC).isoformat(), "data": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_shape(event: IncomingEvent, received_at: datetime) -> _Checked:
    for name in ("id", "type", "at"):
        if _CONTROL.search(getattr(event, name)):
            raise _Rejected(f"{name} contains a control character")
    try:
        event_id = str(uuid.UUID(event.id))
    except ValueError:
        raise _Rejected("id is not a UUID") from None
    try:
        at = datetime.fromisoformat(event.at)
    except ValueError:
        raise _Rejected("at is not an ISO 8601 time") from None
    if at.tzinfo is None:
        raise _Rejected("at has no timezone offset")
    if not isinstance(event.data, dict):
        raise _Rejected("data is not an object")
    try:
        size = len(json.dumps(event.data, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        raise _Rejected("data is not valid Unicode text") from None
    if size > MAX_DATA_BYTES:
        raise _Rejected(f"data is larger than {MAX_DATA_BYTES} bytes")
    try:
        at = at.astimezone(UTC)
    except OverflowError:  # 0001-01-01 with a positive offset, 9999-12-31 with a negative one
        raise _Rejected(OUT_OF_WINDOW) from None
    if not received_at - MAX_BEHIND <= at <= received_at + MAX_AHEAD:
        raise _Rejected(OUT_OF_WINDOW)
    return _Checked(
        event.id,
        event_id,
        event.type,
        at,
        event.data,
        content_hash(event.type, at, event.data),
        received_at,
    )


def apply_batch(
    factory: SessionFactory, site: str, events: Iterable[IncomingEvent], clock: Clock
) -> list[Outcome]:
    """Apply events in order in one transaction; one outcome each, in the same order.

    Each event is answered on its own: a rejected one leaves nothing behind and the others
    stand. The feed lock is taken once per transaction. Nothing is answered before the commit,
    so a batch that fails as a whole (the database went away) was applied not at all, and the
    kiosk sends it again.

    Writers run one at a time (the feed lock), so the batches waiting for their turn are
    applied together, in the order they came, in one transaction (a group commit): the lock,
    the look-ups and the commit are paid once for all of them, not once each. On PostgreSQL
    every statement is a round trip to another process, made while every other writer waits;
    with 50 kiosks the batches queued faster than one at a time could commit them."""
    now = clock.now()
    checked = [_check(event, now) for event in events]
    if not checked:
        return []
    job = _Job(factory, site, checked, now)
    with _QUEUED:
        _QUEUE.append(job)
    with _WRITER:
        while not job.done:
            _lead(factory)
    return job.answer()


async def apply_batch_soon(
    factory: SessionFactory, site: str, events: Iterable[IncomingEvent], clock: Clock
) -> list[Outcome]:
    """``apply_batch`` for a caller in an event loop (the API): the batch is queued for the
    process's writer thread and awaited, so a request waiting for its turn holds no worker
    thread. With a worker thread per waiting request, a burst of 30 kiosks' batches held 30
    threads contending for the interpreter with the one that wrote, and the last answer came
    after a second; here they wait as futures and the writer applies them as one group."""
    now = clock.now()
    checked = [_check(event, now) for event in events]
    if not checked:
        return []
    loop = asyncio.get_running_loop()
    answered = loop.create_future()

    def tell() -> None:  # in the thread that applied the batch
        loop.call_soon_threadsafe(_resolve, answered)

    job = _Job(factory, site, checked, now, told=tell)
    with _QUEUED:
        _QUEUE.append(job)
    _writer().wake()
    await answered
    return job.answer()


def _resolve(answered: asyncio.Future[None]) -> None:
    if not answered.done():  # the request may have been cancelled (the kiosk went away)
        answered.set_result(None)


class _WriterThread:
    """The process's writer for queued batches (``apply_batch_soon``): woken when one is
    queued, it applies every batch waiting, group by group, and sleeps again. Batches of
    ``apply_batch`` callers that lead themselves are answered by whoever applies them."""

    def __init__(self) -> None:
        self._woken = threading.Event()
        self._thread = threading.Thread(target=self._run, name="event-writer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._woken.set()

    def _run(self) -> None:
        while True:
            self._woken.wait()
            self._woken.clear()  # before looking: a batch queued from now on wakes it again
            with _WRITER:
                while True:
                    with _QUEUED:
                        first = _QUEUE[0].factory if _QUEUE else None
                    if first is None:
                        break
                    try:
                        _lead(first)  # answers every batch it takes, failed or not
                    except Exception:  # a bug in taking them: log it, keep the writer alive
                        log.exception("events: the writer could not take the waiting batches")


_WRITER_THREAD: _WriterThread | None = None
_WRITER_THREAD_MADE = threading.Lock()


def _writer() -> _WriterThread:
    global _WRITER_THREAD  # one writer thread per process, made on first use
    with _WRITER_THREAD_MADE:
        if _WRITER_THREAD is None:
            _WRITER_THREAD = _WriterThread()
        return _WRITER_THREAD


@dataclass(eq=False)
class _Job:
    """A batch waiting for the writer, and then its answer."""

    factory: SessionFactory
    site: str
    checked: list[_Checked | Outcome]
    now: datetime
    told: Callable[[], None] | None = None  # called once answered (apply_batch_soon)
    done: bool = False
    outcomes: list[Outcome] | None = None
    error: BaseException | None = None

    def answer(self) -> list[Outcome]:
        if self.error is not None:
            raise self.error
        assert self.outcomes is not None
        return self.outcomes


# The batches waiting for _WRITER, oldest first; guarded by _QUEUED.
_QUEUE: list[_Job] = []
_QUEUED = threading.Lock()
# At most this many events in one transaction: a group is answered when all of it commits.
MAX_GROUP_EVENTS = 500


class _Careful(Exception):
    """The quick pass met an event it cannot answer without a savepoint of its own."""


def _lead(factory: SessionFactory) -> None:
    """Holding _WRITER: apply the waiting batches of ``factory`` (oldest first, at most
    MAX_GROUP_EVENTS events unless the first alone is larger) and answer each."""
    with _QUEUED:
        group: list[_Job] = []
        size = 0
        for waiting in _QUEUE:
            if waiting.factory is not factory:
                continue
            if group and size + len(waiting.checked) > MAX_GROUP_EVENTS:
                break
            group.append(waiting)
            size += len(waiting.checked)
        for taken in group:
            _QUEUE.remove(taken)
    try:
        try:
            results = _apply_group(factory, group, careful=False)
        except _Careful:
            results = _apply_group(factory, group, careful=True)
        for taken, outcomes in zip(group, results, strict=True):
            taken.outcomes = outcomes
    except BaseException as exc:  # noqa: BLE001 - the transaction failed: each batch is resent
        for taken in group:
            taken.error = exc
    finally:
        for taken in group:
            taken.done = True
            if taken.told is not None:
                taken.told()


def _apply_group(
    factory: SessionFactory, group: list[_Job], *, careful: bool
) -> list[list[Outcome]]:
    """The batches of ``group`` in one transaction, site by site, each event in order.

    Quick (``careful`` False): no savepoints, two round trips fewer per event; any event that
    is not simply applied (rejected, a twin stored concurrently, a failure) raises _Careful,
    and the transaction is rolled back. Careful: each event in a savepoint of its own, as a
    batch alone always was; the answers are the same either way for events the quick pass
    applies."""
    results: dict[int, list[Outcome]] = {}
    sites = list(dict.fromkeys(job.site for job in group))
    with factory.begin() as session:
        changes.lock_feed(session)
        for site in sites:
            jobs = [job for job in group if job.site == site]
            flat = [c for job in jobs for c in job.checked]
            now = max(j.now for j in jobs)
            if careful:
                outcomes = _apply_careful(session, site, flat, now)
            else:
                with changes.collected(session):  # the change rows: a few statements in all
                    quick = _apply_fast(session, site, flat, now)
                    if quick is None:
                        raise _Careful
                if quick.counts_changed:
                    _publish_counts(session, site, now)
                outcomes = quick.outcomes
            start = 0
            for job in jobs:
                results[id(job)] = outcomes[start : start + len(job.checked)]
                start += len(job.checked)
    return [results[id(job)] for job in group]


def apply_event(
    factory: SessionFactory, site: str, event: IncomingEvent, *, now: datetime
) -> Outcome:
    """Apply one event, received at ``now``, in a transaction of its own."""
    checked = _check(event, now)
    if isinstance(checked, Outcome):
        return checked
    with factory.begin() as session:
        changes.lock_feed(session)
        outcome = _apply_one(session, site, checked, set())
        _after_batch(session, site, [checked], [outcome], now)
        return outcome


def _apply_careful(
    session: Session, site: str, flat: list[_Checked | Outcome], now: datetime
) -> list[Outcome]:
    """Each event in a savepoint of its own, as a batch alone always was."""
    preloaded = _preload(session, site, [c for c in flat if isinstance(c, _Checked)])
    with changes.collected(session):  # the change rows: a few statements, not 2 each
        outcomes = [
            c if isinstance(c, Outcome) else _apply_one(session, site, c, preloaded.absent)
            for c in flat
        ]
    _after_batch(session, site, flat, outcomes, now)
    session.info.pop(_OPEN_VISITS, None)
    session.info.pop(_UNCLAIMED, None)
    return outcomes


def _publish_counts(session: Session, site: str, now: datetime) -> None:
    """The quick pass's "here today" counts, without a savepoint: a failure raises _Careful."""
    try:
        lunch.publish_here_today(session, site, now)
    except OperationalError:
        raise
    except Exception as exc:
        raise _Careful from exc


def _after_batch(
    session: Session,
    site: str,
    checked: list[_Checked | Outcome],
    outcomes: list[Outcome],
    now: datetime,
) -> None:
    """Once per batch, not per event: new check-ins change the site's "here today" counts."""
    if any(
        isinstance(c, _Checked)
        and c.type == EventType.CHECK_IN
        and o.status is ResultStatus.ACCEPTED
        and o.reason is None
        for c, o in zip(checked, outcomes, strict=True)
    ):
        try:
            with session.begin_nested():  # the counts are extra: they never cost the batch
                lunch.publish_here_today(session, site, now)
        except OperationalError:
            raise  # the database, not the counts: the batch fails and is sent again
        except Exception:
            log.exception("events: the here-today counts of %s could not be written", site)


def _check(event: IncomingEvent, now: datetime) -> _Checked | Outcome:
    try:
        return _check_shape(event, now)
    except _Rejected as rejected:
        return Outcome(event.id, ResultStatus.REJECTED, rejected.reason)


@dataclass(frozen=True)
class _Preloaded:
    held: list[Any]  # the batch's stored events, people and open visits: the identity map
    absent: set[str]  # event ids the database did not hold when the batch began


# In the session's info during a batch: person id -> the visits of theirs at the batch's site
# that this session has seen open (preloaded, or opened by the batch). A person listed has no
# other open visit there, so finding theirs needs no query (see _open_visit).
_OPEN_VISITS = "regionlab_open_visits"
# ... and the people of the batch known to hold no active desk claim at its site.
_UNCLAIMED = "regionlab_unclaimed"


def _preload(session: Session, site: str, batch: list[_Checked]) -> _Preloaded:
    """Load the batch's stored events, its people and their open visits in a few queries
    instead of several per event; taken under the feed lock, so no other writer of events or
    of visits (closing, staff) changes what they say until the batch commits."""
    event_ids = list({c.id for c in batch})
    person_ids = list({p for c in batch if (p := _person_id_or_none(c.data)) is not None})
    held: list[Any] = []
    for chunk in range(0, len(event_ids), 500):
        held += session.scalars(
            select(EventRecord).where(EventRecord.id.in_(event_ids[chunk : chunk + 500]))
        ).all()
    stored = {record.id for record in held}
    open_visits: dict[str, list[Visit]] = {person: [] for person in person_ids}
    for chunk in range(0, len(person_ids), 500):
        part = person_ids[chunk : chunk + 500]
        held += session.scalars(select(Person).where(Person.id.in_(part))).all()
        for visit in session.scalars(
            select(Visit).where(
                Visit.site == site, Visit.person_id.in_(part), Visit.checked_out_at.is_(None)
            )
        ):
            open_visits[visit.person_id].append(visit)
            held.append(visit)
    session.info[_OPEN_VISITS] = (site, open_visits)
    # People who hold no active desk claim here and claim none in this batch: their check-out
    # has no claim to end (a claim is made only by a desk_claim event, under the feed lock).
    unclaimed = set(person_ids) - {
        p for c in batch if c.type == EventType.DESK_CLAIM and (p := _person_id_or_none(c.data))
    }
    for chunk in range(0, len(person_ids), 500):
        unclaimed -= set(
            session.scalars(
                select(DeskClaim.person_id).where(
                    DeskClaim.site == site,
                    DeskClaim.person_id.in_(person_ids[chunk : chunk + 500]),
                    DeskClaim.status == ClaimStatus.ACTIVE,
                )
            )
        )
    session.info[_UNCLAIMED] = (site, unclaimed)
    return _Preloaded(held, set(event_ids) - stored)


def _person_id_or_none(data: dict[str, Any]) -> str | None:
    try:
        return str(uuid.UUID(data["person_id"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _apply_one(session: Session, site: str, checked: _Checked, absent: set[str]) -> Outcome:
    """Apply one event in a savepoint of the caller's transaction; a rejected event, or one
    that failed unexpectedly, leaves nothing behind. Only a failure of the whole transaction
    (the database is unreachable or aborted it) propagates. ``absent`` holds ids known not to
    be stored; each is used once, so a twin later in the batch or a retry looks again."""
    sent_id = checked.sent_id
    for attempt in (1, 2):
        known_absent = checked.id in absent
        absent.discard(checked.id)
        try:
            with _savepoint(session):
                status, reason = _apply(session, site, checked, known_absent=known_absent)
            return Outcome(sent_id, status, reason)
        except _Rejected as rejected:
            return Outcome(sent_id, ResultStatus.REJECTED, rejected.reason)
        except IntegrityError:
            # A concurrent transaction stored the same id (or opened the same visit) first.
            # Once more from the savepoint: this time the lookups see its committed rows.
            if attempt == 2:
                log.exception("events: %s event %s could not be applied", checked.type, checked.id)
                return Outcome(sent_id, ResultStatus.REJECTED, NOT_APPLIED)
        except OperationalError:
            raise  # the database, not this event: the batch fails and is sent again
        except Exception:
            # A bug or bad data this code did not foresee: this event's answer, not a 500 for
            # the batch. The log has the traceback; statement parameters are kept out of it.
            log.exception("events: %s event %s could not be applied", checked.type, checked.id)
            return Outcome(sent_id, ResultStatus.REJECTED, NOT_APPLIED)
    raise AssertionError("unreachable")


_PRESENCE = frozenset({str(EventType.CHECK_IN), str(EventType.CHECK_OUT)})


class _Fallback(Exception):
    """The quick pass met an event it does not answer alone: the batch goes the careful way."""


# The quick pass's statements, built once. It runs for nearly every batch, under the feed lock
# that every writer waits for: a Core statement built at import and executed on the session's
# connection costs about a third of the CPU of an ORM query built and its entities loaded each
# time (0.3 against 0.8 ms here), and nothing is flushed behind the code's back.
_SITE_ZONE = select(Site.timezone).where(Site.code == bindparam("site"))
_STORED = select(
    EventRecord.id,
    EventRecord.site,
    EventRecord.content_hash,
    EventRecord.status,
    EventRecord.reason,
).where(EventRecord.id.in_(bindparam("ids", expanding=True)))
_OPEN_VISIT = Visit.__table__.alias("open_visit")
_TODAYS_VISIT = Visit.__table__.alias("todays_visit")
_CLAIM = DeskClaim.__table__.alias("claim")
# Each person of the batch: their site, whether they have a visit open here, whether they
# came here since the start of the local day, whether they hold an active desk claim here.
_PEOPLE = select(
    Person.id,
    Person.site,
    exists()
    .where(
        _OPEN_VISIT.c.site == bindparam("site"),
        _OPEN_VISIT.c.person_id == Person.id,
        _OPEN_VISIT.c.checked_out_at.is_(None),
    )
    .label("open"),
    exists()
    .where(
        _TODAYS_VISIT.c.site == bindparam("site"),
        _TODAYS_VISIT.c.person_id == Person.id,
        _TODAYS_VISIT.c.checked_in_at >= bindparam("day_start"),
    )
    .label("today"),
    exists()
    .where(
        _CLAIM.c.site == bindparam("site"),
        _CLAIM.c.person_id == Person.id,
        _CLAIM.c.status == str(ClaimStatus.ACTIVE),
    )
    .label("claims"),
).where(Person.id.in_(bindparam("ids", expanding=True)))
_INVITED = select(Invitation.pass_id).where(
    Invitation.pass_id.in_(bindparam("passes", expanding=True))
)
_INSERT_EVENTS = insert(EventRecord)
_INSERT_VISITS = insert(Visit)
# At most one visit of a person is open at a site (uq_visits_open): closing "the open one"
# needs no visit id, so a visit opened earlier in the same batch closes the same way.
_CLOSE_VISIT = (
    update(Visit)
    .where(
        Visit.site == bindparam("at_site"),
        Visit.person_id == bindparam("of_person"),
        Visit.checked_out_at.is_(None),
    )
    .values(checked_out_at=bindparam("out_at"), check_out_event_id=bindparam("out_event"))
)


def _apply_fast(
    session: Session, site: str, checked: list[_Checked | Outcome], now: datetime
) -> _Quick | None:
    """The quick pass over a batch of check-ins and check-outs: a handful of statements for
    the whole batch instead of a savepoint, two flushes and four statements per event.
    Optimistic: an event that would be rejected or that the quick pass does not handle (a
    person of another site, a twin with other content, a new event of another type) gives
    None, the caller rolls the transaction back and applies the batch again event by event,
    and the bad one is answered on its own, exactly as before. The same outcomes and rows
    either way (test_central_apply_fast). Called holding the feed lock."""
    try:
        return _QuickBatch(session, site, checked, now).run()
    except OperationalError:
        raise  # the database, not an event: the batch fails and is sent again
    except Exception:  # noqa: BLE001 - a rule, a constraint or a bug: the careful way decides
        return None


@dataclass(frozen=True)
class _Quick:
    outcomes: list[Outcome]
    counts_changed: bool  # someone came to the site for the first time today


@dataclass
class _Person:
    site: str
    open: bool  # has a visit open at the batch's site (as far as the batch has got)
    today: bool  # has a visit at the batch's site that began today
    claims: bool  # may hold an active desk claim at the batch's site


class _QuickBatch:
    def __init__(
        self, session: Session, site: str, checked: list[_Checked | Outcome], now: datetime
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.site = site
        self.checked = checked
        zone = self.connection.execute(_SITE_ZONE, {"site": site}).scalar_one()
        self.day_start, _ = desk_rules.day_bounds(
            desk_rules.site_zone(zone), desk_rules.local_day(desk_rules.site_zone(zone), now)
        )
        self.accepted: dict[str, str] = {}  # event id -> content hash, accepted in this batch
        self.event_rows: list[dict[str, Any]] = []
        self.closes: list[dict[str, Any]] = []
        self.opens: dict[str, dict[str, Any]] = {}  # person -> their visit opened, not written
        self.closed_new: list[dict[str, Any]] = []  # visits opened and closed in the batch
        self.counts_changed = False

    def run(self) -> _Quick:
        events = [c for c in self.checked if isinstance(c, _Checked)]
        self.stored = {
            row.id: row
            for row in self.connection.execute(_STORED, {"ids": list({e.id for e in events})})
        }
        if any(e.type not in _PRESENCE for e in events if e.id not in self.stored):
            raise _Fallback("not a check-in or check-out")
        person_ids = {p for e in events if (p := _person_id_or_none(e.data)) is not None}
        self.people = {
            row.id: _Person(row.site, bool(row.open), bool(row.today), bool(row.claims))
            for row in self.connection.execute(
                _PEOPLE, {"ids": list(person_ids), "site": self.site, "day_start": self.day_start}
            )
        }
        passes = {
            e.data["pass_id"]
            for e in events
            if e.type == EventType.CHECK_IN and isinstance(e.data.get("pass_id"), str)
        }
        self.invited = (
            set(self.connection.scalars(_INVITED, {"passes": list(passes)})) if passes else set()
        )
        outcomes = [c if isinstance(c, Outcome) else self.one(c) for c in self.checked]
        self.write()
        return _Quick(outcomes, self.counts_changed)

    def one(self, event: _Checked) -> Outcome:
        if event.id in self.accepted:  # its twin came earlier in this batch
            if self.accepted[event.id] != event.content_hash:
                raise _Fallback(event.id)
            return Outcome(event.sent_id, ResultStatus.DUPLICATE)
        stored = self.stored.get(event.id)
        if stored is not None:  # stored before the batch: answered, nothing written
            if stored.content_hash != event.content_hash or stored.site != self.site:
                raise _Fallback(event.id)  # "id reused with different content"
            if stored.status == ResultStatus.CONFLICT:  # a resent claim that lost: same answer
                return Outcome(event.sent_id, ResultStatus.CONFLICT, _neutral(stored.reason))
            return Outcome(event.sent_id, ResultStatus.DUPLICATE)
        person_id = _check_presence_data(event.data)
        person = self.people.get(person_id)
        if person is None or person.site != self.site:
            raise _Fallback(person_id)  # unknown, or a guest invited from another site
        row: dict[str, Any] = {
            "id": event.id,
            "site": self.site,
            "type": event.type,
            "at": event.at,
            "data": event.data,
            "content_hash": event.content_hash,
            "received_at": event.received_at,
            "status": str(ResultStatus.ACCEPTED),
            "reason": None,
        }
        self.event_rows.append(row)
        self.accepted[event.id] = event.content_hash
        if event.type == EventType.CHECK_IN:
            row["reason"] = self.check_in(person_id, person, event)
        else:
            row["reason"] = self.check_out(person_id, person, event)
        return Outcome(event.sent_id, ResultStatus.ACCEPTED, row["reason"])

    def check_in(self, person_id: str, person: _Person, event: _Checked) -> str | None:
        if person.open:
            return "already checked in"
        person.open = True
        self.opens[person_id] = {
            "site": self.site,
            "person_id": person_id,
            "checked_in_at": event.at,
            "checked_out_at": None,
            "check_in_event_id": event.id,
            "check_out_event_id": None,
        }
        if event.at >= self.day_start and not person.today:
            person.today = True
            self.counts_changed = True  # a new face today: the site's counts change
        changes.append(
            self.session,
            Entity.PRESENCE,
            person_id,
            changes.presence_data(person_id, True, event.at),
            site=self.site,
        )
        pass_id = event.data.get("pass_id")
        if pass_id in self.invited:  # an invited guest's pass: their host is told
            self.write()  # it reads what the batch wrote so far
            guests.note_invited_arrival(
                self.session, self.site, person_id, pass_id, event.id, event.at
            )
        return None

    def check_out(self, person_id: str, person: _Person, event: _Checked) -> str | None:
        if not person.open:
            return "was not checked in"
        person.open = False
        opened = self.opens.pop(person_id, None)
        if opened is not None:  # opened in this batch and not written yet: written closed
            opened["checked_out_at"] = event.at
            opened["check_out_event_id"] = event.id
            self.closed_new.append(opened)
        else:
            self.closes.append(
                {
                    "at_site": self.site,
                    "of_person": person_id,
                    "out_at": event.at,
                    "out_event": event.id,
                }
            )
        if person.claims:
            self.write()
            desks.end_claims_of_person(self.session, self.site, person_id, event.at)
            person.claims = False  # ended: none is made but by a desk claim (careful way)
        changes.append(
            self.session,
            Entity.PRESENCE,
            person_id,
            changes.presence_data(person_id, False, event.at),
            site=self.site,
        )
        return None

    def write(self) -> None:
        """What is collected, in an order the constraints accept: the events, then the visits
        closed (a person's old visit closes before the new one opens), then those opened."""
        if self.event_rows:
            self.connection.execute(_INSERT_EVENTS, self.event_rows)
            self.event_rows = []
        if self.closes:
            self.connection.execute(_CLOSE_VISIT, self.closes)
            self.closes = []
        rows = self.closed_new + list(self.opens.values())
        if rows:
            self.connection.execute(_INSERT_VISITS, rows)
            self.closed_new = []
            self.opens = {}


@contextmanager
def _savepoint(session: Session) -> Iterator[None]:
    """A savepoint for one event: rolled back, it takes the event's change rows collected for
    the batch (changes.collected) with it."""
    mark = changes.pending_mark(session)
    try:
        with session.begin_nested():
            yield
    except BaseException:
        changes.drop_pending(session, mark)
        raise


def _apply(
    session: Session, site: str, event: _Checked, *, known_absent: bool = False
) -> tuple[ResultStatus, str | None]:
    stored = None if known_absent else _find_event(session, event.id)
    if stored is not None:
        if stored.content_hash == event.content_hash and stored.site == site:
            if stored.status == ResultStatus.CONFLICT:  # a resent claim that lost: same answer
                return ResultStatus.CONFLICT, _neutral(stored.reason)
            return ResultStatus.DUPLICATE, None
        raise _Rejected("id reused with different content")
    try:
        event_type = EventType(event.type)
    except ValueError:
        raise _Rejected(f"unknown event type {event.type!r}") from None
    if event_type in (EventType.DESK_CLAIM, EventType.DESK_RELEASE):
        return _apply_desk_event(session, site, event_type, event)
    if event_type is EventType.LUNCH_SIGNUP:
        return _apply_lunch_signup(session, site, event)
    if event_type is EventType.GUEST_ARRIVAL:
        return _apply_guest_arrival(session, site, event)
    person_id = _check_presence_data(event.data)
    _require_person_of(session, site, person_id)
    record = _store_accepted(session, site, event_type, event)
    if event_type is EventType.CHECK_IN:
        reason = _check_in(session, site, person_id, event)
        if reason is None:  # an invited guest's pass: their host is told
            guests.note_invited_arrival(
                session, site, person_id, event.data.get("pass_id"), event.id, event.at
            )
    else:
        reason = _check_out(session, site, person_id, event)
    if reason is not None:  # assigning None would still cost an UPDATE
        record.reason = reason
    session.flush()
    return ResultStatus.ACCEPTED, reason


def _require_person_of(session: Session, site: str, person_id: str) -> None:
    person = session.get(Person, person_id)
    if person is None:
        raise _Rejected("unknown person")
    if person.site != site and not guests.invited_to(session, person_id, site):
        raise _Rejected("person belongs to another site")


def _apply_guest_arrival(
    session: Session, site: str, event: _Checked
) -> tuple[ResultStatus, str | None]:
    """A walk-in guest: the guest (new or returning), their visit, and their host's notice."""
    try:
        arrival = guests.check_arrival(event.data)
        guests.require_host(session, site, arrival.host_id)
        record = _store_accepted(session, site, EventType.GUEST_ARRIVAL, event)
        guests.upsert_guest(session, site, arrival)
    except guests.GuestRejected as exc:
        raise _Rejected(str(exc)) from None
    reason = _check_in(session, site, arrival.person_id, event)
    if reason is not None:
        record.reason = reason
    guests.add_arrival(session, site, event.id, arrival, event.at)
    session.flush()
    return ResultStatus.ACCEPTED, reason


def _store_accepted(
    session: Session, site: str, event_type: EventType, event: _Checked
) -> EventRecord:
    """Store the event as accepted; what it does comes after, in the same transaction."""
    record = EventRecord(
        id=event.id,
        site=site,
        type=str(event_type),
        at=event.at,
        data=event.data,
        content_hash=event.content_hash,
        received_at=event.received_at,
        status=str(ResultStatus.ACCEPTED),
    )
    session.add(record)
    session.flush()  # a concurrent twin of this id fails here, before anything else is written
    return record


def _find_event(session: Session, event_id: str) -> EventRecord | None:
    return session.get(EventRecord, event_id)


def _check_presence_data(data: dict[str, Any]) -> str:
    """Validate check-in/check-out data; return the person id in canonical form."""
    person_id = data.get("person_id")
    if not isinstance(person_id, str):
        raise _Rejected("data.person_id is missing")
    try:
        person_id = str(uuid.UUID(person_id))
    except ValueError:
        raise _Rejected("data.person_id is not a UUID") from None
    method = data.get("method")
    if method not in set(CheckinMethod):
        raise _Rejected("data.method must be one of: " + ", ".join(CheckinMethod))
    pass_id = data.get("pass_id")
    if pass_id is not None and not (isinstance(pass_id, str) and _PASS_ID.fullmatch(pass_id)):
        raise _Rejected("data.pass_id must be 16 lower-case hex digits")
    return person_id


def _open_visit(session: Session, site: str, person_id: str) -> Visit | None:
    known = session.info.get(_OPEN_VISITS)
    if known is not None and known[0] == site and person_id in known[1]:
        # Preloaded for this batch: the visits this session saw open, as they are now. One
        # whose savepoint was rolled back has left the session; one closed has a check-out.
        for visit in known[1][person_id]:
            if visit in session and visit.checked_out_at is None:
                return visit
        return None
    return session.scalars(
        select(Visit).where(
            Visit.site == site, Visit.person_id == person_id, Visit.checked_out_at.is_(None)
        )
    ).first()


def _check_in(session: Session, site: str, person_id: str, event: _Checked) -> str | None:
    if _open_visit(session, site, person_id) is not None:
        return "already checked in"
    # Flushed with the event's savepoint at the latest: the one-open-visit index speaks there.
    visit = Visit(
        site=site, person_id=person_id, checked_in_at=event.at, check_in_event_id=event.id
    )
    session.add(visit)
    known = session.info.get(_OPEN_VISITS)
    if known is not None and known[0] == site and person_id in known[1]:
        known[1][person_id].append(visit)
    changes.append(
        session,
        Entity.PRESENCE,
        person_id,
        changes.presence_data(person_id, True, event.at),
        site=site,
    )
    return None


def _check_out(session: Session, site: str, person_id: str, event: _Checked) -> str | None:
    visit = _open_visit(session, site, person_id)
    if visit is None:
        return "was not checked in"
    visit.checked_out_at = event.at
    visit.check_out_event_id = event.id
    session.flush()
    unclaimed = session.info.get(_UNCLAIMED)
    if unclaimed is None or unclaimed[0] != site or person_id not in unclaimed[1]:
        desks.end_claims_of_person(session, site, person_id, event.at)
    changes.append(
        session,
        Entity.PRESENCE,
        person_id,
        changes.presence_data(person_id, False, event.at),
        site=site,
    )
    return None


# --- desks --------------------------------------------------------------------------------

_NEUTRAL = {str(reason) for reason in ConflictReason}


def _neutral(stored_reason: str | None) -> str:
    """The kiosk hears why in neutral words; the stored reason ("reason: detail") is staff's."""
    reason = (stored_reason or "").split(":", 1)[0]
    return reason if reason in _NEUTRAL else str(ConflictReason.DESK_TAKEN)


def _uuid(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise _Rejected(f"data.{name} is missing")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise _Rejected(f"data.{name} is not a UUID") from None


def _apply_desk_event(
    session: Session, site: str, event_type: EventType, event: _Checked
) -> tuple[ResultStatus, str | None]:
    data = event.data
    person_id = _uuid(data, "person_id")
    desk_id = data.get("desk_id")
    if not isinstance(desk_id, str) or not desk_id:
        raise _Rejected("data.desk_id is missing")
    if not _IDENTIFIER.fullmatch(desk_id):
        raise _Rejected("data.desk_id must be 1 to 64 printable characters")
    _require_person_of(session, site, person_id)
    record = _store_accepted(session, site, event_type, event)
    if event_type is EventType.DESK_RELEASE:
        claim_id = data.get("claim_id")
        if claim_id is not None and not isinstance(claim_id, str):
            raise _Rejected("data.claim_id must be text")
        if claim_id and not _IDENTIFIER.fullmatch(claim_id):
            raise _Rejected("data.claim_id must be 1 to 64 printable characters")
        record.reason = desks.release_claim(session, site, claim_id, desk_id, person_id, event.at)
        session.flush()
        return ResultStatus.ACCEPTED, record.reason
    if data.get("method") not in set(CheckinMethod):
        raise _Rejected("data.method must be one of: " + ", ".join(CheckinMethod))
    decision = desks.claim_desk(session, site, event.id, desk_id, person_id, event.at)
    if decision.claim is None:
        assert decision.reason is not None
        record.status = str(ResultStatus.CONFLICT)
        record.reason = f"{decision.reason}: {decision.detail or ''}"[:200]
        session.flush()
        return ResultStatus.CONFLICT, str(decision.reason)
    return ResultStatus.ACCEPTED, None


# --- lunch talks --------------------------------------------------------------------------


def _apply_lunch_signup(
    session: Session, site: str, event: _Checked
) -> tuple[ResultStatus, str | None]:
    """A person signs up for a talk: counted once, never past capacity (a full talk is a
    conflict, "lunch_full"). A person no longer active, a talk cancelled or over: rejected."""
    data = event.data
    person_id = _uuid(data, "person_id")
    talk_id = _uuid(data, "talk_id")
    if data.get("method") not in set(CheckinMethod):
        raise _Rejected("data.method must be one of: " + ", ".join(CheckinMethod))
    _require_person_of(session, site, person_id)
    person = session.get(Person, person_id)
    if person is not None and not person.active:
        raise _Rejected("person is not active")
    talk = session.get(LunchTalk, talk_id)
    if talk is None or talk.site != site:
        raise _Rejected("unknown lunch talk")
    if talk.cancelled_at is not None:
        raise _Rejected("lunch talk is cancelled")
    if talk.ends_at <= event.at:
        raise _Rejected("lunch talk is over")
    record = _store_accepted(session, site, EventType.LUNCH_SIGNUP, event)
    outcome = lunch.sign_up(session, talk, person_id, event_id=event.id, at=event.at)
    if outcome is lunch.SignupOutcome.FULL:
        record.status = str(ResultStatus.CONFLICT)
        record.reason = str(ConflictReason.LUNCH_FULL)
        session.flush()
        return ResultStatus.CONFLICT, str(ConflictReason.LUNCH_FULL)
    if outcome is lunch.SignupOutcome.ALREADY:
        record.reason = str(outcome)
        session.flush()
        return ResultStatus.ACCEPTED, str(outcome)
    return ResultStatus.ACCEPTED, None
