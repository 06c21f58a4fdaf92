"""On-screen keyboard with the Norwegian letters Æ, Ø and Å, for typing a name by touch.

The keyboard owns no text: it says what was pressed through signals, and the screen that uses
it decides what the text becomes. Its keys never take the focus, so a search field keeps it
(and a physical keyboard keeps working) while the keys are tapped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from ui import theme

LETTER_ROWS = ("QWERTYUIOPÅ", "ASDFGHJKLØÆ", "ZXCVBNM-")


class OnScreenKeyboard(QWidget):
    character_typed = Signal(str)
    """A letter, space or hyphen was tapped (letters come upper-case)."""
    backspace_requested = Signal()
    """The visitor wants to remove the last character."""
    clear_requested = Signal()
    """The visitor wants to start over with an empty field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self._keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        columns = max(len(row) for row in LETTER_ROWS)  # 11
        for r, row in enumerate(LETTER_ROWS):
            for c, char in enumerate(row):
                button = self._make_key(char, char)
                button.setAccessibleName(char)
                grid.addWidget(button, r, c)
        backspace = self._make_key("", "backspace")
        backspace.clicked.connect(self.backspace_requested)
        grid.addWidget(backspace, 2, len(LETTER_ROWS[2]), 1, columns - len(LETTER_ROWS[2]))
        space = self._make_key("", " ")
        grid.addWidget(space, 3, 0, 1, columns - 3)
        clear = self._make_key("", "clear")
        clear.clicked.connect(self.clear_requested)
        grid.addWidget(clear, 3, columns - 3, 1, 3)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self._keys["-"].setAccessibleName(self.tr("bindestrek"))
        self._keys["backspace"].setText("⌫ " + self.tr("Slett"))
        self._keys["backspace"].setAccessibleName(self.tr("Slett siste tegn"))
        self._keys[" "].setText(self.tr("Mellomrom"))
        self._keys[" "].setAccessibleName(self.tr("Mellomrom"))
        self._keys["clear"].setText(self.tr("Tøm"))
        self._keys["clear"].setAccessibleName(self.tr("Tøm feltet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_key(self, text: str, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("role", "key")
        button.setObjectName(f"key_{key}" if key.strip() else "key_space")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(key == "backspace")
        button.setMinimumSize(theme.KEY_SIZE, theme.KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if len(key) == 1:
            button.clicked.connect(lambda _checked=False, k=key: self.character_typed.emit(k))
        self._keys[key] = button
        return button

    def key_button(self, key: str) -> QPushButton:
        """The button for a character ("K", "Æ", " ", "-") or "backspace" / "clear"."""
        return self._keys[key.upper() if len(key) == 1 else key]
