"""Handheld QR scanners in keyboard-wedge mode: tell a scanner's burst from a person typing.

A scanner types the whole token in a few milliseconds and ends it with Return. A person types
far slower. ``ScannerInput`` is an application event filter: while it is active it buffers
printable key presses, resets the buffer whenever the gap between two keys exceeds
``max_gap_ms``, and on Return emits ``scanned`` if the buffer holds at least ``min_length``
characters. Keys it consumes are swallowed (the screens it is active on take no text).

The same text scanned again within ``debounce_s`` is ignored (a scanner firing twice), unless
``repeat_allowed`` is on (the confirm screen, where scanning the same pass again means "yes") or
the kiosk went back to its start screen in between (``forget_last_scan``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Far longer than any pass: a stuck key or a scanned web page stops growing the buffer here.
MAX_BURST_CHARS = 1000


class ScannerInput(QObject):
    scanned = Signal(str)
    """A complete scanner burst: the token text, without the final Return."""

    def __init__(
        self,
        *,
        max_gap_ms: float,
        min_length: int,
        monotonic: Callable[[], float] = time.monotonic,
        debounce_s: float = 3.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._max_gap_s = max_gap_ms / 1000
        self._min_length = min_length
        self._monotonic = monotonic
        self._debounce_s = debounce_s
        self._buffer: list[str] = []
        self._last_key_at: float | None = None
        self._last_scan: tuple[str, float] | None = None
        self.active = False
        self.repeat_allowed = False

    def set_active(self, active: bool, *, repeat_allowed: bool = False) -> None:
        self.active = active
        self.repeat_allowed = repeat_allowed
        self.reset()

    def reset(self) -> None:
        self._buffer.clear()
        self._last_key_at = None

    def forget_last_scan(self) -> None:
        """A new visit begins (back on the start screen): the next scan counts, even if it is
        the same pass. A scanner's double fire lands on the result screen, not here."""
        self._last_scan = None

    def accept(self, text: str) -> bool:
        """Text another reader (the camera) read: the same debounce and the same ``scanned``
        signal as a burst. True if it was passed on, False if ignored as a repeat."""
        return self._emit(text, self._monotonic())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only key presses delivered to widgets: the same press also passes the QWindow first.
        if (
            not self.active
            or event.type() != QEvent.Type.KeyPress
            or not isinstance(watched, QWidget)
        ):
            return False
        assert isinstance(event, QKeyEvent)
        return self._key_pressed(event)

    def _key_pressed(self, event: QKeyEvent) -> bool:
        now = self._monotonic()
        too_slow = self._last_key_at is not None and now - self._last_key_at > self._max_gap_s
        if too_slow:
            self._buffer.clear()
        if event.key() in _ENTER_KEYS:
            text = "".join(self._buffer)
            self.reset()
            if not text:
                return False  # a lone Return belongs to the focused control
            if not too_slow and len(text) >= self._min_length:
                self._emit(text, now)
            return True
        char = event.text()
        if len(char) != 1 or not char.isprintable():
            return False  # Tab, arrows, modifiers: leave them to the widgets (focus moves)
        if char == " " and not self._buffer:
            return False  # Space outside a burst presses the focused button
        if len(self._buffer) < MAX_BURST_CHARS:
            self._buffer.append(char)
        self._last_key_at = now
        return True

    def _emit(self, text: str, now: float) -> bool:
        if (
            not self.repeat_allowed
            and self._last_scan is not None
            and self._last_scan[0] == text
            and now - self._last_scan[1] < self._debounce_s
        ):
            log.info("kiosk: same scan again within %.0f s, ignored", self._debounce_s)
            return False
        self._last_scan = (text, now)
        log.info("kiosk: scan received (%d characters)", len(text))
        self.scanned.emit(text)
        return True
