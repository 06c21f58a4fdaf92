"""The bar under every screen: the visitor's own settings for this visit.

The window shows it below whichever screen is current, so a visitor who cannot see the screen
finds the speech button in the same place everywhere: bottom left, large, with a loudspeaker.
Beside it: large text ("A+") and high contrast (a half-filled circle). All three are off for
every new visitor (the window turns them off at the start screen).
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


def contrast_icon(colour: str, px: int = ICON_PX) -> QIcon:
    """The usual contrast symbol: a circle, one half filled."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    u = px / 40
    box = QRectF(6 * u, 6 * u, 28 * u, 28 * u)
    painter.setPen(QPen(QColor(colour), 3 * u))
    painter.drawEllipse(box)
    half = QPainterPath()
    half.moveTo(box.center())
    half.arcTo(box, 90, 180)
    half.closeSubpath()
    painter.fillPath(half, QColor(colour))
    painter.end()
    return QIcon(pixmap)


def large_text_icon(colour: str, px: int = ICON_PX) -> QIcon:
    """A small and a large "A"."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(round(px * 0.45))
    painter.setFont(font)
    painter.drawText(QRectF(0, px * 0.3, px * 0.45, px * 0.6), Qt.AlignmentFlag.AlignCenter, "A")
    font.setPixelSize(round(px * 0.8))
    painter.setFont(font)
    painter.drawText(QRectF(px * 0.35, 0, px * 0.65, px), Qt.AlignmentFlag.AlignCenter, "A")
    painter.end()
    return QIcon(pixmap)


class AccessBar(QWidget):
    speech_toggled = Signal()
    """The visitor tapped the speech button (on if it was off, off if it was on)."""
    large_text_toggled = Signal()
    """The visitor tapped "Stor tekst"."""
    contrast_toggled = Signal()
    """The visitor tapped "Høy kontrast"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessBar")
        self.speech_button = QPushButton(self)
        self.speech_button.setObjectName("speechButton")
        self.speech_button.setCheckable(True)
        self.speech_button.setIconSize(QSize(ICON_PX, ICON_PX))
        self.speech_button.clicked.connect(lambda _checked=False: self.speech_toggled.emit())
        self.large_text_button = QPushButton(self)
        self.large_text_button.setObjectName("largeTextButton")
        self.contrast_button = QPushButton(self)
        self.contrast_button.setObjectName("contrastButton")
        for button, signal in (
            (self.large_text_button, self.large_text_toggled),
            (self.contrast_button, self.contrast_toggled),
        ):
            button.setCheckable(True)
            button.setIconSize(QSize(ICON_PX, ICON_PX))
            button.clicked.connect(lambda _checked=False, s=signal: s.emit())
        self._palette = theme.NORMAL_PALETTE
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 0, 24, 2)
        layout.setSpacing(16)
        layout.addWidget(self.speech_button)
        layout.addWidget(self.large_text_button)
        layout.addWidget(self.contrast_button)
        layout.addStretch(1)
        self.show_speech(False)
        self.show_display(theme.Display())

    def set_large_text(self, on: bool) -> None:
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.setSpacing(8 if on else 16)
        layout.setContentsMargins(8 if on else 24, 0, 8 if on else 24, 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_speech(self.speech_button.isChecked())
            self._show_display()
        super().changeEvent(event)

    def show_display(self, display: theme.Display) -> None:
        """Show the large-text and contrast switches as ``display`` has them."""
        self._palette = display.palette
        self.large_text_button.setChecked(display.large)
        self.contrast_button.setChecked(display.contrast)
        self.show_speech(self.speech_button.isChecked())
        self._show_display()

    def _show_display(self) -> None:
        p = self._palette
        large, contrast = self.large_text_button, self.contrast_button
        on, off = p.on_primary, p.text
        large.setText(self.tr("Stor tekst"))
        large.setIcon(large_text_icon(on if large.isChecked() else off))
        large.setAccessibleName(
            self.tr("Stor tekst, på") if large.isChecked() else self.tr("Stor tekst")
        )
        large.setAccessibleDescription(
            self.tr("Trykk for vanlig tekststørrelse")
            if large.isChecked()
            else self.tr("Trykk for å gjøre all tekst større")
        )
        contrast.setText(self.tr("Høy kontrast"))
        contrast.setIcon(contrast_icon(on if contrast.isChecked() else off))
        contrast.setAccessibleName(
            self.tr("Høy kontrast, på") if contrast.isChecked() else self.tr("Høy kontrast")
        )
        contrast.setAccessibleDescription(
            self.tr("Trykk for vanlige farger")
            if contrast.isChecked()
            else self.tr("Trykk for lys tekst på svart bakgrunn")
        )

    def show_speech(self, on: bool) -> None:
        button = self.speech_button
        button.setChecked(on)
        button.setText(self.tr("Opplesing er på") if on else self.tr("Les opp for meg"))
        button.setIcon(speaker_icon(self._palette.on_primary if on else self._palette.text))
        button.setAccessibleName(self.tr("Opplesing"))
        button.setAccessibleDescription(
            self.tr("Trykk for å slå av opplesing")
            if on
            else self.tr("Trykk for å få skjermen lest opp")
        )
