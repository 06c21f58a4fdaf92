"""Word the sync engine's status for visitors: a symbol and a sentence for the start screen.

The status reaches the GUI thread through ``ui.gui_handoff.GuiHandoff`` (wired in ``ui/app.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.domain import SyncState, SyncStatus
from ui.widgets.status_icon import Symbol


def describe(status: SyncStatus) -> tuple[Symbol, str]:
    """The symbol and the sentence the start screen shows for a sync status."""
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
            text = QCoreApplication.translate(
                "SyncStatus", "Frakoblet – %n hendelser venter på sending", "", status.pending
            )
        return Symbol.OFFLINE, text
    if status.state is SyncState.UNAUTHORISED:
        return Symbol.NOT_APPROVED, QCoreApplication.translate(
            "SyncStatus", "Kiosken er ikke godkjent – kontakt driftsansvarlig"
        )
    return Symbol.WAITING, QCoreApplication.translate(
        "SyncStatus", "Venter på første synkronisering"
    )
