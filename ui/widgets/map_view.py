"""One floor as a scene (plan, rooms, desks) and the view that shows it: tap, drag, pinch, zoom.

``FloorScene`` keeps one ``DeskItem`` per desk and applies status updates item by item: only a
desk whose state changed is repainted. The plan is drawn once per zoom level and cached (an
SVG through ``QGraphicsSvgItem`` in device-coordinate cache mode, a PNG as a pixmap).

``MapView`` has no scroll bars: a finger or mouse drags the plan, a pinch or the wheel zooms,
and a tap that did not move is a tap on whatever desk is under it (``desk_tapped``). Rooms are
drawn but never tapped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
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
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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

    # What is shown ---------------------------------------------------------------------------
    def floor_scene(self) -> FloorScene | None:
        scene = self.scene()
        return scene if isinstance(scene, FloorScene) else None

    def show_floor(self, scene: FloorScene) -> None:
        self.setScene(scene)
        self._focus = None
        self.fit_all()

    def frame(self, rect: QRectF) -> None:
        """Keep ``rect`` (scene units) framed, e.g. around one desk, through resizes."""
        self._focus = QRectF(rect)
        self._refit()

    def fit_all(self) -> None:
        """The whole floor fits the view ("Vis hele", and whenever the map opens)."""
        self._focus = None
        self._user_zoomed = False
        self._refit()

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
            self.centerOn(self._focus.center())
        else:
            self.centerOn(whole.center())
        self.zoom_changed.emit()

    @property
    def zoom(self) -> float:
        """1.0 when the whole floor fits."""
        return self.transform().m11() / self._fit_scale if self._fit_scale else 1.0

    def can_zoom_in(self) -> bool:
        return self.zoom < MAX_ZOOM * 0.999

    def can_zoom_out(self) -> bool:
        return self.zoom > MIN_ZOOM * 1.001

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under ``anchor`` (default: the centre)."""
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
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
        self._focus = None
        self.zoom_changed.emit()

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
            item = self.desk_at(event.position().toPoint())
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._user_zoomed:
            self._refit()
