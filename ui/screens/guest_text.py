"""One line of text for the guest flow (phone or e-mail, name, organisation), typed by touch.

The on-screen keyboard of the name search, plus a row of the characters this field needs
(digits and @ for a contact, an apostrophe for a name). A problem with what was typed shows
under the field, in words and with a "!" mark (never by colour alone), until the text changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.widgets.keyboard import OnScreenKeyboard

FULL_ROW = 8  # this many extra keys or more fill their row
MAX_FIELD_CHARS = 120  # a little past the 100 allowed: the rule, not the field, says "too long"


class GuestTextScreen(QWidget):
    submitted = Signal(str)
    """The visitor tapped "Neste" (or Enter): the text as typed."""
    skipped = Signal()
    """The visitor tapped "Hopp over" (only where the field is optional)."""
    back_requested = Signal()
    """The visitor wants the step before."""
    speech_changed = Signal(str)
    """A problem with what was typed, for a visitor who listens (``ui/narration.py``)."""

    def __init__(
        self, name: str, extra_keys: str, *, lower: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._lower = lower
        self._heading_text = ""
        self._hint_text = ""

        self.back_button = QPushButton(self)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)

        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setMaxLength(MAX_FIELD_CHARS)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.textChanged.connect(lambda _text: self.show_problem(""))
        self.field.installEventFilter(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self.skipped)
        self.skip_button.hide()
        self.next_button = QPushButton(self)
        self.next_button.setProperty("role", "primary")
        self.next_button.clicked.connect(self._submit)
        for button in (self.back_button, self.skip_button, self.next_button):
            button.setMinimumHeight(theme.BUTTON_HEIGHT)

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.character_typed.connect(self._type)
        self.keyboard.backspace_requested.connect(self.field.backspace)
        self.keyboard.clear_requested.connect(self.field.clear)
        self.extra_keys: dict[str, QPushButton] = {}
        extra = QHBoxLayout()
        extra.setSpacing(8)
        for char in extra_keys:
            key = QPushButton(char, self)
            key.setProperty("role", "key")
            key.setObjectName(f"key_{char}")
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.setMinimumSize(theme.KEY_SIZE, theme.KEY_SIZE)
            # A full row of keys spreads like the keyboard's; a few stay key-sized at the left.
            wide = len(extra_keys) >= FULL_ROW
            key.setSizePolicy(
                QSizePolicy.Policy.Expanding if wide else QSizePolicy.Policy.Fixed,
                QSizePolicy.Policy.Fixed,
            )
            if not wide:
                key.setFixedWidth(2 * theme.KEY_SIZE)
            key.clicked.connect(lambda _checked=False, c=char: self._insert(c))
            extra.addWidget(key)
            self.extra_keys[char] = key
        if len(extra_keys) < FULL_ROW:
            extra.addStretch(1)

        bar = QHBoxLayout()
        bar.setSpacing(16)
        bar.addWidget(self.back_button)
        bar.addWidget(self.field, 1)
        bar.addWidget(self.skip_button)
        bar.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 6, 32, 6)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(bar)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        if extra_keys:
            layout.addLayout(extra)
        layout.addWidget(self.keyboard)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))
        self.skip_button.setText(self.tr("Hopp over"))
        self.skip_button.setAccessibleName(self.tr("Hopp over"))
        self.next_button.setText(self.tr("Neste") + " ›")
        self.next_button.setAccessibleName(self.tr("Neste"))
        for char, key in self.extra_keys.items():
            key.setAccessibleName(_key_names().get(char, char))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(self, heading: str, hint: str, *, text: str = "", optional: bool = False) -> None:
        """Set what is asked (already translated), the text to start from, and whether the
        visitor may skip it."""
        self.heading.setText(heading)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.field.setAccessibleName(heading)
        self.field.setText(text)
        self.skip_button.setVisible(optional)
        self.show_problem("")

    def show_problem(self, text: str) -> None:
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setVisible(bool(text))
        if text:
            self.problem.setAccessibleName(text)
            self.speech_changed.emit(text)

    def reset(self) -> None:
        self.field.clear()
        self.show_problem("")

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def spoken_text(self) -> str:
        return " ".join(
            t for t in (self.heading.text(), self.hint.text(), self.problem.text()) if t
        )

    def _type(self, char: str) -> None:
        if self._lower:
            self._insert(char.lower())
            return
        text = self.field.text()
        word_start = not text or text[-1] in " -'’"
        self._insert(char.upper() if word_start else char.lower())

    def _insert(self, text: str) -> None:
        self.field.insert(text)
        self.focus_field()

    def _submit(self) -> None:
        self.submitted.emit(self.field.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._submit()
            return True
        return super().eventFilter(watched, event)


def _key_names() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication

    return {
        "@": QCoreApplication.translate("GuestTextScreen", "krøllalfa"),
        ".": QCoreApplication.translate("GuestTextScreen", "punktum"),
        "'": QCoreApplication.translate("GuestTextScreen", "apostrof"),
        "+": QCoreApplication.translate("GuestTextScreen", "pluss"),
        "_": QCoreApplication.translate("GuestTextScreen", "understrek"),
        "&": QCoreApplication.translate("GuestTextScreen", "og-tegn"),
    }
