"""The one way a worker thread hands results to the GUI thread.

Any thread calls ``GuiHandoff.put``: the value goes into a locked queue and, if the queue was
empty, an argument-less signal is emitted; Qt queues that to the thread the handoff lives in
(the GUI thread), where the queue is drained and ``deliver`` is called with the whole batch,
in order. No Python object ever rides a Qt signal across threads: PySide6 6.12.0 was seen
corrupting reference counts on that path (tests/ui/test_thread_signals.py). No widget is
touched outside the GUI thread.

``newest_only=True`` keeps just the latest value (a camera frame: an older one is worth
nothing once a newer one is waiting). A burst of ``put`` calls wakes the GUI thread once.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Waker(QObject):
    waiting = Signal()
    """Carries nothing across the thread: the values wait in the handoff's queue."""


class GuiHandoff(Generic[T]):
    """Values put from any thread reach ``deliver`` in the GUI thread, in batches, in order.

    Create it in the GUI thread; ``parent`` ties its lifetime to a widget or object there (a
    ``put`` after that object is gone is dropped and logged at debug level).
    """

    def __init__(
        self,
        deliver: Callable[[list[T]], None],
        parent: QObject | None = None,
        *,
        newest_only: bool = False,
    ) -> None:
        self._deliver_batch = deliver
        self._newest_only = newest_only
        self._lock = threading.Lock()
        self._waiting: deque[T] = deque(maxlen=1 if newest_only else None)
        self._closed = False
        self._waker = _Waker(parent)
        self._waker.waiting.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def put(self, value: T) -> None:
        """Hand ``value`` to the GUI thread. Safe to call from any thread."""
        with self._lock:
            if self._closed:
                return
            wake = not self._waiting  # one queued wake-up per batch
            self._waiting.append(value)
        if wake:
            try:
                self._waker.waiting.emit()
            except RuntimeError:  # the owner (and the waker) is already gone at shutdown
                log.debug("gui handoff: a value arrived after its receiver was gone")

    def clear(self) -> None:
        """Drop whatever waits and has not reached the GUI thread yet."""
        with self._lock:
            self._waiting.clear()

    def close(self) -> None:
        """Deliver nothing more: what waits is dropped, later puts too. For a receiver that
        shuts down (its window closed) while a worker may still hand it something: a wake-up
        already queued would otherwise reach it after the store it reads is closed."""
        with self._lock:
            self._closed = True
            self._waiting.clear()

    def _deliver(self) -> None:
        with self._lock:
            if self._closed:
                return
            batch = list(self._waiting)
            self._waiting.clear()
        if batch:
            self._deliver_batch(batch)
