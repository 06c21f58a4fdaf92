"""A pass typed by xdotool at 8 ms a key into a kiosk that stops mid-burst (SIGSTOP: a GUI
thread busy for 150 ms) still checks its visitor in: the X server stamps each key when it is
typed, and the kiosk times the burst by those stamps, not by when it gets to the keys."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.test_kiosk_process import (  # noqa: F401
    CONFIRMED,
    FIRST_SYNC,
    STARTED,
    kiosk_args,
    kiosk_env,
    xvfb,
)
from tests.processes import CentralServer, KioskProcess, Xvfb, wait_until

pytestmark = pytest.mark.e2e


def test_a_pass_typed_while_the_kiosk_is_busy_is_scanned_whole(
    xvfb: Xvfb,  # noqa: F811
    central_server: CentralServer,
    tmp_path: Path,
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
        typing = subprocess.Popen(["xdotool", "type", "--delay", "8", token], env=xvfb.env())
        time.sleep(0.3)  # well inside the burst (a pass takes over a second at 8 ms a key)
        kiosk.process.send_signal(signal.SIGSTOP)  # the GUI thread is busy elsewhere
        time.sleep(0.15)
        kiosk.process.send_signal(signal.SIGCONT)
        typing.wait(60)
        subprocess.run(["xdotool", "key", "Return"], env=xvfb.env(), check=True, timeout=10)
        kiosk.wait_for_log(CONFIRMED)  # before: no scan, or its tail "cannot be read"
        present = wait_until(central_server.presence, 10, "Kari in the presence list")
        assert [p["name"] for p in present] == ["Kari Nordmann"]
    finally:
        kiosk.stop()
    assert "Traceback" not in kiosk.log_text()
    assert f"scan received ({len(token)} characters)" in kiosk.log_text()
