"""The kiosk core against the real central store on a loopback port: exactly once, offline."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.domain import SyncState
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import LogExpectations
from tests.processes import CentralServer

pytestmark = pytest.mark.integration


def open_core(settings: KioskSettings, server: CentralServer) -> KioskCore:
    settings = replace(
        settings, central_url=server.url, device_token=server.device_token, sync_timeout_s=2
    )
    return KioskCore.open(settings, clock=SystemClock())


def test_a_scanned_pass_reaches_the_presence_list_once(
    central_server: CentralServer, kiosk_settings: KioskSettings
) -> None:
    token = central_server.issue_pass("kari.nordmann@nav.no")
    core = open_core(kiosk_settings, central_server)
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        who = core.checkin.identify_pass(token)
        assert who.person.name == "Kari Nordmann"
        core.checkin.check_in(who.person.person_id, CheckinMethod.QR, who.pass_id)
        assert core.sync.sync_once()
        assert core.sync.sync_once()
        present = central_server.presence()
        assert [p["name"] for p in present] == ["Kari Nordmann"]
        assert present[0]["person_id"] == who.person.person_id
        assert core.sync.status().pending == 0
    finally:
        core.close()


def test_check_ins_go_on_while_the_store_is_down_and_arrive_once(
    central_server: CentralServer, kiosk_settings: KioskSettings
) -> None:
    core = open_core(kiosk_settings, central_server)
    try:
        assert core.sync.sync_once()
        people = [
            hit for query in ("kari", "eirik", "ola") for hit in core.checkin.search(query)[:2]
        ]
        assert len(people) >= 4
        central_server.stop()
        for person in people:
            core.checkin.check_in(person.person_id, CheckinMethod.NAME)
        core.checkin.check_out(people[0].person_id, CheckinMethod.NAME)
        assert core.sync.sync_once() is False
        status = core.sync.status()
        assert status.state is SyncState.OFFLINE and status.pending == len(people) + 1
        central_server.start()
        assert core.sync.sync_once()
        assert core.sync.status().pending == 0
        present = sorted(p["person_id"] for p in central_server.presence())
        assert present == sorted(p.person_id for p in people[1:])
    finally:
        core.close()


def test_a_second_kiosk_learns_who_is_in_from_the_store(
    central_server: CentralServer, kiosk_settings: KioskSettings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    first = open_core(kiosk_settings, central_server)
    second = open_core(replace(kiosk_settings, data_dir=tmp_path / "second"), central_server)
    try:
        assert first.sync.sync_once() and second.sync.sync_once()
        [kari] = first.checkin.search("kari nordmann")
        first.checkin.check_in(kari.person_id, CheckinMethod.NAME)
        assert first.sync.sync_once()
        assert not second.checkin.is_present(kari.person_id)
        assert second.sync.sync_once()
        assert second.checkin.is_present(kari.person_id)  # so a scan there checks her out
    finally:
        first.close()
        second.close()


def test_a_wrong_token_is_told_apart_from_an_outage(
    central_server: CentralServer, kiosk_settings: KioskSettings, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, r"refused this kiosk \(401\)")
    settings = replace(
        kiosk_settings,
        central_url=central_server.url,
        device_token="not-a-token-the-store-issued",
        sync_timeout_s=2,
    )
    core = KioskCore.open(settings, clock=SystemClock())
    try:
        core.checkin.check_in("someone", CheckinMethod.NAME)
        assert core.sync.sync_once() is False
        status = core.sync.status()
        assert (status.state, status.pending) == (SyncState.UNAUTHORISED, 1)
    finally:
        core.close()
