"""One floor as a scene (plan, rooms, desks) and the view that shows it: tap, drag, pinch, zoom.

``FloorScene`` keeps one ``DeskItem`` per desk and applies status updates item by item: only a
desk whose state changed is repainted. The plan is drawn once per zoom level and cached (an
SVG through ``QGraphicsSvgItem`` in device-coordinate cache mode, a PNG as a pixmap).

``MapView`` has no scroll bars: a finger or mouse drags the plan, a pinch or the wheel zooms,
and a tap that did not move is a tap on whatever desk is under it (``desk_tapped``). Rooms are
drawn but never tapped. With the keyboard (Tab reaches the view) the arrow keys move a cursor
from desk to desk, to the nearest desk in that direction; Enter or Space picks it, as a tap
would. The cursor is drawn as a thick ring in the focus colour while the view has the focus.

The map opens as close as keeps every desk ``theme.MIN_TOUCH`` px to tap, so on a small screen
part of the floor lies beyond the view's edges: each edge the plan continues past shows a fade
and an arrow in a ring (a shape, dark on white, 17:1; not colour alone) and ``edges_changed``
lets the screen say it in words. "Vis hele" (``show_all``) shows the whole floor even where
its desks are then smaller than that: there a tap does not pick the (small) desk under the
finger, it zooms in to the touch size around it, and the next tap picks on 44 px desks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QFrame,
    QGestureEvent,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsView,
    QPinchGesture,
    QToolTip,
    QWidget,
)

from kiosk.desks import Desk, DeskStatus, Floor, Room
from ui import theme
from ui.widgets.desk_item import DeskItem, RoomItem

log = logging.getLogger(__name__)

PLAN_BACKGROUND = "#FFFFFF"
_TAP_SLOP_PX = 12  # a press that moves less than this is a tap, not a drag
MAX_ZOOM = 8.0  # relative to "the whole floor fits"
MIN_ZOOM = 0.7
ZOOM_STEP = 1.4
ZOOM_KEY_STEP = 1.4
FOCUS_RING_PX = 6  # the keyboard cursor's ring, on screen whatever the zoom
EDGE_FADE_PX = 40  # the fade along an edge the plan continues past
EDGE_ARROW_PX = 36  # the ring with the arrow in it, on that edge
EDGE_INK = "#1B1B1B"  # the arrow and its ring: 17:1 on the white disc
EDGE_DISC = "#FFFFFF"
EDGES = ("left", "right", "top", "bottom")


def _plan_item(floor: Floor, owner: QObject) -> QGraphicsItem:
    """The plan behind the desks: the SVG or PNG scaled to the floor's size, else an outline.
    ``owner`` keeps an SVG's renderer alive as long as the item."""
    target = QRectF(0, 0, floor.width, floor.height)
    path = floor.plan_path
    if path is not None and path.is_file():
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path), owner)
            if renderer.isValid():
                svg = QGraphicsSvgItem()
                svg.setSharedRenderer(renderer)
                size = renderer.defaultSize()
                if size.width() > 0 and size.height() > 0:
                    svg.setScale(min(floor.width / size.width(), floor.height / size.height()))
                svg.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                return svg
            log.info("kiosk: floor plan %s could not be read; drawing an outline", path.name)
        else:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                item = QGraphicsPixmapItem(pixmap)
                item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
                item.setScale(min(floor.width / pixmap.width(), floor.height / pixmap.height()))
                return item
            log.info("kiosk: floor plan %s could not be read; drawing an outline", path.name)
    outline = QGraphicsRectItem(target)
    pen = QPen(QColor(theme.BORDER), 3)
    pen.setCosmetic(True)
    outline.setPen(pen)
    outline.setBrush(QColor(PLAN_BACKGROUND))
    return outline


