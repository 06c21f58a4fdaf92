"""What the kiosk kept aside is said where staff see it: the start screen's status line."""

from __future__ import annotations

import logging
import threading

from kiosk.outbox import SET_ASIDE_AFTER
from kiosk.protocol import CheckinMethod
from tests.conftest import BJORN, KARI, LogExpectations
from tests.core.test_outbox_isolation import PoisonedCentral
from tests.fakes import FakeCentral
from tests.ui.conftest import Kiosk


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
