"""A damaged, garbage or wiped local store: kept aside (never deleted), said, started clean, and
its waiting events recoverable exactly once (issue 14). Also the kiosk's files are its own only,
and a floor plan that cannot be written does not stop the kiosk."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import recover, store_check
from kiosk.app import KioskCore
from kiosk.passes import SigningKey
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import BJORN, KARI, OLE, LogExpectations
from tests.fakes import FakeCentral, FakeClock


def open_core(settings: KioskSettings, clock: FakeClock, central: FakeCentral) -> KioskCore:
    return KioskCore.open(settings, clock=clock, transport=central)


def kept_files(settings: KioskSettings) -> list[Path]:
    return sorted(settings.data_dir.glob("kiosk.sqlite3.damaged-*"))


def set_up_kiosk_with_waiting_events(
    settings: KioskSettings, clock: FakeClock, central: FakeCentral
) -> list[str]:
    """A kiosk that synced once, then recorded three check-ins the store has not had."""
    core = open_core(settings, clock, central)
    try:
        assert core.sync.sync_once()
        return [core.checkin.check_in(p, CheckinMethod.NAME).event_id for p in (KARI, BJORN, OLE)]
    finally:
        core.close()


def damage_a_page_of(database: Path, table: str) -> None:
    """Overwrite one page of ``table`` with garbage: quick_check fails, the rest still reads."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    (page,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    connection.close()
    with database.open("r+b") as raw:
        raw.seek((page - 1) * page_size)
        raw.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_garbage_in_the_file_is_kept_aside_said_and_the_kiosk_starts_clean(
    kiosk_settings: KioskSettings,
    clock: FakeClock,
    central: FakeCentral,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.store_check", logging.ERROR, "not a database.*kept as")
    kiosk_settings.data_dir.mkdir(parents=True)
    garbage = b"this is not a database \x00\xff" * 300
    kiosk_settings.database_path.write_bytes(garbage)

    core = open_core(kiosk_settings, clock, central)  # before: a traceback and no screen
    try:
        assert core.moved_aside is not None
        assert core.sync.status().store_moved_aside
        assert core.sync.sync_once()  # a working kiosk on a new store
        assert core.checkin.check_in(KARI, CheckinMethod.NAME)
    finally:
        core.close()
    [kept] = kept_files(kiosk_settings)
    assert kept.read_bytes() == garbage  # kept as it was, never deleted


def test_a_wiped_file_where_the_kiosk_was_set_up_is_told_from_a_new_kiosk(
    kiosk_settings: KioskSettings,
    clock: FakeClock,
    central: FakeCentral,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.store_check", logging.ERROR, "was empty; kept as")
    new = open_core(kiosk_settings, clock, central)  # a new kiosk: an empty file is no news
    assert new.moved_aside is None and not new.sync.status().store_moved_aside
    new.close()

    kiosk_settings.database_path.write_bytes(b"")  # wiped (a full disk, a bad copy)
    for side in ("-wal", "-shm"):
        kiosk_settings.database_path.with_name("kiosk.sqlite3" + side).unlink(missing_ok=True)
    core = open_core(kiosk_settings, clock, central)  # before: silently a brand-new kiosk
    try:
        assert core.moved_aside is not None and core.moved_aside.why == "empty"
        assert core.sync.status().store_moved_aside
    finally:
        core.close()
    assert len(kept_files(kiosk_settings)) == 1


def test_waiting_events_of_a_damaged_store_are_recovered_exactly_once(
    kiosk_settings: KioskSettings,
    clock: FakeClock,
    central: FakeCentral,
    expect_log: LogExpectations,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expect_log("kiosk.store_check", logging.ERROR, "damaged.*kept as")
    waiting = set_up_kiosk_with_waiting_events(kiosk_settings, clock, central)
    damage_a_page_of(kiosk_settings.database_path, "people")

    core = open_core(kiosk_settings, clock, central)
    try:
        assert core.moved_aside is not None and core.moved_aside.why.startswith("damaged")
        assert core.sync.status().pending == 0  # a clean store: the three wait in the kept file

        kept = core.moved_aside.kept
        first = recover.recover(kept, core.store)
        again = recover.recover(kept, core.store)  # staff run it twice: nothing doubles
        assert (first.found, first.added, again.added, again.already_here) == (3, 3, 0, 3)
        assert core.sync.sync_once()
        assert sorted(central.applied) == sorted(waiting)  # the same ids: the store's once
        assert core.sync.status().pending == 0
        assert recover.recover(kept, core.store).added == 0  # sent ones are not added again
    finally:
        core.close()

    # The command staff type: same answer, no traceback.
    code = recover.run(kept, ["--data-dir", str(kiosk_settings.data_dir)])
    assert code == 0
    assert "Recovered 0 waiting event(s)" in capsys.readouterr().out
    assert not kept.with_name(kept.name + "-journal").exists()


@pytest.mark.parametrize(
    "content", [b"", b"garbage" * 1000, b"SQLite format 3\x00" + b"\x07" * 5000]
)
def test_recovering_from_a_file_without_a_readable_outbox_is_a_sentence(
    content: bytes,
    tmp_path: Path,
    kiosk_settings: KioskSettings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kept = tmp_path / "kept.sqlite3"
    kept.write_bytes(content)
    code = recover.run(kept, ["--data-dir", str(kiosk_settings.data_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if content:
        assert code == 1 and "nothing recovered" in err
    else:
        assert code == 0 and "Recovered 0" in out
    assert kept.read_bytes() == content  # read, never written
    assert recover.run(tmp_path / "missing", ["--data-dir", str(tmp_path / "k")]) == 1


def test_the_kiosks_files_are_its_own_users_only(
    kiosk_settings: KioskSettings, clock: FakeClock, central: FakeCentral
) -> None:
    kiosk_settings.data_dir.mkdir(parents=True, mode=0o755)
    settings_file = kiosk_settings.data_dir / "settings.json"
    settings_file.write_text("{}")
    settings_file.chmod(0o644)  # as an older release or an installer left it
    core = open_core(kiosk_settings, clock, central)
    try:
        assert core.sync.sync_once()
        core.checkin.check_in(KARI, CheckinMethod.NAME)  # the WAL has something in it
        core.desks.floors()  # plans, if any
        files = [
            kiosk_settings.database_path,
            kiosk_settings.database_path.with_name("kiosk.sqlite3-wal"),
            kiosk_settings.database_path.with_name("kiosk.sqlite3-shm"),
            store_check.marker_path(kiosk_settings.database_path),
            settings_file,
        ]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
        assert modes == dict.fromkeys(modes, 0o600)
        assert stat.S_IMODE(kiosk_settings.data_dir.stat().st_mode) == 0o700
    finally:
        core.close()


def test_the_files_are_private_even_under_a_loose_umask(
    kiosk_settings: KioskSettings, clock: FakeClock, central: FakeCentral
) -> None:
    before = os.umask(0o000)
    try:
        core = open_core(kiosk_settings, clock, central)
        core.close()
    finally:
        os.umask(before)
    for path in kiosk_settings.data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(kiosk_settings.data_dir.stat().st_mode) == 0o700


def test_a_plan_that_cannot_be_written_leaves_the_kiosk_running(
    tmp_path: Path,
    clock: FakeClock,
    signing_key: SigningKey,
    monkeypatch: pytest.MonkeyPatch,
    expect_log: LogExpectations,
) -> None:
    from tests.core.test_desks import layout

    expect_log("kiosk.desks", logging.WARNING, "cannot write the plan")
    store = FakeCentral(keys=[signing_key], people=[], extra_changes=layout())
    settings = replace(KioskSettings(), data_dir=tmp_path / "kiosk")
    core = open_core(settings, clock, store)
    try:
        assert core.sync.sync_once()

        def full(path: Path, plan: bytes) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("kiosk.desks.write_plan", full)
        (floor,) = core.desks.floors()  # before: OSError out of the start screen
        assert floor.plan_path is None
    finally:
        core.close()
