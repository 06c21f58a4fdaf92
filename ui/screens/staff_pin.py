"""The staff PIN: asked after the long press on the start screen's marked corner.

Digits by the keypad on screen (or a keyboard), shown only as dots. What the flow answers (wrong
PIN, tries left, locked until, no PIN set) is shown under the dots, in words, with a symbol, not
by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme

MAX_DIGITS = 6


class StaffPinScreen(QWidget):
    pin_entered = Signal(str)
    """Staff pressed "Logg inn" with these digits."""
    cancelled = Signal()
    """Staff (or a visitor who got here) pressed "Avbryt"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffPinScreen")
        self._digits = ""
        self._problem: tuple[str, str] | None = None  # (symbol, text), already translated
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction = QLabel(self)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        self.dots = QLabel(self)
        self.dots.setObjectName("title")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(theme.BUTTON_HEIGHT)
        self.problem = QLabel(self)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setWordWrap(True)

        self.digit_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), i // 3, i % 3)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete)
        grid.addWidget(self.delete_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.ok_button = QPushButton(self)
        self.ok_button.setProperty("role", "primary")
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.ok_button, 3, 2)
        for button in (self.delete_button, self.ok_button):
            button.setMinimumSize(theme.KEY_SIZE * 2, theme.KEY_SIZE)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setProperty("scale", "large")
        self.cancel_button.clicked.connect(self.cancelled)

        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addLayout(grid)
        pad.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.instruction)
        layout.addWidget(self.dots)
        layout.addWidget(self.problem)
        layout.addLayout(pad)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()

    def _key(self, digit: str) -> QPushButton:
        button = QPushButton(digit, self)
        button.setObjectName("key")
        button.setMinimumSize(theme.KEY_SIZE * 2, theme.KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False, d=digit: self.type_digit(d))
        self.digit_buttons[digit] = button
        return button

    def retranslate(self) -> None:
        self.title.setText(self.tr("Personale"))
        self.instruction.setText(self.tr("Skriv PIN-koden for personale."))
        self.delete_button.setText(self.tr("Slett"))
        self.delete_button.setAccessibleName(self.tr("Slett siste siffer"))
        self.ok_button.setText(self.tr("Logg inn"))
        self.ok_button.setAccessibleName(self.tr("Logg inn"))
        self.cancel_button.setText(self.tr("Avbryt"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.setAccessibleDescription(self.tr("Tilbake til startskjermen"))
        self._show_digits()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def digits(self) -> str:
        return self._digits

    def type_digit(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
            self._show_digits()

    def delete(self) -> None:
        self._digits = self._digits[:-1]
        self._show_digits()

    def submit(self) -> None:
        digits, self._digits = self._digits, ""
        self._show_digits()
        self.pin_entered.emit(digits)

    def clear(self) -> None:
        """Forget the digits and any message (each time the screen is left)."""
        self._digits = ""
        self.show_problem(None)

    def show_problem(self, text: str | None) -> None:
        """Say what went wrong (with a warning sign), or nothing."""
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setAccessibleName(text or "")
        self._show_digits()

    def _show_digits(self) -> None:
        count = len(self._digits)
        self.dots.setText("●" * count + "○" * max(0, 4 - count))
        self.dots.setAccessibleName(
            self.tr("PIN-kode: %1 sifre skrevet").replace("%1", str(count))
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text.isascii():
            self.type_digit(text)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace:
            self.delete()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._digits:
            self.submit()
            event.accept()
            return
        super().keyPressEvent(event)
