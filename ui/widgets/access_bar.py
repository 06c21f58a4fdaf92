"""The bar under every screen: the visitor's own settings for this visit (speech, for now).

The window shows it below whichever screen is current, so a visitor who cannot see the screen
finds the speech button in the same place everywhere: bottom left, large, with a loudspeaker.
Speech is off for every new visitor (the window turns it off at the start screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui import theme

ICON_PX = 40


def speaker_icon(colour: str, px: int = ICON_PX) -> QIcon:
    """A loudspeaker with two sound waves, drawn (no emoji font needed)."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    u = px / 40
    body = QPainterPath()
    body.moveTo(4 * u, 14 * u)
    body.lineTo(12 * u, 14 * u)
    body.lineTo(22 * u, 5 * u)
    body.lineTo(22 * u, 35 * u)
    body.lineTo(12 * u, 26 * u)
    body.lineTo(4 * u, 26 * u)
    body.closeSubpath()
    painter.fillPath(body, QColor(colour))
    pen = QPen(QColor(colour), 3 * u)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for radius in (7.0, 13.0):
        box = QRectF(20 * u - radius * u, 20 * u - radius * u, 2 * radius * u, 2 * radius * u)
        painter.drawArc(box, -45 * 16, 90 * 16)
    painter.end()
    return QIcon(pixmap)


class AccessBar(QWidget):
    speech_toggled = Signal()
    """The visitor tapped the speech button (on if it was off, off if it was on)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessBar")
        self.speech_button = QPushButton(self)
        self.speech_button.setObjectName("speechButton")
        self.speech_button.setCheckable(True)
        self.speech_button.setIconSize(QSize(ICON_PX, ICON_PX))
        self.speech_button.clicked.connect(lambda _checked=False: self.speech_toggled.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 0, 24, 2)
        layout.addWidget(self.speech_button)
        layout.addStretch(1)
        self.show_speech(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_speech(self.speech_button.isChecked())
        super().changeEvent(event)

    def show_speech(self, on: bool) -> None:
        button = self.speech_button
        button.setChecked(on)
        button.setText(self.tr("Opplesing er på") if on else self.tr("Les opp for meg"))
        button.setIcon(speaker_icon(theme.ON_PRIMARY if on else theme.TEXT))
        button.setAccessibleName(self.tr("Opplesing"))
        button.setAccessibleDescription(
            self.tr("Trykk for å slå av opplesing")
            if on
            else self.tr("Trykk for å få skjermen lest opp")
        )
