"""One desk on the floor map, and one room: how each desk state looks.

A desk shows its state three ways at once, so nobody depends on colour: a fill colour, a
symbol (tick in a ring, clock, person, pin, cross) with a pattern for the taken states, and
its label. A provisional claim (made here while offline) gets a dashed outline and a "?".
The same painter draws the legend's samples (``paint_desk``), so legend and map never differ.

Painting is cheap: an upright desk copies two pre-rendered pixmaps (its look, shared by every
desk of that size and state, and its own label); an item repaints only when its own status
changes (``set_status`` compares first); a desk too small on screen to read skips its label
and symbol and keeps colour and pattern. Labels are sized from the font's real widths.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kiosk.desks import Desk, DeskState, DeskStatus, Room
from ui import theme


class DeskSymbol(enum.Enum):
    FREE = "free"  # a tick in an open ring
    CLOCK = "clock"
    PERSON = "person"
    PIN = "pin"
    CROSS = "cross"


@dataclass(frozen=True)
class StateStyle:
    fill: str  # light fill: the label (theme.TEXT) on it has >= 4.5:1 contrast
    ink: str  # outline and symbol: >= 3:1 against the fill (graphics)
    symbol: DeskSymbol
    pattern: Qt.BrushStyle  # drawn in ink over the fill; NoBrush for none


STYLES: dict[DeskState, StateStyle] = {
    DeskState.FREE: StateStyle("#CDEFD6", "#1D6B36", DeskSymbol.FREE, Qt.BrushStyle.NoBrush),
    DeskState.BOOKED_LATER: StateStyle(
        "#FFE2AD", "#7A4200", DeskSymbol.CLOCK, Qt.BrushStyle.NoBrush
    ),
    DeskState.OCCUPIED: StateStyle(
        "#F7CACA", "#A3161C", DeskSymbol.PERSON, Qt.BrushStyle.BDiagPattern
    ),
    DeskState.FIXED: StateStyle("#CADBEE", "#1F4E79", DeskSymbol.PIN, Qt.BrushStyle.NoBrush),
    DeskState.UNAVAILABLE: StateStyle(
        "#DCDDDF", "#4A4D52", DeskSymbol.CROSS, Qt.BrushStyle.DiagCrossPattern
    ),
}
HIGHLIGHT = "#1B1B1B"  # the chosen desk: a thick dark ring around it
ROOM_FILL = "#EDEBE6"
ROOM_INK = "#5A5D61"

# Below these sizes on screen (pixels) the label / the symbol would be unreadable: skip them.
_MIN_LABEL_PX = 16.0
_MIN_SYMBOL_PX = 12.0
_MAX_LABEL_PX = 24
_PLATE_PAD = 6.0  # the plate behind a label is this much wider than the text


def state_name(state: DeskState, *, provisional: bool = False) -> str:
    """The state in words, for the legend, the details panel and accessible names."""
    translate = QCoreApplication.translate
    if state is DeskState.FREE:
        text = translate("DeskState", "Ledig")
    elif state is DeskState.BOOKED_LATER:
        text = translate("DeskState", "Booket senere i dag")
    elif state is DeskState.OCCUPIED:
        text = translate("DeskState", "Opptatt")
    elif state is DeskState.FIXED:
        text = translate("DeskState", "Fast plass")
    else:
        text = translate("DeskState", "Ikke i bruk")
    if provisional:
        text += QCoreApplication.translate("DeskState", " (ikke bekreftet ennå)")
    return text


@cache
def _pen(colour: str, width: float, dashed: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)  # the same width on screen at every zoom
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


@cache
def _brush(colour: str, style: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QBrush:
    return QBrush(QColor(colour), style)


@cache
def _symbol_path(symbol: DeskSymbol) -> QPainterPath:
    """The symbol's strokes in a unit square (0..1), drawn with a pen; filled parts separate."""
    path = QPainterPath()
    if symbol is DeskSymbol.FREE:
        path.addEllipse(QRectF(0.06, 0.06, 0.88, 0.88))
        path.moveTo(0.28, 0.52)
        path.lineTo(0.44, 0.68)
        path.lineTo(0.72, 0.36)
    elif symbol is DeskSymbol.CLOCK:
        path.addEllipse(QRectF(0.06, 0.06, 0.88, 0.88))
        path.moveTo(0.5, 0.22)
        path.lineTo(0.5, 0.52)
        path.lineTo(0.7, 0.62)
    elif symbol is DeskSymbol.PERSON:
        path.addEllipse(QRectF(0.33, 0.06, 0.34, 0.34))
        path.moveTo(0.12, 0.94)
        path.cubicTo(0.14, 0.56, 0.86, 0.56, 0.88, 0.94)
        path.closeSubpath()
    elif symbol is DeskSymbol.PIN:
        path.addEllipse(QRectF(0.24, 0.04, 0.52, 0.52))
        path.moveTo(0.5, 0.56)
        path.lineTo(0.5, 0.96)
    else:  # CROSS
        path.moveTo(0.18, 0.18)
        path.lineTo(0.82, 0.82)
        path.moveTo(0.82, 0.18)
        path.lineTo(0.18, 0.82)
    return path


