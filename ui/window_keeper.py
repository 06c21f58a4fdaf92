"""Brings the kiosk's window back when something outside destroys it.

A window manager's close is a request the window refuses (``MainWindow.lock_down``). Some tools
do not ask: ``xdotool windowclose`` destroys the X window outright, and Qt then goes on running
with nothing on the screen. On X11 (Qt's xcb platform) this filter sees the ``DestroyNotify`` for
the kiosk's own window and makes a new native window for it, shown the way it was.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

XCB_EVENT = b"xcb_generic_event_t"
DESTROY_NOTIFY = 17  # xcb_destroy_notify_event_t: type, pad, sequence (2), event (4), window (4)
WINDOW_OFFSET = 8


class WindowKeeper(QAbstractNativeEventFilter):
    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self._window = window
        self.recreated = 0

    def nativeEventFilter(self, eventType: Any, message: Any) -> Any:
        if bytes(eventType.data() if isinstance(eventType, QByteArray) else eventType) != XCB_EVENT:
            return False, 0
        address = int(message)
        if ctypes.c_uint8.from_address(address).value & 0x7F != DESTROY_NOTIFY:
            return False, 0
        destroyed = ctypes.c_uint32.from_address(address + WINDOW_OFFSET).value
        if destroyed == int(self._window.winId()):
            QTimer.singleShot(0, self._recreate)
        return False, 0

    def _recreate(self) -> None:
        window = self._window
        full_screen = window.isFullScreen()
        log.info("kiosk: the window was destroyed from outside; showing it again")
        window.destroy(True, True)
        window.create()
        if full_screen:
            window.showFullScreen()
        else:
            window.show()
        window.raise_()
        window.activateWindow()
        self.recreated += 1
