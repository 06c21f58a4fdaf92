"""Bring "desk states may have changed" from any thread to the GUI thread, once per burst.

``DeskService.add_listener`` calls back on whatever thread changed something (the sync thread
after the feed, the claim worker, the GUI thread itself). ``DeskStatusBridge.on_change`` only
sets a flag under a lock and emits an argument-less signal, queued to the GUI thread; there
``statuses_changed`` fires once for however many changes arrived in between. No widget is
touched from another thread and no Python object crosses threads on a Qt signal (see
``ui/sync_status.py``).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)


class DeskStatusBridge(QObject):
    statuses_changed = Signal()
    """Desk states (or the floors themselves) may have changed: read them again."""
    _changes_waiting = Signal()
    """Internal: another thread reported a change; carries nothing across the thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting = False
        self._changes_waiting.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def on_change(self) -> None:
        """The listener given to ``DeskService.add_listener``; safe to call from any thread."""
        with self._lock:
            wake = not self._waiting
            self._waiting = True
        if wake:
            try:
                self._changes_waiting.emit()
            except RuntimeError:  # the window (and this bridge) is already gone at shutdown
                log.debug("desk change after the window closed")

    def _deliver(self) -> None:
        with self._lock:
            self._waiting = False
        self.statuses_changed.emit()
