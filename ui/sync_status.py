"""Bring the sync engine's status from its thread to the GUI thread, and word it for visitors.

``SyncEngine.add_listener`` calls back on the sync thread. ``SyncStatusBridge.on_status`` puts
the status in a locked queue and emits an argument-less signal; Qt queues that to the GUI
thread, where the queue is drained and ``status_changed`` is emitted. No widget is touched
from the sync thread, and no Python object rides a Qt signal across threads (PySide6 6.12.0
was seen corrupting reference counts on that path; tests/ui/test_thread_signals.py).
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from kiosk.domain import SyncState, SyncStatus
from ui.widgets.status_icon import Symbol

log = logging.getLogger(__name__)


class SyncStatusBridge(QObject):
    status_changed = Signal(object)
    """A new ``SyncStatus`` from the sync engine (emitted in the GUI thread, in order)."""
    _statuses_waiting = Signal()
    """Internal: the sync thread queued statuses; carries nothing across the thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: deque[SyncStatus] = deque()
        self._statuses_waiting.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def on_status(self, status: SyncStatus) -> None:
        """The listener given to ``SyncEngine.add_listener``; safe to call from any thread."""
        with self._lock:
            wake = not self._waiting  # one queued wake-up per batch
            self._waiting.append(status)
        if wake:
            try:
                self._statuses_waiting.emit()
            except RuntimeError:  # the window (and this bridge) is already gone at shutdown
                log.debug("sync status after the window closed: %s", status.state.value)

    def _deliver(self) -> None:
        with self._lock:
            statuses = list(self._waiting)
            self._waiting.clear()
        for status in statuses:
            self.status_changed.emit(status)


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
