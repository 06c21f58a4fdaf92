"""A slow store is not a reason to send a batch twice (issue 13).

The real central store on a loopback port, behind a proxy that hands each answer to a push
back only some time after the store applied it. Before, a 200-event batch near the kiosk's 5 s
timeout timed out, the kiosk backed off, said "offline" and resent the batch. Now a batch's
timeout grows with its size, a batch that did time out is held back while the store may still
be applying it, and the kiosk stays online while the store answers its feed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.domain import SyncState
from kiosk.models import OutboxEvent
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.fault_proxy import FaultProxy
from tests.processes import CentralServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def proxy(central_server: CentralServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(central_server.port).start()
    yield proxy
    proxy.stop()


def store_events(server: CentralServer) -> list[str]:
    path = server.database_url.removeprefix("sqlite:///")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM events")]
    finally:
        connection.close()


def answers(core: KioskCore) -> dict[str, str]:
    from sqlalchemy import select

    with core.store.session() as session:
        return dict(session.execute(select(OutboxEvent.event_id, OutboxEvent.status)).all())


def backlog(core: KioskCore, visits: int) -> list[str]:
    people = [hit for query in ("kari", "bj", "ol", "sø") for hit in core.checkin.search(query)]
    person = people[0].person_id
    ids = []
    for _ in range(visits):
        ids.append(core.checkin.check_in(person, CheckinMethod.NAME).event_id)
        ids.append(core.checkin.check_out(person, CheckinMethod.NAME).event_id)
    return ids


def open_core(settings: KioskSettings, server: CentralServer, proxy: FaultProxy) -> KioskCore:
    settings = replace(
        settings,
        central_url=proxy.url,
        device_token=server.device_token,
        sync_timeout_s=0.5,  # a batch of 40 may take 0.5 + 40 x 0.05 = 2.5 s
    )
    core = KioskCore.open(settings, clock=SystemClock())
    assert core.sync.sync_once(), core.sync.status().problem
    return core


def test_a_batch_slower_than_the_request_timeout_is_sent_once(
    central_server: CentralServer, proxy: FaultProxy, kiosk_settings: KioskSettings
) -> None:
    core = open_core(kiosk_settings, central_server, proxy)
    try:
        ids = backlog(core, 20)  # 40 events, one batch
        proxy.faults.slow_s = 1.5  # three times the plain request timeout, within the batch's
        posts = proxy.faults.event_posts
        assert core.sync.sync_once(), core.sync.status().problem
        assert proxy.faults.event_posts - posts == 1  # no resend
        assert set(answers(core).values()) == {"accepted"}  # not one "duplicate"
        assert sorted(store_events(central_server)) == sorted(ids)
        assert core.sync.status().state is SyncState.ONLINE
    finally:
        core.close()


def test_a_timed_out_batch_is_held_back_then_counted_once_and_the_kiosk_stays_online(
    central_server: CentralServer, proxy: FaultProxy, kiosk_settings: KioskSettings
) -> None:
    core = open_core(kiosk_settings, central_server, proxy)
    try:
        ids = backlog(core, 20)
        timeout = core.sync.push_timeout(40)
        proxy.faults.slow_s = timeout + 0.5  # the kiosk stops waiting; the store applied them
        posts = proxy.faults.event_posts
        assert core.sync.sync_once(), core.sync.status().problem  # the feed answered: online
        gave_up_by = time.monotonic()
        assert (core.sync.status().state, core.sync.status().pending) == (SyncState.SENDING, 40)
        assert proxy.faults.event_posts - posts == 1
        proxy.faults.slow_s = 0.0
        assert core.sync.sync_once()  # still held: the store may still be applying it
        assert proxy.faults.event_posts - posts == 1
        assert core.sync.batch_size() == 20  # it asks for less at once now
        time.sleep(max(0.0, gave_up_by + timeout - time.monotonic()))  # as long again
        assert core.sync.sync_once()
        assert core.sync.status().pending == 0
        # The resend is answered as already applied, and the store holds each event once.
        assert set(answers(core).values()) == {"duplicate"}
        assert sorted(store_events(central_server)) == sorted(ids)
        assert core.sync.status().state is SyncState.ONLINE
    finally:
        core.close()
