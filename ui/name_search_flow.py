"""Finding a person by name: one screen, used by whichever flow needs to know who is there.

A flow calls ``NameSearchFlow.ask`` with what to do with the chosen person and what "back"
means for it (the check-in flow: back to start; the desk flow: back to "who are you?").
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.domain import PersonSummary
from ui.flow import Flow, ScreenHost
from ui.screens.name_search import NameSearchScreen

log = logging.getLogger(__name__)


class NameSearchFlow(Flow):
    def __init__(self, screen: NameSearchScreen, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.screen = screen
        self._chosen: Callable[[PersonSummary], None] | None = None
        self._back: Callable[[], None] | None = None

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        # Typing: no scanner. Esc is its "Tilbake".
        host.add_screen(self.screen, on_show=self.screen.focus_field, on_back=self._go_back)
        self.screen.person_chosen.connect(self._person_chosen)
        self.screen.back_requested.connect(self._go_back)

    def ask(
        self,
        heading: str | None,
        *,
        chosen: Callable[[PersonSummary], None],
        back: Callable[[], None],
    ) -> None:
        """Show the search (under ``heading``, else the default one) for a caller."""
        self._chosen, self._back = chosen, back
        if heading is not None:
            self.screen.set_heading(heading)
        self._host.show_screen(self.screen)

    def reset(self) -> None:
        """Forget what was typed and found (and who asked)."""
        self.screen.reset()
        self._chosen = self._back = None

    def _person_chosen(self, person: PersonSummary) -> None:
        if self._chosen is None:
            log.warning("kiosk: a person chosen with nobody asking")
            return
        self._chosen(person)

    def _go_back(self) -> None:
        if self._back is None:
            self._host.go_start()
            return
        self._back()
