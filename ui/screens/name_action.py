"""After a name pick: "Sjekk inn" or "Sjekk ut", the same two choices for everyone.

The screen never knows whether the person is in: it shows the masked name ("Kari N. · NAV")
and both choices, always, so choosing a name tells a bystander nothing about presence.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain import PersonSummary


class NameActionScreen(QWidget):
    check_in_requested = Signal()
    """The visitor chose "Sjekk inn"."""
    check_out_requested = Signal()
    """The visitor chose "Sjekk ut"."""
    cancelled = Signal()
    """The visitor changed their mind: nothing is recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nameActionScreen")
        self.person: PersonSummary | None = None
        self.question = QLabel(self)
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(self)
        self.who.setObjectName("heading")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.in_button = QPushButton(self)
        self.in_button.setProperty("role", "primary")
        self.in_button.clicked.connect(self.check_in_requested)
        self.out_button = QPushButton(self)
        self.out_button.setProperty("role", "primary")
        self.out_button.clicked.connect(self.check_out_requested)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        for button in (self.in_button, self.out_button, self.cancel_button):
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        choices = QHBoxLayout()
        choices.setSpacing(40)
        choices.addWidget(self.in_button)
        choices.addWidget(self.out_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addWidget(self.question)
        layout.addWidget(self.who)
        layout.addStretch(1)
        layout.addLayout(choices)
        layout.addSpacing(32)
        layout.addWidget(self.cancel_button)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.question.setText(self.tr("Hva vil du gjøre?"))
        self.in_button.setText(self.tr("Sjekk inn"))
        self.in_button.setAccessibleName(self.tr("Sjekk inn"))
        self.in_button.setAccessibleDescription(self.tr("Registrerer at du er i bygget"))
        self.out_button.setText(self.tr("Sjekk ut"))
        self.out_button.setAccessibleName(self.tr("Sjekk ut"))
        self.out_button.setAccessibleDescription(
            self.tr("Registrerer at du har gått. Du trenger PIN-koden din.")
        )
        self.cancel_button.setText(self.tr("Avbryt"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.setAccessibleDescription(self.tr("Ingenting blir registrert"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, person: PersonSummary) -> None:
        """Offer both choices for ``person`` (shown masked)."""
        self.person = person
        self.who.setText(person.display)

    def clear(self) -> None:
        self.person = None
        self.who.clear()

    def spoken_text(self) -> str:
        return " ".join(
            part
            for part in (
                self.question.text(),
                self.who.text().replace(" · ", ", "),
                self.tr("Velg %1, %2 eller %3.")
                .replace("%1", self.in_button.text())
                .replace("%2", self.out_button.text())
                .replace("%3", self.cancel_button.text()),
            )
            if part
        )
