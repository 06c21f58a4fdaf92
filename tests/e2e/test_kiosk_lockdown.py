"""The kiosk left alone at the door, run as the real program under Xvfb: no key and no window
manager's close ends it; staff get in by a five-second press on the marked corner and the staff
PIN, and see the staff screen and the evacuation list.

With ``REGIONLAB_SHOTS=DIR`` the screenshots are also kept in DIR (``staff-*.png``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import PYTHON, CentralServer, KioskProcess, Xvfb, wait_until

pytestmark = pytest.mark.e2e

PIN = "2468"
TITLE = "RegionLab Lister"


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    display = Xvfb.start()
    yield display
    display.stop()


def xdotool(xvfb: Xvfb, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=xvfb.env(), check=True, timeout=30)


def set_staff_pin(data_dir: Path) -> None:
    done = subprocess.run(
        [PYTHON, "-m", "ui.main", "--set-staff-pin", "--data-dir", str(data_dir)],
        input=PIN + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert PIN not in (data_dir / "settings.json").read_text(encoding="utf-8")


def shot(xvfb: Xvfb, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"staff-{name}.png"
    xvfb.screenshot(path)
    keep = os.environ.get("REGIONLAB_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def still_running(kiosk: KioskProcess) -> bool:
    time.sleep(1)  # give a close request time to end the process, if it could
    return kiosk.process.poll() is None


def test_no_key_and_no_window_manager_close_ends_the_kiosk_and_staff_get_in(
    xvfb: Xvfb, central_server: CentralServer, tmp_path: Path
) -> None:
    wm = None
    if shutil.which("openbox"):
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=xvfb.env(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    data_dir = tmp_path / "kiosk"
    set_staff_pin(data_dir)
    token = central_server.issue_pass("kari.nordmann@nav.no")
    kiosk = KioskProcess.start(
        [
            "--central-url", central_server.url, "--site", "lyngdal",
            "--data-dir", str(data_dir),
        ],
        {**xvfb.env(), "REGIONLAB_DEVICE_TOKEN": central_server.device_token},
        tmp_path / "kiosk.log",
    )
    try:
        kiosk.wait_for_log("kiosk: start screen shown")
        kiosk.wait_for_log("sync: applied")
        shot(xvfb, tmp_path, "start")  # the marked corner, top left
        xvfb.type_text(token)
        kiosk.wait_for_log("kiosk: confirmation shown")
        # Alt+F4, Esc, Ctrl+Q, Ctrl+W: the kiosk stays.
        for key in ("alt+F4", "Escape", "ctrl+q", "ctrl+w"):
            xdotool(xvfb, "key", key)
            assert still_running(kiosk), key
        if wm is not None and shutil.which("wmctrl"):
            subprocess.run(["wmctrl", "-c", TITLE], env=xvfb.env(), check=True, timeout=30)
            kiosk.wait_for_log("close the window was refused")
            assert still_running(kiosk)
        window = subprocess.run(
            ["xdotool", "search", "--name", TITLE], env=xvfb.env(), capture_output=True,
            text=True, check=True, timeout=30,
        ).stdout.split()[0]
        if wm is not None:  # a window manager asks the client to close (WM_DELETE_WINDOW)
            xdotool(xvfb, "windowactivate", "--sync", window, "key", "alt+F4")
            assert still_running(kiosk)
        # xdotool's windowclose destroys the X window outright (no request to refuse): the
        # kiosk survives it and shows its window again.
        xdotool(xvfb, "windowclose", window)
        kiosk.wait_for_log("the window was destroyed from outside; showing it again")
        assert still_running(kiosk)
        wait_until(
            lambda: subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", TITLE], env=xvfb.env(),
                capture_output=True, timeout=30,
            ).returncode == 0,
            10,
            "the kiosk's window back on screen",
        )

        # A short press on the corner does nothing; a five-second one asks for the PIN.
        xdotool(xvfb, "mousemove", "20", "20", "mousedown", "1", "sleep", "1", "mouseup", "1")
        assert "staff corner was held" not in kiosk.log_text()
        xdotool(xvfb, "mousemove", "20", "20", "mousedown", "1", "sleep", "5.5", "mouseup", "1")
        kiosk.wait_for_log("staff: the staff corner was held")
        shot(xvfb, tmp_path, "pin")
        xdotool(xvfb, "type", "--delay", "150", PIN[:2])
        shot(xvfb, tmp_path, "pin-typing")
        xdotool(xvfb, "type", "--delay", "150", PIN[2:])
        xdotool(xvfb, "key", "Return")
        kiosk.wait_for_log("staff: signed in")
        wait_until(lambda: "sync:" in kiosk.log_text(), 10, "a sync")
        shot(xvfb, tmp_path, "screen")
        # Keyboard only: Tab to "Evakueringsliste" (after "Synkroniser nå"), Enter.
        xdotool(xvfb, "key", "Tab", "Tab", "Return")
        kiosk.wait_for_log("staff: evacuation list opened")
        # Tick the first person: Tab past "Skriv ut" and "Lukk" to the row, Enter.
        xdotool(xvfb, "key", "Tab", "Tab", "Tab", "Return")
        time.sleep(0.5)
        shot(xvfb, tmp_path, "evacuation")
        assert kiosk.process.poll() is None
    finally:
        kiosk.stop()  # SIGTERM, as systemd stops it: a clean end
        if wm is not None:
            wm.terminate()
            wm.wait(10)
    assert kiosk.process.returncode == 0
    log = kiosk.log_text()
    assert "Traceback" not in log and "kiosk: stopped" in log
    assert sys.platform.startswith("linux")
