"""What the kiosk does only when it runs for real, unattended (``ui.main``), not in tests of
other flows: its window refuses to be closed, bugs go to the log file in the data folder and a
bug that keeps coming back restarts it, a watchdog restarts it when the GUI thread hangs, and a
window destroyed from outside is made again (``ui.window_keeper``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from kiosk.settings import KioskSettings
from ui.crash_log import RepeatedErrors, install_crash_log
from ui.main_window import MainWindow
from ui.restart import RESTART_EXIT_CODE, Quit, quit_event_loop
from ui.watchdog import GuiWatchdog
from ui.window_keeper import WindowKeeper


def start(
    window: MainWindow, settings: KioskSettings, quit: Quit = quit_event_loop
) -> Callable[[], None]:
    """Lock the window, log to the data folder, watch for repeated bugs and a hung GUI
    thread. Returns what undoes it, for a clean exit."""
    root = logging.getLogger()
    file_handler = install_crash_log(settings.data_dir)
    repeats = RepeatedErrors(lambda: quit(RESTART_EXIT_CODE))
    root.addHandler(repeats)
    watchdog = GuiWatchdog(parent=window)
    watchdog.start()
    window.lock_down()
    keeper = WindowKeeper(window)
    app = QCoreApplication.instance()
    if app is not None:
        app.installNativeEventFilter(keeper)

    def stop() -> None:
        if app is not None:
            app.removeNativeEventFilter(keeper)
        watchdog.stop()
        root.removeHandler(repeats)
        root.removeHandler(file_handler)
        file_handler.close()
        window.allow_close()

    return stop
