"""The outbox never stalls on one event: whatever way the store fails it, the rest go on.

Fast companions of tests/integration/test_outbox_isolation.py (the real store behind a proxy
answering 500): here the fake store fails one event by each other way a request can fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.app import KioskCore
from kiosk.central_client import TransportError
from kiosk.models import OutboxEvent
from kiosk.outbox import SET_ASIDE_AFTER
from kiosk.protocol import CheckinMethod
from kiosk.sync import MAX_LONE_FAILURES
from tests.conftest import BJORN, JORGEN, KARI, OLE, SOLVI, LogExpectations
from tests.fakes import FakeCentral, FakeMonotonic


@dataclass
class PoisonedCentral(FakeCentral):
    """The fake store, failing every batch that holds a poison event with ``failure()``."""

    poison: set[str] = field(default_factory=set)
    failure: Callable[[], Exception] = lambda: TransportError("answered 500", 500)

    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        if any(event["id"] in self.poison for event in events):
            raise self.failure()
        return super().push_events(events, timeout_s)


def _timeout() -> Exception:
    return TransportError("did not answer in time", in_flight=True)


FAILURES: dict[str, Callable[[], Exception]] = {
    "500": lambda: TransportError("the central store answered 500", 500),
    "502": lambda: TransportError("the central store answered 502", 502),
    "garbled answer": lambda: TransportError("not JSON", answered=True),
    "timeout": _timeout,
    "any exception": lambda: KeyError("status"),
}


@pytest.mark.parametrize("how", list(FAILURES))
def test_an_event_failing_any_way_is_set_aside_and_the_rest_arrive(
    how: str, kiosk_core: KioskCore, central: FakeCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, "sent alone")
    expect_log("kiosk.sync", logging.WARNING, r"1 event\(s\) set aside")
    store = PoisonedCentral(keys=central.keys, people=central.people, failure=FAILURES[how])
    kiosk_core.sync._transport = store  # the same core, now with a store that fails one event
    ids = [kiosk_core.checkin.check_in(p, CheckinMethod.NAME).event_id for p in (KARI, BJORN, OLE)]
    store.poison.add(ids[0])  # the oldest: today it went first in every batch
    stopwatch = FakeMonotonic()
    kiosk_core.sync._monotonic = stopwatch
    # A timed-out batch is halved for the next round and not resent before the store has had
    # its time again: one round more to find the event alone.
    for _ in range(SET_ASIDE_AFTER + (how == "timeout")):
        kiosk_core.sync.sync_once()
        stopwatch.advance(60)
    assert set(store.applied) == set(ids[1:])
    status = kiosk_core.sync.status()
    assert (status.pending, status.set_aside) == (0, 1)
    assert kiosk_core.sync.set_aside_count() == 1


@pytest.mark.parametrize("how", ["unreachable", "503"])
def test_a_store_that_is_away_sets_nothing_aside_and_is_asked_once_a_round(
    how: str, kiosk_core: KioskCore, central: FakeCentral
) -> None:
    store = PoisonedCentral(
        keys=central.keys,
        people=central.people,
        failure=lambda: TransportError("the central store answered 503", 503),
    )
    kiosk_core.sync._transport = store
    ids = [kiosk_core.checkin.check_in(p, CheckinMethod.NAME).event_id for p in (KARI, BJORN)]
    if how == "unreachable":
        store.down = True
    else:
        store.poison.update(ids)
    for _ in range(SET_ASIDE_AFTER * 3):
        assert kiosk_core.sync.sync_once() is False
    assert (kiosk_core.sync.status().pending, kiosk_core.sync.set_aside_count()) == (2, 0)
    with kiosk_core.store.session() as session:
        attempts = session.scalars(select(OutboxEvent.attempts)).all()
    assert attempts == [SET_ASIDE_AFTER * 3] * 2  # one batch a round: no halving an outage


def test_a_store_failing_every_event_is_an_outage_not_a_pile_set_aside(
    kiosk_core: KioskCore, central: FakeCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, "sent alone")
    store = PoisonedCentral(keys=central.keys, people=central.people)
    kiosk_core.sync._transport = store
    people = [KARI, BJORN, OLE, SOLVI, JORGEN] + [f"guest-{i}" for i in range(MAX_LONE_FAILURES)]
    ids = [kiosk_core.checkin.check_in(p, CheckinMethod.NAME).event_id for p in people]
    store.poison.update(ids)
    for _ in range(SET_ASIDE_AFTER * 2):
        assert kiosk_core.sync.sync_once() is False
    assert (kiosk_core.sync.status().pending, kiosk_core.sync.set_aside_count()) == (len(ids), 0)
