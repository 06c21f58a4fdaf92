"""The kiosk as a process on a damaged store, and floor plans on a read-only or full disk."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.app import KioskCore
from kiosk.passes import SigningKey
from kiosk.settings import KioskSettings
from tests.conftest import LogExpectations
from tests.core.test_desks import layout
from tests.fakes import FakeCentral, FakeClock
from tests.processes import PYTHON, KioskProcess

pytestmark = pytest.mark.integration

STARTED = "kiosk: start screen shown"
# A provisioned kiosk whose store is away (offline is normal): without a central URL the kiosk
# would show its set-up screen instead of starting.
PROVISIONED = ["--central-url", "http://127.0.0.1:9"]
PROVISIONED_ENV = {"QT_QPA_PLATFORM": "offscreen", "REGIONLAB_DEVICE_TOKEN": "rlk_offline"}


def test_the_kiosk_starts_on_a_garbage_store_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "kiosk.sqlite3").write_bytes(b"\x13garbage, not SQLite\xff" * 500)
    env = dict(os.environ, **PROVISIONED_ENV)
    kiosk = KioskProcess.start(
        [*PROVISIONED, "--data-dir", str(data), "--windowed"], env, tmp_path / "kiosk.log"
    )
    try:
        kiosk.wait_for_log(STARTED)  # before: a traceback, exit 1 and no screen
    finally:
        kiosk.stop()
    log = kiosk.log_text()
    assert "Traceback" not in log
    assert "kept as kiosk.sqlite3.damaged-" in log
    [kept] = data.glob("kiosk.sqlite3.damaged-*")

    done = subprocess.run(
        [PYTHON, "-m", "ui.main", "--recover", str(kept), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1  # garbage holds no outbox: said in a sentence
    assert "nothing recovered" in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def tiny_mount(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: filled up it is a full disk, remounted read-only a read-only one."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the injected-OSError test covers the seam)")
    point = tmp_path / "kiosk" / "plans"  # where the kiosk writes its plans
    point.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True)


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_floor_plans_on_a_full_or_read_only_disk_leave_the_kiosk_running(
    fault: str,
    tiny_mount: Path,
    tmp_path: Path,
    clock: FakeClock,
    signing_key: SigningKey,
    expect_log: LogExpectations,
) -> None:
    expect_log("kiosk.desks", logging.WARNING, "cannot write the plan")
    if fault == "full":
        with (tiny_mount / "filler").open("wb") as filler, contextlib.suppress(OSError):
            filler.write(b"\0" * 1024 * 1024)  # ENOSPC: the disk is full now
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    central = FakeCentral(keys=[signing_key], people=[], extra_changes=layout())
    settings = replace(KioskSettings(), data_dir=tmp_path / "kiosk")
    core = KioskCore.open(settings, clock=clock, transport=central)
    try:
        assert core.sync.sync_once()
        (floor,) = core.desks.floors()  # before: OSError (EROFS / ENOSPC) out of the start
        assert floor.plan_path is None
        assert core.desks.statuses(floor.id)  # the map still works, without its picture
    finally:
        core.close()
    assert not [p for p in tiny_mount.iterdir() if p.suffix == ".part"]


def test_a_kiosk_that_cannot_open_its_store_says_so_in_a_sentence(tiny_mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    done = subprocess.run(
        [PYTHON, "-m", "ui.main", *PROVISIONED, "--data-dir", str(tiny_mount), "--windowed"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ, **PROVISIONED_ENV),
    )
    assert done.returncode == 1
    assert "regionlab-kiosk: cannot start:" in done.stderr
    assert "Traceback" not in done.stderr  # before: a traceback
