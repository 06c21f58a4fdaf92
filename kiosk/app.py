"""Composition of the kiosk's core: the one place that builds the store, services and sync."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.central_client import CentralTransport, HttpCentralClient
from kiosk.checkin import CheckinService
from kiosk.clock import Clock, SystemClock
from kiosk.desks import DeskService
from kiosk.protocol import CLAIM_TIMEOUT_S
from kiosk.settings import KioskSettings
from kiosk.store import LocalStore
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
        store = LocalStore.open(settings.database_path)
        if transport is None and settings.central_url:
            transport = HttpCentralClient(
                settings.central_url,
                settings.site,
                settings.device_token,
                timeout_s=settings.sync_timeout_s,
                ca_file=settings.ca_file,
                allow_insecure_http=settings.allow_insecure_http,
            )
        sync = SyncEngine(
            store,
            transport,
            clock,
            interval_s=settings.sync_interval_s,
            backoff_max_s=settings.backoff_max_s,
            timeout_s=settings.sync_timeout_s,
        )
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
        return cls(
            settings=settings, clock=clock, store=store, checkin=checkin, sync=sync, desks=desks
        )

    def close(self) -> None:
        self.sync.stop()
        self.store.close()
