"""The kiosk's local store: one SQLite file in WAL mode with durable commits, migrated on open.

Opening reads the schema's revision first (one query) and runs Alembic only when the file is
behind: importing Alembic costs more than half a second, so a kiosk whose store is up to date
starts without it.

Writers take turns on a lock of this process before SQLite's own: the check-in on the GUI thread
and the sync thread both write, and SQLite's busy handler makes a waiting writer sleep in steps
(1, 2, 5, 10 ms ...) and so wait several times longer than the other's commit takes; the lock
hands over the moment that commit is done. A unit of work takes it at its first write statement
and keeps it to its end; reads never wait for it (WAL lets them run beside a write).

The sync engine's bookkeeping (attempts, the store's answers) is written without waiting for the
disk (``durable=False``: SQLite's synchronous=NORMAL in WAL mode, still atomic and consistent):
lost by a power cut it is only redone (an event resent is answered as a duplicate), and not
waiting for the disk there keeps the check-in on the GUI thread from waiting behind it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain import StoreError
from kiosk.resources import resource_path

__all__ = ["LocalStore", "StoreError"]

log = logging.getLogger(__name__)

MIGRATIONS = resource_path("kiosk", "migrations")
# The newest migration's revision (tests/core/test_store_migrations.py holds it to Alembic's).
SCHEMA_HEAD = "0003_person_pins"


def _relax(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk when it returns, so a confirmed check-in survives power loss.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _database_failure(exc: DatabaseError) -> str:
    """What a log may say about a failed database call: the driver's exception class, SQLite's
    error code and message ("OperationalError SQLITE_FULL: database or disk is full"). Never
    ``str(exc)``: that carries the statement and, without hide_parameters, its values."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorname", None)
    return " ".join(filter(None, [type(orig).__name__, code])) + f": {orig}"


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


class _Turn(threading.local):
    depth = 0  # units of work open on this thread
    writing = False  # this thread's unit of work holds the write lock


class LocalStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._relaxed_engine = create_engine(
            engine.url, connect_args={"timeout": 5, "check_same_thread": False}
        )
        event.listen(self._relaxed_engine, "connect", _set_pragmas)
        event.listen(self._relaxed_engine, "connect", _relax)
        self._relaxed_sessions = sessionmaker(self._relaxed_engine, expire_on_commit=False)
        self.engines = (engine, self._relaxed_engine)  # every door to the file
        self._write_lock = threading.Lock()
        self._turn = _Turn()
        for each in self.engines:
            event.listen(each, "before_cursor_execute", self._before_execute)

    def _before_execute(self, *args: Any) -> None:
        statement: str = args[2]
        turn = self._turn
        if turn.depth and not turn.writing and statement.lstrip()[:6].upper() in _WRITES:
            self._write_lock.acquire()
            turn.writing = True

    @classmethod
    def open(cls, path: Path) -> LocalStore:
        """Open (creating if needed) and migrate the store at ``path``."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc}") from exc
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": 5, "check_same_thread": False},
            # A failed statement's text (in a traceback or a log) never shows the values it
            # carried: those are person ids, names and visit ids.
            hide_parameters=True,
        )
        event.listen(engine, "connect", _set_pragmas)
        store = cls(engine)
        try:
            if store.revision() != SCHEMA_HEAD:
                store.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the local store {path}: {exc}") from exc
        except Exception as exc:
            if isinstance(getattr(exc, "orig", None), sqlite3.Error):
                raise StoreError(f"cannot open the local store {path}: {exc}") from exc
            raise
        return store

    def revision(self) -> str | None:
        """The schema revision the file is at; None for a new (or not yet migrated) file."""
        with self.engine.connect() as connection:
            exists = connection.scalar(
                text(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                )
            )
            if not exists:
                return None
            version = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return None if version is None else str(version)

    def migrate(self, revision: str = "head") -> None:
        from alembic import command  # only when the schema is behind: see the module's text
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    @contextmanager
    def session(self, *, durable: bool = True) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back on any exception.

        ``durable=False``: the commit does not wait for the disk (see the module's text); only
        for what is redone harmlessly when a power cut loses it, never for a visitor's record.

        A store that cannot be read or written (disk full, file gone read-only, locked too
        long, not a database) raises StoreError, the known problem every caller words calmly;
        nothing of the unit was written. A constraint or SQL mistake stays what it is: a bug."""
        turn = self._turn
        turn.depth += 1
        try:
            sessions = self._sessions if durable else self._relaxed_sessions
            with sessions() as session, session.begin():
                yield session
        except (IntegrityError, ProgrammingError, DataError):
            raise
        except DatabaseError as exc:  # OperationalError and the plain "not a database" kind
            log.error("local store: %s", _database_failure(exc))
            raise StoreError(str(exc.orig)) from exc
        except OSError as exc:
            log.error("local store: %s", exc.strerror or exc.__class__.__name__)
            raise StoreError(str(exc)) from exc
        finally:
            turn.depth -= 1
            if turn.writing and not turn.depth:  # committed or rolled back by now
                turn.writing = False
                self._write_lock.release()

    def close(self) -> None:
        self.engine.dispose()
        self._relaxed_engine.dispose()
