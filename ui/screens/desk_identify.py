"""Who is taking the desk? Scan your pass, or find your name. Then "Et øyeblikk …"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.status_icon import StatusIcon, Symbol


class DeskIdentifyScreen(QWidget):
    name_search_requested = Signal()
    """The visitor has no pass at hand: find them by name."""
    cancelled = Signal()
    """The visitor changed their mind: back to the map, nothing recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskIdentifyScreen")
        self.busy = False
        self._asked = False
        self._desk_label: str | None = None
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
        self.cancel_button.setAccessibleDescription(self.tr("Tilbake til kartet"))
        if self._asked:
            desk_label = self._desk_label
            self.question.setText(
                self.tr("Ta pulten %1").replace("%1", desk_label)
                if desk_label
                else self.tr("Finn en ledig pult for meg")
            )
        if self.busy:
            self.hint.setText(self.tr("Et øyeblikk …"))
        elif self._asked:
            self.hint.setText(
                self.tr(
                    "Hold QR-koden mot skanneren, eller finn navnet ditt og skriv PIN-koden din."
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, desk_label: str | None) -> None:
        """Ask for a pass or a name, to take ``desk_label`` (or to get a suggestion)."""
        self.busy = False
        self._asked, self._desk_label = True, desk_label
        self.retranslate()
        self.icon.set_symbol(Symbol.WAITING)
        self.icon.setVisible(False)
        self.name_button.setVisible(True)
        self.cancel_button.setVisible(True)

    def show_busy(self) -> None:
        """The claim is on its way: "Et øyeblikk …", nothing to tap."""
        self.busy = True
        self.retranslate()
        self.icon.set_symbol(Symbol.WAITING)
        self.icon.setVisible(True)
        self.name_button.setVisible(False)
        self.cancel_button.setVisible(False)

    def clear(self) -> None:
        self.busy = False
        self._asked, self._desk_label = False, None
        self.question.clear()
        self.hint.clear()
