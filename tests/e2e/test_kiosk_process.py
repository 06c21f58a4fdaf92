"""The real programs as a user meets them: regionlab-central and regionlab-kiosk as processes,
the kiosk full screen on Xvfb, a pass typed by xdotool the way a handheld scanner types it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import CentralServer, KioskProcess, Xvfb, wait_until

pytestmark = pytest.mark.e2e

FIRST_SYNC = "sync: applied"
CONFIRMED = "kiosk: confirmation shown"
STARTED = "kiosk: start screen shown"


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    display = Xvfb.start()
    yield display
    display.stop()


def kiosk_args(server: CentralServer, data_dir: Path) -> list[str]:
    return ["--central-url", server.url, "--site", "lyngdal", "--data-dir", str(data_dir)]


def kiosk_env(xvfb: Xvfb, server: CentralServer) -> dict[str, str]:
    """The token by environment (never on the command line): tests skip provisioning."""
    return {**xvfb.env(), "REGIONLAB_DEVICE_TOKEN": server.device_token}


def check_in_events(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM events WHERE type = 'check_in'"
        ).fetchone()
    return int(count)


def test_a_scanned_pass_shows_up_in_the_presence_list(
    xvfb: Xvfb, central_server: CentralServer, tmp_path: Path
) -> None:
    token = central_server.issue_pass("kari.nordmann@nav.no")
    kiosk = KioskProcess.start(
        kiosk_args(central_server, tmp_path / "kiosk"),
        kiosk_env(xvfb, central_server),
        tmp_path / "kiosk.log",
    )
    try:
        kiosk.wait_for_log(STARTED)
        kiosk.wait_for_log(FIRST_SYNC)
        xvfb.type_text(token)
        kiosk.wait_for_log(CONFIRMED)
        xvfb.screenshot(tmp_path / "confirmation.png")
        present = wait_until(central_server.presence, 10, "Kari in the presence list")
        assert [p["name"] for p in present] == ["Kari Nordmann"]
    finally:
        kiosk.stop()
    assert "Traceback" not in kiosk.log_text()


def test_a_killed_kiosk_delivers_its_check_in_after_restart_exactly_once(
    xvfb: Xvfb, central_server: CentralServer, tmp_path: Path
) -> None:
    token = central_server.issue_pass("kari.nordmann@nav.no")
    args = kiosk_args(central_server, tmp_path / "kiosk")
    kiosk = KioskProcess.start(args, kiosk_env(xvfb, central_server), tmp_path / "kiosk.log")
    try:
        kiosk.wait_for_log(FIRST_SYNC)
        central_server.stop()  # the store goes away: the kiosk must keep what it confirms
        xvfb.type_text(token)
        kiosk.wait_for_log(CONFIRMED)
    finally:
        kiosk.kill()
    central_server.start()
    assert central_server.presence() == []
    again = KioskProcess.start(args, kiosk_env(xvfb, central_server), tmp_path / "kiosk.log")
    try:
        present = wait_until(central_server.presence, 30, "the check-in to arrive after restart")
        assert [p["name"] for p in present] == ["Kari Nordmann"]
    finally:
        again.stop()
    database = Path(central_server.database_url.removeprefix("sqlite:///"))
    assert check_in_events(database) == 1
