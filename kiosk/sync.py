"""The sync engine: pushes the outbox, pulls the changes feed, on its own thread.

Nothing here ever runs on the GUI thread. Listeners hear every new status *from the sync
thread*; the UI bridges that into a Qt signal. While the store cannot be reached, rounds are
spaced out with exponential backoff and full jitter, so a fleet of kiosks coming back online
does not knock the store over again.

The store counts as online as soon as it answers anything, not only after a whole round; while
a backlog drains the status says "sending N". Batches are sized to how fast the store answers
them: a batch that takes more than a quarter of its timeout halves the next one, a quick one
doubles it back up to the most the protocol allows. A batch's timeout grows with its size, past
what the store takes for one in the worst case, and an event whose request timed out after it
reached the store is not sent again until the store has had the same time again to finish it:
a slow batch is not resent as a duplicate while the first copy is still being applied.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.central_client import CentralTransport, TransportError, Unauthorised
from kiosk.clock import Clock
from kiosk.domain import SyncState, SyncStatus
from kiosk.mirror import BadChange, apply_changes, check_page
from kiosk.models import OutboxEvent
from kiosk.models import SyncState as SyncStateRow
from kiosk.protocol import DEFAULT_CHANGES_PAGE, MAX_BATCH, MAX_CHANGES_PAGE, Entity, EventType
from kiosk.store import LocalStore, StoreError

log = logging.getLogger(__name__)

Listener = Callable[[SyncStatus], None]
Answer = tuple[str, str | None]  # the store's status for an event, and its reason
# What the data listeners (desk states) do not depend on. Every scan's check-in comes back
# as an answer and as a presence change; waking the desk listeners for those made the GUI
# thread recount free desks twice per scan.
# Events whose answers the data listeners settle (a claim that lost, a lunch that was full).
_DESK_EVENTS = frozenset({EventType.DESK_CLAIM, EventType.DESK_RELEASE, EventType.LUNCH_SIGNUP})
_NOT_DESK_DATA = frozenset(
    {Entity.PERSON, Entity.PRESENCE, Entity.SIGNING_KEY, Entity.REVOKED_PASS, Entity.ORGANISATION}
)
MAX_PULL_PAGES = 50  # per round; the rest comes in the next round, pushed in between
# A batch's timeout: the request timeout plus this much per event. 200 events get 15 s, three
# times the worst the store took for such a batch under load before it applied one in a single
# transaction (4.8 s); one event gets about the plain request timeout.
PUSH_S_PER_EVENT = 0.05
SLOW_FRACTION = 0.25  # a batch slower than this share of its timeout halves the next one
FAST_FRACTION = 0.05  # one quicker than this share doubles it (up to the configured size)
MAX_SETTLE_S = 1.0  # the longest a new record waits for a quiet moment before it is sent
SENDING_FROM = 20  # this many waiting events while the store answers is a backlog: "sending N"
# A store that fails this many events sent one by one in a round is failing, not the events.
MAX_LONE_FAILURES = 5
# Answers that mean "the store is away or overloaded" (a 502 or 504 may be one event crashing
# or stalling the store's worker, so those are looked into like a 500).
BUSY_STATUSES = frozenset({429, 503})


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


class SyncEngine:
    def __init__(
        self,
        store: LocalStore,
        transport: CentralTransport | None,
        clock: Clock,
        *,
        interval_s: float = 5.0,
        backoff_base_s: float = 1.0,
        backoff_max_s: float = 60.0,
        batch_size: int = MAX_BATCH,
        timeout_s: float = 5.0,
        page_size: int = MAX_CHANGES_PAGE,
        rng: random.Random | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        settle_s: float = 0.2,
        store_moved_aside: bool = False,
    ) -> None:
        self._store = store
        self._transport = transport
        self._clock = clock
        self._interval = interval_s
        self._backoff_base = backoff_base_s
        self._backoff_max = backoff_max_s
        self._batch_size = batch_size
        self._batch_now = batch_size  # what the next push sends: adapts to the store's pace
        self._timeout = timeout_s
        self._settle = settle_s
        self._monotonic = monotonic
        self._push_held_until = float("-inf")  # a timed-out batch may still be applied till then
        self._page_size = page_size
        self._more_to_pull = False  # the last round stopped at MAX_PULL_PAGES with more waiting
        self._rng = rng or random.Random()
        self._listeners: list[Listener] = []
        self._data_listeners: list[Callable[[], None]] = []
        self._people_listeners: list[Callable[[list[str]], None]] = []
        self._failures = 0
        self._online = False
        self._unauthorised = False
        self._problem: str | None = None
        self._lone_failures: set[str] = set()  # failed alone this round: the rest go first
        self.housekeeping: Callable[[], object] | None = None  # after each round, this thread
        self._store_moved_aside = store_moved_aside  # the start found a damaged store
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._round_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._status = self._read_status()

    # --- public -------------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def add_data_listener(self, listener: Callable[[], None]) -> None:
        """``listener()`` runs on the sync thread after answers or changes were stored."""
        self._data_listeners.append(listener)

    def add_people_listener(self, listener: Callable[[list[str]], None]) -> None:
        """``listener(person_ids)`` runs on the sync thread after a page changed these people."""
        self._people_listeners.append(listener)

    def status(self) -> SyncStatus:
        return self._status

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def wake(self) -> None:
        """Something was recorded: send it soon (at once when online). Cheap; any thread."""
        self._wake.set()

    def sync_once(self) -> bool:
        """One round: push everything pending, then pull the feed. True if the store answered."""
        with self._round_lock:
            if self._transport is None:
                self._problem = "no central store configured"
                self._publish()
                return False
            try:
                self._push_all(self._transport)
                self._pull(self._transport)
                self._set_aside_lone_failures()
            except Unauthorised as exc:
                # Not an outage: nothing gets better by asking often. Keep recording here,
                # say so on the status line, and ask again at the slowest pace.
                self._failures += 1
                self._online = False
                self._unauthorised = True
                self._problem = str(exc)
                log.warning("sync: %s; try %d", exc, self._failures)
                self._publish()
                return False
            except TransportError as exc:
                self._failures += 1
                self._online = False
                self._problem = str(exc)
                log.info("sync: central store unavailable (%s); try %d", exc, self._failures)
                self._publish()
                return False
            except BadChange as exc:
                self._failures += 1
                self._online = False
                self._problem = f"bad change from the store: {exc}"
                log.error("sync: %s", self._problem)
                self._publish()
                return False
            self._failures = 0
            self._online = True
            self._unauthorised = False
            self._problem = None
            self._publish()
            return True

    def next_delay(self) -> float:
        """Seconds until the next round: the interval while online, backoff with jitter after."""
        if self._failures == 0:
            # A first sync larger than one round's pages goes on at once, not an interval later.
            return 0.0 if self._more_to_pull else self._interval
        if self._unauthorised:
            return self._backoff_max
        ceiling = min(self._backoff_max, self._backoff_base * 2 ** min(self._failures, 30))
        return max(0.2, self._rng.uniform(0, ceiling))

    def push_now(self, event_ids: Sequence[str], timeout_s: float) -> dict[str, Answer] | None:
        """Send these outbox events at once (a desk claim while its person waits).

        Serialised with the rounds by the same lock, so an answer is recorded and settled by
        one thread only: the data listeners run before this returns. ``timeout_s`` bounds the
        wait for the lock and the request together. Returns the store's answer per event, or
        None when it could not be had in time (the outbox delivers them later)."""
        if self._transport is None:
            return None
        started = self._now_s()
        if not self._round_lock.acquire(timeout=timeout_s):
            log.info("sync: a round is busy; %d events wait for the next", len(event_ids))
            return None
        try:
            with self._store.session(durable=False) as session:
                rows = session.scalars(
                    select(OutboxEvent)
                    .where(OutboxEvent.event_id.in_(list(event_ids)))
                    .order_by(OutboxEvent.seq)
                ).all()
                batch = [json.loads(row.body) for row in rows if row.status == outbox.PENDING]
                if batch:
                    outbox.note_attempt(session, [event["id"] for event in batch])
            if batch:
                remaining = max(0.1, timeout_s - (self._now_s() - started))
                try:
                    results = self._transport.push_events(batch, timeout_s=remaining)
                except TransportError as exc:
                    log.info("sync: events not answered at once (%s)", exc)
                    self._publish()
                    return None
                self._answered()
                with self._store.session(durable=False) as session:
                    outbox.record_answers(session, results, self._clock.now())
                log.info("sync: pushed %d events at once", len(batch))
                self._publish()
                if any(event.get("type") in _DESK_EVENTS for event in batch):
                    self._data_changed()
            return self._answers(event_ids)
        finally:
            self._round_lock.release()

    def _answers(self, event_ids: Sequence[str]) -> dict[str, Answer] | None:
        with self._store.session() as session:
            rows = session.execute(
                select(OutboxEvent.event_id, OutboxEvent.status, OutboxEvent.reason).where(
                    OutboxEvent.event_id.in_(list(event_ids))
                )
            ).all()
        answers = {event_id: (status, reason) for event_id, status, reason in rows}
        if len(answers) != len(set(event_ids)) or outbox.PENDING in (
            status for status, _ in answers.values()
        ):
            return None
        return answers

    # --- the rounds ---------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sync_once()
            except Exception:  # a bug must not kill the thread: log it and keep going
                log.exception("sync: unexpected error")
                self._failures += 1
            if self.housekeeping is not None:
                self.housekeeping()  # retention, at most daily (kiosk.retention)
            deadline = self._now_s() + self.next_delay()
            while not self._stop.is_set():
                remaining = deadline - self._now_s()
                if remaining <= 0:
                    break
                if self._wake.wait(remaining):
                    self._wake.clear()
                    if self._failures == 0:
                        # Online: send what was just recorded, once the visitor's confirmation
                        # is painted (the GUI thread needs the interpreter and the file for it
                        # now); whatever is recorded meanwhile goes in the same batch.
                        self._settle_down()
                        break
                    self._publish()  # offline: keep the backoff, but show the new count

    def _settle_down(self) -> None:
        """Wait until nothing new was recorded for the settle time, at most MAX_SETTLE_S: a
        queue of visitors scanning one after another gets one round after a few of them, not
        a round beside each one's confirmation."""
        give_up = time.monotonic() + max(self._settle, MAX_SETTLE_S)  # real time: Event.wait
        while not self._stop.is_set():
            wait = min(self._settle, give_up - time.monotonic())
            if wait <= 0 or not self._wake.wait(wait):
                return
            self._wake.clear()  # one more was recorded: wait for the quiet after it

    def _now_s(self) -> float:
        return self._monotonic()

    def batch_size(self) -> int:
        """How many events the next push sends (it adapts to how fast the store answers)."""
        return self._batch_now

    def push_timeout(self, events: int) -> float:
        """How long a push of ``events`` may take before the kiosk stops waiting for it."""
        return self._timeout + PUSH_S_PER_EVENT * events

    def _push_all(self, transport: CentralTransport) -> None:
        """Send every pending event, oldest first, in batches.

        One event must never hold up the rest: a batch that fails in a way its content may
        cause (any status but 401/403, an answer the kiosk cannot use, any exception, a
        connection broken after the store answered others this round) is halved until the
        event it fails is alone; that event counts a failure and waits for the next round
        while the others go on. After SET_ASIDE_AFTER such rounds it is set aside for staff
        (``_set_aside_lone_failures``, once the round showed the store is up). A store that
        fails MAX_LONE_FAILURES events alone in one round is failing, not they: the round
        ends as an outage."""
        self._lone_failures = set()
        if self._now_s() < self._push_held_until:
            log.info("sync: an earlier batch may still be applied; not resending it yet")
            return
        size = self._batch_now
        answered_this_round = False  # the store took a batch: a broken connection may be content
        timed_out_alone = False  # one lone timeout per round; a second one is the store's
        while True:
            with self._store.session(durable=False) as session:
                batch = outbox.pending_batch(session, size, self._lone_failures)
                if batch:
                    outbox.note_attempt(session, [event["id"] for event in batch])
            if not batch:
                return
            timeout = self.push_timeout(len(batch))
            started = self._now_s()
            try:
                results = transport.push_events(batch, timeout_s=timeout)
                with self._store.session(durable=False) as session:
                    counts = outbox.record_answers(session, results, self._clock.now())
            except Unauthorised:
                raise
            except StoreError:
                raise  # this kiosk's own file, not the event: the round fails
            except TransportError as exc:
                size = self._transport_failed(exc, batch, answered_this_round, timed_out_alone)
                if size == 0:
                    return  # held back: no more pushes this round
                answered_this_round = answered_this_round or exc.refused_content
                timed_out_alone = timed_out_alone or exc.in_flight
                continue
            except Exception as exc:  # noqa: BLE001 (any failure may be the event's)
                size = self._failed_batch(batch, f"{type(exc).__name__} while sending")
                continue
            answered_this_round = True
            self._answered()
            self._adapt_batch(len(batch), self._now_s() - started, timeout)
            log.info("sync: pushed %d events: %s", len(batch), counts)
            self._publish()
            if any(event.get("type") in _DESK_EVENTS for event in batch):
                self._data_changed()
            if len(batch) < size:
                # Caught up: what is recorded from now on wakes the next round, which starts
                # once its confirmation is painted. Chasing each new scan at once put a push
                # beside every confirmation while the store was up.
                return
            size = self._batch_now

    def _transport_failed(
        self,
        exc: TransportError,
        batch: Sequence[dict[str, Any]],
        answered_this_round: bool,
        timed_out_alone: bool,
    ) -> int:
        """A push failed: raise if it is an outage, else the size of the next batch (0: stop
        pushing this round, a batch timed out and may still be applied)."""
        if exc.in_flight and (len(batch) > 1 or timed_out_alone):
            # It may still be applying them: give it the same time again before a resend,
            # and ask for less at once next time. Not an outage by itself: the round goes on
            # to the feed, and the store is online if that answers (a busy store, "sending").
            self._push_held_until = self._now_s() + self.push_timeout(len(batch))
            self._batch_now = max(1, len(batch) // 2)
            log.info("sync: a batch of %d was not answered in time; held back", len(batch))
            return 0
        busy = exc.status_code in BUSY_STATUSES  # the store says it is away, not the content
        if not (exc.in_flight or (exc.answered and not busy) or answered_this_round):
            raise exc  # nothing answered at all: an outage, not this batch
        if exc.answered:
            self._answered()
        if exc.refused_content and len(batch) == 1:
            # Refused as malformed, alone: the store will never take it. Recorded as its
            # answer, as the store's own per-event rejections are.
            log.error("sync: the store refused event %s outright: %s", batch[0]["id"], exc)
            results = [{"id": batch[0]["id"], "status": "rejected", "reason": str(exc)}]
            with self._store.session(durable=False) as session:
                outbox.record_answers(session, results, self._clock.now())
            self._publish()
            return self._batch_now
        return self._failed_batch(batch, str(exc))

    def _failed_batch(self, batch: Sequence[dict[str, Any]], reason: str) -> int:
        """A batch failed in a way its content may cause: the size of the next one to send."""
        if len(batch) > 1:
            log.info("sync: a batch of %d failed (%s); halving it", len(batch), reason)
            return max(1, len(batch) // 2)  # find the one event the store fails
        event_id = str(batch[0]["id"])
        with self._store.session(durable=False) as session:
            failures = outbox.note_failure(session, event_id, reason[:500])
        log.warning(
            "sync: the store failed event %s sent alone (%s); failure %d of %d before it is "
            "set aside; sending the others",
            event_id,
            reason,
            failures,
            outbox.SET_ASIDE_AFTER,
        )
        self._lone_failures.add(event_id)
        if len(self._lone_failures) >= MAX_LONE_FAILURES:
            raise TransportError(
                f"the central store failed {len(self._lone_failures)} events one by one"
            )
        return 1  # the next might fail as well: one at a time until one goes through

    def _set_aside_lone_failures(self) -> None:
        """The store answered this round: events it failed alone often enough are set aside."""
        if not self._lone_failures:
            return
        with self._store.session() as session:
            count = outbox.set_aside(session, self._lone_failures, self._clock.now())
        if count:
            log.warning(
                "sync: %d event(s) set aside after failing %d rounds; the others go on",
                count,
                outbox.SET_ASIDE_AFTER,
            )
        self._lone_failures = set()

    def set_aside_count(self) -> int:
        """How many events are set aside for staff (the store kept failing them). Any thread."""
        with self._store.session() as session:
            return outbox.set_aside_count(session)

    def send_set_aside_again(self) -> int:
        """Staff asked to send the set-aside events again; returns how many. Any thread."""
        with self._store.session() as session:
            count = outbox.send_set_aside_again(session)
        log.info("sync: %d set-aside event(s) will be sent again", count)
        self._publish()
        self.wake()
        return count

    def _adapt_batch(self, sent: int, took_s: float, timeout_s: float) -> None:
        if took_s > SLOW_FRACTION * timeout_s:
            self._batch_now = max(1, sent // 2)
            log.info("sync: a batch of %d took %.1f s; next ones hold %d", sent, took_s, sent // 2)
        elif took_s < FAST_FRACTION * timeout_s and sent >= self._batch_now:
            self._batch_now = min(self._batch_size, sent * 2)

    def _answered(self) -> None:
        """The store answered: it is online now, whatever the rest of the round brings."""
        self._failures = 0
        self._online = True
        self._unauthorised = False
        self._problem = None

    def _pull(self, transport: CentralTransport) -> None:
        self._more_to_pull = False
        for _ in range(MAX_PULL_PAGES):
            with self._store.session() as session:
                state = self._state_row(session)
                since = state.cursor
            page = self._pull_page(transport, since)
            self._answered()
            check_page(page)
            # One transaction per page: its changes in bulk, and the cursor after them. Not
            # waiting for the disk: a power cut loses the page and its cursor together, and the
            # next round pulls the page again (the check-in on the GUI thread does not wait
            # behind an fsync of what the store still holds). A page that changed nothing
            # writes nothing but the minute of the last success (the staff screen's HH:MM).
            with self._store.session(durable=False) as session:
                applied = apply_changes(session, page["changes"])
                state = self._state_row(session)
                cursor = max(state.cursor, int(page["cursor"]))
                if cursor != state.cursor:
                    state.cursor = cursor
                now = self._clock.now()
                if state.last_success is None or _minute(state.last_success) != _minute(now):
                    state.last_success = now
            if applied:
                log.info("sync: applied %d changes, cursor %d", applied, page["cursor"])
                if any(change.get("entity") not in _NOT_DESK_DATA for change in page["changes"]):
                    self._data_changed()
                people = [
                    str(change.get("key"))
                    for change in page["changes"]
                    if change.get("entity") == Entity.PERSON
                ]
                if people:
                    self._people_changed(people)
            if not page.get("more"):
                return
        self._more_to_pull = True

    def _pull_page(self, transport: CentralTransport, since: int) -> dict[str, Any]:
        """One page, as large as this kiosk asks for if the store allows it: a store that
        refuses the size (422, an older one with a lower cap) is asked for its default size."""
        try:
            return transport.pull_changes(since, self._page_size)
        except TransportError as exc:
            if exc.status_code != 422 or self._page_size <= DEFAULT_CHANGES_PAGE:
                raise
        log.info(
            "sync: the store refuses pages of %d; asking for %d",
            self._page_size,
            DEFAULT_CHANGES_PAGE,
        )
        self._page_size = DEFAULT_CHANGES_PAGE
        return transport.pull_changes(since, self._page_size)

    @staticmethod
    def _state_row(session: Session) -> SyncStateRow:
        row = session.get(SyncStateRow, 1)
        if row is None:
            row = SyncStateRow(id=1, cursor=0, last_success=None)
            session.add(row)
            session.flush()
        return row

    # --- status -------------------------------------------------------------------------------

    def _read_status(self) -> SyncStatus:
        with self._store.session() as session:
            pending = outbox.pending_count(session)
            set_aside = outbox.set_aside_count(session)
            row = session.get(SyncStateRow, 1)
            last: datetime | None = row.last_success if row else None
        if self._unauthorised:
            state = SyncState.UNAUTHORISED
        elif last is None:
            state = SyncState.NEVER_SYNCED
        elif not self._online:
            state = SyncState.OFFLINE
        else:
            state = SyncState.SENDING if pending >= SENDING_FROM else SyncState.ONLINE
        return SyncStatus(
            state=state,
            pending=pending,
            last_success=last,
            problem=self._problem,
            set_aside=set_aside,
            store_moved_aside=self._store_moved_aside,
        )

    def _data_changed(self) -> None:
        for listener in list(self._data_listeners):
            try:
                listener()
            except Exception:
                log.exception("sync: a data listener failed")

    def _people_changed(self, person_ids: list[str]) -> None:
        for listener in list(self._people_listeners):
            try:
                listener(person_ids)
            except Exception:
                log.exception("sync: a people listener failed")

    def _publish(self) -> None:
        status = self._read_status()
        if status == self._status:
            return
        self._status = status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("sync: a status listener failed")
