"""How to check in with a QR pass: hold it to the scanner. (The camera comes later.)"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ScanHelpScreen(QWidget):
    back_requested = Signal()
    """The visitor wants to go back to the start screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanHelpScreen")
        self.back_button = QPushButton("‹ " + self.tr("Tilbake"), self)
        self.back_button.clicked.connect(self.back_requested)

        heading = QLabel(self.tr("Sjekk inn med QR-kode"), self)
        heading.setObjectName("title")
        steps = QLabel(
            self.tr(
                "Hold QR-koden på passet ditt, på papir eller på telefonen, mot skanneren "
                "ved siden av skjermen.\n\nSkanneren piper når den har lest koden, og "
                "skjermen viser at du er sjekket inn."
            ),
            self,
        )
        steps.setObjectName("resultDetail")
        steps.setWordWrap(True)
        fallback = QLabel(
            self.tr("Har du ikke passet med deg? Gå tilbake og sjekk inn med navn."), self
        )
        fallback.setObjectName("muted")
        fallback.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 48)
        layout.addLayout(bar)
        layout.addSpacing(24)
        layout.addWidget(heading)
        layout.addSpacing(24)
        layout.addWidget(steps)
        layout.addStretch(1)
        layout.addWidget(fallback, 0, Qt.AlignmentFlag.AlignBottom)
