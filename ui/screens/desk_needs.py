"""Before "Finn en ledig pult for meg" picks a desk: what does the visitor need?

Offers only the needs some desk here is tagged with (equipment tags from the central store:
``step_free``, ``standing``, ``quiet``), as large toggle buttons; none chosen is fine. The
answer goes to ``DeskService.suggest_desk(needs=...)``, which suggests only desks that have
every need.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

# The needs the kiosk asks about, in the order it asks (equipment tag -> what the button says).
NEED_TAGS = ("step_free", "standing", "quiet")


def need_name(tag: str) -> str:
    names = {
        "step_free": QCoreApplication.translate("DeskNeeds", "Trinnfri adkomst"),
        "standing": QCoreApplication.translate("DeskNeeds", "Hev-senk-pult"),
        "quiet": QCoreApplication.translate("DeskNeeds", "Stillesone"),
    }
    return names.get(tag, tag)


def offered_needs(equipment: Iterable[str]) -> tuple[str, ...]:
    """The needs worth asking about: those some desk here has."""
    present = set(equipment)
    return tuple(tag for tag in NEED_TAGS if tag in present)


class DeskNeedsScreen(QWidget):
    needs_chosen = Signal(tuple)
    """The visitor is done choosing: the equipment tags they need (maybe none)."""
    cancelled = Signal()
    """Back to the map, nothing asked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskNeedsScreen")
        self.question = QLabel(self)
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.need_buttons: dict[str, QPushButton] = {}
        self._needs_row = QHBoxLayout()
        self._needs_row.setSpacing(24)
        for tag in NEED_TAGS:
            button = QPushButton(self)
            button.setObjectName("needButton")
            button.setCheckable(True)
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.toggled.connect(lambda on, b=button, t=tag: self._mark(b, t, on))
            self._needs_row.addWidget(button)
            self.need_buttons[tag] = button
        self.go_button = QPushButton(self)
        self.go_button.setProperty("role", "primary")
        self.go_button.clicked.connect(lambda: self.needs_chosen.emit(self.chosen()))
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        for button in (self.go_button, self.cancel_button):
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        buttons = QHBoxLayout()
        buttons.setSpacing(40)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.go_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addWidget(self.question)
        layout.addSpacing(16)
        layout.addWidget(self.hint)
        layout.addSpacing(32)
        layout.addLayout(self._needs_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (at start, and whenever it changes)."""
        self.question.setText(self.tr("Trenger du noe spesielt ved pulten?"))
        self.hint.setText(self.tr("Velg det som gjelder deg, eller gå videre uten."))
        for tag, button in self.need_buttons.items():
            self._mark(button, tag, button.isChecked())
        self.go_button.setText(self.tr("Finn pult"))
        self.cancel_button.setText(self.tr("Avbryt"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, offered: Iterable[str]) -> None:
        """Offer these needs (equipment tags), none chosen yet."""
        offered = set(offered)
        for tag, button in self.need_buttons.items():
            button.setChecked(False)
            button.setVisible(tag in offered)

    def chosen(self) -> tuple[str, ...]:
        return tuple(
            tag for tag, b in self.need_buttons.items() if b.isVisibleTo(self) and b.isChecked()
        )

    def clear(self) -> None:
        for button in self.need_buttons.values():
            button.setChecked(False)

    def spoken_text(self) -> str:
        offered = [b.text().lstrip("✓ ") for b in self.need_buttons.values() if b.isVisibleTo(self)]
        return " ".join(
            (
                self.question.text(),
                self.hint.text(),
                self.tr("Valg: %1.").replace("%1", ", ".join(offered)),
            )
        )

    def _mark(self, button: QPushButton, tag: str, on: bool) -> None:
        """Chosen shows a tick as well as a colour (not colour alone)."""
        button.setText(("✓ " if on else "") + need_name(tag))
