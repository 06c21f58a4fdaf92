"""Who is here today, as counts only: "Her i dag: NAV 5 · Skatteetaten 3", "Klynger: Helse 4".

The counts come from the store's site-level aggregate (``kiosk.lunch.HereToday``), in which no
group is smaller than 3; the widget checks the rule again and shows nothing when no group is
left, so one person's presence is never told.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QWidget

from kiosk.protocol import HERE_TODAY_MIN
from ui.widgets.one_line_label import OneLineLabel

if TYPE_CHECKING:
    from kiosk.lunch import HereToday  # the store's kind (SQLAlchemy): for types only


class HereTodayLabel(OneLineLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("muted")
        self._counts: HereToday | None = None
        self.show_counts(None)

    def show_counts(self, counts: HereToday | None) -> None:
        self._counts = counts
        self.retranslate()

    def retranslate(self) -> None:
        counts = self._counts
        locale = QLocale()

        def groups(values: dict[str, int]) -> str:
            return " · ".join(
                f"{name} {locale.toString(n)}" for name, n in values.items() if n >= HERE_TODAY_MIN
            )

        organisations = groups(counts.by_organisation) if counts else ""
        clusters = (
            groups({self._cluster(k): v for k, v in counts.by_cluster.items()}) if counts else ""
        )
        if not organisations and not clusters:
            self.set_full_text("")
            self.setVisible(False)
            return
        parts = []
        if organisations:
            parts.append(self.tr("Her i dag: %1").replace("%1", organisations))
        if clusters:
            parts.append(self.tr("Klynger: %1").replace("%1", clusters))
        self.set_full_text("  |  ".join(parts))
        self.setVisible(True)

    def _cluster(self, name: str) -> str:
        names = {
            "næring": self.tr("Næring"),
            "utdanning": self.tr("Utdanning"),
            "naturforvaltning": self.tr("Naturforvaltning"),
            "helse": self.tr("Helse"),
            "barn og unge": self.tr("Barn og unge"),
        }
        return names.get(name, name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