def _filled(symbol: DeskSymbol) -> bool:
    return symbol in (DeskSymbol.PERSON, DeskSymbol.PIN)


@cache
def _label_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, pixel_size))
    font.setBold(True)
    return font


def _layout(rect: QRectF, scale: float) -> tuple[bool, QRectF, QRectF]:
    """Where the symbol and the label go inside a desk: (wide, symbol square, label band).

    A wide desk: symbol at the left, label to its right. A narrow one: symbol above label."""
    pad = max(2.0 / scale, min(rect.width(), rect.height()) * 0.08)
    wide = rect.width() >= rect.height() * 1.25
    if wide:
        side = min(rect.height() - 2 * pad, rect.width() * 0.26, 30.0 / scale)
        symbol_rect = QRectF(rect.left() + pad, rect.center().y() - side / 2, side, side)
        band = QRectF(
            symbol_rect.right() + pad * 0.5,
            rect.top() + pad,
            rect.right() - symbol_rect.right() - pad * 1.5,
            rect.height() - 2 * pad,
        )
    else:
        side = min(rect.height() * 0.42, rect.width() * 0.5, 30.0 / scale)
        symbol_rect = QRectF(rect.center().x() - side / 2, rect.top() + pad, side, side)
        band = QRectF(
            rect.left() + pad,
            symbol_rect.bottom() + pad * 0.5,
            rect.width() - 2 * pad,
            rect.bottom() - symbol_rect.bottom() - pad * 1.5,
        )
    return wide, symbol_rect, band


@cache
def _label_em_width(label: str) -> float:
    """The label's width in the bold label font, per pixel of font size."""
    return QFontMetricsF(_label_font(100)).horizontalAdvance(label) / 100


def label_pixel_size(rect: QRectF, label: str, scale: float) -> int:
    """The label's font size on screen (pixels) for a desk ``rect`` (item units) shown at
    ``scale`` screen pixels per unit; 0 when the desk is too small on screen to label."""
    if not label or min(rect.width(), rect.height()) * scale < _MIN_LABEL_PX:
        return 0
    wide, _symbol, band = _layout(rect, scale)
    width_px, height_px = band.width() * scale, band.height() * scale
    fits_width = (width_px - _PLATE_PAD) / max(_label_em_width(label), 1e-6)
    pixel = int(min(height_px * (0.62 if wide else 0.85), _MAX_LABEL_PX, fits_width))
    return pixel if pixel >= 8 else 0


