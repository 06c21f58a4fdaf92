"""Who are you? Hold your pass to the scanner, or find your name. Then "Et øyeblikk …".

One screen for every flow that must know who the visitor is before it acts in their name:
"Sjekk ut" (the check-in flow), taking a desk (the desk flow) and signing up for a lunch talk
(the lunch flow). Each flow gets its own instance (``name`` is its object name) and says, each
time it asks, what the visitor is about to do (the title), where "Avbryt" leads, and whether a
name alone is enough or the PIN follows. The flow connects the two signals to its own steps
and takes the scanned pass itself; the screen only shows and reports.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.status_icon import StatusIcon, Symbol

Text = Callable[[], str]
"""A text in the current language: the screen calls it again whenever the language changes."""


class IdentifyScreen(QWidget):
    name_search_requested = Signal()
    """The visitor has no pass at hand: find them by name (and the PIN, where it follows)."""
    cancelled = Signal()
    """The visitor changed their mind: back where the flow came from, nothing recorded."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.busy = False
        self._asked: tuple[Text, Text, bool] | None = None  # title, where "Avbryt" leads, PIN
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon = StatusIcon(Symbol.WAITING, 96, self)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_button = QPushButton(self)
        self.name_button.setProperty("role", "primary")
        self.name_button.clicked.connect(self.name_search_requested)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        for button in (self.name_button, self.cancel_button):
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        icon_row = QHBoxLayout()
        icon_row.addStretch(1)
        icon_row.addWidget(self.icon)
        icon_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.name_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addLayout(icon_row)
        layout.addSpacing(24)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.name_button.setText(self.tr("Finn navnet mitt"))
        self.cancel_button.setText(self.tr("Avbryt"))
        self.name_button.setAccessibleName(self.tr("Finn navnet mitt"))
        self.name_button.setAccessibleDescription(
            self.tr("Søk opp navnet ditt med tastaturet på skjermen")
        )
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        if self._asked is None:
            self.cancel_button.setAccessibleDescription("")
            return
        title, back, pin = self._asked
        self.title.setText(title())
        self.cancel_button.setAccessibleDescription(back())
        if self.busy:
            self.hint.setText(self.tr("Et øyeblikk …"))
        elif pin:
            self.hint.setText(
                self.tr(
                    "Hold QR-koden mot skanneren, eller finn navnet ditt og skriv PIN-koden din."
                )
            )
        else:
            self.hint.setText(self.tr("Hold QR-koden mot skanneren, eller finn navnet ditt."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, title: Text, *, back: Text, pin: bool) -> None:
        """Ask for a pass or a name, to do what ``title`` says ("Ta pulten B-12"). ``back``
        tells a visitor who listens where "Avbryt" leads; ``pin``: a name alone is not enough
        here, the PIN follows (the hint says so)."""
        self.busy = False
        self._asked = (title, back, pin)
        self.retranslate()
        self.icon.set_symbol(Symbol.WAITING)
        self.icon.setVisible(False)
        self.name_button.setVisible(True)
        self.cancel_button.setVisible(True)

    def show_busy(self) -> None:
        """The visitor is known and the flow is at work: "Et øyeblikk …", nothing to tap."""
        self.busy = True
        self.retranslate()
        self.icon.set_symbol(Symbol.WAITING)
        self.icon.setVisible(True)
        self.name_button.setVisible(False)
        self.cancel_button.setVisible(False)

    def clear(self) -> None:
        """Forget what was asked (the start screen shows)."""
        self.busy = False
        self._asked = None
        self.title.clear()
        self.hint.clear()
        self.cancel_button.setAccessibleDescription("")
