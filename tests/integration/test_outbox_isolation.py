"""One event the store keeps failing is set aside; every other check-in still arrives (issue 14).

The real central store on a loopback port, behind a proxy that answers 500 for every request
carrying one event: before, that batch failed whole and nothing after it was ever sent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

import pytest

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.outbox import SET_ASIDE_AFTER
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import LogExpectations
from tests.fault_proxy import FaultProxy
from tests.processes import CentralServer

pytestmark = pytest.mark.integration


@pytest.fixture
def proxy(central_server: CentralServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(central_server.port).start()
    yield proxy
    proxy.stop()


def test_a_poison_event_is_set_aside_and_every_other_check_in_arrives(
    central_server: CentralServer,
    proxy: FaultProxy,
    kiosk_settings: KioskSettings,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.sync", logging.WARNING, r"failed event .* sent alone")
    expect_log("kiosk.sync", logging.WARNING, r"1 event\(s\) set aside")
    settings = replace(
        kiosk_settings,
        central_url=proxy.url,
        device_token=central_server.device_token,
        sync_timeout_s=5,
    )
    core = KioskCore.open(settings, clock=SystemClock())
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        people = [hit for query in ("kari", "bj", "ol", "sø") for hit in core.checkin.search(query)]
        people = list({p.person_id: p for p in people}.values())[:6]
        assert len(people) >= 4
        recorded = [core.checkin.check_in(p.person_id, CheckinMethod.NAME) for p in people]
        poison = recorded[1]
        proxy.faults.poison_ids.add(poison.event_id)

        for _ in range(SET_ASIDE_AFTER):
            assert core.sync.sync_once(), core.sync.status().problem

        present = {p["person_id"] for p in central_server.presence()}
        others = {r.person.person_id for r in recorded if r is not poison}
        assert present == others  # every check-in but the poison one reached the store
        status = core.sync.status()
        assert (status.pending, status.set_aside) == (0, 1)
        assert core.sync.set_aside_count() == 1
        assert proxy.faults.poisoned >= SET_ASIDE_AFTER

        # What a later check-in finds: the outbox is not blocked any more.
        core.checkin.check_out(people[0].person_id, CheckinMethod.NAME)
        assert core.sync.sync_once()
        assert people[0].person_id not in {p["person_id"] for p in central_server.presence()}

        # The store heals; staff send the set-aside event again, and it arrives once.
        proxy.faults.poison_ids.clear()
        assert core.sync.send_set_aside_again() == 1
        assert core.sync.sync_once()
        assert poison.person.person_id in {p["person_id"] for p in central_server.presence()}
        assert (core.sync.status().pending, core.sync.status().set_aside) == (0, 0)
    finally:
        core.close()
