"""``regionlab-kiosk --recover FILE``: bring the waiting events of a kept store into this one.

FILE is a local store the kiosk moved aside at start (``kiosk.store_check``), or any copy of a
kiosk's store. Its events the central store has not answered (waiting, or set aside) are added to
this kiosk's outbox with their own ids and contents, so the store applies each at most once; an
event this outbox already holds is left as it is, so recovering twice adds nothing. FILE itself
is never written: it is read from a copy. Whatever is in FILE, the answer is a sentence, never a
traceback.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk import outbox
from kiosk.domain import KioskError
from kiosk.models import OutboxEvent
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

WAITING = (outbox.PENDING, outbox.SET_ASIDE)
MAX_ROWS = 1_000_000  # a kiosk's outbox is far smaller; a damaged counter stops here


class NothingToRecover(KioskError):
    """FILE holds no outbox the kiosk can read."""


Waiting = list[tuple[str, str, datetime]]  # event id, body, created at


@dataclass(frozen=True)
class Recovered:
    found: int  # waiting events read from the kept file
    added: int  # added to this kiosk's outbox
    already_here: int  # this outbox held them already (recovered before, or never lost)
    unreadable: int  # rows of the kept outbox that could not be read


def read_waiting(kept: Path) -> tuple[Waiting, int]:
    """The waiting events in ``kept`` (id, body, created at) oldest first, and how many rows
    could not be read. Reads a copy of the file (and its -wal), so ``kept`` is never written."""
    if not kept.is_file():
        raise NothingToRecover(f"{kept} is not a file")
    with tempfile.TemporaryDirectory(prefix="regionlab-recover-") as folder:
        copy = Path(folder) / "kept.sqlite3"
        try:
            shutil.copyfile(kept, copy)
            wal = kept.with_name(kept.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as exc:
            raise NothingToRecover(f"cannot read {kept}: {exc.strerror}") from exc
        if copy.stat().st_size == 0:
            return [], 0
        try:
            connection = sqlite3.connect(copy, timeout=5)
        except sqlite3.Error as exc:
            raise NothingToRecover(f"{kept} cannot be opened: {exc}") from exc
        try:
            return _read(connection, kept)
        finally:
            connection.close()


def _read(connection: sqlite3.Connection, kept: Path) -> tuple[Waiting, int]:
    query = "SELECT event_id, body, created_at, status FROM outbox"
    try:
        rows = connection.execute(query + " ORDER BY seq").fetchall()
        unreadable = 0
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            raise NothingToRecover(f"{kept} holds no kiosk outbox") from exc
        if "not a database" in str(exc) or "malformed" not in str(exc):
            raise NothingToRecover(f"{kept} is not a readable database: {exc}") from exc
        rows, unreadable = _read_row_by_row(connection, query)
    waiting = []
    for event_id, body, created_at, status in rows:
        if status not in WAITING:
            continue
        try:
            event = json.loads(body)
            same_id = isinstance(event, dict) and str(event.get("id")) == str(event_id)
            at = datetime.fromisoformat(str(created_at)).replace(tzinfo=UTC)
        except (TypeError, ValueError):
            same_id = False
        if not same_id:
            unreadable += 1
            continue
        waiting.append((str(event_id), str(body), at))
    return waiting, unreadable


def _read_row_by_row(connection: sqlite3.Connection, query: str) -> tuple[list[Any], int]:
    """A damaged table: read what can be read, one row at a time."""
    try:
        last = int(connection.execute("SELECT max(seq) FROM outbox").fetchone()[0] or 0)
    except (sqlite3.DatabaseError, TypeError, ValueError):
        last = MAX_ROWS
    rows, unreadable = [], 0
    for seq in range(1, min(last, MAX_ROWS) + 1):
        try:
            row = connection.execute(query + " WHERE seq = ?", (seq,)).fetchone()
        except sqlite3.DatabaseError:
            unreadable += 1
            continue
        if row is not None:
            rows.append(row)
    return rows, unreadable


def recover(kept: Path, store: LocalStore) -> Recovered:
    """Add the waiting events of ``kept`` to ``store``'s outbox, each exactly once."""
    waiting, unreadable = read_waiting(kept)
    added = 0
    with store.session() as session:
        here = set(
            session.scalars(
                select(OutboxEvent.event_id).where(
                    OutboxEvent.event_id.in_([event_id for event_id, _, _ in waiting])
                )
            )
        )
        for event_id, body, created_at in waiting:
            if event_id in here:
                continue
            session.add(
                OutboxEvent(
                    event_id=event_id,
                    body=body,
                    created_at=created_at,
                    status=outbox.PENDING,
                    attempts=0,
                    failures=0,
                )
            )
            here.add(event_id)
            added += 1
    result = Recovered(
        found=len(waiting),
        added=added,
        already_here=len(waiting) - added,
        unreadable=unreadable,
    )
    log.info(
        "recover: %d waiting events in %s: %d added, %d already here, %d rows unreadable",
        result.found,
        kept.name,
        result.added,
        result.already_here,
        result.unreadable,
    )
    return result


def main(kept: Path, database: Path) -> int:
    """The command: recover ``kept`` into the store at ``database``; print what was done."""
    try:
        store = LocalStore.open(database)
    except KioskError as exc:
        print(f"regionlab-kiosk: cannot open this kiosk's store: {exc}", file=sys.stderr)
        return 1
    try:
        result = recover(kept, store)
    except KioskError as exc:
        print(f"regionlab-kiosk: nothing recovered: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"Recovered {result.added} waiting event(s) from {kept} "
        f"({result.already_here} already here, {result.unreadable} unreadable). "
        "The kiosk sends them at its next sync."
    )
    return 0


def run(kept: Path, args: Sequence[str]) -> int:
    """``regionlab-kiosk --recover FILE [settings flags]``: into the store the settings name."""
    from kiosk.settings import SettingsError, load_settings

    if not str(kept) or str(kept) == ".":
        print("regionlab-kiosk: --recover needs the kept file", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args)
    except SettingsError as exc:
        print(f"regionlab-kiosk: {exc}", file=sys.stderr)
        return 2
    return main(kept, settings.database_path)


def recover_argument(args: Sequence[str]) -> tuple[Path | None, list[str]]:
    """FILE of ``--recover FILE`` (or ``--recover=FILE``), and the other arguments."""
    rest = list(args)
    for i, arg in enumerate(rest):
        if arg.startswith("--recover="):
            return Path(arg.split("=", 1)[1]), rest[:i] + rest[i + 1 :]
        if arg == "--recover":
            value = rest[i + 1] if i + 1 < len(rest) else ""
            return Path(value), rest[:i] + rest[i + 2 :]
    return None, rest
