"""The kiosk's one window: a stack of screens, and the one place that moves between them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.domain import SyncStatus
from ui.checkin_flow import CheckinFlow, PendingAction, failure_message
from ui.idle import IdleWatcher
from ui.messages import Message, MessageBridge
from ui.scanner import ScannerInput
from ui.screens.confirm import ConfirmScreen
from ui.screens.name_search import NameSearchScreen
from ui.screens.result import ResultScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.screens.start import StartScreen
from ui.sync_status import SyncStatusBridge

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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        self.start, self.scan_help, self.name_search = start, scan_help, name_search
        self.confirm, self.result = confirm, result
        self.flow, self.messages, self.scanner, self.idle = flow, messages, scanner, idle
        self.sync_bridge = sync_bridge
        for obj in (flow, messages, scanner, idle, sync_bridge):
            obj.setParent(self)

        self.stack = QStackedWidget(self)
        for screen in (start, scan_help, name_search, confirm, result):
            screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)

        start.qr_help_requested.connect(lambda: self.show_screen(scan_help))
        start.name_search_requested.connect(lambda: self.show_screen(name_search))
        scan_help.back_requested.connect(self.go_start)
        name_search.back_requested.connect(self.go_start)
        name_search.person_chosen.connect(flow.choose_person)
        confirm.accepted.connect(flow.confirm)
        confirm.cancelled.connect(self.go_start)
        result.done.connect(self.go_start)
        flow.confirmation_requested.connect(self._ask)
        messages.message_shown.connect(self._show_message)
        scanner.scanned.connect(flow.handle_scan)
        idle.idle_timed_out.connect(self._idle)
        sync_bridge.status_changed.connect(self._sync_status_changed)

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
        self.stack.setCurrentWidget(screen)
        self.scanner.set_active(
            screen in (self.start, self.scan_help, self.confirm, self.result),
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

    def _ask(self, action: PendingAction) -> None:
        self.confirm.ask(action.person, action.outcome, by_pass=action.pass_id is not None)
        self.show_screen(self.confirm)

    def _show_message(self, message: Message) -> None:
        self.result.present(message)
        self.show_screen(self.result)

    def _idle(self) -> None:
        if self.current_screen is not self.start:
            log.info("kiosk: idle, back to the start screen")
            self.go_start()

    def _sync_status_changed(self, status: SyncStatus) -> None:
        self.start.set_sync_status(status)
