"""At start: is the local store a sound database? If not, keep it aside and start clean.

A file SQLite cannot read (garbage in it), one ``PRAGMA quick_check`` finds damaged, or a 0-byte
file where this kiosk had been set up (it was wiped: a new kiosk's file is created here, and the
marker beside it says the kiosk had been set up) is moved aside under a timestamped name with its
-wal and -shm files, never deleted: the events waiting in it can be recovered into the new store
(``regionlab-kiosk --recover FILE``, ``kiosk.recover``). The kiosk starts clean and says so on its
status line and in the log.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.domain import StoreError
from kiosk.private_files import FILE_MODE

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class MovedAside:
    """A local store found damaged at start, and where it is kept now."""

    kept: Path
    why: str  # for the log and staff: "empty", "not a database: ...", "damaged: ..."


def marker_path(database: Path) -> Path:
    """Beside the store: present once this kiosk's store was set up (opened and migrated)."""
    return database.with_name(database.name + ".set-up")


def mark_set_up(database: Path, now: datetime) -> None:
    """The store opened and migrated: from now on an empty file here means a wiped one."""
    marker = marker_path(database)
    if marker.exists():
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"set up {now.isoformat()}\n")
    except OSError as exc:  # a read-only or full disk: the kiosk runs on without the marker
        log.warning("local store: cannot write %s: %s", marker.name, exc.strerror)


def problem(database: Path) -> str | None:
    """What is wrong with the store at ``database``, or None when it is sound (or new)."""
    try:
        size = database.stat().st_size
    except FileNotFoundError:
        return None  # a new kiosk (or a wiped folder: nothing left to keep)
    except OSError as exc:
        return f"not readable: {exc.strerror}"
    if size == 0:
        return "empty" if marker_path(database).exists() else None
    try:
        connection = sqlite3.connect(database, timeout=5)
    except sqlite3.Error as exc:
        return f"not readable: {exc}"
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(f"the local store is in use by another program: {exc}") from exc
        return f"damaged: {exc}" if "malformed" in str(exc) else f"not a database: {exc}"
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "damaged: " + "; ".join(str(row[0]) for row in rows[:3])
    return None


def check(database: Path, now: datetime) -> MovedAside | None:
    """Move a damaged store aside (see the module's text); None when it is sound or new."""
    why = problem(database)
    if why is None:
        return None
    kept = database.with_name(f"{database.name}.damaged-{now.strftime('%Y%m%dT%H%M%SZ')}")
    suffix = 1
    while kept.exists():
        suffix += 1
        kept = kept.with_name(f"{database.name}.damaged-{now.strftime('%Y%m%dT%H%M%SZ')}-{suffix}")
    try:
        for side in SIDE_FILES:  # first the -wal and -shm: the database last, so a crash
            source = database.with_name(database.name + side)  # halfway is found again
            if source.exists():
                source.replace(kept.with_name(kept.name + side))
        database.replace(kept)
    except OSError as exc:
        raise StoreError(
            f"the local store {database} is damaged ({why}) and cannot be moved aside: "
            f"{exc.strerror}"
        ) from exc
    log.error(
        "local store: %s was %s; kept as %s and starting with a new one. Staff can recover "
        "its waiting events: regionlab-kiosk --recover %s",
        database.name,
        why,
        kept.name,
        kept,
    )
    return MovedAside(kept=kept, why=why)
