"""Retention on the kiosk (issue 14): sent outbox rows go after 7 days (a setting), visits of
earlier days as soon as the kiosk does not need them; each run logs counts, never names."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from kiosk.app import KioskCore
from kiosk.models import OutboxEvent, Visit
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, OLE, PEOPLE, SOLVI
from tests.fakes import FakeCentral, FakeClock


def counts(core: KioskCore) -> tuple[dict[str, int], set[str]]:
    with core.store.session() as session:
        rows = session.execute(
            select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
        ).all()
        visitors = set(session.scalars(select(Visit.person_id)))
    return {status: n for status, n in rows}, visitors


def test_the_clock_moves_on_and_what_the_kiosk_no_longer_needs_is_gone(
    kiosk_core: KioskCore,
    central: FakeCentral,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert kiosk_core.retention is not None
    for person in (KARI, BJORN, OLE):
        kiosk_core.checkin.check_in(person, CheckinMethod.QR)
    kiosk_core.checkin.check_out(BJORN, CheckinMethod.QR)
    assert kiosk_core.sync.sync_once()  # four events answered now
    central.down = True
    kiosk_core.checkin.check_in(SOLVI, CheckinMethod.QR)  # waits: the store is away for days
    assert counts(kiosk_core) == ({"accepted": 4, "pending": 1}, {KARI, BJORN, OLE, SOLVI})

    clock.advance(days=6)
    caplog.set_level(logging.INFO, logger="kiosk.retention")
    first = kiosk_core.retention.run()
    # Six days on: sent rows stay; Bjørn's closed visit of an earlier day is not needed.
    assert (first.sent_events, first.visits) == (0, 1)
    assert counts(kiosk_core) == ({"accepted": 4, "pending": 1}, {KARI, OLE, SOLVI})

    clock.advance(days=2)
    second = kiosk_core.retention.run()
    assert (second.sent_events, second.visits) == (4, 0)
    # The waiting event stays however old; so do the open visits of people still checked in
    # (their check-out closes them).
    assert counts(kiosk_core) == ({"pending": 1}, {KARI, OLE, SOLVI})

    kiosk_core.checkin.check_out(KARI, CheckinMethod.QR)
    clock.advance(days=1)
    assert kiosk_core.retention.run().visits == 1
    assert counts(kiosk_core)[1] == {OLE, SOLVI}

    messages = [r.getMessage() for r in caplog.records if r.name == "kiosk.retention"]
    assert messages[:2] == [
        "retention: deleted 0 sent events older than 7 days and 1 visits of earlier days",
        "retention: deleted 4 sent events older than 7 days and 0 visits of earlier days",
    ]
    names = [p["name"] for p in PEOPLE] + [p["id"] for p in PEOPLE]
    assert not [m for m in messages for name in names if name in m]  # counts, never names


def test_the_retention_period_is_a_setting_and_runs_daily_from_the_sync_thread(
    kiosk_core: KioskCore, clock: FakeClock
) -> None:
    from dataclasses import replace

    from kiosk.retention import Retention
    from kiosk.settings import KioskSettings, SettingsError

    kiosk_core.checkin.check_in(KARI, CheckinMethod.QR)
    assert kiosk_core.sync.sync_once()
    short = Retention(kiosk_core.store, clock, "lyngdal", sent_days=1)
    assert short.maybe_run() is not None  # the first run
    clock.advance(hours=30)
    assert short.maybe_run() is not None and counts(kiosk_core)[0] == {}
    assert short.maybe_run() is None  # not again the same day
    assert kiosk_core.sync.housekeeping is not None  # the sync thread runs it after rounds
    with pytest.raises(SettingsError):
        replace(KioskSettings(), outbox_retention_days=0).validated()
