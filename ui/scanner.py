"""Handheld QR scanners in keyboard-wedge mode: tell a scanner's burst from a person typing.

A scanner types the whole token in a few milliseconds and ends it with Return. A person types
far slower. ``ScannerInput`` is an application event filter: while it is active it buffers
printable key presses, resets the buffer whenever the gap between two keys exceeds
``max_gap_ms``, and on Return emits ``scanned`` if the buffer holds at least ``min_length``
characters. Keys it consumes are swallowed (the screens it is active on take no text).

Gaps are measured by the key events' own timestamps (when the keys were typed), not by when the
GUI thread gets to them: a busy GUI thread delivers a burst late and bunched, never slower. A
burst that starts with the pass prefix (``RL1``) is never dropped: whatever its pauses and
length it goes on as a scan, and one that cannot be read is answered "Prøv igjen" like any code
that cannot be read (``ui.pass_texts``).

The same text scanned again within ``debounce_s`` is ignored (a scanner firing twice), unless
``repeat_allowed`` is on (the confirm screen, where scanning the same pass again means "yes") or
the kiosk went back to its start screen in between (``forget_last_scan``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.passes import PREFIX

log = logging.getLogger(__name__)

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Far longer than any pass: a stuck key or a scanned web page stops growing the buffer here.
MAX_BURST_CHARS = 1000
# A burst that starts like a pass is never dropped: a pause inside it (the scanner, the USB bus)
# keeps it whole, and one that stops without its Return for this long goes on as a scan.
PASS_BURST_GIVE_UP_S = 1.5


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
        self._last_stamp_ms: int | None = None  # the last key event's own timestamp
        self._broken = False  # a pass's burst paused longer than max_gap_ms: kept whole
        self._last_scan: tuple[str, float] | None = None
        self.active = False
        # A pass's burst that stops without its Return goes on as a scan this long after its
        # last key, even if no key follows (the visitor waits for an answer).
        self._unfinished = QTimer(self)
        self._unfinished.setSingleShot(True)
        self._unfinished.setInterval(int(PASS_BURST_GIVE_UP_S * 1000))
        self._unfinished.timeout.connect(self._pass_burst_stopped)
        self.repeat_allowed = False

    def set_active(self, active: bool, *, repeat_allowed: bool = False) -> None:
        self.active = active
        self.repeat_allowed = repeat_allowed
        self.reset()

    def reset(self) -> None:
        self._unfinished.stop()
        self._buffer.clear()
        self._last_key_at = None
        self._last_stamp_ms = None
        self._broken = False

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
        gap = self._gap_s(event, now)
        self._last_key_at = now
        self._last_stamp_ms = event.timestamp() or None
        too_slow = gap is not None and gap > self._max_gap_s
        if too_slow and self._buffer:
            self._paused(gap or 0.0, now)
        if event.key() in _ENTER_KEYS:
            text = "".join(self._buffer)
            pass_burst = self._is_pass_burst()
            broken = self._broken
            self.reset()
            if not text:
                return False  # a lone Return belongs to the focused control
            if pass_burst:
                if broken or too_slow or len(text) < self._min_length:
                    log.info("kiosk: a pass's burst came with pauses; taken as a scan")
                self._emit(text, now)
            elif not too_slow and len(text) >= self._min_length:
                self._emit(text, now)
            return True
        char = event.text()
        if len(char) != 1 or not char.isprintable():
            return False  # Tab, arrows, modifiers: leave them to the widgets (focus moves)
        if char == " " and not self._buffer:
            return False  # Space outside a burst presses the focused button
        if len(self._buffer) < MAX_BURST_CHARS:
            self._buffer.append(char)
        if self._is_pass_burst():
            self._unfinished.start()  # restarted by every key of the burst
        return True

    def _pass_burst_stopped(self) -> None:
        if self.active and self._is_pass_burst():
            self._emit_pass_burst(self._monotonic(), "without its end")
            self._last_key_at = None
            self._last_stamp_ms = None

    def _paused(self, gap: float, now: float) -> None:
        """The keys stopped longer than a scanner's gap, with some in the buffer."""
        if not self._is_pass_burst():
            self._buffer.clear()  # keys typed by hand: not a scan
            self._broken = False
        elif gap > PASS_BURST_GIVE_UP_S:
            # A pass's burst that never got its Return: not dropped without a word. It goes
            # on as a scan (it reads as a code that could not be read: "Prøv igjen").
            self._emit_pass_burst(now, "without its end")
        else:
            self._broken = True  # the scanner paused inside a pass: keep it whole

    def _gap_s(self, event: QKeyEvent, now: float) -> float | None:
        """Seconds since the last key, by the key events' own timestamps (when the window
        system gave them: when the keys were typed, however late the GUI thread gets to
        them), else by when they are handled. None for the first key."""
        stamp = event.timestamp()
        if stamp and self._last_stamp_ms is not None:
            return ((stamp - self._last_stamp_ms) % 2**32) / 1000  # X time wraps at 2**32 ms
        if self._last_key_at is None:
            return None
        return now - self._last_key_at

    def _is_pass_burst(self) -> bool:
        return "".join(self._buffer[: len(PREFIX)]).upper() == PREFIX

    def _emit_pass_burst(self, now: float, why: str) -> None:
        self._unfinished.stop()
        text = "".join(self._buffer)
        self._buffer.clear()
        self._broken = False
        log.info("kiosk: a pass's burst came %s; taken as a scan", why)
        self._emit(text, now)

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
