"""Return to the start screen when nobody has touched the kiosk for a while, after a warning.

WCAG 2.2.1 (timing adjustable): the visitor is warned ``warning_s`` seconds before the reset
(``warning_due``) and may ask for more time as often as needed (``extend``, or any input).
The whole wait stays ``timeout_s``: the warning comes at ``timeout_s - warning_s`` (at once
if the timeout is shorter than the warning).
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

IDLE_WARNING_S = 20.0  # WCAG 2.2.1: at least 20 s to answer "Mer tid"

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
    }
)


class _Phase(enum.Enum):
    OFF = "off"
    COUNTING = "counting"
    WARNING = "warning"


class IdleWatcher(QObject):
    """An application event filter that restarts a single-shot timer on every input event.

    ``timer`` is public so a test can make time pass (``timer.timeout.emit()``) without
    waiting for it."""

    idle_timed_out = Signal()
    """No key, mouse or touch input for ``timeout_s`` seconds while the watcher was armed."""
    warning_due = Signal()
    """``warning_s`` seconds are left before ``idle_timed_out``: warn the visitor."""
    warning_cancelled = Signal()
    """The visitor answered the warning (input, or "Mer tid"): hide it."""

    def __init__(
        self, timeout_s: float, warning_s: float = IDLE_WARNING_S, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.warning_s = min(warning_s, timeout_s)
        self._phase = _Phase.OFF
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % late (a second of 20): the countdown must not lie.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._elapsed)

    @property
    def armed(self) -> bool:
        return self._phase is not _Phase.OFF

    @property
    def warning(self) -> bool:
        return self._phase is _Phase.WARNING

    def seconds_left(self) -> float:
        """Seconds until the reset (counting the warning still to come)."""
        if self._phase is _Phase.OFF:
            return 0.0
        remaining = max(0, self.timer.remainingTime()) / 1000
        if self._phase is _Phase.WARNING:
            return min(remaining, self.warning_s)
        return remaining + self.warning_s

    def arm(self) -> None:
        """Start (or restart) counting idle time."""
        was_warning = self._phase is _Phase.WARNING
        self._phase = _Phase.COUNTING
        self.timer.start(_ms(self.timeout_s - self.warning_s))
        if was_warning:
            self.warning_cancelled.emit()

    def extend(self) -> None:
        """ "Mer tid": the whole wait starts again (as often as asked)."""
        if self.armed:
            self.arm()

    def disarm(self) -> None:
        was_warning = self._phase is _Phase.WARNING
        self._phase = _Phase.OFF
        self.timer.stop()
        if was_warning:
            self.warning_cancelled.emit()

    def _elapsed(self) -> None:
        if self._phase is _Phase.COUNTING:
            self._phase = _Phase.WARNING
            self.timer.start(_ms(self.warning_s))
            self.warning_due.emit()
        elif self._phase is _Phase.WARNING:
            self._phase = _Phase.OFF
            self.timer.stop()
            self.warning_cancelled.emit()
            self.idle_timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        del watched
        if self.armed and event.type() in _INPUT_EVENTS:
            self.arm()
        return False


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
