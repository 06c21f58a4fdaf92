"""A question for the guest with a few big answers: why they came, the privacy notice, or
"is this you?" for a returning guest. The flow sets the words; the screen reports the key of
the answer tapped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme

MAX_CHOICES = 4


class GuestChoiceScreen(QWidget):
    chosen = Signal(str)
    """The visitor tapped an answer: its key."""
    back_requested = Signal()
    """The visitor wants the step before."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._keys: list[str] = []
        self._side_by_side = False
        self._large = False
        self.back_button = QPushButton(self)
        self.back_button.setMinimumHeight(theme.BUTTON_HEIGHT)
        self.back_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: list[QPushButton] = []
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        # The answers: one under another, or side by side (``ask(..., side_by_side=True)``).
        self._answers = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._answers.setSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addLayout(self._answers)
        layout.addStretch(1)
        for index in range(MAX_CHOICES):
            button = QPushButton(self)
            button.setProperty("scale", "large")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(theme.BUTTON_HEIGHT)
            button.clicked.connect(lambda _checked=False, i=index: self._tapped(i))
            button.hide()
            self._answers.addWidget(button)
            self.buttons.append(button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask(
        self,
        heading: str,
        body: str,
        choices: list[tuple[str, str]],
        *,
        primary: str = "",
        side_by_side: bool = False,
        body_large: bool = False,
    ) -> None:
        """``choices``: (key, label) pairs, already translated; ``primary`` is the key of the
        answer drawn as the main one; ``side_by_side`` puts the answers in one row;
        ``body_large`` shows a short body (a name to confirm) as large as the heading."""
        self._side_by_side = side_by_side
        self._arrange()
        self.heading.setText(heading)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        self.body.setObjectName("heading" if body_large else "")
        self.body.style().unpolish(self.body)
        self.body.style().polish(self.body)
        self._keys = [key for key, _ in choices]
        for index, button in enumerate(self.buttons):
            if index < len(choices):
                key, label = choices[index]
                button.setText(label)
                button.setAccessibleName(label)
                button.setProperty("role", "primary" if key == primary else "")
                button.style().unpolish(button)
                button.style().polish(button)
                button.show()
            else:
                button.hide()

    def set_large_text(self, on: bool) -> None:
        """Large text: the answers stack, so no label is cut (the page scrolls)."""
        self._large = on
        self._arrange()

    def _arrange(self) -> None:
        row = self._side_by_side and not self._large
        self._answers.setDirection(
            QBoxLayout.Direction.LeftToRight if row else QBoxLayout.Direction.TopToBottom
        )

    def spoken_text(self) -> str:
        labels = [b.text() for b in self.buttons if not b.isHidden()]
        return " ".join([self.heading.text(), self.body.text(), *labels])

    def _tapped(self, index: int) -> None:
        if index < len(self._keys):
            self.chosen.emit(self._keys[index])
