"""Composition of the kiosk's core: the one place that builds the store, services and sync."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk import store_check
from kiosk.central_client import CentralTransport, HttpCentralClient
from kiosk.checkin import CheckinService
from kiosk.clock import Clock, SystemClock
from kiosk.desks import DeskService
from kiosk.guests import GuestService
from kiosk.heartbeat import heartbeat_headers
from kiosk.lunch import LunchService
from kiosk.person_pins import PersonPins
from kiosk.private_files import tighten
from kiosk.protocol import CLAIM_TIMEOUT_S
from kiosk.retention import Retention
from kiosk.settings import KioskSettings
from kiosk.store import LocalStore
from kiosk.store_check import MovedAside
from kiosk.sync import SyncEngine

log = logging.getLogger(__name__)


@dataclass
class KioskCore:
    settings: KioskSettings
    clock: Clock
    store: LocalStore
    checkin: CheckinService
    sync: SyncEngine
    desks: DeskService
    guests: GuestService
    lunch: LunchService
    pins: PersonPins
    moved_aside: MovedAside | None = None  # the store found damaged at start, kept aside
    retention: Retention | None = None  # deletes what the kiosk no longer needs (daily)

    @classmethod
    def open(
        cls,
        settings: KioskSettings,
        *,
        clock: Clock | None = None,
        transport: CentralTransport | None = None,
    ) -> KioskCore:
        """Build the core. ``transport`` defaults to HTTP to ``settings.central_url`` (if any)."""
        clock = clock or SystemClock()
        moved_aside = store_check.check(settings.database_path, clock.now())
        store = LocalStore.open(settings.database_path)
        waiting: list[SyncEngine] = []  # the engine, once built: the heartbeat counts its outbox
        store_check.mark_set_up(settings.database_path, clock.now())
        tighten(settings.data_dir / "settings.json")  # it may hold the device token
        if transport is None and settings.central_url:
            transport = HttpCentralClient(
                settings.central_url,
                settings.site,
                settings.device_token,
                timeout_s=settings.sync_timeout_s,
                ca_file=settings.ca_file,
                report=heartbeat_headers(
                    lambda: waiting[0].status().pending if waiting else 0,
                    set_aside=lambda: waiting[0].status().set_aside if waiting else None,
                ),
                allow_insecure_http=settings.allow_insecure_http,
            )
        sync = SyncEngine(
            store,
            transport,
            clock,
            interval_s=settings.sync_interval_s,
            backoff_max_s=settings.backoff_max_s,
            timeout_s=settings.sync_timeout_s,
            store_moved_aside=moved_aside is not None,
        )
        waiting.append(sync)
        checkin = CheckinService(store, clock, settings.site, on_recorded=sync.wake)
        desks = DeskService(
            store,
            clock,
            settings.site,
            checkin,
            plans_dir=settings.data_dir / "plans",
            # The sync engine is the outbox's only sender: a claim goes through it at once,
            # with a short timeout, so the person hears "taken" within ~1.5 s or gets a
            # provisional claim.
            push_now=sync.push_now if transport is not None else None,
            claim_timeout_s=min(CLAIM_TIMEOUT_S, settings.sync_timeout_s),
            on_recorded=sync.wake,
        )
        sync.add_data_listener(desks.data_changed)
        retention = Retention(store, clock, settings.site, settings.outbox_retention_days)
        retention.maybe_run()
        sync.housekeeping = retention.maybe_run
        lunch = LunchService(
            store,
            clock,
            settings.site,
            push_now=sync.push_now if transport is not None else None,
            timeout_s=min(CLAIM_TIMEOUT_S, settings.sync_timeout_s),
            on_recorded=sync.wake,
        )
        sync.add_data_listener(lunch.data_changed)
        guests = GuestService(
            store,
            clock,
            settings.site,
            checkin,
            push_now=sync.push_now if transport is not None else None,
            # Its own client: a returning guest is looked up on the GUI thread, never through
            # the sync thread's connection.
            finder=HttpCentralClient(
                settings.central_url,
                settings.site,
                settings.device_token,
                timeout_s=settings.sync_timeout_s,
                ca_file=settings.ca_file,
            )
            if settings.central_url
            else None,
            on_recorded=sync.wake,
        )
        sync.add_people_listener(checkin.people_changed)
        checkin.add_checked_out_listener(desks.data_changed)  # a desk given back shows free
        return cls(
            settings=settings,
            clock=clock,
            store=store,
            checkin=checkin,
            sync=sync,
            desks=desks,
            moved_aside=moved_aside,
            retention=retention,
            lunch=lunch,
            guests=guests,
            pins=PersonPins(store, clock),
        )

    def close(self) -> None:
        self.sync.stop()
        self.store.close()
