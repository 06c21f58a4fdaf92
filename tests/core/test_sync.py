"""The sync engine against an in-memory central store: outages, retries, restarts, answers."""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select

from kiosk.app import KioskCore
from kiosk.central_client import TransportError
from kiosk.domain import SyncState, SyncStatus
from kiosk.models import OutboxEvent, RevokedPass
from kiosk.protocol import DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE, CheckinMethod
from kiosk.settings import KioskSettings
from kiosk.sync import SyncEngine
from tests.conftest import KARI, OLE, PEOPLE, LogExpectations
from tests.fakes import FakeCentral, FakeClock, FakeMonotonic, revoked_pass_change


def statuses(core: KioskCore) -> dict[str, str]:
    with core.store.session() as session:
        return {row.event_id: row.status for row in session.scalars(select(OutboxEvent))}


def test_first_sync_brings_people_and_keys(unsynced_core: KioskCore) -> None:
    assert unsynced_core.sync.status().state is SyncState.NEVER_SYNCED
    assert unsynced_core.checkin.search("kari") == []
    assert unsynced_core.sync.sync_once()
    assert unsynced_core.sync.status().state is SyncState.ONLINE
    assert [p.name for p in unsynced_core.checkin.search("kari")] == ["Kari Nordmann"]


def test_offline_check_ins_arrive_once_when_the_store_returns(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.down = True
    ids = [kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME).event_id]
    ids.append(kiosk_core.checkin.check_out(KARI, CheckinMethod.NAME).event_id)
    assert kiosk_core.sync.sync_once() is False
    status = kiosk_core.sync.status()
    assert status.state is SyncState.OFFLINE and status.pending == 2
    central.down = False
    assert kiosk_core.sync.sync_once()
    assert kiosk_core.sync.sync_once()  # nothing is sent twice
    assert list(central.applied) == ids
    assert central.answers == ["accepted", "accepted"]
    assert kiosk_core.sync.status().pending == 0


