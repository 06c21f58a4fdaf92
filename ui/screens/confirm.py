"""Ask before checking out the holder of a pass scanned while in: "Sjekke ut Kari Nordmann?".

Only a pass leads here (its holder is the one asking). A name pick goes to
``ui/screens/name_action.py`` instead, which offers both choices and says nothing of presence."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain import Outcome, PersonSummary


class ConfirmScreen(QWidget):
    accepted = Signal()
    """The visitor said yes."""
    cancelled = Signal()
    """The visitor said no: nothing is recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmScreen")
        self._asked: tuple[PersonSummary, Outcome, bool] | None = None
        self.question = QLabel(self)
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.organisation = QLabel(self)
        self.organisation.setObjectName("muted")
        self.organisation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)

        self.yes_button = QPushButton(self)
        self.yes_button.setProperty("role", "primary")
        self.yes_button.clicked.connect(self.accepted)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        for button in (self.yes_button, self.cancel_button):
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.yes_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addWidget(self.question)
        layout.addWidget(self.organisation)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.clear()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.cancel_button.setText(self.tr("Avbryt"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.setAccessibleDescription(self.tr("Ingenting blir registrert"))
        self.yes_button.setAccessibleDescription(self.tr("Bekrefter svaret"))
        if self._asked is None:
            self.yes_button.setText(self.tr("Ja"))
            self.yes_button.setAccessibleName(self.tr("Ja"))
        else:
            person, outcome, by_pass = self._asked
            self.ask(person, outcome, by_pass=by_pass)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def spoken_text(self) -> str:
        parts = [self.question.text(), self.organisation.text(), self.hint.text()]
        parts.append(
            self.tr("Velg %1 eller %2.")
            .replace("%1", self.yes_button.text())
            .replace("%2", self.cancel_button.text())
        )
        return " ".join(p for p in parts if p)

    def clear(self) -> None:
        self._asked = None
        for label in (self.question, self.organisation, self.hint):
            label.clear()
        self.retranslate()

    def ask(self, person: PersonSummary, outcome: Outcome, *, by_pass: bool) -> None:
        """Word the question for checking ``person`` in or out."""
        self._asked = (person, outcome, by_pass)
        name = person.name.strip()
        if outcome is Outcome.CHECKED_IN:
            question = (
                self.tr("Sjekke inn som %1?").replace("%1", name)
                if name
                else self.tr("Vil du sjekke inn?")
            )
            self.yes_button.setText(self.tr("Ja, sjekk inn"))
        else:
            question = (
                self.tr("Sjekke ut %1?").replace("%1", name)
                if name
                else self.tr("Vil du sjekke ut?")
            )
            self.yes_button.setText(self.tr("Ja, sjekk ut"))
        self.question.setText(question)
        self.yes_button.setAccessibleName(self.yes_button.text())
        self.organisation.setText(person.organisation or "")
        self.organisation.setVisible(bool(person.organisation))
        self.hint.setText(
            self.tr("Du kan også skanne passet en gang til for å svare ja.") if by_pass else ""
        )
        self.hint.setVisible(by_pass)
