"""Checking out: hold the pass to the scanner, or find your name (and give your PIN)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


class CheckoutScreen(QWidget):
    name_search_requested = Signal()
    """The visitor has no pass at hand: find them by name, then the PIN."""
    cancelled = Signal()
    """Back to the start screen, nothing recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutScreen")
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.name_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.title.setText(self.tr("Sjekk ut"))
        self.hint.setText(
            self.tr("Hold QR-koden mot skanneren, eller finn navnet ditt og skriv PIN-koden din.")
        )
        self.name_button.setText(self.tr("Finn navnet mitt"))
        self.name_button.setAccessibleName(self.tr("Finn navnet mitt"))
        self.name_button.setAccessibleDescription(
            self.tr("Søk opp navnet ditt med tastaturet på skjermen")
        )
        self.cancel_button.setText(self.tr("Avbryt"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.setAccessibleDescription(self.tr("Tilbake til startskjermen"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
