"""The visitor's language: chosen on the start screen, for one visit.

The start screen offers the three languages by their own names; a tap switches every screen
at once (``ui.i18n.Languages``). Whenever the start screen shows again (a new visitor, idle
time, "Tilbake") the kiosk's default language comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.flow import Flow, ScreenHost
from ui.i18n import Languages


class LanguageFlow(Flow):
    def __init__(self, languages: Languages, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.languages = languages
        languages.setParent(self)

    def attach(self, host: ScreenHost) -> None:
        start = host.start
        start.language_chosen.connect(self.languages.choose)
        self.languages.changed.connect(start.show_language)
        start.show_language(self.languages.current)

    def reset(self) -> None:
        self.languages.reset()

    def shutdown(self) -> None:
        self.languages.close()
