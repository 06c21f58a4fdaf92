"""What the kiosk kept aside is said where staff see it: the start screen's status line."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from kiosk.app import KioskCore
from kiosk.outbox import SET_ASIDE_AFTER
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import BJORN, KARI, LogExpectations
from tests.core.test_outbox_isolation import PoisonedCentral
from tests.fakes import FakeCentral, FakeClock
from tests.ui.conftest import Kiosk
from ui.sync_status import describe


def test_an_event_set_aside_is_on_the_status_line(
    kiosk: Kiosk, central: FakeCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, "sent alone")
    expect_log("kiosk.sync", logging.WARNING, r"set aside")
    store = PoisonedCentral(keys=central.keys, people=central.people)
    kiosk.core.sync._transport = store
    poison = kiosk.core.checkin.check_in(KARI, CheckinMethod.NAME).event_id
    kiosk.core.checkin.check_in(BJORN, CheckinMethod.NAME)
    store.poison.add(poison)

    def rounds() -> None:
        for _ in range(SET_ASIDE_AFTER):
            kiosk.core.sync.sync_once()

    worker = threading.Thread(target=rounds)  # the engine calls listeners from its thread
    worker.start()
    label = kiosk.window.start.sync_label
    expected = "Tilkoblet · 1 registrering er satt til side – kontakt driftsansvarlig"
    kiosk.qtbot.waitUntil(lambda: label.text() == expected)
    worker.join()
    assert kiosk.core.sync.set_aside_count() == 1


def test_a_damaged_store_kept_aside_at_start_is_on_the_status_line(
    make_kiosk: Callable[..., Kiosk],
    kiosk_settings: KioskSettings,
    clock: FakeClock,
    central: FakeCentral,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.store_check", logging.ERROR, "kept as")
    kiosk_settings.data_dir.mkdir(parents=True)
    kiosk_settings.database_path.write_bytes(b"\x00garbage\xff" * 1000)
    core = KioskCore.open(kiosk_settings, clock=clock, transport=central)
    try:
        assert core.sync.sync_once()
        kiosk = make_kiosk(core)
        text = kiosk.window.start.sync_label.text()
        assert text == (
            "Tilkoblet · Den lokale databasen var skadet og er lagt til side – "
            "kontakt driftsansvarlig"
        )
    finally:
        core.close()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_longest_status_line_fits_the_tablet(
    make_kiosk: Callable[..., Kiosk], language: str
) -> None:
    kiosk = make_kiosk(language=language)
    status = replace(kiosk.core.sync.status(), set_aside=12, store_moved_aside=True)
    kiosk.window.start.set_sync_status(status)
    label = kiosk.window.start.sync_label
    assert label.text() == describe(status)[1]
    assert ("person in charge" if language == "en" else "kontakt driftsansvarlig") in label.text()
    # The layout gives the wrapped sentences their height, inside the screen: nothing clipped.
    kiosk.qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    start = kiosk.window.start
    assert label.geometry().bottom() <= start.height()
    assert kiosk.window.width() <= 1280 and kiosk.window.height() <= 800
