"""Word the sync engine's status for visitors: a symbol and a sentence for the start screen.

The status reaches the GUI thread through ``ui.gui_handoff.GuiHandoff`` (wired in ``ui/app.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from kiosk.domain import SyncState, SyncStatus
from ui.widgets.status_icon import Symbol


def describe(status: SyncStatus) -> tuple[Symbol, str]:
    """The symbol and the sentence the start screen shows for a sync status, and after it
    what staff must know: events set aside, a damaged local store kept aside at start."""
    symbol, text = _describe_state(status)
    notes = [text, *staff_notes(status)]
    return symbol, " · ".join(notes)


def staff_notes(status: SyncStatus) -> list[str]:
    """Calm sentences for staff about what the kiosk kept aside (none when all is well)."""
    notes = []
    if status.set_aside == 1:
        notes.append(
            QCoreApplication.translate(
                "SyncStatus", "1 registrering er satt til side – kontakt driftsansvarlig"
            )
        )
    elif status.set_aside > 1:
        notes.append(
            QCoreApplication.translate(
                "SyncStatus", "%1 registreringer er satt til side – kontakt driftsansvarlig"
            ).replace("%1", QLocale().toString(status.set_aside))
        )
    if status.store_moved_aside:
        notes.append(
            QCoreApplication.translate(
                "SyncStatus",
                "Den lokale databasen var skadet og er lagt til side – kontakt driftsansvarlig",
            )
        )
    return notes


def _describe_state(status: SyncStatus) -> tuple[Symbol, str]:
    if status.state is SyncState.ONLINE:
        return Symbol.ONLINE, QCoreApplication.translate("SyncStatus", "Tilkoblet")
    if status.state is SyncState.OFFLINE:
        if status.pending == 0:
            text = QCoreApplication.translate("SyncStatus", "Frakoblet – alt er lagret her")
        elif status.pending == 1:
            text = QCoreApplication.translate(
                "SyncStatus", "Frakoblet – 1 hendelse venter på sending"
            )
        else:
            # 0 and 1 have their own sentences, so this one is always plural (in nb, nn, en);
            # lupdate sees no plural forms in Python's translate(..., n).
            text = QCoreApplication.translate(
                "SyncStatus", "Frakoblet – %1 hendelser venter på sending"
            ).replace("%1", QLocale().toString(status.pending))
        return Symbol.OFFLINE, text
    if status.state is SyncState.SENDING:
        # A backlog drains while the store answers (never fewer than a score: always plural).
        text = QCoreApplication.translate("SyncStatus", "Sender %1 registreringer …").replace(
            "%1", QLocale().toString(status.pending)
        )
        return Symbol.SENDING, text
    if status.state is SyncState.UNAUTHORISED:
        return Symbol.NOT_APPROVED, QCoreApplication.translate(
            "SyncStatus", "Kiosken er ikke godkjent – kontakt driftsansvarlig"
        )
    return Symbol.WAITING, QCoreApplication.translate(
        "SyncStatus", "Venter på første synkronisering"
    )
