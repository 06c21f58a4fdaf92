"""The marked corner of the start screen where staff long-press to reach the staff screen.

A small, visible marker (a gear in a 48 px square, with an accessible name) in the top left
corner of the start screen. A tap does nothing; only a press held for ``HOLD_MS`` (5 s) asks for
the staff PIN, so a visitor who touches it by chance is not taken anywhere.

The marker sits over the start screen's margin rather than in its layout, so the start screen
itself does not change: it follows the screen's size through an event filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ui import theme

HOLD_MS = 5000
SIZE = 48  # >= 44 px: WCAG 2.5.5


class StaffCorner(QPushButton):
    long_pressed = Signal()
    """The corner was held for ``HOLD_MS`` milliseconds."""

    def __init__(self, parent: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__("⚙", parent)
        self.setObjectName("staffCorner")
        self.setFixedSize(SIZE, SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a visitor's control: no tab stop
        self.setAutoRepeat(False)
        self.setStyleSheet(
            f"QPushButton#staffCorner {{ padding: 0; min-height: 0; min-width: 0; font-size: 20pt;"
            f" color: {theme.TEXT_MUTED}; background: {theme.SURFACE};"
            f" border: 2px solid {theme.BORDER}; border-radius: 8px; }}"
        )
        # The hold: started by a press, stopped by the release; only its end counts.
        self.hold = QTimer(self)
        self.hold.setSingleShot(True)
        self.hold.setInterval(hold_ms)
        self.hold.timeout.connect(self.long_pressed)
        self.pressed.connect(self.hold.start)
        self.released.connect(self.hold.stop)
        parent.installEventFilter(self)
        self.retranslate()
        self.raise_()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Personale"))
        self.setAccessibleDescription(self.tr("For personale: hold inne i fem sekunder"))
        self.setToolTip(self.accessibleDescription())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.move(0, 0)
            self.raise_()
        return False