def paint_desk(
    painter: QPainter,
    rect: QRectF,
    state: DeskState,
    *,
    provisional: bool = False,
    label: str = "",
    scale: float = 1.0,
    highlighted: bool = False,
) -> None:
    """Draw one desk in ``rect`` (item units); ``scale`` is screen pixels per item unit."""
    style = STYLES[state]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_brush(style.fill))
    painter.drawRect(rect)
    if style.pattern is not Qt.BrushStyle.NoBrush:
        painter.setBrush(_brush(style.ink, style.pattern))
        painter.setBrushOrigin(rect.topLeft())
        painter.drawRect(rect)
    if highlighted:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(HIGHLIGHT, 6.0))
        grow = 5.0 / max(scale, 1e-6)
        painter.drawRect(rect.adjusted(-grow, -grow, grow, grow))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(style.ink, 2.5, dashed=provisional))
    painter.drawRect(rect)

    short_px = min(rect.width(), rect.height()) * scale
    if short_px < _MIN_SYMBOL_PX:
        return
    _wide, symbol_rect, band = _layout(rect, scale)
    side = symbol_rect.width()
    painter.save()
    painter.translate(symbol_rect.topLeft())
    painter.scale(side, side)
    painter.setPen(_pen(style.ink, max(1.5, min(3.0, side * scale / 8))))
    painter.setBrush(_brush(style.ink) if _filled(style.symbol) else Qt.BrushStyle.NoBrush)
    painter.drawPath(_symbol_path(style.symbol))
    painter.restore()
    if provisional:  # a "?" badge in the top-right corner
        mark_side = min(side, 22.0 / scale) * 0.8
        painter.save()
        painter.translate(QPointF(rect.right() - mark_side * 0.55, rect.top() + mark_side * 0.45))
        painter.scale(1 / scale, 1 / scale)
        box_side = mark_side * scale
        box = QRectF(-box_side / 2, -box_side / 2, box_side, box_side)
        painter.setBrush(_brush(theme.SURFACE))
        painter.setPen(_pen(style.ink, 1.5))
        painter.drawEllipse(box)
        painter.setFont(_label_font(round(box_side * 0.8)))
        painter.setPen(_pen(theme.TEXT, 1.0))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
        painter.restore()

    pixel = label_pixel_size(rect, label, scale)
    if not pixel:
        return
    painter.save()
    painter.translate(band.topLeft())
    painter.scale(1 / scale, 1 / scale)
    text_box = QRectF(0, 0, band.width() * scale, band.height() * scale)
    painter.setFont(_label_font(pixel))
    plate = _plate(painter.fontMetrics().horizontalAdvance(label), pixel, text_box)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_brush(style.fill))
    painter.drawRect(plate)
    painter.setPen(_pen(theme.TEXT, 1.0))
    painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def _plate(advance: float, pixel: int, text_box: QRectF) -> QRectF:
    """The plain plate behind a label, so hatching never runs through the letters."""
    plate_w = min(text_box.width(), advance + _PLATE_PAD)
    plate_h = min(text_box.height(), pixel * 1.2)
    centre = text_box.center()
    return QRectF(centre.x() - plate_w / 2, centre.y() - plate_h / 2, plate_w, plate_h)


# Rendered desks, shared by every desk of one size in one look: (state, provisional,
# highlighted, width px, height px, device pixel ratio) -> pixmap with a margin for the ring.
_SPRITE_MARGIN = 10
_sprites: dict[tuple[DeskState, bool, bool, int, int, float], QPixmap] = {}