def test_a_lost_answer_is_resent_with_the_same_content_and_counted_once(
    kiosk_core: KioskCore, central: FakeCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = kiosk_core.checkin.check_in(OLE, CheckinMethod.NAME).event_id
    real_push = central.push_events

    def push_then_lose_the_answer(events, timeout_s=None):  # type: ignore[no-untyped-def]
        real_push(events)
        raise TransportError("connection reset before the answer")

    monkeypatch.setattr(central, "push_events", push_then_lose_the_answer)
    assert kiosk_core.sync.sync_once() is False
    monkeypatch.setattr(central, "push_events", real_push)
    assert kiosk_core.sync.sync_once()
    assert central.answers == ["accepted", "duplicate"]
    assert statuses(kiosk_core) == {event_id: "duplicate"}


def test_an_event_the_store_refuses_is_isolated_and_the_rest_go_through(
    kiosk_core: KioskCore,
    central: FakeCentral,
    monkeypatch: pytest.MonkeyPatch,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.sync", logging.ERROR, "refused event .* outright")
    ids = [kiosk_core.checkin.check_in(p["id"], CheckinMethod.NAME).event_id for p in PEOPLE]
    poison = ids[2]
    real_push = central.push_events

    def refuse_batches_with_poison(events, timeout_s=None):  # type: ignore[no-untyped-def]
        if any(event["id"] == poison for event in events):
            raise TransportError("unprocessable", status_code=422)
        return real_push(events)

    monkeypatch.setattr(central, "push_events", refuse_batches_with_poison)
    assert kiosk_core.sync.sync_once()
    result = statuses(kiosk_core)
    assert result.pop(poison) == "rejected"
    assert set(result.values()) == {"accepted"}


def test_backoff_grows_with_jitter_and_is_capped(kiosk_core: KioskCore) -> None:
    engine = SyncEngine(
        kiosk_core.store,
        None,
        FakeClock(),
        backoff_base_s=1,
        backoff_max_s=30,
        rng=random.Random(7),
    )
    delays = []
    for failures in range(1, 12):
        engine._failures = failures
        delays.append(engine.next_delay())
    assert all(0.2 <= d <= 30 for d in delays)
    assert len(set(delays)) == len(delays)  # jitter: no two kiosks in lock-step
    engine._failures = 0
    assert engine.next_delay() == 5.0


def test_listeners_hear_status_changes_from_the_sync_thread(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    heard: list[SyncStatus] = []
    kiosk_core.sync.add_listener(heard.append)
    central.down = True
    kiosk_core.checkin.check_in(KARI, CheckinMethod.QR)
    kiosk_core.sync.sync_once()
    assert heard[-1].state is SyncState.OFFLINE and heard[-1].pending == 1


def test_background_thread_pushes_soon_after_a_check_in(
    kiosk_settings: KioskSettings, clock: FakeClock, central: FakeCentral
) -> None:
    import threading

    core = KioskCore.open(
        replace(kiosk_settings, sync_interval_s=60), clock=clock, transport=central
    )
    pushed = threading.Event()
    real_push = central.push_events

    def push(events, timeout_s=None):  # type: ignore[no-untyped-def]
        results = real_push(events)
        pushed.set()
        return results

    central.push_events = push  # type: ignore[method-assign]
    try:
        core.sync.start()
        core.checkin.check_in(KARI, CheckinMethod.NAME)  # wakes the engine: no 60 s wait
        assert pushed.wait(10)
    finally:
        core.close()
    assert len(central.applied) == 1


def test_a_change_the_kiosk_cannot_read_is_logged_without_content_and_skipped(
    kiosk_core: KioskCore,
    central: FakeCentral,
    caplog: pytest.LogCaptureFixture,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.mirror", logging.WARNING, "skipped change")
    garbage = [
        {"entity": "person", "op": "upsert", "key": "x", "data": "Kari Nordmann"},
        {"entity": "person", "op": "upsert", "key": "y", "data": {"name": "Ola Uten Id"}},
        {"entity": "presence", "op": "upsert", "key": KARI, "data": {"at": "not a time"}},
        {"entity": "signing_key", "op": "upsert", "key": "k1", "data": {"public_key": "!!"}},
        {"entity": "booking", "op": "delete", "key": ""},  # no key
        {"entity": "hologram", "op": "upsert", "key": "h1", "data": {}},  # from a newer store
        {"entity": "person", "op": "rename", "key": "z", "data": {}},
    ]
    central.extra_changes += garbage
    after = dict(PEOPLE[0], id="after", site="lyngdal")
    central.extra_changes.append(
        {"entity": "person", "op": "upsert", "key": "after", "data": after}
    )
    event_id = kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME).event_id
    with caplog.at_level("INFO", logger="kiosk.mirror"):
        assert kiosk_core.sync.sync_once() is True
    assert kiosk_core.sync.status().problem is None
    assert kiosk_core.checkin.is_present(KARI)  # the bad presence changed nothing
    assert statuses(kiosk_core) == {event_id: "accepted"}
    assert [p.person_id for p in kiosk_core.checkin.search("Kari")].count("after") == 1
    skipped = [r for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == len(garbage)
    text = "\n".join(r.getMessage() for r in skipped)
    for secret in ("Kari Nordmann", "Ola Uten Id", "not a time", "!!"):
        assert secret not in text  # kind, id and seq only: never the content
    assert "person x" in text and f"presence {KARI}" in text
    assert kiosk_core.sync.sync_once() is True  # and the cursor moved past them


def test_a_feed_in_a_schema_the_kiosk_does_not_read_is_refused_whole(
    kiosk_core: KioskCore,
    central: FakeCentral,
    monkeypatch: pytest.MonkeyPatch,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.sync", logging.ERROR, "feed schema 99")
    pull = central.pull_changes
    monkeypatch.setattr(
        central, "pull_changes", lambda since, limit: dict(pull(since, limit), schema_version=99)
    )
    central.people.append(dict(PEOPLE[0], id="newcomer"))
    assert kiosk_core.sync.sync_once() is False
    assert "schema 99" in (kiosk_core.sync.status().problem or "")
    assert not [p for p in kiosk_core.checkin.search("Kari") if p.person_id == "newcomer"]


@dataclass
class LosingCentral(FakeCentral):
    """The fake store, whose answer to the next batch can be lost on the way back: the store
    applied the batch, the kiosk hears only a broken connection."""

    lose_next_answer: bool = False
    lost_ids: set[str] = field(default_factory=set)
    accepted: Counter[str] = field(default_factory=Counter)
    duplicates: set[str] = field(default_factory=set)

    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        results = super().push_events(events, timeout_s)
        for result in results:
            if result["status"] == "accepted":
                self.accepted[result["id"]] += 1
            elif result["status"] == "duplicate":
                self.duplicates.add(result["id"])
        if self.lose_next_answer:
            self.lose_next_answer = False
            self.lost_ids.update(event["id"] for event in events)
            raise TransportError("connection reset before the answer")
        return results


class OutageMachine(RuleBasedStateMachine):
    """Any mix of check-ins, outages, lost answers, sync rounds and kiosk restarts: each event
    is applied by the store exactly once."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        from pathlib import Path

        from kiosk.passes import SigningKey

        self.tmp = tempfile.TemporaryDirectory()
        self.settings = replace(KioskSettings(), data_dir=Path(self.tmp.name))
        self.central = LosingCentral(keys=[SigningKey.generate()], people=[dict(p) for p in PEOPLE])
        self.clock = FakeClock()
        self.core = KioskCore.open(self.settings, clock=self.clock, transport=self.central)
        self.recorded: list[str] = []

    @rule(person=st.sampled_from([p["id"] for p in PEOPLE]))
    def check_in_or_out(self, person: str) -> None:
        self.clock.advance(seconds=1)
        checkin = self.core.checkin
        action = checkin.check_out if checkin.is_present(person) else checkin.check_in
        self.recorded.append(action(person, CheckinMethod.QR).event_id)

    @rule(down=st.booleans())
    def network(self, down: bool) -> None:
        self.central.down = down

    @rule()
    def lose_the_next_answer(self) -> None:
        """The store will apply the next batch, but its answer never reaches the kiosk."""
        self.central.lose_next_answer = True

    @rule()
    def sync(self) -> None:
        self.core.sync.sync_once()

    @rule()
    def restart(self) -> None:
        self.core.close()
        self.core = KioskCore.open(self.settings, clock=self.clock, transport=self.central)

    @invariant()
    def applied_at_most_once_and_never_invented(self) -> None:
        assert set(self.central.applied) <= set(self.recorded)
        assert all(count == 1 for count in self.central.accepted.values())
        # A resend happens only after an answer was lost, and the store calls it a duplicate.
        assert self.central.duplicates <= self.central.lost_ids

    def teardown(self) -> None:
        self.central.down = False
        self.central.lose_next_answer = False
        self.core.sync.sync_once()
        assert list(self.central.applied) == self.recorded  # all of them, in order
        assert all(self.central.accepted[event_id] == 1 for event_id in self.recorded)  # once
        assert self.core.sync.status().pending == 0
        bodies = [json.loads(b) for b in self.central.applied.values()]
        assert all(b["at"] for b in bodies)
        self.core.close()
        self.tmp.cleanup()


TestOutages = pytest.mark.slow(OutageMachine.TestCase)  # ~6 s of state machine
TestOutages.settings = hypothesis_settings(max_examples=40, stateful_step_count=25, deadline=None)


def test_desk_listeners_sleep_through_check_ins_and_wake_for_desk_data(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    woken: list[int] = []
    kiosk_core.sync.add_data_listener(lambda: woken.append(1))
    kiosk_core.checkin.check_in(KARI, CheckinMethod.QR)
    central.extra_changes.append(
        {
            "entity": "presence",
            "op": "upsert",
            "key": KARI,
            "data": {"person_id": KARI, "checked_in": True, "at": "2026-11-27T08:00:00+00:00"},
        }
    )
    assert kiosk_core.sync.sync_once()
    assert woken == []  # an answer to a check-in and a presence change: no desk changed
    central.extra_changes.append(
        {"entity": "desk", "op": "delete", "key": "lyngdal-A-01", "data": {}}
    )
    assert kiosk_core.sync.sync_once()
    assert woken == [1]


def test_a_refused_token_is_its_own_state_keeps_recording_and_retries_slowly(
    kiosk_core: KioskCore, central: FakeCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, r"refused this kiosk \(401\)")
    heard: list[SyncStatus] = []
    kiosk_core.sync.add_listener(heard.append)
    central.unauthorised = True
    event_id = kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME).event_id
    assert kiosk_core.sync.sync_once() is False
    status = kiosk_core.sync.status()
    assert (status.state, status.pending) == (SyncState.UNAUTHORISED, 1)
    assert heard[-1].state is SyncState.UNAUTHORISED
    # Nothing gets better by asking often: every retry waits the longest backoff.
    assert kiosk_core.sync.next_delay() == kiosk_core.settings.backoff_max_s
    assert kiosk_core.sync.sync_once() is False
    assert kiosk_core.sync.next_delay() == kiosk_core.settings.backoff_max_s
    kiosk_core.checkin.check_out(KARI, CheckinMethod.NAME)  # still recorded locally
    assert kiosk_core.sync.sync_once() is False
    assert kiosk_core.sync.status() == replace(status, pending=2)
    # A new token (or the old one restored): back online, and everything goes through once.
    central.unauthorised = False
    assert kiosk_core.sync.sync_once()
    assert kiosk_core.sync.status().state is SyncState.ONLINE
    assert kiosk_core.sync.status().pending == 0
    assert next(iter(central.applied)) == event_id
    assert kiosk_core.sync.next_delay() == kiosk_core.settings.sync_interval_s


def engine_on(core: KioskCore, central: FakeCentral, **kwargs: object) -> SyncEngine:
    """A second engine on the core's store, timed by the central's fake stopwatch."""
    assert central.monotonic is not None
    return SyncEngine(core.store, central, FakeClock(), monotonic=central.monotonic, **kwargs)  # type: ignore[arg-type]


def record_backlog(core: KioskCore, visits: int) -> list[str]:
    ids = []
    for _ in range(visits):
        ids.append(core.checkin.check_in(KARI, CheckinMethod.NAME).event_id)
        ids.append(core.checkin.check_out(KARI, CheckinMethod.NAME).event_id)
    return ids


def test_a_draining_backlog_says_sending_and_counts_as_online_from_the_first_answer(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.monotonic = FakeMonotonic()
    engine = engine_on(kiosk_core, central, batch_size=20)
    engine.sync_once()
    central.down = True
    ids = record_backlog(kiosk_core, 30)
    assert engine.sync_once() is False
    assert (engine.status().state, engine.status().pending) == (SyncState.OFFLINE, 60)
    heard: list[SyncStatus] = []
    engine.add_listener(heard.append)
    central.down = False
    assert engine.sync_once()
    # Online as soon as the first batch was answered, not after the whole round; the count
    # falls batch by batch; a few waiting events are ordinary traffic, not "sending".
    assert [(s.state, s.pending) for s in heard] == [
        (SyncState.SENDING, 40),
        (SyncState.SENDING, 20),
        (SyncState.ONLINE, 0),
    ]
    assert list(central.applied) == ids and set(central.answers) == {"accepted"}


def test_a_batch_timeout_grows_with_its_size(kiosk_core: KioskCore, central: FakeCentral) -> None:
    central.monotonic = FakeMonotonic()
    engine = engine_on(kiosk_core, central, timeout_s=5.0)
    record_backlog(kiosk_core, 100)
    kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    central.timeouts.clear()
    assert engine.sync_once()
    assert central.timeouts == [engine.push_timeout(200), engine.push_timeout(1)]
    assert engine.push_timeout(1) < 5.1 and engine.push_timeout(200) >= 3 * 4.8


def test_a_slow_batch_halves_the_next_and_quick_ones_grow_it_back(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.monotonic = FakeMonotonic()
    engine = engine_on(kiosk_core, central, batch_size=40, timeout_s=5.0)
    central.seconds_per_event = 0.1  # 40 events: 4 s of a 7 s timeout
    record_backlog(kiosk_core, 40)
    assert engine.sync_once()
    # 40 events took 4 s of 7 -> 20 took 2 s of 6 -> 10 take 1 s of 5.5, under a quarter: 10.
    assert [t - 5.0 for t in central.timeouts] == pytest.approx([2.0, 1.0, 0.5, 0.5])
    assert engine.batch_size() == 10
    central.seconds_per_event = 0.001
    record_backlog(kiosk_core, 40)
    assert engine.sync_once()
    assert engine.batch_size() == 40
    assert "duplicate" not in central.answers and len(central.applied) == 160


def test_a_timed_out_batch_is_not_resent_while_the_store_may_still_apply_it(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    mono = central.monotonic = FakeMonotonic()
    engine = engine_on(kiosk_core, central, batch_size=100, timeout_s=5.0, interval_s=3.0)
    ids = record_backlog(kiosk_core, 50)
    central.seconds_per_event = 1.0  # 100 s for the batch: far past its 10 s timeout
    # The feed still answers: a busy store, not an outage. Online, the backlog "sending".
    assert engine.sync_once()
    assert (engine.status().state, engine.status().pending) == (SyncState.SENDING, 100)
    assert engine.next_delay() == 3.0  # the interval: no backoff while the store answers
    assert list(central.applied) == ids  # the store applied them after the kiosk gave up
    assert engine.batch_size() == 50
    central.seconds_per_event = 0.0
    pushes = len(central.timeouts)
    assert engine.sync_once()  # online, but the batch is not sent again yet
    assert len(central.timeouts) == pushes
    assert (engine.status().state, engine.status().pending) == (SyncState.SENDING, 100)
    mono.advance(engine.push_timeout(100))
    assert engine.sync_once()
    assert engine.status().pending == 0
    assert central.answers.count("duplicate") == 100  # answered as already applied, once each
    assert len(central.applied) == 100


def test_a_timed_out_batch_with_no_answer_to_the_feed_either_is_an_outage(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.monotonic = FakeMonotonic()
    engine = engine_on(kiosk_core, central, batch_size=100, timeout_s=5.0)
    record_backlog(kiosk_core, 50)
    central.seconds_per_event = 1.0
    real_pull = central.pull_changes

    def pull_away(since: int, limit: int) -> dict[str, Any]:
        raise TransportError("the central store did not answer in time", in_flight=True)

    central.pull_changes = pull_away  # type: ignore[method-assign]
    assert engine.sync_once() is False
    assert engine.status().state is SyncState.OFFLINE
    assert engine.next_delay() > 0 and len(central.applied) == 100
    central.pull_changes = real_pull  # type: ignore[method-assign]
    central.seconds_per_event = 0.0
    assert engine.sync_once()
    assert (engine.status().state, engine.status().pending) == (SyncState.SENDING, 100)


def test_a_store_that_refuses_large_pages_is_asked_for_its_default_page(
    kiosk_core: KioskCore, central: FakeCentral
) -> None:
    central.monotonic = FakeMonotonic()
    for n in range(2500):
        central.extra_changes.append(revoked_pass_change(f"{n:016x}"))
    asked: list[int] = []
    real_pull = central.pull_changes

    def older_store(since: int, limit: int) -> dict[str, Any]:
        asked.append(limit)
        if limit > DEFAULT_CHANGES_PAGE:  # an older store's cap
            raise TransportError("the central store answered 422", 422)
        return real_pull(since, limit)

    central.pull_changes = older_store  # type: ignore[method-assign]
    engine = engine_on(kiosk_core, central)
    assert engine.sync_once(), engine.status().problem
    assert asked[:2] == [MAX_CHANGES_PAGE, DEFAULT_CHANGES_PAGE]
    assert set(asked[1:]) == {DEFAULT_CHANGES_PAGE} and len(asked) >= 4
    with kiosk_core.store.session() as session:
        assert session.scalar(select(func.count()).select_from(RevokedPass)) == 2500
