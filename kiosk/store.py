"""The kiosk's local store: one SQLite file in WAL mode with durable commits, migrated on open.

Opening reads the schema's revision first (one query) and runs Alembic only when the file is
behind: importing Alembic costs more than half a second, so a kiosk whose store is up to date
starts without it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain import StoreError

__all__ = ["LocalStore", "StoreError"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration's revision (tests/core/test_store_migrations.py holds it to Alembic's).
SCHEMA_HEAD = "0002_desks"


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
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
            )
            if not exists:
                return None
            return connection.scalar(text("SELECT version_num FROM alembic_version"))

    def migrate(self, revision: str = "head") -> None:
        from alembic import command  # only when the schema is behind: see the module's text
        from alembic.config import Config

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
            log.error("local store: %s", exc.orig)
            raise StoreError(str(exc.orig)) from exc
        except OSError as exc:
            log.error("local store: %s", exc.strerror or exc.__class__.__name__)
            raise StoreError(str(exc)) from exc

    def close(self) -> None:
        self.engine.dispose()
