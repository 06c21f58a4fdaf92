"""A painted status symbol, so state never depends on colour alone or on an emoji font.

Each symbol has its own shape (tick, arrow out of a door, exclamation mark, cloud, crossed
cloud, cloud with an arrow up into it, hourglass, padlock) and an accessible name; the colour
only reinforces it.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme


class Symbol(enum.Enum):
    CHECK = "check"
    GOODBYE = "goodbye"
    WARNING = "warning"
    ONLINE = "online"
    OFFLINE = "offline"
    SENDING = "sending"  # a backlog on its way to the store: an arrow up into the cloud
    WAITING = "waiting"
    NOT_APPROVED = "not_approved"  # the store refused this kiosk: a padlock


_COLOURS = {
    Symbol.CHECK: theme.SUCCESS,
    Symbol.GOODBYE: theme.PRIMARY,
    Symbol.WARNING: theme.DANGER,
    Symbol.ONLINE: theme.SUCCESS,
    Symbol.OFFLINE: theme.WARNING,
    Symbol.SENDING: theme.PRIMARY,
    Symbol.WAITING: theme.TEXT_MUTED,
    Symbol.NOT_APPROVED: theme.DANGER,
}


def symbol_name(symbol: Symbol) -> str:
    """What the symbol means, in words (its accessible name)."""
    translate = QCoreApplication.translate
    names = {
        Symbol.CHECK: translate("StatusIcon", "Utført"),
        Symbol.GOODBYE: translate("StatusIcon", "Sjekket ut"),
        Symbol.WARNING: translate("StatusIcon", "Obs"),
        Symbol.ONLINE: translate("StatusIcon", "Tilkoblet"),
        Symbol.OFFLINE: translate("StatusIcon", "Frakoblet"),
        Symbol.SENDING: translate("StatusIcon", "Sender"),
        Symbol.WAITING: translate("StatusIcon", "Venter"),
        Symbol.NOT_APPROVED: translate("StatusIcon", "Ikke godkjent"),
    }
    return names[symbol]


class StatusIcon(QWidget):
    def __init__(self, symbol: Symbol, size: int = 48, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._symbol = symbol
        self._size = size
        self.setFixedSize(QSize(size, size))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAccessibleName(symbol_name(symbol))

    @property
    def symbol(self) -> Symbol:
        return self._symbol

    def set_symbol(self, symbol: Symbol) -> None:
        if symbol is not self._symbol:
            self._symbol = symbol
            self.setAccessibleName(symbol_name(symbol))
            self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(symbol_name(self._symbol))
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        s = float(self._size)
        colour = QColor(_COLOURS[self._symbol])
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = max(2.0, s / 12)
        ring = QRectF(line / 2, line / 2, s - line, s - line)
        pen = QPen(
            colour, line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        sym = self._symbol
        if sym in (Symbol.CHECK, Symbol.WARNING, Symbol.GOODBYE):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawEllipse(ring)
            pen.setColor(QColor(theme.ON_PRIMARY))
            pen.setWidthF(s / 9)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            if sym is Symbol.CHECK:
                path = QPainterPath(QPointF(s * 0.28, s * 0.52))
                path.lineTo(s * 0.44, s * 0.68)
                path.lineTo(s * 0.73, s * 0.35)
                p.drawPath(path)
            elif sym is Symbol.WARNING:
                p.drawLine(QPointF(s / 2, s * 0.25), QPointF(s / 2, s * 0.56))
                p.drawPoint(QPointF(s / 2, s * 0.74))
            else:  # an arrow leaving to the right
                p.drawLine(QPointF(s * 0.27, s / 2), QPointF(s * 0.72, s / 2))
                path = QPainterPath(QPointF(s * 0.55, s * 0.33))
                path.lineTo(s * 0.73, s / 2)
                path.lineTo(s * 0.55, s * 0.67)
                p.drawPath(path)
        elif sym in (Symbol.ONLINE, Symbol.OFFLINE, Symbol.SENDING):
            cloud = QPainterPath()
            cloud.setFillRule(Qt.FillRule.WindingFill)
            cloud.addEllipse(QRectF(s * 0.04, s * 0.40, s * 0.36, s * 0.36))
            cloud.addEllipse(QRectF(s * 0.24, s * 0.18, s * 0.50, s * 0.50))
            cloud.addEllipse(QRectF(s * 0.58, s * 0.38, s * 0.38, s * 0.38))
            cloud.addRect(QRectF(s * 0.22, s * 0.52, s * 0.58, s * 0.24))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPath(cloud)
            mark = QPen(
                QColor(theme.ON_PRIMARY),
                max(2.0, s / 11),
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
            p.setPen(mark)
            p.setBrush(Qt.BrushStyle.NoBrush)
            if sym is Symbol.ONLINE:  # a tick inside the cloud
                path = QPainterPath(QPointF(s * 0.36, s * 0.55))
                path.lineTo(s * 0.46, s * 0.65)
                path.lineTo(s * 0.64, s * 0.43)
                p.drawPath(path)
            elif sym is Symbol.SENDING:  # an arrow up inside the cloud
                p.drawLine(QPointF(s / 2, s * 0.68), QPointF(s / 2, s * 0.42))
                path = QPainterPath(QPointF(s * 0.40, s * 0.51))
                path.lineTo(s / 2, s * 0.41)
                path.lineTo(s * 0.60, s * 0.51)
                p.drawPath(path)
            else:  # a cross inside the cloud
                p.drawLine(QPointF(s * 0.42, s * 0.45), QPointF(s * 0.58, s * 0.63))
                p.drawLine(QPointF(s * 0.58, s * 0.45), QPointF(s * 0.42, s * 0.63))
        elif sym is Symbol.NOT_APPROVED:  # a closed padlock
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawArc(QRectF(s * 0.30, s * 0.12, s * 0.40, s * 0.44), 0, 180 * 16)
            p.drawLine(QPointF(s * 0.30, s * 0.34), QPointF(s * 0.30, s * 0.46))
            p.drawLine(QPointF(s * 0.70, s * 0.34), QPointF(s * 0.70, s * 0.46))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(s * 0.20, s * 0.44, s * 0.60, s * 0.44), s * 0.06, s * 0.06)
        else:  # WAITING: an hourglass
            p.setPen(pen)
            path = QPainterPath(QPointF(s * 0.28, s * 0.15))
            path.lineTo(s * 0.72, s * 0.15)
            path.lineTo(s * 0.28, s * 0.85)
            path.lineTo(s * 0.72, s * 0.85)
            path.closeSubpath()
            p.drawPath(path)
        p.end()
