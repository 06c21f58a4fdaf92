"""Notes of a token's use (``last_used_at``, a kiosk's report, re-keying an old token),
written by one background writer per process instead of by the request.

A note is a write. Written by the request itself it made reads wait behind writers (on SQLite
one write at a time); a thread per request, as before, cost a thread start and up to 0.2 s of
waiting on every noted use. Here a request only hands its note over and goes on: notes wait in
a dict keyed by token, so a token used many times while the writer is busy costs one update
(the latest time and the latest report win), and every note waiting is written in one
transaction. The writer runs only while notes wait and ends when none are left, so an idle
store, or an app a test made and forgot, holds no thread.

A note is worth having, never worth failing anything for: one that cannot be written (the
database is busy or away) is logged and dropped; the token's next use notes it again, because
``tokens.needs_touch`` looks at what was stored.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from central.db.engine import SessionFactory
from central.domain import tokens

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Note:
    secret: str | None  # a pre-0005 token's secret, to store it under the keyed hash
    report: tokens.Report
    at: datetime


def _merge(old: _Note | None, new: _Note) -> _Note:
    """One note for two uses of a token: the latest time, and of the report the latest value
    of each field a kiosk sent."""
    if old is None:
        return new
    latest, earlier = new.report, old.report
    report = tokens.Report(
        latest.version if latest.version is not None else earlier.version,
        latest.events_waiting if latest.events_waiting is not None else earlier.events_waiting,
        latest.events_set_aside
        if latest.events_set_aside is not None
        else earlier.events_set_aside,
    )
    return replace(new, secret=new.secret or old.secret, report=report, at=max(old.at, new.at))


class TokenUseWriter:
    """Writes the notes handed to it, in the background, coalesced per token."""

    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._waiting: dict[int, _Note] = {}
        self._writer: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False

    def note(self, token_id: int, secret: str | None, report: tokens.Report, at: datetime) -> None:
        """Hand over a note of the token's use; returns at once."""
        with self._lock:
            if self._closed:
                return
            self._waiting[token_id] = _merge(self._waiting.get(token_id), _Note(secret, report, at))
            self._idle.clear()
            if self._writer is None:
                self._writer = threading.Thread(target=self._run, name="token-use", daemon=True)
                self._writer.start()

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait until every note handed over so far is written (or dropped); whether it was."""
        return self._idle.wait(timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Take no more notes; write those waiting (at most ``timeout_s``)."""
        with self._lock:
            self._closed = True
        self.wait_idle(timeout_s)

    def _run(self) -> None:
        while True:
            with self._lock:
                notes, self._waiting = self._waiting, {}
                if not notes:
                    self._writer = None
                    self._idle.set()
                    return
            self._write(notes)

    def _write(self, notes: dict[int, _Note]) -> None:
        try:
            with self._factory.begin() as session:
                for token_id, note in sorted(notes.items()):  # one order: no deadlocks
                    if note.secret is not None:
                        tokens.rekey(session, token_id, note.secret)
                    tokens.touch(session, token_id, note.report, note.at)
        except SQLAlchemyError as exc:
            log.info("auth: could not note %d token use(s): %s", len(notes), type(exc).__name__)
        except Exception:  # a bug here must not end the writer with notes still waiting
            log.exception("auth: noting token use failed")
