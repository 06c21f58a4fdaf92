"""The watchdog: notices a GUI thread that stops answering, and has the kiosk restarted.

A ``QTimer`` on the GUI thread beats every ``beat_s``; a plain thread looks at the last beat.
When none came for ``warn_s`` it logs a warning with the GUI thread's stack (where it is stuck:
code, no data); after ``limit_s`` it logs that it gives up and ends the process at once with
``RESTART_EXIT_CODE`` (``os._exit``: a stuck GUI thread cannot run a clean shutdown), so the
service starts a fresh kiosk. Everything recorded is already on disk: each action commits
before it is confirmed.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui.restart import RESTART_EXIT_CODE

log = logging.getLogger(__name__)

BEAT_S = 1.0
WARN_S = 10.0
LIMIT_S = 30.0


def _exit_for_restart() -> None:
    logging.shutdown()  # flush the log file first
    os._exit(RESTART_EXIT_CODE)


class GuiWatchdog(QObject):
    def __init__(
        self,
        *,
        beat_s: float = BEAT_S,
        warn_s: float = WARN_S,
        limit_s: float = LIMIT_S,
        on_hang: Callable[[], None] = _exit_for_restart,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._beat_s, self._warn_s, self._limit_s = beat_s, warn_s, limit_s
        self._on_hang = on_hang
        self._monotonic = monotonic
        self._last = monotonic()
        self._gui_thread = threading.get_ident()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, round(beat_s * 1000)))
        self.timer.timeout.connect(self.beat)

    def beat(self) -> None:
        """The GUI thread answered (the timer, on the GUI thread)."""
        self._last = self._monotonic()

    def silent_for(self) -> float:
        return self._monotonic() - self._last

    def start(self) -> None:
        """Call on the GUI thread."""
        self._gui_thread = threading.get_ident()
        self.beat()
        self.timer.start()
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="gui-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _watch(self) -> None:
        warned = False
        while not self._stop.wait(min(self._beat_s, self._limit_s / 4)):
            silent = self.silent_for()
            if silent < self._warn_s:
                warned = False
                continue
            if not warned:
                warned = True
                log.warning(
                    "watchdog: the GUI thread has not answered for %.0f s; it is at:\n%s",
                    silent,
                    self._gui_stack(),
                )
            if silent >= self._limit_s:
                log.critical(
                    "watchdog: the GUI thread has not answered for %.0f s; restarting", silent
                )
                self._stop.set()
                self._on_hang()
                return

    def _gui_stack(self) -> str:
        frame = sys._current_frames().get(self._gui_thread)
        return "".join(traceback.format_stack(frame)) if frame is not None else "(unknown)"