def _sprite(
    state: DeskState, provisional: bool, highlighted: bool, width: int, height: int, ratio: float
) -> QPixmap:
    key = (state, provisional, highlighted, width, height, ratio)
    sprite = _sprites.get(key)
    if sprite is None:
        if len(_sprites) > 512:  # zooming leaves sizes behind
            _sprites.clear()
        margin = _SPRITE_MARGIN
        sprite = QPixmap(round((width + 2 * margin) * ratio), round((height + 2 * margin) * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_desk(
            painter,
            QRectF(margin, margin, width, height),
            state,
            provisional=provisional,
            highlighted=highlighted,
        )
        painter.end()
        _sprites[key] = sprite
    return sprite


class DeskItem(QGraphicsItem):
    """A desk on the plan, at its position and rotation. Tapped through the view.

    Upright desks (most) paint from shared pre-rendered pixmaps: one per look and size for the
    desk itself, and one per desk for its label (which never changes with the state), both
    made again only when the zoom changes. Desks turned at an angle are drawn as vectors."""

    def __init__(self, desk: Desk, status: DeskStatus | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.state = status.state if status else DeskState.UNAVAILABLE
        self.provisional = status.provisional if status else False
        self.status = status
        self.highlighted = False
        # A quarter turn swaps width and height instead of rotating, so the label stays upright.
        quarter = round(desk.rotation) % 180 == 90 and float(desk.rotation).is_integer()
        width, height = (desk.height, desk.width) if quarter else (desk.width, desk.height)
        self._rect = QRectF(-width / 2, -height / 2, width, height)
        self._bounds = self._rect.adjusted(-8, -8, 8, 8)
        self._upright = quarter or not desk.rotation % 180
        # The label as last rendered: (width px, height px, ratio) -> (pixmap, offset, plate)
        self._label_key: tuple[int, int, float] | None = None
        self._label: tuple[QPixmap, QPointF, QRectF] | None = None
        self.setPos(desk.x + desk.width / 2, desk.y + desk.height / 2)
        if not self._upright:
            self.setRotation(desk.rotation)
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the view handles taps

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def touch_side(self) -> float:
        """The shorter side of where a tap picks this desk, in scene units (the map zooms so
        that this is at least ``theme.MIN_TOUCH`` px on screen)."""
        return min(self.desk.width, self.desk.height)

    def set_status(self, status: DeskStatus) -> bool:
        """Take a new status; repaint only if what it shows changed. Returns whether it did."""
        self.status = status
        if status.state is self.state and status.provisional == self.provisional:
            return False
        self.state, self.provisional = status.state, status.provisional
        self.update()
        return True

    def set_highlighted(self, highlighted: bool) -> None:
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self.setZValue(20 if highlighted else 10)
            self.update()

    def accessible_text(self) -> str:
        """E.g. "B-12, Ledig": the label and the state in words (also the tooltip)."""
        return f"{self.desk.label}, {state_name(self.state, provisional=self.provisional)}"

    def label_pixel_size(self, scale: float) -> int:
        """The label's font size on screen at ``scale`` pixels per unit (0: not drawn)."""
        return label_pixel_size(self._rect, self.desk.label, scale)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        del option, widget
        transform = QTransform(painter.worldTransform())
        if not self._upright or transform.isRotating():
            scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(transform)
            paint_desk(
                painter,
                self._rect,
                self.state,
                provisional=self.provisional,
                label=self.desk.label,
                scale=scale,
                highlighted=self.highlighted,
            )
            return
        # Whole device pixels, so the shared pixmaps are copied, never resampled.
        box = transform.mapRect(self._rect)
        left, top = round(box.left()), round(box.top())
        width, height = round(box.right()) - left, round(box.bottom()) - top
        ratio = painter.device().devicePixelRatioF()
        sprite = _sprite(self.state, self.provisional, self.highlighted, width, height, ratio)
        painter.setWorldTransform(_IDENTITY)
        painter.drawPixmap(left - _SPRITE_MARGIN, top - _SPRITE_MARGIN, sprite)
        label = self._label_pixmap(width, height, ratio)
        if label is not None:
            pixmap, offset, plate = label
            painter.fillRect(plate.translated(left, top), _colour(STYLES[self.state].fill))
            painter.drawPixmap(offset + QPointF(left, top), pixmap)
        painter.setWorldTransform(transform)

    def _label_pixmap(
        self, width: int, height: int, ratio: float
    ) -> tuple[QPixmap, QPointF, QRectF] | None:
        """The label as a pixmap for a desk ``width`` by ``height`` pixels, with where it
        and its plate go (relative to the desk's top left); None when it is not drawn."""
        key = (width, height, ratio)
        if key == self._label_key:
            return self._label
        self._label_key, self._label = key, None
        rect = QRectF(0, 0, width, height)
        pixel = label_pixel_size(rect, self.desk.label, 1.0)
        if pixel:
            _wide, _symbol, band = _layout(rect, 1.0)
            font = _label_font(pixel)
            plate = _plate(QFontMetricsF(font).horizontalAdvance(self.desk.label), pixel, band)
            text_box = plate.toAlignedRect()
            pixmap = QPixmap(round(text_box.width() * ratio), round(text_box.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setFont(font)
            painter.setPen(_colour(theme.TEXT))
            painter.drawText(
                QRectF(0, 0, text_box.width(), text_box.height()),
                Qt.AlignmentFlag.AlignCenter,
                self.desk.label,
            )
            painter.end()
            self._label = (pixmap, QPointF(text_box.topLeft()), plate)
        return self._label


_IDENTITY = QTransform()


@cache
def _colour(name: str) -> QColor:
    return QColor(name)


class RoomItem(QGraphicsItem):
    """A meeting room or the lunch area: drawn and named, never tappable."""

    def __init__(self, room: Room, *, drawn: bool = True) -> None:
        super().__init__()
        self.room = room
        # False when the floor plan already draws and names the room: then this item only
        # marks where it is, and the plan's own drawing shows.
        self.drawn = drawn
        self._rect = QRectF(0, 0, room.width, room.height)
        self.setPos(room.x, room.y)
        self.setZValue(5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        del widget
        if not self.drawn:
            return
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(_pen(ROOM_INK, 1.5, dashed=True))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._rect)
        pixel = round(min(20.0, self._rect.height() * scale * 0.25))
        if pixel < 9:
            return
        painter.save()
        painter.translate(self._rect.topLeft())
        painter.scale(1 / scale, 1 / scale)
        box = QRectF(8, 6, self._rect.width() * scale - 16, pixel * 1.6)
        font = _label_font(pixel)
        painter.setFont(font)
        painter.setPen(_pen(theme.TEXT_MUTED, 1.0))
        painter.drawText(
            box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.room.name
        )
        painter.restore()
