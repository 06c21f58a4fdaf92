"""Engines, sessions and schema migrations for the central store's database."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.resources import resource_path

ENV_VAR = "REGIONLAB_DATABASE_URL"
DEFAULT_URL = "sqlite:///data/central.sqlite3"
MIGRATIONS = resource_path("central", "db", "migrations")

SessionFactory = sessionmaker[Session]

# An execution option that marks a transaction as read-only: on SQLite it begins DEFERRED and
# takes no write lock (see _sqlite_begin). Sessions from ``read_factory`` carry it.
READ_ONLY = "regionlab_read_only"


def database_url(explicit: str | None = None) -> str:
    """The URL to use: the one given, else $REGIONLAB_DATABASE_URL, else the default file."""
    return explicit or os.environ.get(ENV_VAR) or DEFAULT_URL


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and write-locking transactions.

    Statement parameters are left out of error messages: they may carry personal data, and
    errors reach the log."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # No ping on each checkout (a round trip per session: 3 for a POST, 2 for a GET). After
        # a database restart the first statement on a stale connection fails as a disconnect:
        # SQLAlchemy then invalidates every pooled connection made before it, that request is
        # answered 503 (the kiosk sends again) and the next ones connect afresh.
        return create_engine(parsed, hide_parameters=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        _private_database_file(Path(database))
    engine = create_engine(parsed, connect_args={"timeout": 30}, hide_parameters=True)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _private_database_file(path: Path) -> None:
    """The database file, made (or narrowed to) 0600 before SQLite opens it: it holds personal
    data. SQLite gives its -wal and -shm files the database file's mode; older ones are
    narrowed here too."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if each.stat().st_mode & 0o077:
                each.chmod(0o600)
        except FileNotFoundError:
            continue
        except PermissionError:  # not ours to change: SQLite will say whether it can use it
            continue


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so that BEGIN is ours (below);
    # its own implicit BEGIN would break savepoints and transactional DDL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten rows are zeroed, not left in free pages: retention and the
        # sealing of raw signing keys leave nothing behind in the file.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writer begins IMMEDIATE, taking the write lock up front: a deferred transaction that
    # reads, then writes, fails at once with SQLITE_BUSY when another writer committed in
    # between; this one waits. A reader begins DEFERRED: in WAL mode it reads a snapshot and
    # neither waits for a writer nor makes one wait.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions for transactions that may write (the default kind)."""
    return sessionmaker(engine, expire_on_commit=False)


def read_factory(engine: Engine) -> SessionFactory:
    """Sessions for transactions that only read: token look-ups, the feed, presence.

    On SQLite they take no lock, so a read never waits behind an open write; a write through
    one fails rather than waits (SQLITE_BUSY), so use them for reads only. On PostgreSQL they
    run without a transaction (autocommit): at READ COMMITTED each statement reads a snapshot
    of its own inside a transaction too, so a reader sees the same, and the BEGIN, the
    ROLLBACK and psycopg's DEALLOCATE ALL after it are not sent: three round trips of every
    read, each a wait for another process on a busy machine. A write through one would be
    committed at once: use them for reads only."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "AUTOCOMMIT"
    return sessionmaker(engine.execution_options(**options), expire_on_commit=False)


def engine_of(factory: SessionFactory) -> Engine:
    """The engine a session factory is bound to."""
    bind = factory.kw.get("bind")
    if not isinstance(bind, Engine):
        raise TypeError("the session factory is not bound to an engine")
    return bind


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; running it again does nothing."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema's revision(s), comma-separated; None for a database never migrated."""
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ", ".join(sorted(heads)) or None


def schema_is_current(engine: Engine) -> bool:
    """Whether the database has been migrated to the newest revision."""
    heads = set(ScriptDirectory.from_config(_alembic_config()).get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def truncate_wal(engine: Engine) -> None:
    """On SQLite, copy the write-ahead log into the database and empty it: what it held from
    before (a raw key replaced by a sealed one) is gone from disk. Elsewhere nothing."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # outside a transaction, as a checkpoint must be
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def ping(engine: Engine) -> None:
    """Raise unless the database answers ``SELECT 1``."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
