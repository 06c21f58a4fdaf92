"""Where an unexpected error goes: a rotating log file in the data folder, never the screen.

``install_crash_log`` adds a ``RotatingFileHandler`` (``<data_dir>/logs/kiosk.log``, 1 MB,
5 files) to the root logger, so every bug the visitor guard or the crash handler logs lands there
with its traceback. Tracebacks are written without the exception's message
(``WithheldMessageFormatter``): the message of a bug may hold what a visitor typed or a name
(``KeyError('Kari Nordmann')``); its type and the code's lines are what a developer needs.

``RepeatedErrors`` watches the same log records: when the same error (its type and the line it
came from) is logged from the GUI thread ``limit`` times within ``window_s`` seconds, going back
to the start screen is evidently not enough, and it asks for a restart once.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REPEAT_LIMIT = 3
REPEAT_WINDOW_S = 60.0
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class WithheldMessageFormatter(logging.Formatter):
    """Tracebacks with the frames and the exception's type, not its message."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have formatted the record first and cached its full traceback
        # (message included) on it: always write this formatter's own.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:
        kind: type[BaseException] = ei[0]
        tb: TracebackType | None = ei[2]
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (most recent call last):\n{frames}{kind.__qualname__} (message withheld)"


def log_folder(data_dir: Path) -> Path:
    return data_dir / "logs"


def install_crash_log(data_dir: Path) -> RotatingFileHandler:
    """Log to ``<data_dir>/logs/kiosk.log`` (rotating), readable by the kiosk's user only; it
    and the root logger's stderr handler get the formatter that withholds exception messages."""
    folder = log_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = RotatingFileHandler(
        folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    (folder / LOG_NAME).chmod(0o600)
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    for each in root.handlers:  # this file, and the journal's stderr
        if each is handler or getattr(each, "stream", None) is sys.stderr:
            each.setFormatter(WithheldMessageFormatter(FORMAT))
    return handler


def signature(exc_info: ExcInfo) -> tuple[str, str, int]:
    """What makes two errors "the same": the type and where it was raised."""
    kind, _value, tb = exc_info
    where = traceback.extract_tb(tb)[-1] if tb is not None else None
    return kind.__qualname__, where.filename if where else "", where.lineno or 0 if where else 0


class RepeatedErrors(logging.Handler):
    """Calls ``on_repeat()`` (once) when one error is logged ``limit`` times in ``window_s``."""

    def __init__(
        self,
        on_repeat: Callable[[], None],
        *,
        limit: int = REPEAT_LIMIT,
        window_s: float = REPEAT_WINDOW_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(logging.ERROR)
        self._on_repeat = on_repeat
        self._limit = limit
        self._window = window_s
        self._monotonic = monotonic
        self._seen: dict[tuple[str, str, int], deque[float]] = {}
        self.fired = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.fired or record.exc_info is None or record.exc_info[0] is None:
            return
        if record.thread != threading.main_thread().ident:
            return  # the sync thread has its own retry; only the screen's errors restart
        now = self._monotonic()
        times = self._seen.setdefault(signature(record.exc_info), deque())
        times.append(now)
        while times and now - times[0] > self._window:
            times.popleft()
        if len(times) >= self._limit:
            self.fired = True
            log.critical(
                "kiosk: the same error %d times in %.0f s; restarting", len(times), self._window
            )
            self._on_repeat()
