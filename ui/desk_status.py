"""Bring "desk states may have changed" from any thread to the GUI thread, once per burst.

``DeskService.add_listener`` calls back on whatever thread changed something (the sync thread
after the feed, the claim worker, the GUI thread itself). ``DeskStatusBridge.on_change`` hands
that over through ``ui.gui_handoff``; in the GUI thread ``statuses_changed`` fires once for
however many changes arrived in between.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.gui_handoff import GuiHandoff


class DeskStatusBridge(QObject):
    statuses_changed = Signal()
    """Desk states (or the floors themselves) may have changed: read them again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handoff: GuiHandoff[None] = GuiHandoff(
            lambda _changes: self.statuses_changed.emit(), self, newest_only=True
        )

    def on_change(self) -> None:
        """The listener given to ``DeskService.add_listener``; safe to call from any thread."""
        self._handoff.put(None)
