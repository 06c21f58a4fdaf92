"""A walk-in guest through the kiosk core against the real store process: the host's mailbox
(aiosmtpd on loopback) gets the e-mail once the store accepts the arrival, also when the kiosk
was offline; a returning guest is found by phone over HTTP; the badge checks the guest out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from central.api.guest_routes import LOOKUPS_PER_KIOSK
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.guest_rules import Purpose
from kiosk.guests import GuestDetails, HostNotice, LookupLimited, LookupUnavailable
from kiosk.settings import KioskSettings
from tests.processes import CentralServer, wait_until
from tests.smtp_server import SmtpSink, smtp_server

pytestmark = pytest.mark.integration

KARI_EMAIL = "kari.nordmann@nav.no"


@pytest.fixture
def sink() -> SmtpSink:
    return SmtpSink()


@pytest.fixture
def store(
    sink: SmtpSink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CentralServer]:
    """The real store, told to send mail to the loopback SMTP server."""
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        server = CentralServer(
            database_url=f"sqlite:///{tmp_path / 'central.sqlite3'}",
            log_path=tmp_path / "central.log",
        )
        server.prepare()
        server.start()
        yield server
        server.stop()


def open_core(settings: KioskSettings, server: CentralServer) -> KioskCore:
    settings = replace(
        settings, central_url=server.url, device_token=server.device_token, sync_timeout_s=3
    )
    return KioskCore.open(settings, clock=SystemClock())


def test_walk_in_guest_host_is_mailed_and_badge_checks_out(
    store: CentralServer, kiosk_settings: KioskSettings, sink: SmtpSink
) -> None:
    core = open_core(kiosk_settings, store)
    try:
        assert core.sync.sync_once(), core.sync.status().problem
        [kari] = [h for h in core.guests.search_hosts("kari nor")]
        assert kari.display == "Kari N. · NAV"
        assert core.guests.find_returning("412 34 567") is None
        arrived = core.guests.arrive(
            GuestDetails("Zoë D’Arcy-Ås", "Statsbygg", kari, Purpose.LUNCH_TALK, "412 34 567")
        )
        assert core.guests.tell_host(arrived) is HostNotice.TOLD
        wait_until(lambda: len(sink.received) == 1, 15, "the host's e-mail")
        mail = sink.received[0]
        assert mail.recipients == [KARI_EMAIL]
        assert "Zoë D’Arcy-Ås (Statsbygg) har kommet" in mail.message.get_content()
        assert "faglig lunsj" in mail.message.get_content()
        assert [p["name"] for p in store.presence()] == ["Zoë D’Arcy-Ås"]

        # Next time the same phone, written differently, finds the guest (masked).
        found = core.guests.find_returning("+47 41 23 45 67")
        assert found is not None and found.person_id == arrived.person_id
        assert found.display == "Zoë D. · Statsbygg"

        core.guests.check_out_badge(arrived.badge.token)
        assert core.sync.sync_once()
        assert store.presence() == []
        assert len(sink.received) == 1  # told once
    finally:
        core.close()


def test_offline_arrival_tells_the_host_when_it_reaches_the_store(
    store: CentralServer, kiosk_settings: KioskSettings, sink: SmtpSink
) -> None:
    core = open_core(kiosk_settings, store)
    try:
        assert core.sync.sync_once()
        [kari] = core.guests.search_hosts("kari nor")
        store.stop()
        with pytest.raises(LookupUnavailable):
            core.guests.find_returning("ola@example.org")
        arrived = core.guests.arrive(GuestDetails("Ola Gjest", "", kari, Purpose.MEETING))
        assert core.guests.tell_host(arrived) is HostNotice.LATER
        assert sink.received == []
        store.start()
        wait_until(core.sync.sync_once, 20, "the kiosk to reach the store again")
        wait_until(lambda: len(sink.received) == 1, 15, "the host's e-mail")
        assert "Ola Gjest har kommet" in sink.received[0].message.get_content()
    finally:
        core.close()


@pytest.mark.slow
def test_a_kiosk_that_looks_up_too_often_is_told_to_wait_whatever_it_asks(
    store: CentralServer, kiosk_settings: KioskSettings
) -> None:
    core = open_core(kiosk_settings, store)
    try:
        for number in range(LOOKUPS_PER_KIOSK):
            assert core.guests.find_returning(f"4123456{number}") is None
        for contact in ("41234560", "someone@example.org"):
            with pytest.raises(LookupLimited):
                core.guests.find_returning(contact)
        assert core.sync.sync_once(), core.sync.status().problem  # the rest of the API answers
    finally:
        core.close()
