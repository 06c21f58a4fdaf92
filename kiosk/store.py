"""The kiosk's local store: one SQLite file in WAL mode with durable commits, migrated on open."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain import StoreError

__all__ = ["LocalStore", "StoreError"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


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


class LocalStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

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
            store.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the local store {path}: {exc}") from exc
        except Exception as exc:
            if isinstance(getattr(exc, "orig", None), sqlite3.Error):
                raise StoreError(f"cannot open the local store {path}: {exc}") from exc
            raise
        return store

    def migrate(self, revision: str = "head") -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back on any exception.

        A store that cannot be read or written (disk full, file gone read-only, locked too
        long, not a database) raises StoreError, the known problem every caller words calmly;
        nothing of the unit was written. A constraint or SQL mistake stays what it is: a bug."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (IntegrityError, ProgrammingError, DataError):
            raise
        except DatabaseError as exc:  # OperationalError and the plain "not a database" kind
            log.error("local store: %s", _database_failure(exc))
            raise StoreError(str(exc.orig)) from exc
        except OSError as exc:
            log.error("local store: %s", exc.strerror or exc.__class__.__name__)
            raise StoreError(str(exc)) from exc

    def close(self) -> None:
        self.engine.dispose()
