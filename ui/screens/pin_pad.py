"""The PIN pad: a person proves a name is theirs before the kiosk acts in it.

Big digit keys (at least ``theme.KEY_SIZE``), the digits shown as dots, "Slett" and "OK". A
physical keyboard types digits into the same field, Backspace deletes, Enter is "OK" and Esc
is "Avbryt" (the window's back). What was typed is cleared after each try and whenever the
screen is left.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme

PIN_MAX_DIGITS = 6
PIN_MIN_DIGITS = 4
_PAD_KEY_WIDTH = 168  # at least; the keys share the middle of the screen


class PinPadScreen(QWidget):
    pin_entered = Signal(str)
    """The visitor pressed OK with 4-6 digits typed."""
    cancelled = Signal()
    """The visitor gave up: nothing is recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPadScreen")
        self._heading: str = ""
        self._problem: str = ""
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(self)
        self.who.setObjectName("muted")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit(self)
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(PIN_MAX_DIGITS)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,6}"), self.field)
        )
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.field.setMaximumWidth(360)
        self.field.installEventFilter(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.digit_buttons: dict[str, QPushButton] = {}
        pad = QGridLayout()
        pad.setSpacing(12)
        for index, digit in enumerate("1234567890"):
            button = QPushButton(digit, self)
            button.setProperty("role", "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
            button.setMinimumSize(_PAD_KEY_WIDTH, theme.KEY_SIZE)
            button.setAccessibleName(digit)
            button.clicked.connect(lambda _checked=False, d=digit: self.type_digit(d))
            row, column = (index // 3, index % 3) if digit != "0" else (3, 1)
            pad.addWidget(button, row, column)
            self.digit_buttons[digit] = button
        self.delete_button = QPushButton(self)
        self.delete_button.setProperty("role", "key")
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.setMinimumSize(_PAD_KEY_WIDTH, theme.KEY_SIZE)
        self.delete_button.clicked.connect(self.field.backspace)
        pad.addWidget(self.delete_button, 3, 0)
        self.ok_button = QPushButton(self)
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setMinimumSize(_PAD_KEY_WIDTH, theme.KEY_SIZE)
        self.ok_button.clicked.connect(self.submit)
        pad.addWidget(self.ok_button, 3, 2)
        for column in range(3):
            pad.setColumnStretch(column, 1)
            pad.setColumnMinimumWidth(column, _PAD_KEY_WIDTH)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setProperty("scale", "large")
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(self.cancelled)

        for button in [*self.digit_buttons.values(), self.delete_button, self.ok_button]:
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(pad, 8)  # the keys take most of the width (room for large text)
        centred.addStretch(1)
        field_row = QHBoxLayout()
        field_row.addStretch(1)
        field_row.addWidget(self.field, 2)
        field_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 16, 64, 16)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.who)
        layout.addLayout(field_row)
        layout.addWidget(self.problem)
        layout.addLayout(centred)
        layout.addSpacing(12)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.heading.setText(self._heading or self.default_heading())
        self.field.setAccessibleName(self.tr("PIN-kode"))
        self.field.setAccessibleDescription(self.tr("Sifrene vises som prikker"))
        self.field.setPlaceholderText(self.tr("4–6 sifre"))
        self.delete_button.setText("⌫ " + self.tr("Slett"))
        self.delete_button.setAccessibleName(self.tr("Slett siste siffer"))
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setAccessibleName(self.tr("OK"))
        self.ok_button.setAccessibleDescription(self.tr("Sjekker PIN-koden"))
        self.cancel_button.setText(self.tr("Avbryt"))
        self.cancel_button.setAccessibleName(self.tr("Avbryt"))
        self.cancel_button.setAccessibleDescription(self.tr("Ingenting blir registrert"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def default_heading(self) -> str:
        return self.tr("Skriv PIN-koden din")

    def ask(self, heading: str, who: str) -> None:
        """Ask for the PIN of ``who`` (masked, "Kari N. · NAV") under ``heading``."""
        self._heading = heading
        self.heading.setText(heading)
        self.who.setText(who)
        self.show_problem("")
        self.field.clear()

    def show_problem(self, text: str) -> None:
        """Say what went wrong with the last try (empty: nothing); the field is cleared."""
        self._problem = text
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.field.clear()

    def clear(self) -> None:
        """Forget everything typed and shown (leaving the screen, a new visitor)."""
        self._heading = ""
        self.heading.setText(self.default_heading())
        self.who.clear()
        self.show_problem("")

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def type_digit(self, digit: str) -> None:
        if len(self.field.text()) < PIN_MAX_DIGITS:
            self.field.insert(digit)
        self.focus_field()

    def submit(self) -> None:
        pin = self.field.text()
        if len(pin) < PIN_MIN_DIGITS:
            self.show_problem(self.tr("PIN-koden har 4 til 6 sifre."))
            return
        self.field.clear()
        self.pin_entered.emit(pin)

    def spoken_text(self) -> str:
        parts = [self.heading.text(), self.who.text().replace(" · ", ", "), self._problem]
        parts.append(self.tr("Skriv sifrene, og trykk OK."))
        return " ".join(p for p in parts if p)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.submit()
            return True
        return super().eventFilter(watched, event)