class FloorScene(QGraphicsScene):
    """One floor: its plan, rooms and desks, and the desks' live states."""

    def __init__(
        self,
        floor: Floor,
        rooms: Iterable[Room],
        desks: Iterable[Desk],
        statuses: Mapping[str, DeskStatus],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.floor = floor
        self.rooms, self.desks = tuple(rooms), tuple(desks)
        self.plan_rect = QRectF(0, 0, floor.width, floor.height)
        margin = max(floor.width, floor.height) * 0.05
        self.setSceneRect(self.plan_rect.adjusted(-margin, -margin, margin, margin))
        self.setBackgroundBrush(QColor(theme.BACKGROUND))
        # Nothing on a floor moves: a linear walk over the items beats keeping a BSP tree.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        backdrop = QGraphicsRectItem(self.plan_rect)
        backdrop.setPen(QPen(Qt.PenStyle.NoPen))
        backdrop.setBrush(QColor(PLAN_BACKGROUND))
        backdrop.setZValue(-2)
        self.addItem(backdrop)
        plan = _plan_item(floor, self)
        plan.setZValue(-1)
        self.addItem(plan)
        self.plan = plan
        has_plan = not isinstance(plan, QGraphicsRectItem)
        self.room_items = [RoomItem(room, drawn=not has_plan) for room in self.rooms]
        for room_item in self.room_items:
            self.addItem(room_item)
        self.desk_items: dict[str, DeskItem] = {}
        for desk in self.desks:
            desk_item = DeskItem(desk, statuses.get(desk.id))
            self.addItem(desk_item)
            self.desk_items[desk.id] = desk_item
        self.highlighted: DeskItem | None = None

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """A desk's tooltip is its label and state in words, made when asked for."""
        for item in self.items(event.scenePos()):
            if isinstance(item, DeskItem):
                QToolTip.showText(event.screenPos(), item.accessible_text())
                event.accept()
                return
        super().helpEvent(event)

    def apply_statuses(self, statuses: Mapping[str, DeskStatus]) -> int:
        """Give each desk its status; returns how many changed what they show."""
        changed = 0
        items = self.desk_items
        for desk_id, status in statuses.items():
            item = items.get(desk_id)
            if item is not None and item.set_status(status):
                changed += 1
        return changed

    def highlight(self, desk_id: str | None) -> DeskItem | None:
        """Ring one desk (or none); returns its item."""
        item = self.desk_items.get(desk_id) if desk_id else None
        if self.highlighted is not None and self.highlighted is not item:
            self.highlighted.set_highlighted(False)
        self.highlighted = item
        if item is not None:
            item.set_highlighted(True)
        return item


class MapView(QGraphicsView):
    desk_tapped = Signal(str)
    """The visitor tapped a desk: its id (rooms and the plan are never tapped)."""
    zoom_changed = Signal()
    """The zoom level changed (buttons, pinch, wheel, fit)."""
    cursor_moved = Signal(str)
    """The keyboard cursor is on this desk now (its id)."""
    edges_changed = Signal()
    """The edges the floor continues past (``hidden_edges``) or the overview state changed."""

    def __init__(self, *, interactive: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.interactive = interactive
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        # Desk items keep their outlines inside their (padded) bounds.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        # Reached by Tab, not by a tap (a tap picks a desk; it does not need the focus).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if interactive else Qt.FocusPolicy.NoFocus)
        self.cursor_desk: str | None = None
        if interactive:
            self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
            self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        else:
            self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._press: QPoint | None = None
        self._last: QPoint | None = None
        self._dragging = False
        self._fit_scale = 1.0
        self._user_zoomed = False
        self._focus: QRectF | None = None  # what to frame instead of the whole floor
        self._overview = False  # "Vis hele": the whole floor, desks may be under touch size
        self._edges: tuple[frozenset[str], bool] = (frozenset(), False)

    # What is shown ---------------------------------------------------------------------------
    def floor_scene(self) -> FloorScene | None:
        scene = self.scene()
        return scene if isinstance(scene, FloorScene) else None

    def show_floor(self, scene: FloorScene) -> None:
        self.setScene(scene)
        self._focus = None
        self.cursor_desk = None
        self.fit_all()

    def frame(self, rect: QRectF) -> None:
        """Keep ``rect`` (scene units) framed, e.g. around one desk, through resizes."""
        self._focus = QRectF(rect)
        self._overview = False
        self._refit()

    def fit_all(self) -> None:
        """As the map opens: the whole floor, or as much of it as keeps desks big enough to
        tap, centred (the rest is a drag away; the edges say so)."""
        self._focus = None
        self._user_zoomed = False
        self._overview = False
        self._refit()

    def show_all(self) -> None:
        """"Vis hele": the whole floor in view, even if its desks are then under touch size
        (a tap there zooms in, ``mouseReleaseEvent``)."""
        self._focus = None
        self._user_zoomed = False
        self._overview = True
        self._refit()

    def is_overview(self) -> bool:
        """The desks are smaller than ``theme.MIN_TOUCH`` on screen: a tap zooms in."""
        least = self.touch_scale()
        return least > 0 and self.transform().m11() < least * 0.999

    def hidden_edges(self) -> frozenset[str]:
        """The edges of the view past which part of the floor's plan lies."""
        scene = self.floor_scene()
        if scene is None:
            return frozenset()
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        plan = scene.plan_rect
        slack = 2 / self.transform().m11() if self.transform().m11() else 0.0
        edges = {
            "left": plan.left() < shown.left() - slack,
            "right": plan.right() > shown.right() + slack,
            "top": plan.top() < shown.top() - slack,
            "bottom": plan.bottom() > shown.bottom() + slack,
        }
        return frozenset(edge for edge, hidden in edges.items() if hidden)

    def _check_edges(self) -> None:
        now = (self.hidden_edges(), self.is_overview())
        if now != self._edges:
            self._edges = now
            self.edges_changed.emit()

    def _refit(self) -> None:
        scene = self.floor_scene()
        if scene is None or self.viewport().width() < 2:
            return
        whole = scene.plan_rect
        self.resetTransform()
        self.fitInView(whole, Qt.AspectRatioMode.KeepAspectRatio)
        self._fit_scale = self.transform().m11()
        if self._focus is not None:
            self.fitInView(self._focus, Qt.AspectRatioMode.KeepAspectRatio)
        least = self.touch_scale()
        if self.transform().m11() < least and not self._overview:  # desks stay big enough
            self.scale(least / self.transform().m11(), least / self.transform().m11())
        self.centerOn(self._focus.center() if self._focus is not None else whole.center())
        self.zoom_changed.emit()
        self._check_edges()

    def touch_scale(self) -> float:
        """The least scale at which every desk is at least ``theme.MIN_TOUCH`` px on each side
        (0 for a map nobody taps, or a floor without desks)."""
        scene = self.floor_scene()
        if not self.interactive or scene is None or not scene.desk_items:
            return 0.0
        smallest = min(item.touch_side() for item in scene.desk_items.values())
        return theme.MIN_TOUCH / smallest if smallest > 0 else 0.0

    def _min_zoom(self) -> float:
        """Zooming out stops where desks are at touch size, or at the whole floor if that is
        further ("Vis hele" and zooming out reach the same overview)."""
        least = self.touch_scale() / self._fit_scale if self._fit_scale else 0.0
        return min(1.0, max(MIN_ZOOM, least))

    @property
    def zoom(self) -> float:
        """1.0 when the whole floor fits."""
        return self.transform().m11() / self._fit_scale if self._fit_scale else 1.0

    def can_zoom_in(self) -> bool:
        return self.zoom < MAX_ZOOM * 0.999

    def can_zoom_out(self) -> bool:
        return self.zoom > self._min_zoom() * 1.001

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under ``anchor`` (default: the centre)."""
        target = min(MAX_ZOOM, max(self._min_zoom(), self.zoom * factor))
        factor = target / self.zoom if self.zoom else 1.0
        if abs(factor - 1.0) < 1e-6:
            return
        at = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(at)
        centre = self.mapToScene(self.viewport().rect().center())
        self.scale(factor, factor)
        self.centerOn(centre)
        after = self.mapToScene(at)
        self.centerOn(self.mapToScene(self.viewport().rect().center()) + (before - after))
        self._user_zoomed = True
        self._overview = False
        self._focus = None
        self.zoom_changed.emit()
        self._check_edges()

    def zoom_in_at(self, pos: QPoint) -> None:
        """From the overview: zoom in to the touch size around ``pos`` (viewport)."""
        least = self.touch_scale()
        if least <= 0 or not self._fit_scale:
            return
        self.zoom_by((least / self._fit_scale) / self.zoom, pos)
        self.centerOn(self.mapToScene(pos))
        self._check_edges()

    def desk_at(self, pos: QPoint) -> DeskItem | None:
        for item in self.items(pos):
            if isinstance(item, DeskItem):
                return item
        return None

    def view_pos_of(self, desk_id: str) -> QPoint | None:
        """Where a desk's centre is in the viewport (for taps in tests, and the bench)."""
        scene = self.floor_scene()
        item = scene.desk_items.get(desk_id) if scene else None
        if item is None:
            return None
        return self.mapFromScene(item.mapToScene(QPointF(0, 0)))

    # Keyboard --------------------------------------------------------------------------------
    def cursor_item(self) -> DeskItem | None:
        scene = self.floor_scene()
        if scene is None or self.cursor_desk is None:
            return None
        return scene.desk_items.get(self.cursor_desk)

    def place_cursor(self, desk_id: str | None) -> None:
        """Put the keyboard cursor on a desk (or the first in reading order) and show it."""
        scene = self.floor_scene()
        if scene is None or not scene.desk_items:
            return
        if desk_id not in scene.desk_items:
            desk_id = reading_order(scene.desk_items.values())[0].desk.id
        assert desk_id is not None
        self.cursor_desk = desk_id
        item = scene.desk_items[desk_id]
        self.ensureVisible(item.sceneBoundingRect(), 40, 40)
        self.viewport().update()
        self.cursor_moved.emit(desk_id)

    def move_cursor(self, dx: int, dy: int) -> bool:
        """Move to the nearest desk in direction (dx, dy); False if there is none that way."""
        scene = self.floor_scene()
        here = self.cursor_item()
        if scene is None or here is None:
            self.place_cursor(None)
            return self.cursor_desk is not None
        target = nearest_in_direction(here, scene.desk_items.values(), dx, dy)
        if target is None:
            return False
        self.place_cursor(target.desk.id)
        return True

    def spoken_focus_text(self) -> str:
        """What the narration says when the map gets the focus."""
        scene = self.floor_scene()
        floor = scene.floor.name if scene is not None else ""
        item = self.cursor_item()
        parts = [
            QCoreApplication.translate("MapView", "Kart over %1").replace("%1", floor),
            QCoreApplication.translate(
                "MapView", "Piltastene flytter mellom pultene, Enter velger pulten."
            ),
        ]
        if item is not None:
            parts.append(item.accessible_text())
        return ". ".join(p.rstrip(".") for p in parts) + "."

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        key = event.key()
        if key in steps:
            self.move_cursor(*steps[Qt.Key(key)])
            event.accept()
            return
        picks = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if key in picks and self.cursor_desk is not None:
            event.accept()
            self.desk_tapped.emit(self.cursor_desk)
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.zoom_by(ZOOM_KEY_STEP if key == Qt.Key.Key_Plus else 1 / ZOOM_KEY_STEP)
            event.accept()
            return
        event.ignore()  # Tab, Esc: the screen and the window handle them

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        scene = self.floor_scene()
        keep = self.cursor_desk
        if keep is None and scene is not None and scene.highlighted is not None:
            keep = scene.highlighted.desk.id
        self.place_cursor(keep)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # the edge cues stay on the edges, not on the moved plan
        self._check_edges()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        self._draw_edge_cues(painter)
        item = self.cursor_item() if self.hasFocus() else None
        if item is None:
            return
        box = item.sceneBoundingRect()
        painter.save()
        outer = QPen(QColor(theme.ON_FOCUS), FOCUS_RING_PX + 4)
        outer.setCosmetic(True)
        inner = QPen(QColor(theme.FOCUS), FOCUS_RING_PX)
        inner.setCosmetic(True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen in (outer, inner):
            painter.setPen(pen)
            painter.drawRect(box)
        painter.restore()

    def _draw_edge_cues(self, painter: QPainter) -> None:
        """A fade and an arrow in a ring on each edge the plan continues past."""
        edges = self.hidden_edges()
        if not edges:
            return
        painter.save()
        painter.resetTransform()  # viewport pixels from here
        area = QRectF(self.viewport().rect())
        fade_colour = QColor(theme.BACKGROUND)
        clear = QColor(fade_colour)
        clear.setAlpha(0)
        fade_colour.setAlpha(220)
        f, r = EDGE_FADE_PX, EDGE_ARROW_PX / 2
        ring = QPen(QColor(EDGE_INK), 3)
        arrow_pen = QPen(QColor(EDGE_INK), 4)
        arrow_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        arrow_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        centre = area.center()
        for edge in EDGES:
            if edge not in edges:
                continue
            if edge == "left":
                band = QRectF(area.left(), area.top(), f, area.height())
                start, stop = band.topLeft(), band.topRight()
                at, direction = QPointF(area.left() + r + 4, centre.y()), QPointF(-1, 0)
            elif edge == "right":
                band = QRectF(area.right() - f, area.top(), f, area.height())
                start, stop = band.topRight(), band.topLeft()
                at, direction = QPointF(area.right() - r - 4, centre.y()), QPointF(1, 0)
            elif edge == "top":
                band = QRectF(area.left(), area.top(), area.width(), f)
                start, stop = band.topLeft(), band.bottomLeft()
                at, direction = QPointF(centre.x(), area.top() + r + 4), QPointF(0, -1)
            else:
                band = QRectF(area.left(), area.bottom() - f, area.width(), f)
                start, stop = band.bottomLeft(), band.topLeft()
                at, direction = QPointF(centre.x(), area.bottom() - r - 4), QPointF(0, 1)
            gradient = QLinearGradient(start, stop)
            gradient.setColorAt(0.0, fade_colour)
            gradient.setColorAt(1.0, clear)
            painter.fillRect(band, gradient)
            painter.setPen(ring)
            painter.setBrush(QColor(EDGE_DISC))
            painter.drawEllipse(at, r, r)
            # A chevron pointing out of the view: where the rest of the floor is.
            side = QPointF(-direction.y(), direction.x())
            tip = at + direction * (r * 0.45)
            back = at - direction * (r * 0.25)
            painter.setPen(arrow_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline([back + side * (r * 0.45), tip, back - side * (r * 0.45)])
        painter.restore()

    # Input -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self._last = event.position().toPoint()
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self._last is None:
            super().mouseMoveEvent(event)
            return
        pos = event.position().toPoint()
        if not self._dragging and (pos - self._press).manhattanLength() >= _TAP_SLOP_PX:
            self._dragging = True
        if self._dragging:
            delta = pos - self._last
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            self._user_zoomed = True
            self._focus = None
        self._last = pos
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        tapped = not self._dragging
        self._press = self._last = None
        self._dragging = False
        event.accept()
        if tapped:
            pos = event.position().toPoint()
            if self.is_overview():  # desks too small to pick safely: zoom in there first
                self.zoom_in_at(pos)
                return
            item = self.desk_at(pos)
            if item is not None:
                self.desk_tapped.emit(item.desk.id)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.2**steps, event.position().toPoint())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                flags = pinch.changeFlags()
                if flags & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                    self.zoom_by(pinch.scaleFactor(), centre)
                self._press = self._last = None  # a pinch is not a tap
                event.accept(pinch)
                return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_zoomed:
            self._refit()
        self._check_edges()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._user_zoomed:
            self._refit()


def reading_order(items: Iterable[DeskItem]) -> list[DeskItem]:
    """Desks row by row (rows: centres within half a desk height), left to right."""
    ordered = sorted(items, key=lambda i: (i.sceneBoundingRect().center().y(), 0.0))
    rows: list[list[DeskItem]] = []
    for item in ordered:
        box = item.sceneBoundingRect()
        if rows:
            last = rows[-1][0].sceneBoundingRect()
            if abs(box.center().y() - last.center().y()) <= max(last.height(), 1) / 2:
                rows[-1].append(item)
                continue
        rows.append([item])
    return [i for row in rows for i in sorted(row, key=lambda i: i.sceneBoundingRect().x())]


def nearest_in_direction(
    here: DeskItem, items: Iterable[DeskItem], dx: int, dy: int
) -> DeskItem | None:
    """The desk an arrow key leads to: ahead of ``here`` in direction (dx, dy), within 60°
    either side, the nearest when sideways distance counts double."""
    origin = here.sceneBoundingRect().center()
    best: tuple[float, DeskItem] | None = None
    for item in items:
        if item is here:
            continue
        centre = item.sceneBoundingRect().center()
        ahead = (centre.x() - origin.x()) * dx + (centre.y() - origin.y()) * dy
        side = abs((centre.x() - origin.x()) * dy - (centre.y() - origin.y()) * dx)
        if ahead <= 1e-6 or side > ahead * 1.8:
            continue
        score = ahead + 2 * side
        if best is None or score < best[0]:
            best = (score, item)
    return best[1] if best else None
