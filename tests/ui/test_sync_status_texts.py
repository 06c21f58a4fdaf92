"""What the start screen says while a backlog drains, in each language (issue 13).

While the store answers and events wait, the kiosk says it is sending them, not "offline"; the
sentence and the symbol's accessible name come through Qt translation (nb, nn, en).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain import SyncState, SyncStatus
from ui.i18n import Languages
from ui.sync_status import describe
from ui.widgets.status_icon import Symbol

AT = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
SENDING = {
    "nb": ("Sender 42 registreringer …", "Frakoblet – 42 hendelser venter på sending"),
    "nn": ("Sender 42 registreringar …", "Fråkopla – 42 hendingar ventar på sending"),
    "en": ("Sending 42 registrations …", "Offline – 42 events waiting to be sent"),
}


@pytest.mark.parametrize("language", sorted(SENDING))
def test_a_draining_backlog_says_sending_n_not_offline(qtbot: QtBot, language: str) -> None:
    languages = Languages(language)
    try:
        sending, offline = SENDING[language]
        status = SyncStatus(state=SyncState.SENDING, pending=42, last_success=AT)
        assert describe(status) == (Symbol.SENDING, sending)
        away = SyncStatus(state=SyncState.OFFLINE, pending=42, last_success=AT)
        assert describe(away) == (Symbol.OFFLINE, offline)
    finally:
        languages.close()
