"""The kiosk's one window: a stack of screens, and the one place that moves between them.

The window routes and nothing more (see ``ui/flow.py``): flows add their screens and ask for
them to be shown; the window holds the start screen, returns to it after idle time, resets every
flow when it shows, and hands each scanned code to the flows in the order they were added.

Around the screens it keeps what every screen shares: the access bar below them (speech, large
text, high contrast: the window applies the display switches and turns all three off for a new
visitor), each screen in a scroll area (so large text reflows and scrolls instead of being
cut), the idle warning over them ("Er du der fortsatt?" + "Mer tid"), and two keys: Esc goes
back from any screen (each screen says what "back" is when it is added) and Enter presses the
focused button.

The kiosk paints its start screen before the other screens exist (issue 13): the composition
hands the window what is left to build as steps (``build_later``), which run one an event-loop
turn after the first paint (``build_in_idle_slices``), or all at once the moment anything could
need them (``build_remaining``): any key, press or touch, a start screen button, a scan, a
screen asked for that is not there yet. Whoever uses the kiosk meets it whole.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.flow import Flow, Scans
from ui.idle import IdleWatcher
from ui.narration import Narration
from ui.scanner import ScannerInput
from ui.screens.start import StartScreen
from ui.visitor_guard import VisitorGuard
from ui.widgets.access_bar import AccessBar
from ui.widgets.idle_warning import IdleWarning

# Input that may lead anywhere: before it reaches a widget, every screen is built.
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Screen:
    scans: Scans
    on_show: Callable[[], None] | None
    on_hide: Callable[[], None] | None
    on_back: Callable[[], None] | None
    page: QScrollArea


class MainWindow(QMainWindow):
    screen_shown = Signal(QWidget)
    """A screen was shown (also when shown again): after its ``on_show`` ran."""

    def __init__(
        self,
        *,
        start: StartScreen,
        scanner: ScannerInput,
        idle: IdleWatcher,
        guard: VisitorGuard,
        narration: Narration,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        self.scanner, self.idle, self.guard, self.narration = scanner, idle, guard, narration
        scanner.setParent(self)
        idle.setParent(self)
        narration.setParent(self)
        self.flows: list[Flow] = []
        self._screens: dict[QWidget, _Screen] = {}
        body = QWidget(self)
        body.setObjectName("body")
        self.stack = QStackedWidget(body)
        self.access_bar = AccessBar(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.access_bar)
        self.setCentralWidget(body)
        self.idle_warning = IdleWarning(idle.seconds_left, body)
        self.access_bar.speech_toggled.connect(narration.toggle)
        self.display = theme.Display()
        self.access_bar.large_text_toggled.connect(
            lambda: self.set_display(replace(self.display, large=not self.display.large))
        )
        self.access_bar.contrast_toggled.connect(
            lambda: self.set_display(replace(self.display, contrast=not self.display.contrast))
        )
        narration.enabled_changed.connect(self._speech_changed)
        narration.watch(self)
        self.screen_shown.connect(narration.screen_shown)
        self._start = start
        self.add_screen(start, scans=Scans.ON)
        scanner.scanned.connect(self._scanned)
        idle.idle_timed_out.connect(self._idle)
        idle.warning_due.connect(self._warn)
        idle.warning_cancelled.connect(self.idle_warning.dismiss)
        self.idle_warning.more_time_requested.connect(idle.extend)
        self._filters_installed = False
        self._locked = False
        self._later: list[Callable[[], None]] = []  # what is left to build, in order
        self._guarded: list[QAbstractButton] = []  # start screen buttons that build it first
        self._first_input = _FirstInput(self)
        self.show_screen(start)

    # Built after the first paint ------------------------------------------------------------
    def build_later(self, steps: list[Callable[[], None]]) -> None:
        """``steps`` build the rest of the kiosk (its other flows and screens), in this order.
        Until they all ran, input, scans and navigation first run them (``build_remaining``).
        A step may hand over more steps (this again): they run after it."""
        self._later.extend(steps)
        if not self._later or self._guarded:  # nothing to build, or guarded already
            return
        for button in self._start.findChildren(QAbstractButton):  # also a click() in code
            button.pressed.connect(self.build_remaining)
            self._guarded.append(button)
        app = QCoreApplication.instance()
        if app is not None and self._filters_installed:  # asked first: see install_input_filters
            app.installEventFilter(self._first_input)

    @property
    def fully_built(self) -> bool:
        return not self._later

    def build_remaining(self) -> None:
        """Build now whatever is not built yet (a no-op once everything is)."""
        if not self._later:
            return
        started = time.perf_counter()
        count = len(self._later)
        while self._later:
            self._later.pop(0)()
        self._built(count, started)

    def build_in_idle_slices(self) -> None:
        """Build what is left one step per event-loop turn, so input is handled in between."""
        if not self._later:
            return
        started = time.perf_counter()

        def next_step() -> None:
            if not self._later:  # built at once meanwhile (input came)
                return
            self._later.pop(0)()
            if self._later:
                QTimer.singleShot(0, next_step)
            else:
                self._built(None, started)

        QTimer.singleShot(0, next_step)

    def _built(self, at_once: int | None, started: float) -> None:
        for button in self._guarded:
            button.pressed.disconnect(self.build_remaining)
        self._guarded.clear()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self._first_input)
        ms = (time.perf_counter() - started) * 1000
        if at_once is None:
            log.info("kiosk: every screen built, %.0f ms after the first paint", ms)
        else:
            log.info("kiosk: the last %d building steps run at once (%.0f ms)", at_once, ms)

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
        on_back: Callable[[], None] | None = None,
    ) -> None:
        screen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The screen fills its page; when its text needs more height (large text) it scrolls.
        page = QScrollArea(self.stack)
        page.setObjectName("page")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setWidget(screen)
        self.stack.addWidget(page)
        self._screens[screen] = _Screen(scans, on_show, on_hide, on_back, page)
        changed = getattr(screen, "speech_changed", None)
        if changed is not None:  # e.g. new search results, the desk under the map's cursor
            changed.connect(lambda text, s=screen: self.narration.screen_changed(s, text))

    # Application-wide input filters ----------------------------------------------------------
    def install_input_filters(self) -> None:
        """Watch all key/mouse/touch input: scanner bursts and idle time."""
        app = QCoreApplication.instance()
        if app is None or self._filters_installed:
            return
        app.installEventFilter(self.scanner)
        app.installEventFilter(self.idle)  # installed last = asked first: sees every key
        if not self.fully_built:  # asked before both: the first key finds every flow built
            app.installEventFilter(self._first_input)
        self._filters_installed = True

    def remove_input_filters(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._filters_installed:
            app.removeEventFilter(self._first_input)
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.scanner)
        self._filters_installed = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("RegionLab Lister – innsjekking"))
        super().changeEvent(event)

    def lock_down(self) -> None:
        """From now on no close request ends the kiosk (Alt+F4, the window manager's close):
        only staff (the staff screen) or a signal from the service do, through the event loop."""
        self._locked = True

    def allow_close(self) -> None:
        self._locked = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._locked:
            event.ignore()
            log.info("kiosk: a request to close the window was refused (only staff may)")
            return
        self.remove_input_filters()
        self.idle.disarm()
        self._later.clear()  # screens not built yet never will be: the store may close next
        for flow in self.flows:
            flow.shutdown()
        super().closeEvent(event)

    # Navigation: the only code that changes the current screen -------------------------------
    @property
    def start(self) -> StartScreen:
        return self._start

    @property
    def current_screen(self) -> QWidget:
        page = self.stack.currentWidget()
        assert isinstance(page, QScrollArea)  # the stack always holds the screens' pages
        screen = page.widget()
        assert screen is not None
        return screen

    def set_display(self, display: theme.Display) -> None:
        """Large text and/or high contrast on or off, for every screen at once."""
        if display == self.display:
            return
        self.display = display
        self.setStyleSheet(theme.style_sheet(display))
        self.access_bar.show_display(display)
        self.access_bar.set_large_text(display.large)
        for screen in self._screens:  # screens that lay out differently for large text
            reflow = getattr(screen, "set_large_text", None)
            if reflow is not None:
                reflow(display.large)

    def show_screen(self, screen: QWidget) -> None:
        if screen not in self._screens:  # a screen not built yet: everything is, now
            self.build_remaining()
        previous = self.current_screen if self.stack.count() else None
        if screen is self._start:
            # Forget the last visitor: nothing about them stays in any widget, speech is off,
            # the display is the usual one.
            self.scanner.forget_last_scan()
            self.narration.set_enabled(False)
            self.set_display(theme.Display())
            for flow in self.flows:
                flow.reset()
        for other, hooks in self._screens.items():
            if other is not screen and hooks.on_hide is not None:
                hooks.on_hide()
        shown = self._screens[screen]
        self.stack.setCurrentWidget(shown.page)
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
        self.screen_shown.emit(screen)

    def go_start(self) -> None:
        self.show_screen(self._start)

    def recover_from_bug(self, exc: BaseException) -> None:
        """After an unexpected exception anywhere: forget the visitor, calm message (which
        returns to start)."""
        self.build_remaining()
        for flow in self.flows:
            flow.reset()
        self.guard.show(exc)

    # Input: scanner and camera -----------------------------------------------------------------
    def take_camera_code(self, text: str) -> bool:
        """A code the camera read takes the scanner's path: same debounce, rules and messages."""
        return self.scanner.accept(text)

    def _scanned(self, text: str) -> None:
        self.build_remaining()  # a scan typed while the kiosk started
        for flow in self.flows:
            if flow.handle_scan(text):
                return
        log.info("kiosk: a scan no flow was waiting for")

    # Time: the warning before the reset, and the reset ---------------------------------------
    def _warn(self) -> None:
        self.idle_warning.warn()
        self.narration.announce(self.idle_warning.spoken_text())

    def _idle(self) -> None:
        self.build_remaining()
        self.idle_warning.dismiss()
        if self.current_screen is self._start:
            return
        log.info("kiosk: idle, back to the start screen")
        told = False
        for flow in self.flows:  # a question left open is answered for the visitor, aloud
            told = flow.timed_out() or told
        if not told:
            self.go_start()

    # The visitor's own settings, and the keys every screen shares -----------------------------
    def _speech_changed(self, on: bool) -> None:
        self.access_bar.show_speech(on)
        if on:
            self.narration.screen_shown(self.current_screen)

    def go_back(self) -> None:
        """Esc: the idle warning's "Mer tid" if it shows, else the current screen's back."""
        if self.idle_warning.isVisible():
            self.idle.extend()
            return
        self.build_remaining()
        on_back = self._screens[self.current_screen].on_back
        if on_back is not None:
            on_back()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            event.accept()
            self.go_back()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()  # also when the window is not the active one
            if (
                isinstance(focus, QAbstractButton)
                and focus.isEnabled()
                and self.isAncestorOf(focus)
            ):
                event.accept()
                focus.click()
                return
        super().keyPressEvent(event)


class _FirstInput(QObject):
    """An application event filter: the first input builds what is left (then it idles)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self._window.fully_built:
            self._window.build_remaining()
        return False
