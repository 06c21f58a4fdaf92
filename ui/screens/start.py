"""The start screen: where every visit begins and every screen returns to.

It shows the site, the time, the two ways to check in, the free desks, whether the kiosk reaches
the central store and the three languages, each by its own name. It never shows who is in the
building.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import SyncStatus
from kiosk.settings import LANGUAGES
from ui import theme
from ui.i18n import LANGUAGE_NAMES
from ui.sync_status import describe
from ui.time_display import Clock, format_date, format_time
from ui.widgets.here_today import HereTodayLabel
from ui.widgets.lunch_panel import LunchPanel
from ui.widgets.status_icon import StatusIcon, Symbol

log = logging.getLogger(__name__)


class StartScreen(QWidget):
    qr_help_requested = Signal()
    """The visitor tapped "Sjekk inn med QR-kode"."""
    name_search_requested = Signal()
    """The visitor tapped "Sjekk inn med navn"."""
    desk_map_requested = Signal()
    """The visitor tapped "Finn ledig pult"."""
    guest_requested = Signal()
    """The visitor tapped "Jeg er gjest"."""
    checkout_requested = Signal()
    """The visitor tapped "Sjekk ut"."""
    first_painted = Signal()
    """The screen was painted for the first time (the kiosk is up)."""
    language_chosen = Signal(str)
    """The visitor tapped a language: its code ("nb", "nn", "en")."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self._clock = clock
        self._announced = False

        self._sync_status: SyncStatus | None = None
        self._free_counts: dict[str, int] = {}
        self._language = ""

        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)  # long in English; it must not push the clock away
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("muted")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.qr_button = self._big_button()
        self.qr_button.clicked.connect(self.qr_help_requested)
        self.name_button = self._big_button()
        self.name_button.clicked.connect(self.name_search_requested)
        # The second row ("row": lower than "large") leaves room for today's lines under it.
        self.checkout_button = QPushButton(self)
        self.checkout_button.setProperty("role", "primary")
        self.checkout_button.setProperty("scale", "row")
        self.checkout_button.clicked.connect(self.checkout_requested)

        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.desk_button = QPushButton(self)
        self.desk_button.setProperty("scale", "row")
        self.desk_button.clicked.connect(self.desk_map_requested)
        self.guest_button = QPushButton(self)
        self.guest_button.setProperty("scale", "row")
        self.guest_button.clicked.connect(self.guest_requested)
        self.free_label = QLabel(self)
        self.free_label.setObjectName("freeDesks")
        self.free_label.setWordWrap(True)
        self.lunch_panel = LunchPanel(self)  # today's lunch talk (ui.lunch_flow fills it)
        self.here_today = HereTodayLabel(self)  # counts only, each group of 3 or more

        # The languages, each by its own name; the current one is checked and has a tick.
        self.language_group = QButtonGroup(self)
        self.language_group.setExclusive(True)
        self.language_buttons: dict[str, QPushButton] = {}
        for code in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[code], self)
            button.setObjectName("languageButton")
            button.setCheckable(True)
            button.setMinimumSize(theme.BUTTON_HEIGHT, theme.BUTTON_HEIGHT)
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self.language_group.addButton(button)
            self.language_buttons[code] = button

        self.sync_icon = StatusIcon(Symbol.WAITING, 52, self)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncText")
        self.sync_label.setWordWrap(True)  # staff notes (kept aside) follow the status

        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
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

        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.setSpacing(40)
        buttons.addWidget(self.qr_button)
        buttons.addWidget(self.name_button)

        # The other things people come to the screen for, side by side and equally wide (two
        # to a row when the text is large: ``set_large_text``).
        self._desks = desks = QGridLayout()
        desks.setHorizontalSpacing(24)
        desks.setVerticalSpacing(16)
        self._place_row_buttons(columns=3)
        today = QVBoxLayout()  # the free desks, and under them who is here today (counts)
        today.setSpacing(0)
        today.addWidget(self.free_label)
        today.addWidget(self.here_today)

        sync = QHBoxLayout()
        sync.setSpacing(12)
        sync.addWidget(self.sync_icon)
        sync.addWidget(self.sync_label, 1)
        languages = QHBoxLayout()
        languages.setSpacing(12)
        languages.addStretch(1)
        for button in self.language_buttons.values():
            languages.addWidget(button)
        status = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        status.setSpacing(12)
        status.addLayout(sync, 1)
        status.addLayout(languages)
        self._buttons = buttons
        self._stacking = [buttons]  # stack when the text is large; the others stay rows

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 16)
        layout.addLayout(top)
        layout.addStretch(2)
        layout.addLayout(buttons)
        layout.addSpacing(14)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        layout.addWidget(self.lunch_panel)
        layout.addLayout(desks)
        layout.addSpacing(6)
        layout.addLayout(today)
        layout.addStretch(1)
        layout.addLayout(status)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_clock)
        self._timer.start()
        self.retranslate()

    def _big_button(self) -> QPushButton:
        button = QPushButton(self)
        button.setProperty("role", "primary")
        button.setProperty("scale", "big")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _place_row_buttons(self, columns: int) -> None:
        grid = self._desks
        for button in (self.checkout_button, self.desk_button, self.guest_button):
            grid.removeWidget(button)
        for index, button in enumerate((self.checkout_button, self.desk_button, self.guest_button)):
            grid.addWidget(button, index // columns, index % columns)
        for column in range(3):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def set_large_text(self, on: bool) -> None:
        """Large text: the two check-in buttons stack and the other three go two to a row, so
        every way in is whole above the access bar at 1280x800 without scrolling, in each
        language (all three stacked took 1 400 px and put "Sjekk inn med navn" under the bar).
        The name and clock stay side by side (the clock keeps its size: it is display-sized
        already, see ``theme``); the date wraps under it. What follows the buttons (free desks,
        the store's status, the languages) may scroll."""
        direction = QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        for row in self._stacking:
            row.setDirection(direction)
        self._buttons.setSpacing(16 if on else 40)
        self._place_row_buttons(columns=2 if on else 3)
        self.date_label.setWordWrap(on)
        self._layout.setContentsMargins(48, 12 if on else 24, 48, 16)
        self.free_label.setAlignment(
            Qt.AlignmentFlag.AlignCenter if on else Qt.AlignmentFlag.AlignLeft
        )

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.title.setText(self.tr("RegionLab Lister"))
        self.subtitle.setText(self.tr("Sjekk inn når du kommer, og sjekk ut når du går."))
        self.qr_button.setText(self.tr("Sjekk inn med QR-kode"))
        self.name_button.setText(self.tr("Sjekk inn med navn"))
        self.checkout_button.setText(self.tr("Sjekk ut"))
        self.hint.setText(self.tr("Hold QR-koden mot skanneren"))
        self.desk_button.setText(self.tr("Finn ledig pult"))
        self.guest_button.setText(self.tr("Jeg er gjest"))
        for button, description in (
            (self.qr_button, self.tr("Viser hvor du holder QR-koden")),
            (self.name_button, self.tr("Søk opp navnet ditt med tastaturet på skjermen")),
            (self.desk_button, self.tr("Viser kartet over pultene")),
            (self.guest_button, self.tr("Sjekk inn som gjest og si fra til den du skal besøke")),
            (self.checkout_button, self.tr("Med passet, eller med navnet og PIN-koden din")),
        ):
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(description)
        self.refresh_clock()
        self._show_sync_status()
        self._show_free_counts()
        self._show_languages()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_language(self, language: str) -> None:
        """Mark ``language`` as the one shown now (a tick, the checked state, its name)."""
        self._language = language
        self._show_languages()

    def _show_languages(self) -> None:
        for code, button in self.language_buttons.items():
            chosen = code == self._language
            button.setChecked(chosen)
            name = LANGUAGE_NAMES[code]
            button.setText(("✓ " if chosen else "") + name)
            button.setAccessibleName(self.tr("%1, valgt").replace("%1", name) if chosen else name)
            button.setAccessibleDescription(self.tr("Velg språk"))

    def refresh_clock(self) -> None:
        now = self._clock.now()
        self.clock_label.setText(format_time(now))
        self.date_label.setText(format_date(now))

    def set_sync_status(self, status: SyncStatus) -> None:
        self._sync_status = status
        self._show_sync_status()

    def _show_sync_status(self) -> None:
        if self._sync_status is None:
            # The first paint comes before the local store is opened (the sync status with
            # it): the hourglass says in words that the kiosk is starting, never alone.
            self.sync_icon.set_symbol(Symbol.WAITING)
            self.sync_label.setText(self.tr("Starter opp …"))
            return
        symbol, text = describe(self._sync_status)
        self.sync_icon.set_symbol(symbol)
        self.sync_label.setText(text)

    def set_free_counts(self, counts: dict[str, int]) -> None:
        """Free desks now per zone: "Ledige pulter nå: Sone A 5 · Sone B 3 · Stillesone 2"."""
        self._free_counts = dict(counts)
        self._show_free_counts()

    def _show_free_counts(self) -> None:
        counts = self._free_counts
        if not counts:
            self.free_label.clear()
        elif not any(counts.values()):
            self.free_label.setText(self.tr("Ingen ledige pulter akkurat nå"))
        else:
            locale = QLocale()
            zones = " · ".join(f"{zone} {locale.toString(count)}" for zone, count in counts.items())
            self.free_label.setText(self.tr("Ledige pulter nå: %1").replace("%1", zones))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._announced:
            self._announced = True
            log.info("kiosk: start screen shown")
            self.first_painted.emit()
