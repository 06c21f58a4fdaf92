"""Signing up for today's lunch talk: scan your pass, or find your name. Then "Et øyeblikk …"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.status_icon import StatusIcon, Symbol


class LunchSignupScreen(QWidget):
    name_search_requested = Signal()
    """The visitor has no pass at hand: find them by name."""
    cancelled = Signal()
    """The visitor changed their mind: back to the start screen, nothing recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lunchSignupScreen")
        self.busy = False
        self._title: str | None = None
        self.question = QLabel(self)
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        layout.addWidget(self.question)
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
        self.cancel_button.setAccessibleDescription(self.tr("Tilbake til startsiden"))
        if self._title is not None:
            self.question.setText(self.tr("Meld deg på: «%1»").replace("%1", self._title))
        if self.busy:
            self.hint.setText(self.tr("Et øyeblikk …"))
        elif self._title is not None:
            self.hint.setText(self.tr("Hold QR-koden mot skanneren, eller finn navnet ditt."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, title: str) -> None:
        """Ask for a pass or a name, to sign up for the talk called ``title``."""
        self.busy = False
        self._title = title
        self.retranslate()
        self.icon.setVisible(False)
        self.name_button.setVisible(True)
        self.cancel_button.setVisible(True)

    def show_busy(self) -> None:
        """The sign-up is on its way: "Et øyeblikk …", nothing to tap."""
        self.busy = True
        self.retranslate()
        self.icon.set_symbol(Symbol.WAITING)
        self.icon.setVisible(True)
        self.name_button.setVisible(False)
        self.cancel_button.setVisible(False)

    def clear(self) -> None:
        self.busy = False
        self._title = None
        self.question.clear()
        self.hint.clear()
