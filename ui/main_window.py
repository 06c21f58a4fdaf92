"""The kiosk's one window: a stack of screens, and the one place that moves between them.

The window routes and nothing more (see ``ui/flow.py``): flows add their screens and ask for
them to be shown; the window holds the start screen, returns to it after idle time, resets every
flow when it shows, and hands each scanned code to the flows in the order they were added.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ui.flow import Flow, Scans
from ui.idle import IdleWatcher
from ui.scanner import ScannerInput
from ui.screens.start import StartScreen
from ui.visitor_guard import VisitorGuard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Screen:
    scans: Scans
    on_show: Callable[[], None] | None
    on_hide: Callable[[], None] | None


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        start: StartScreen,
        scanner: ScannerInput,
        idle: IdleWatcher,
        guard: VisitorGuard,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        self.scanner, self.idle, self.guard = scanner, idle, guard
        scanner.setParent(self)
        idle.setParent(self)
        self.flows: list[Flow] = []
        self._screens: dict[QWidget, _Screen] = {}
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self._start = start
        self.add_screen(start, scans=Scans.ON)
        scanner.scanned.connect(self._scanned)
        idle.idle_timed_out.connect(self._idle)
        self._filters_installed = False
        self.show_screen(start)

    # Composition: what flows register -----------------------------------------------------------
    def add_flow(self, flow: Flow) -> None:
        """Register ``flow``: it adds its screens now; it is asked for scans in this order."""
        flow.setParent(self)
        self.flows.append(flow)
        flow.attach(self)

    def add_screen(
        self,
        screen: QWidget,
        *,
        scans: Scans = Scans.OFF,
        on_show: Callable[[], None] | None = None,
        on_hide: Callable[[], None] | None = None,
    ) -> None:
        screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack.addWidget(screen)
        self._screens[screen] = _Screen(scans, on_show, on_hide)

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remove_input_filters()
        self.idle.disarm()
        for flow in self.flows:
            flow.shutdown()
        super().closeEvent(event)

    # Navigation: the only code that changes the current screen -------------------------------
    @property
    def start(self) -> StartScreen:
        return self._start

    @property
    def current_screen(self) -> QWidget:
        screen = self.stack.currentWidget()
        assert screen is not None  # the stack always holds the screens
        return screen

    def show_screen(self, screen: QWidget) -> None:
        previous = self.stack.currentWidget()
        if screen is self._start:
            # Forget the last visitor: nothing about them stays in any widget.
            self.scanner.forget_last_scan()
            for flow in self.flows:
                flow.reset()
        for other, hooks in self._screens.items():
            if other is not screen and hooks.on_hide is not None:
                hooks.on_hide()
        self.stack.setCurrentWidget(screen)
        shown = self._screens[screen]
        self.scanner.set_active(
            shown.scans is not Scans.OFF, repeat_allowed=shown.scans is Scans.REPEAT
        )
        if screen is self._start:
            self.idle.disarm()
        else:
            self.idle.arm()
        screen.setFocus(Qt.FocusReason.OtherFocusReason)
        if shown.on_show is not None:
            shown.on_show()
        if previous is not screen:
            log.debug("kiosk: screen %s", screen.objectName())

    def go_start(self) -> None:
        self.show_screen(self._start)

    def recover_from_bug(self, exc: BaseException) -> None:
        """After an unexpected exception anywhere: forget the visitor, calm message (which
        returns to start)."""
        for flow in self.flows:
            flow.reset()
        self.guard.show(exc)

    # Input: scanner and camera -----------------------------------------------------------------
    def take_camera_code(self, text: str) -> bool:
        """A code the camera read takes the scanner's path: same debounce, rules and messages."""
        return self.scanner.accept(text)

    def _scanned(self, text: str) -> None:
        for flow in self.flows:
            if flow.handle_scan(text):
                return
        log.info("kiosk: a scan no flow was waiting for")

    def _idle(self) -> None:
        if self.current_screen is not self._start:
            log.info("kiosk: idle, back to the start screen")
            self.go_start()
