"""The staff screen: how the kiosk is doing, and what only staff may do with it.

Reached through the marked corner and the staff PIN (``ui/staff_flow.py``). It shows whether the
kiosk reaches the central store, how many events wait to be sent and when it last synced; it
forces a sync, opens the evacuation list, sets the kiosk's default language (kept in the
settings file) and ends or restarts the kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
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
from ui.time_display import format_time
from ui.widgets.status_icon import StatusIcon, Symbol


class StaffScreen(QWidget):
    sync_requested = Signal()
    """"Synkroniser nå"."""
    evacuation_requested = Signal()
    """"Evakueringsliste"."""
    resend_requested = Signal()
    """"Send på nytt": the events set aside go back to the outbox."""
    default_language_chosen = Signal(str)
    """A default language was chosen: its code."""
    restart_requested = Signal()
    """"Start kiosken på nytt"."""
    exit_requested = Signal()
    """"Avslutt kiosken"."""
    done = Signal()
    """"Tilbake til start"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffScreen")
        self._status: SyncStatus | None = None
        self._default = ""
        self._note: str | None = None
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.sync_icon = StatusIcon(Symbol.WAITING, 52, self)
        self.sync_label = QLabel(self)
        self.sync_label.setWordWrap(True)
        self.pending_label = QLabel(self)
        self.set_aside_label = QLabel(self)  # events the store kept refusing (kept here)
        self.set_aside_label.setWordWrap(True)
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setObjectName("muted")
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        self.sync_button = self._button(self.sync_requested)
        self.resend_button = self._button(self.resend_requested)
        self.evacuation_button = self._button(self.evacuation_requested, primary=True)
        self.restart_button = self._button(self.restart_requested)
        self.exit_button = self._button(self.exit_requested)
        self.back_button = self._button(self.done)

        self.language_label = QLabel(self)
        self.language_group = QButtonGroup(self)
        self.language_group.setExclusive(True)
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QHBoxLayout()
        languages.setSpacing(12)
        for code in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[code], self)
            button.setObjectName("languageButton")
            button.setCheckable(True)
            button.setMinimumSize(theme.BUTTON_HEIGHT * 2, theme.BUTTON_HEIGHT)
            button.clicked.connect(
                lambda _checked=False, c=code: self.default_language_chosen.emit(c)
            )
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            languages.addWidget(button)
        languages.addStretch(1)

        status = QGridLayout()
        status.setHorizontalSpacing(12)
        status.addWidget(self.sync_icon, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        status.addWidget(self.sync_label, 0, 1)
        status.addWidget(self.pending_label, 1, 1)
        status.addWidget(self.last_sync_label, 2, 1)
        status.addWidget(self.set_aside_label, 3, 1)
        status.setColumnStretch(1, 1)

        actions = QGridLayout()
        actions.setSpacing(16)
        actions.addWidget(self.evacuation_button, 0, 0)
        actions.addWidget(self.sync_button, 0, 1)
        actions.addWidget(self.restart_button, 1, 0)
        actions.addWidget(self.exit_button, 1, 1)
        actions.addWidget(self.resend_button, 2, 0, 1, 2)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addLayout(status)
        layout.addWidget(self.note)
        layout.addSpacing(8)
        layout.addLayout(actions)
        layout.addSpacing(8)
        layout.addWidget(self.language_label)
        layout.addLayout(languages)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()

    def _button(self, signal: object, *, primary: bool = False) -> QPushButton:
        button = QPushButton(self)  # the theme's height (>= 44 px); the page must fit 800 px
        if primary:
            button.setProperty("role", "primary")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(signal)
        return button

    def retranslate(self) -> None:
        self.title.setText(self.tr("Personale"))
        for button, text, description in (
            (self.sync_button, self.tr("Synkroniser nå"),
             self.tr("Sender det som venter og henter det nye fra sentralen")),
            (self.resend_button, self.tr("Send registreringene satt til side på nytt"),
             self.tr("Når feilen hos sentralen er rettet")),
            (self.evacuation_button, self.tr("Evakueringsliste"),
             self.tr("Alle som er i bygget nå")),
            (self.restart_button, self.tr("Start kiosken på nytt"), ""),
            (self.exit_button, self.tr("Avslutt kiosken"), ""),
            (self.back_button, self.tr("Tilbake til start"), ""),
        ):
            button.setText(text)
            button.setAccessibleName(text)
            button.setAccessibleDescription(description)
        self.language_label.setText(self.tr("Kioskens standardspråk:"))
        self._show_status()
        self._show_default()
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_sync_status(self, status: SyncStatus) -> None:
        self._status = status
        self._show_status()

    def _show_status(self) -> None:
        status = self._status
        if status is None:
            return
        symbol, text = describe(status)
        self.sync_icon.set_symbol(symbol)
        self.sync_label.setText(text)
        self.pending_label.setText(
            self.tr("Hendelser som venter på sending: %1").replace("%1", str(status.pending))
        )
        self.last_sync_label.setText(
            self.tr("Sist synkronisert: %1").replace("%1", format_time(status.last_success))
            if status.last_success is not None
            else self.tr("Aldri synkronisert")
        )
        self.set_aside_label.setText(
            "⚠ "
            + self.tr(
                "%n registrering(er) satt til side: sentralen avviste dem gang på gang. "
                "De er tatt vare på her; kontakt driftsansvarlig.",
                "",
                status.set_aside,
            )
            if status.set_aside
            else ""
        )
        self.set_aside_label.setVisible(bool(status.set_aside))
        self.resend_button.setVisible(bool(status.set_aside))

    def set_default_language(self, code: str) -> None:
        self._default = code
        self._show_default()

    def _show_default(self) -> None:
        for code, button in self.language_buttons.items():
            chosen = code == self._default
            button.setChecked(chosen)
            name = LANGUAGE_NAMES[code]
            button.setText(("✓ " if chosen else "") + name)
            button.setAccessibleName(self.tr("%1, valgt").replace("%1", name) if chosen else name)

    def show_note(self, note: str | None) -> None:
        """A line of feedback after an action ("Synkroniserer …"), already translated."""
        self._note = note
        self._show_note()

    def _show_note(self) -> None:
        self.note.setText(f"ⓘ {self._note}" if self._note else "")
