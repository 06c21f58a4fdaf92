"""The start screen: where every visit begins and every screen returns to.

It shows the site, the time, the two ways to check in and whether the kiosk reaches the
central store. It never shows who is in the building.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain import SyncStatus
from ui.sync_status import describe
from ui.time_display import Clock, format_date, format_time
from ui.widgets.status_icon import StatusIcon, Symbol

log = logging.getLogger(__name__)


class StartScreen(QWidget):
    qr_help_requested = Signal()
    """The visitor tapped "Sjekk inn med QR-kode"."""
    name_search_requested = Signal()
    """The visitor tapped "Sjekk inn med navn"."""
    desk_map_requested = Signal()
    """The visitor tapped "Finn ledig pult"."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self._clock = clock
        self._announced = False

        self.title = QLabel(self.tr("RegionLab Lister"), self)
        self.title.setObjectName("title")
        self.subtitle = QLabel(self.tr("Sjekk inn når du kommer, og sjekk ut når du går."), self)
        self.subtitle.setObjectName("muted")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("muted")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.qr_button = self._big_button(self.tr("Sjekk inn med QR-kode"))
        self.qr_button.clicked.connect(self.qr_help_requested)
        self.name_button = self._big_button(self.tr("Sjekk inn med navn"))
        self.name_button.clicked.connect(self.name_search_requested)

        self.hint = QLabel(self.tr("Hold QR-koden mot skanneren"), self)
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.desk_button = QPushButton(self.tr("Finn ledig pult"), self)
        self.desk_button.setProperty("scale", "large")
        self.desk_button.clicked.connect(self.desk_map_requested)
        self.free_label = QLabel(self)
        self.free_label.setObjectName("freeDesks")
        self.free_label.setWordWrap(True)

        self.sync_icon = StatusIcon(Symbol.WAITING, 52, self)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncText")

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        names.addStretch(1)
        top.addLayout(names, 1)
        when = QVBoxLayout()
        when.setSpacing(0)
        when.addWidget(self.clock_label)
        when.addWidget(self.date_label)
        top.addLayout(when)

        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        buttons.addWidget(self.qr_button)
        buttons.addWidget(self.name_button)

        desks = QHBoxLayout()
        desks.setSpacing(24)
        desks.addWidget(self.desk_button)
        desks.addWidget(self.free_label, 1)

        status = QHBoxLayout()
        status.setSpacing(12)
        status.addWidget(self.sync_icon)
        status.addWidget(self.sync_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.addLayout(top)
        layout.addStretch(2)
        layout.addLayout(buttons)
        layout.addSpacing(32)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        layout.addLayout(desks)
        layout.addStretch(1)
        layout.addLayout(status)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_clock)
        self._timer.start()
        self.refresh_clock()

    def _big_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("role", "primary")
        button.setProperty("scale", "big")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def refresh_clock(self) -> None:
        now = self._clock.now()
        self.clock_label.setText(format_time(now))
        self.date_label.setText(format_date(now))

    def set_sync_status(self, status: SyncStatus) -> None:
        symbol, text = describe(status)
        self.sync_icon.set_symbol(symbol)
        self.sync_label.setText(text)

    def set_free_counts(self, counts: dict[str, int]) -> None:
        """Free desks now per zone: "Ledige pulter nå: Sone A 5 · Sone B 3 · Stillesone 2"."""
        if not counts:
            self.free_label.clear()
        elif not any(counts.values()):
            self.free_label.setText(self.tr("Ingen ledige pulter akkurat nå"))
        else:
            zones = " · ".join(f"{zone} {count}" for zone, count in counts.items())
            self.free_label.setText(self.tr("Ledige pulter nå: %1").replace("%1", zones))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._announced:
            self._announced = True
            log.info("kiosk: start screen shown")
