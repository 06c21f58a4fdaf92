"""The answer to a check-in, check-out or problem; it goes back to start by itself.

It stays until tapped, or ``confirmation_s`` (6 s by default: WCAG 2.2.1 leaves room to read),
and ``SPEECH_TIME_FACTOR`` times as long while speech is on (10 s by default), so the answer is
heard to its end before the screen goes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.messages import Message, MessageKind
from ui.widgets.status_icon import StatusIcon, Symbol

log = logging.getLogger(__name__)

SPEECH_TIME_FACTOR = 10 / 6

_SYMBOLS = {
    MessageKind.WELCOME: Symbol.CHECK,
    MessageKind.GOODBYE: Symbol.GOODBYE,
    MessageKind.PROBLEM: Symbol.WARNING,
    MessageKind.FAILURE: Symbol.WARNING,
}


class ResultScreen(QWidget):
    done = Signal()
    """The visitor tapped, or the result has been shown long enough."""

    def __init__(
        self,
        confirmation_s: float,
        parent: QWidget | None = None,
        *,
        desk_map: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resultScreen")
        self.message: Message | None = None
        # A small map showing the desk a message names ("B-12 er din"); hidden otherwise.
        self.desk_map = desk_map
        self._announce = False

        self.icon = StatusIcon(Symbol.CHECK, 128, self)
        self.title = QLabel(self)
        self.title.setObjectName("resultTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("resultDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.ok_button = QPushButton(self)
        self.ok_button.setMinimumWidth(240)
        self.ok_button.clicked.connect(self.finish)

        icon_row = QHBoxLayout()
        icon_row.addStretch(1)
        icon_row.addWidget(self.icon)
        icon_row.addStretch(1)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.ok_button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(2)
        layout.addLayout(icon_row)
        layout.addSpacing(24)
        layout.addWidget(self.title)
        layout.addSpacing(16)
        layout.addWidget(self.detail)
        if desk_map is not None:
            desk_map.setParent(self)
            desk_map.hide()
            layout.addSpacing(16)
            layout.addWidget(desk_map)
        layout.addStretch(2)
        layout.addLayout(button_row)
        layout.addStretch(1)

        self.confirmation_s = confirmation_s
        self.speech_on = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finish)

    @property
    def shown_for_s(self) -> float:
        """How long a result stays when nobody taps it."""
        factor = SPEECH_TIME_FACTOR if self.speech_on else 1.0
        return self.confirmation_s * factor

    def set_speech(self, on: bool) -> None:
        """Speech on: results stay longer (from the next one, and the one showing now)."""
        self.speech_on = on
        if self._timer.isActive():
            self._timer.start(max(1, round(self.shown_for_s * 1000)))

    def spoken_text(self) -> str:
        message = self.message
        if message is None:
            return ""
        return " ".join(t for t in (message.title, message.detail.replace("\n", ". ")) if t)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's own texts. A message is worded when it is made, in the language of the
        moment; the language only changes on the start screen, so no message outlives it."""
        self.ok_button.setText(self.tr("OK"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def present(self, message: Message) -> None:
        """Show ``message`` and start counting down to the start screen."""
        self.message = message
        self.icon.set_symbol(_SYMBOLS[message.kind])
        self.title.setText(message.title)
        self.detail.setText(message.detail)
        self.detail.setVisible(bool(message.detail))
        if self.desk_map is not None:
            self.desk_map.setVisible(message.desk_id is not None)
        self._announce = True
        self._timer.start(max(1, round(self.shown_for_s * 1000)))
        self.update()

    def stop(self) -> None:
        self._timer.stop()

    def clear(self) -> None:
        self.stop()
        self.message = None
        self.title.clear()
        self.detail.clear()
        if self.desk_map is not None:
            self.desk_map.hide()

    def finish(self) -> None:
        """Tapped (or Esc, or time is up): back to start."""
        self._timer.stop()
        self.done.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.finish()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._announce:
            self._announce = False
            log.info("kiosk: confirmation shown")
