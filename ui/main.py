"""``regionlab-kiosk``: start the check-in kiosk.

Loads the settings (a kiosk never provisioned shows the set-up screen first: ``ui.setup_flow``),
opens the core on its data folder, builds the window, starts syncing and runs until staff end it
on the staff screen or the service stops it (SIGTERM): the window refuses every close request
(``ui.unattended``). Exit code 75 asks the service for a restart (``ui.restart``).
``--set-staff-pin`` reads the staff PIN from stdin and stores its hash
(``kiosk.staff_pin_setting``). Full screen by default (sized to the whole screen even without a
window manager); ``--windowed`` for a normal window. ``--tour DIR`` instead renders every
screen in every language and display mode to PNG files in DIR, offscreen, on demo data
(``ui.tour``).
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

# The core's settings first, Qt after them; the core itself (the local store, SQLAlchemy's few
# hundred modules) is imported and opened right after the start screen is painted (issue 13).
from kiosk import staff_pin_setting
from kiosk.clock import SystemClock
from kiosk.domain import KioskError
from kiosk.settings import KioskSettings, SettingsError, load_settings

# isort: split
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui import unattended
from ui.app import build_window_before_core
from ui.commands import run_command
from ui.main_window import MainWindow
from ui.setup_flow import needs_setup, run_setup

if TYPE_CHECKING:
    from kiosk.app import KioskCore

log = logging.getLogger("ui.main")

WINDOWED_SIZE = (1280, 800)  # the tablet's screen
SYNC_START_LATEST_MS = 3000


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _install_crash_handler(window: MainWindow) -> None:
    """Unexpected exceptions in Qt slots: log them, calm the screen, keep the kiosk running."""

    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.exit(130)
            return
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        try:
            window.recover_from_bug(value)  # the visitor guard logs it with its traceback
        except Exception:
            log.exception("kiosk: could not recover; the screen may be stale")

    sys.excepthook = handle


def _show(window: QWidget, settings: KioskSettings) -> None:
    if settings.windowed:
        window.resize(*WINDOWED_SIZE)
        window.show()
        return
    flags = (
        window.windowFlags()
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    if window.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
        window.setWindowFlags(flags)
    else:
        # Not on screen yet: the flags are read when its native window is made. setWindowFlags
        # would also re-parent it and so polish every widget of every screen against the style
        # sheet once more (0.1-0.2 s of the start-up).
        window.overrideWindowFlags(flags)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        # Without a window manager showFullScreen() alone keeps the default size.
        window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.raise_()
    window.activateWindow()


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM/SIGINT end the event loop cleanly (the sync thread stops, the store closes).

    Python only runs signal handlers when it gets control, so a timer wakes it now and then.
    """

    def stop(signum: int, _frame: object) -> None:
        log.info("kiosk: signal %d, stopping", signum)
        app.exit(0)  # main() closes the window after the loop

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = QTimer(app)
    timer.setInterval(250)
    timer.timeout.connect(lambda: None)
    timer.start()


def _tour_dir(args: list[str]) -> str | None:
    """The DIR of ``--tour DIR`` (or ``--tour=DIR``), if asked for."""
    for i, arg in enumerate(args):
        if arg.startswith("--tour="):
            return arg.split("=", 1)[1]
        if arg == "--tour":
            return args[i + 1] if i + 1 < len(args) else ""
    return None


def _instead_of_the_kiosk(args: list[str]) -> int | None:
    """Run a command that replaces starting the kiosk (its exit code), or None to start it."""
    command = run_command(args)  # --version, --self-test, --install-service
    if command is not None:
        return command
    if any(arg.startswith("--recover") for arg in args):
        from kiosk import recover  # the local store's code: only when asked for

        kept, rest = recover.recover_argument(args)
        if kept is not None:  # staff bring a damaged store's waiting events back; no window
            _configure_logging()
            return recover.run(kept, rest)
    tour_dir = _tour_dir(args)
    if tour_dir is not None:
        if not tour_dir:
            print("regionlab-kiosk: --tour needs a folder for the images", file=sys.stderr)
            return 2
        from ui import tour  # only the tour needs the demo (and the central store's code)

        return tour.main(tour_dir)
    if staff_pin_setting.FLAG in args:
        return staff_pin_setting.main(args)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(argv) if argv is not None else sys.argv[1:]
    other = _instead_of_the_kiosk(args)
    if other is not None:
        return other
    _configure_logging()
    try:
        settings = load_settings(args)
    except SettingsError as exc:
        print(f"regionlab-kiosk: {exc}", file=sys.stderr)
        return 2

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "regionlab-kiosk"])
    assert isinstance(app, QApplication)
    app.setApplicationName("regionlab-kiosk")
    if needs_setup(settings):  # first start: provision, then start as configured
        if not run_setup(app, settings, lambda screen: _show(screen, settings)):
            return 0
        settings = load_settings(args)

    window: MainWindow | None = None
    cores: list[KioskCore] = []
    stop_unattended: Callable[[], None] | None = None
    previous_hook = sys.excepthook
    previous_signals = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def open_core() -> KioskCore | None:
        """Right after the first paint (or at the first input): the local store and sync."""
        from kiosk.app import KioskCore

        try:
            core = KioskCore.open(settings, clock=clock)
        except KioskError as exc:  # a store that cannot be opened nor moved aside: say so
            log.error("kiosk: cannot start: %s", exc)
            print(f"regionlab-kiosk: cannot start: {exc}", file=sys.stderr)
            app.exit(1)
            return None
        cores.append(core)
        # Its first round (and importing the HTTP library) run beside building the other
        # screens, on their own threads.
        core.sync.start()
        core.checkin.warm_up_names()
        return core

    clock = SystemClock()
    try:
        window = build_window_before_core(settings, clock, open_core)
        _install_crash_handler(window)
        try:
            stop_unattended = unattended.start(window, settings)  # lock-down, log file, watchdog
        except OSError as exc:  # the data folder cannot hold the log file, so nor the store
            log.error("kiosk: cannot start: %s", exc)
            print(f"regionlab-kiosk: cannot start: {exc}", file=sys.stderr)
            return 1
        _quit_on_signals(app)
        # The core, then the other screens, a step per event-loop turn once the start screen is
        # painted (input builds them at once). Should the window never paint (no screen), it
        # starts a little later all the same.
        window.start.first_painted.connect(window.build_in_idle_slices)
        QTimer.singleShot(SYNC_START_LATEST_MS, window.build_in_idle_slices)
        _show(window, settings)
        log.info(
            "kiosk: running at site %s (%s)",
            settings.site,
            "windowed" if settings.windowed else "full screen",
        )
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        for sig, handler in previous_signals.items():
            signal.signal(sig, handler)
        if stop_unattended is not None:
            stop_unattended()
        if window is not None:
            window.close()  # a no-op when closing it is what ended the loop
            window.remove_input_filters()
        for core in cores:
            core.close()  # stops the sync thread first
    log.info("kiosk: stopped")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
