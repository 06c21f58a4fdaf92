"""The kiosk's one window: a stack of screens, and the one place that moves between them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.desks import DeskService
from kiosk.domain import PersonSummary, SyncStatus
from ui.checkin_flow import CheckinFlow, PendingAction, failure_message
from ui.desk_flow import DeskFlow
from ui.desk_status import DeskStatusBridge
from ui.idle import IdleWatcher
from ui.messages import Message, MessageBridge
from ui.scanner import ScannerInput
from ui.screens.confirm import ConfirmScreen
from ui.screens.desk_identify import DeskIdentifyScreen
from ui.screens.floor_map import FloorMapScreen, desk_frame
from ui.screens.name_search import NameSearchScreen
from ui.screens.result import ResultScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.screens.start import StartScreen
from ui.sync_status import SyncStatusBridge
from ui.widgets.map_view import MapView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        start: StartScreen,
        scan_help: ScanHelpScreen,
        name_search: NameSearchScreen,
        confirm: ConfirmScreen,
        result: ResultScreen,
        flow: CheckinFlow,
        messages: MessageBridge,
        scanner: ScannerInput,
        idle: IdleWatcher,
        sync_bridge: SyncStatusBridge,
        desks: DeskService,
        floor_map: FloorMapScreen,
        desk_identify: DeskIdentifyScreen,
        desk_flow: DeskFlow,
        desk_bridge: DeskStatusBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        self.start, self.scan_help, self.name_search = start, scan_help, name_search
        self.confirm, self.result = confirm, result
        self.flow, self.messages, self.scanner, self.idle = flow, messages, scanner, idle
        self.sync_bridge = sync_bridge
        self.desks, self.floor_map, self.desk_identify = desks, floor_map, desk_identify
        self.desk_flow, self.desk_bridge = desk_flow, desk_bridge
        for obj in (flow, messages, scanner, idle, sync_bridge, desk_flow, desk_bridge):
            obj.setParent(self)

        self.stack = QStackedWidget(self)
        for screen in (start, scan_help, name_search, confirm, result, floor_map, desk_identify):
            screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)

        start.qr_help_requested.connect(lambda: self.show_screen(scan_help))
        start.name_search_requested.connect(lambda: self.show_screen(name_search))
        scan_help.back_requested.connect(self.go_start)
        scan_help.code_read.connect(self._camera_read)
        name_search.back_requested.connect(self._name_search_back)
        name_search.person_chosen.connect(self._person_chosen)
        confirm.accepted.connect(flow.confirm)
        confirm.cancelled.connect(self.go_start)
        result.done.connect(self.go_start)
        flow.confirmation_requested.connect(self._ask)
        messages.message_shown.connect(self._show_message)
        scanner.scanned.connect(self._scanned)
        idle.idle_timed_out.connect(self._idle)
        sync_bridge.status_changed.connect(self._sync_status_changed)
        start.desk_map_requested.connect(self.open_map)
        floor_map.back_requested.connect(self.go_start)
        floor_map.claim_requested.connect(desk_flow.begin_claim)
        floor_map.suggest_requested.connect(desk_flow.begin_suggest)
        desk_identify.name_search_requested.connect(self._desk_name_search)
        desk_identify.cancelled.connect(self._desk_cancelled)
        desk_flow.identify_requested.connect(self._desk_identify)
        desk_flow.claim_started.connect(self._desk_claim_started)
        desk_flow.choose_again_requested.connect(self._desk_choose_again)
        desk_flow.suggestion_ready.connect(self._desk_suggested)
        desk_bridge.statuses_changed.connect(self._desks_changed)
        self._map_stale = False

        self._filters_installed = False
        self.show_screen(start)

    # Application-wide input filters ----------------------------------------------------------
    def install_input_filters(self) -> None:
        """Watch all key/mouse/touch input: scanner bursts and idle time."""
        app = QCoreApplication.instance()
        if app is None or self._filters_installed:
            return
        app.installEventFilter(self.scanner)
        app.installEventFilter(self.idle)  # installed last = asked first: sees every key
        self._filters_installed = True

    def remove_input_filters(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._filters_installed:
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.scanner)
        self._filters_installed = False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remove_input_filters()
        self.idle.disarm()
        self.result.stop()
        self.scan_help.stop_camera()
        self.desk_flow.shutdown()
        super().closeEvent(event)

    # Navigation: the only code that changes the current screen -------------------------------
    @property
    def current_screen(self) -> QWidget:
        screen = self.stack.currentWidget()
        assert screen is not None  # the stack always holds the screens
        return screen

    def show_screen(self, screen: QWidget) -> None:
        previous = self.stack.currentWidget()
        if screen is not self.result:
            self.result.stop()
        if screen is self.start:
            # Forget the last visitor: nothing about them stays in any widget.
            self.flow.cancel()
            self.name_search.reset()
            self.confirm.clear()
            self.result.clear()
            self.scanner.forget_last_scan()
            self.desk_flow.cancel()
            self.desk_identify.clear()
            self.floor_map.reset()
        if screen is not self.scan_help:
            self.scan_help.stop_camera()  # privacy and power: the camera runs on one screen
        self.stack.setCurrentWidget(screen)
        if screen is self.scan_help:
            self.scan_help.start_camera()
        self.scanner.set_active(
            screen in (self.start, self.scan_help, self.confirm, self.result, self.desk_identify),
            repeat_allowed=screen is self.confirm,
        )
        if screen is self.start:
            self.idle.disarm()
        else:
            self.idle.arm()
        if screen is self.name_search:
            self.name_search.focus_field()
        else:
            screen.setFocus(Qt.FocusReason.OtherFocusReason)
        if previous is not screen:
            log.debug("kiosk: screen %s", screen.objectName())

    def go_start(self) -> None:
        self.show_screen(self.start)

    def recover_from_bug(self) -> None:
        """After an unexpected exception anywhere: calm message, then back to start."""
        self.flow.cancel()
        self.messages.show(failure_message())

    def _camera_read(self, text: str) -> None:
        """A code the camera read takes the scanner's path: same debounce, rules and messages."""
        if self.current_screen is not self.scan_help:
            return
        if self.scanner.accept(text):  # not a repeat of the same code within seconds
            self.scan_help.confirm_read()

    def _ask(self, action: PendingAction) -> None:
        self.confirm.ask(action.person, action.outcome, by_pass=action.pass_id is not None)
        self.show_screen(self.confirm)

    def _show_message(self, message: Message) -> None:
        if message.desk_id is not None:
            self._frame_desk(message.desk_id)
        self.result.present(message)
        self.show_screen(self.result)

    def _idle(self) -> None:
        if self.current_screen is not self.start:
            log.info("kiosk: idle, back to the start screen")
            self.go_start()

    def _sync_status_changed(self, status: SyncStatus) -> None:
        self.start.set_sync_status(status)

    # Desks: the map, "Ta denne pulten", "Finn en ledig pult for meg" ---------------------------
    def open_map(self) -> None:
        self.floor_map.reload()
        self._map_stale = False
        self.show_screen(self.floor_map)

    def refresh_free_counts(self) -> None:
        self.start.set_free_counts(self.desks.free_counts_by_zone())

    def _desks_changed(self) -> None:
        """States changed here or in the feed: repaint what is on screen, recount the free."""
        self.refresh_free_counts()
        if self.current_screen in (self.floor_map, self.result, self.desk_identify):
            self.floor_map.refresh_statuses()
        else:
            self._map_stale = True

    def _frame_desk(self, desk_id: str) -> None:
        """Ring the desk on its floor and frame it in the result screen's small map."""
        preview = self.result.desk_map
        if self._map_stale:
            self.floor_map.reload()
            self._map_stale = False
        desk = self.desks.desk(desk_id)
        scene = self.floor_map.scene_for(desk.floor_id) if desk else None
        if desk is None or scene is None:
            return
        self.floor_map.refresh_statuses()
        scene.highlight(desk_id)
        if isinstance(preview, MapView):
            preview.setScene(scene)
            frame = desk_frame(scene, desk_id)
            if frame is not None:
                preview.frame(frame)

    def _scanned(self, text: str) -> None:
        if self.current_screen is self.desk_identify and self.desk_flow.awaiting_identity:
            self.desk_flow.handle_scan(text)
        else:
            self.flow.handle_scan(text)

    def _person_chosen(self, person: PersonSummary) -> None:
        if self.desk_flow.awaiting_identity:
            self.desk_flow.choose_person(person)
        else:
            self.flow.choose_person(person)

    def _name_search_back(self) -> None:
        if self.desk_flow.awaiting_identity:
            self.name_search.reset()
            self.show_screen(self.desk_identify)
        else:
            self.go_start()

    def _desk_identify(self) -> None:
        desk = self.desk_flow.desk
        self.desk_identify.ask(desk.label if desk else None)
        self.show_screen(self.desk_identify)

    def _desk_name_search(self) -> None:
        desk = self.desk_flow.desk
        self.name_search.set_heading(
            self.tr("Ta pulten %1 – skriv navnet ditt").replace("%1", desk.label)
            if desk
            else self.tr("Finn en ledig pult for meg – skriv navnet ditt")
        )
        self.show_screen(self.name_search)

    def _desk_cancelled(self) -> None:
        self.desk_flow.cancel()
        self.name_search.reset()
        self.floor_map.clear_selection()
        self.show_screen(self.floor_map)

    def _desk_claim_started(self) -> None:
        self.name_search.reset()
        self.desk_identify.show_busy()
        self.show_screen(self.desk_identify)

    def _desk_choose_again(self, text: str) -> None:
        self.name_search.reset()
        self.floor_map.clear_selection()
        self.floor_map.reload()
        self.floor_map.show_banner(text)
        self.show_screen(self.floor_map)

    def _desk_suggested(self, desk_id: str) -> None:
        self.name_search.reset()
        self.floor_map.reload()
        self.floor_map.select_desk(desk_id, note=self.tr("Forslag til deg:"))
        self.show_screen(self.floor_map)
