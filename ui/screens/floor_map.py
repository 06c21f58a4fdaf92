"""The floor map: every desk and its state now, a legend, floors, zoom, and a desk's details.

The map fits the screen when it opens. Tapping a desk opens its details beside the map; a free
desk offers "Ta denne pulten" (``claim_requested``). "Finn en ledig pult for meg" asks the
desk flow to pick one (``suggest_requested``). The screen reads desks and states from the desk
service on the GUI thread (local reads) and rebuilds a floor only when its desks changed; a
status change repaints only the desks whose state changed. It reads them first when it is first
needed (shown, a floor or desk asked for), not when it is built: the kiosk paints its start
screen before it draws any floor (issue 13).
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.desks import Desk, DeskService, Floor
from ui.widgets.desk_details import DeskDetails
from ui.widgets.map_legend import MapLegend
from ui.widgets.map_view import ZOOM_STEP, FloorScene, MapView
from ui.widgets.status_icon import StatusIcon, Symbol

log = logging.getLogger(__name__)

PANEL_WIDTH = 380
MAP_MIN_HEIGHT = 240
"""With large text the map shrinks to the height the bars leave, but not below this."""


class FloorMapScreen(QWidget):
    back_requested = Signal()
    """The visitor wants to go back to the start screen."""
    claim_requested = Signal(object)
    """The visitor wants the ``Desk`` shown in the details panel."""
    suggest_requested = Signal()
    """The visitor tapped "Finn en ledig pult for meg"."""
    speech_changed = Signal(str)
    """The desk under the keyboard cursor, in words, for a visitor who listens."""

    def __init__(self, desks: DeskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorMapScreen")
        self._desks = desks
        self.floors: list[Floor] = []
        self.scenes: dict[str, FloorScene] = {}
        self.current_floor: str | None = None
        self.selected: Desk | None = None

        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = heading = QLabel(self)
        heading.setObjectName("heading")
        self.suggest_button = QPushButton(self)
        self.suggest_button.setProperty("role", "primary")
        self.suggest_button.clicked.connect(self.suggest_requested)

        self.floor_bar = QHBoxLayout()
        self.floor_bar.setSpacing(8)
        self.floor_group = QButtonGroup(self)
        self.floor_group.setExclusive(True)
        self.floor_buttons: dict[str, QPushButton] = {}
        self.zoom_out_button = self._zoom_button("−")
        self.zoom_in_button = self._zoom_button("+")
        self.fit_button = QPushButton(self)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches them; a tap keeps none

        self.banner_icon = StatusIcon(Symbol.WARNING, 40, self)
        self.banner = QLabel(self)
        self.banner.setObjectName("mapBanner")
        self.banner.setWordWrap(True)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.view = MapView(parent=self)
        self.view.desk_tapped.connect(self._desk_tapped)
        self.view.zoom_changed.connect(self._update_zoom_buttons)
        self.view.cursor_moved.connect(self._cursor_moved)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.view.show_all)
        self.view.edges_changed.connect(self._show_map_hint)
        # What the edge arrows and the overview mean, in words (not shape or colour alone).
        self.map_hint = QLabel(self)
        self.map_hint.setObjectName("mapHint")
        self.map_hint.setWordWrap(True)

        self.details = DeskDetails(self)
        self.details.claim_requested.connect(self._claim)
        self.details.close_requested.connect(self._close_details)
        self.details.hide()
        self.legend = MapLegend(self)

        # Tilbake, the heading and the suggestion in a row; with large text the suggestion
        # goes under the other two (``_place_top``).
        self._top = top = QGridLayout()
        top.setHorizontalSpacing(16)
        top.setVerticalSpacing(4)
        top.setColumnStretch(1, 1)
        self._place_top(large=False)

        zoom = QHBoxLayout()
        zoom.setSpacing(8)
        zoom.addStretch(1)
        zoom.addWidget(self.zoom_out_button)
        zoom.addWidget(self.zoom_in_button)
        zoom.addWidget(self.fit_button)
        tools = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        tools.setSpacing(8)
        tools.addLayout(self.floor_bar)
        tools.addLayout(zoom, 1)
        self._rows = [tools]  # floors over zoom when the text is large

        banner_row = QHBoxLayout()
        banner_row.setSpacing(12)
        banner_row.addWidget(self.banner_icon)
        banner_row.addWidget(self.banner, 1)
        self.banner_box = QWidget(self)
        self.banner_box.setLayout(banner_row)
        self.banner_box.hide()

        panel = QVBoxLayout()
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(12)
        panel.addWidget(self.details)
        panel.addStretch(1)
        panel.addWidget(self.map_hint)  # above the legend, beside the map it speaks of
        panel.addWidget(self.legend)
        panel_box = QFrame(self)
        panel_box.setObjectName("mapPanel")
        panel_box.setLayout(panel)
        # The panel scrolls on its own when the desk's details and the legend do not both fit,
        # so the map and its buttons stay in view.
        panel_scroll = QScrollArea(self)
        panel_scroll.setObjectName("mapPanelScroll")
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setWidget(panel_box)
        panel_scroll.setFixedWidth(PANEL_WIDTH)
        self._panel_box = panel_scroll

        middle = QHBoxLayout()
        middle.setSpacing(16)
        map_column = QVBoxLayout()
        map_column.setSpacing(4)
        map_column.addLayout(tools)
        map_column.addWidget(self.banner_box)
        map_column.addWidget(self.empty_label)
        map_column.addWidget(self.view, 1)
        middle.addLayout(map_column, 1)
        middle.addWidget(panel_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 4)  # the map gets every pixel the bars leave
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(middle, 1)

        self._loaded = False  # floors and desks read yet (``_load_once``)
        self.retranslate()

    def _place_top(self, *, large: bool) -> None:
        top = self._top
        for widget in (self.back_button, self.heading, self.suggest_button):
            top.removeWidget(widget)
        top.addWidget(self.back_button, 0, 0)
        top.addWidget(self.heading, 0, 1)
        if large:
            top.addWidget(self.suggest_button, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        else:
            top.addWidget(self.suggest_button, 0, 2)

    def set_large_text(self, on: bool) -> None:
        """Large text: the suggestion goes under Tilbake and the heading, the floors over the
        zoom buttons, and the side panel widens (it scrolls on its own). The map takes the
        height that is left (it pans and zooms inside its view), so the page does not scroll
        at 1280x800 and every button stays above the access bar, in each language (stacking
        all three top buttons and keeping the map 420 px high made it 104 px too tall)."""
        direction = QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        for row in self._rows:
            row.setDirection(direction)
        self._place_top(large=on)
        self._panel_box.setFixedWidth(round(PANEL_WIDTH * (1.4 if on else 1.0)))
        self.view.setMinimumHeight(MAP_MIN_HEIGHT if on else 0)

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes). The
        details panel and the legend do their own; a banner is worded when it is shown."""
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))
        self.back_button.setAccessibleDescription(self.tr("Tilbake til startskjermen"))
        self.suggest_button.setAccessibleName(self.tr("Finn en ledig pult for meg"))
        self.suggest_button.setAccessibleDescription(
            self.tr("Kiosken velger en ledig pult som passer for deg")
        )
        self.fit_button.setAccessibleName(self.tr("Vis hele"))
        self.fit_button.setAccessibleDescription(self.tr("Viser hele etasjen"))
        self.view.setAccessibleName(self.tr("Kart over pultene"))
        self.view.setAccessibleDescription(
            self.tr("Piltastene flytter mellom pultene, Enter velger pulten")
        )
        self.heading.setText(self.tr("Finn ledig pult"))
        self.suggest_button.setText(self.tr("Finn en ledig pult for meg"))
        for button, name in (
            (self.zoom_out_button, self.tr("Zoom ut")),
            (self.zoom_in_button, self.tr("Zoom inn")),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.fit_button.setText(self.tr("Vis hele"))
        self.empty_label.setText(
            self.tr("Kartet er ikke klart ennå. Prøv igjen om litt, eller spør i resepsjonen.")
        )
        self._show_map_hint()

    def _show_map_hint(self) -> None:
        """Say what the edge arrows say: the floor goes on past the edges (drag to see it), or
        in the overview, that a tap zooms in before a desk can be chosen."""
        if self.view.is_overview():
            text = self.tr("Trykk på kartet for å zoome inn")
        elif self.view.hidden_edges():
            text = self.tr("Dra i kartet for å se resten")
        else:
            text = ""
        self.map_hint.setText(text)
        self.map_hint.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _zoom_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("zoomButton")
        return button

    # Data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read floors, desks and states again; rebuild only what changed."""
        self._loaded = True
        floors = self._desks.floors()
        if floors != self.floors:
            self._set_floors(floors)
        elif self.current_floor is not None:
            self._refresh_floor(self.current_floor)
        self.empty_label.setVisible(not self.floors)
        self.view.setVisible(bool(self.floors))

    def refresh_statuses(self) -> None:
        """Desk states may have changed (this kiosk, or the feed): repaint what changed."""
        self.reload()
        if self.selected is not None:
            self._show_details(self.selected, note=self.details.note.text())

    def _set_floors(self, floors: list[Floor]) -> None:
        self.floors = floors
        for button in self.floor_buttons.values():
            self.floor_group.removeButton(button)
            button.deleteLater()
        self.floor_buttons.clear()
        old = self.scenes
        self.scenes = {}
        for floor in floors:
            button = QPushButton(floor.name, self)
            button.setCheckable(True)
            button.setObjectName("floorButton")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, f=floor.id: self.show_floor(f))
            self.floor_group.addButton(button)
            self.floor_bar.addWidget(button)
            self.floor_buttons[floor.id] = button
        for button in self.floor_buttons.values():
            button.setVisible(len(floors) > 1)
        self._set_tab_order()
        current = self.current_floor
        self.current_floor = None
        for scene in old.values():
            scene.deleteLater()
        if floors:
            keep = current if current in self.floor_buttons else floors[0].id
            self.show_floor(keep)

    def scene_for(self, floor_id: str) -> FloorScene | None:
        """The floor's scene, built on first use, with states as of now."""
        self._load_once()
        scene = self.scenes.get(floor_id)
        if scene is not None:
            return scene
        floor = next((f for f in self.floors if f.id == floor_id), None)
        if floor is None:
            return None
        scene = FloorScene(
            floor,
            self._desks.rooms(floor_id),
            self._desks.desks(floor_id),
            self._desks.statuses(floor_id),
            parent=self,
        )
        self.scenes[floor_id] = scene
        return scene

    def _refresh_floor(self, floor_id: str) -> FloorScene | None:
        scene = self.scenes.get(floor_id)
        if scene is None:
            return self.scene_for(floor_id)
        desks, rooms = tuple(self._desks.desks(floor_id)), tuple(self._desks.rooms(floor_id))
        if desks != scene.desks or rooms != scene.rooms:
            highlighted = scene.highlighted.desk.id if scene.highlighted else None
            del self.scenes[floor_id]
            fresh = self.scene_for(floor_id)
            assert fresh is not None
            fresh.highlight(highlighted)
            if self.view.scene() is scene:
                self.view.setScene(fresh)
            scene.deleteLater()
            return fresh
        scene.apply_statuses(self._desks.statuses(floor_id))
        return scene

    # Floors and desks ------------------------------------------------------------------------
    def show_floor(self, floor_id: str) -> None:
        if floor_id == self.current_floor and self.view.scene() is not None:
            return
        scene = self._refresh_floor(floor_id)
        if scene is None:
            return
        if self.selected is not None and self.selected.floor_id != floor_id:
            self.clear_selection()
        self.current_floor = floor_id
        for floor in self.floors:  # the chosen floor: colour, and a tick in its name
            button = self.floor_buttons[floor.id]
            button.setChecked(floor.id == floor_id)
            button.setText(("✓ " if floor.id == floor_id else "") + floor.name)
            button.setAccessibleName(
                self.tr("%1, valgt").replace("%1", floor.name)
                if floor.id == floor_id
                else floor.name
            )
            button.setAccessibleDescription(self.tr("Viser denne etasjen"))
        self.view.show_floor(scene)
        log.debug("kiosk: floor %s shown", floor_id)

    def select_desk(self, desk_id: str, *, note: str = "") -> bool:
        """Show a desk: its floor, a ring around it, and its details. False if unknown."""
        desk = self._desks.desk(desk_id)
        if desk is None:
            return False
        self.show_floor(desk.floor_id)
        self._show_details(desk, note=note)
        return True

    def clear_selection(self) -> None:
        self.selected = None
        for scene in self.scenes.values():
            scene.highlight(None)
        self.details.clear()
        self.details.hide()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_box.setVisible(bool(text))

    def reset(self) -> None:
        """Leaving for the start screen: no selection, no banner, the whole floor next time."""
        self.clear_selection()
        self.show_banner("")
        if self.floors and self.current_floor != self.floors[0].id:
            self.show_floor(self.floors[0].id)
        self.view.fit_all()

    def _set_tab_order(self) -> None:
        """Tilbake, the suggestion, the floors, zoom, the map, then the desk's details."""
        chain: list[QWidget] = [self.back_button, self.suggest_button]
        chain += list(self.floor_buttons.values())
        chain += [self.zoom_out_button, self.zoom_in_button, self.fit_button, self.view]
        chain += [self.details.claim_button, self.details.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def go_back(self) -> None:
        """Esc: close a desk's details (back to the map), else back to the start screen."""
        if self.details.isVisible():
            self._close_details()
            return
        self.back_requested.emit()

    def _close_details(self) -> None:
        focus = self.window().focusWidget()
        had_focus = focus is not None and self.details.isAncestorOf(focus)
        self.clear_selection()
        if had_focus:  # a keyboard user goes on from the map where they were
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cursor_moved(self, desk_id: str) -> None:
        item = self.view.cursor_item()
        if item is not None and item.desk.id == desk_id:
            self.speech_changed.emit(item.accessible_text())

    def _desk_tapped(self, desk_id: str) -> None:
        self.show_banner("")
        desk = self._desks.desk(desk_id)
        if desk is None:
            return
        self._show_details(desk)
        if (
            self.window().focusWidget() is self.view
        ):  # chosen with the keyboard: on to "Ta denne pulten"
            target = (
                self.details.claim_button if self.details.claimable else self.details.close_button
            )
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_details(self, desk: Desk, *, note: str = "") -> None:
        scene = self.scenes.get(desk.floor_id)
        status = self._desks.statuses(desk.floor_id).get(desk.id)
        if scene is not None:
            scene.highlight(desk.id)
        self.selected = desk
        self.details.show_desk(desk, status, note=note)
        self.details.show()

    def _claim(self) -> None:
        if self.selected is not None and self.details.claimable:
            self.claim_requested.emit(self.selected)

    def _update_zoom_buttons(self) -> None:
        self.zoom_in_button.setEnabled(self.view.can_zoom_in())
        self.zoom_out_button.setEnabled(self.view.can_zoom_out())

    def _load_once(self) -> None:
        if not self._loaded:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self._load_once()
        super().showEvent(event)
        if self.selected is None:
            self.view.fit_all()


def desk_frame(scene: FloorScene, desk_id: str, around: float = 3.5) -> QRectF | None:
    """A rect around a desk with room for its neighbours, to frame it in a small map."""
    item = scene.desk_items.get(desk_id)
    if item is None:
        return None
    box = item.sceneBoundingRect()
    side = max(box.width(), box.height()) * around
    centre = box.center()
    return QRectF(centre.x() - side, centre.y() - side * 0.6, side * 2, side * 1.2)
