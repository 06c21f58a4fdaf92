"""A tick at the start of every minute, by the kiosk's clock, for what changes with time alone.

Desk states change without anyone doing anything: a booking starts, the no-show time passes,
the day closes. Nothing in the store changes then, so no listener is called; this ticker
makes the screen read the states again once a minute, just after the minute turns.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.time_display import Clock

_LATE_MS = 200  # fire just after the minute turns, never just before


class MinuteTicker(QObject):
    minute_passed = Signal()
    """A new minute has begun on ``clock``."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % late (3 s a minute): the clock on screen and the
        # desk states would lag the minute visibly.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self._arm()

    def ms_to_next_minute(self) -> int:
        now = self._clock.now()
        into = now.second * 1000 + now.microsecond // 1000
        return 60_000 - into + _LATE_MS

    def _arm(self) -> None:
        self.timer.start(self.ms_to_next_minute())

    def _tick(self) -> None:
        self._arm()
        self.minute_passed.emit()
