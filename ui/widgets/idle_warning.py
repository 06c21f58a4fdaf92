"""The warning before the kiosk returns to start by itself: "Er du der fortsatt?" + "Mer tid".

A panel over the current screen inside the window (not a modal dialog: nothing blocks, and a
test drives it like any widget). A tap anywhere on it counts as "I am here"; "Mer tid" says so
in words. It counts down the seconds left, read from ``seconds_left``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class IdleWarning(QWidget):
    more_time_requested = Signal()
    """The visitor is still here: start counting again."""

    def __init__(self, seconds_left: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self._seconds_left = seconds_left
        self._return_focus: QWidget | None = None
        self.panel = QFrame(self)
        self.panel.setObjectName("idleWarningPanel")
        self.title = QLabel(self.panel)
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(self.panel)
        self.countdown.setObjectName("hint")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setWordWrap(True)
        self.more_button = QPushButton(self.panel)
        self.more_button.setProperty("role", "primary")
        self.more_button.setProperty("scale", "large")
        self.more_button.clicked.connect(self.more_time_requested)
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.more_button)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.refresh)
        self.retranslate()
        if parent is not None:
            parent.installEventFilter(self)  # cover the whole parent, whatever its size
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Er du der fortsatt?"))
        self.more_button.setText(self.tr("Mer tid"))
        self.more_button.setAccessibleName(self.tr("Mer tid"))
        self.more_button.setAccessibleDescription(self.tr("Kiosken venter lenger"))
        self.countdown.setText(self.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._seconds_left() - 0.05))

    def text(self) -> str:
        # "1 sekund", "20 sekunder" (Qt's plural forms); the no-break space keeps the number
        # on the line of its unit when the sentence wraps.
        return self.tr(
            "Kiosken går tilbake til start om %n sekund(er).", "", self.seconds_left()
        )

    def spoken_text(self) -> str:
        return " ".join(
            (self.title.text(), self.text(), self.tr("Trykk Mer tid hvis du trenger mer tid."))
        )

    def warn(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.refresh()
        if not self.isVisible():
            self._return_focus = self.window().focusWidget()
        self.show()
        self.raise_()
        self.more_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._ticker.start()

    def dismiss(self) -> None:
        self._ticker.stop()
        if not self.isVisible():
            return
        had_focus = self.isAncestorOf(self.window().focusWidget())
        self.hide()
        back = self._return_focus
        self._return_focus = None
        if had_focus and back is not None and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)  # a keyboard user goes on there

    def refresh(self) -> None:
        self.countdown.setText(self.text())
        width = min(max(self.panel.sizeHint().width(), 720), max(self.width() - 64, 320))
        layout = self.panel.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 0
        self.panel.resize(width, max(height, self.panel.sizeHint().height()))
        self.panel.move(
            (self.width() - self.panel.width()) // 2, (self.height() - self.panel.height()) // 2
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.more_time_requested.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))  # the screen behind, dimmed
        painter.end()
        super().paintEvent(event)
