"""Issue #10's "Resolved when": under Xvfb a new kiosk with an empty data folder is provisioned
by typing a provisioning code (xdotool, the way a scanner types) against a real ``serve`` on
loopback, then checks a pass in. No token on its command line."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.heartbeat import kiosk_version
from tests.processes import CentralServer, KioskProcess, Xvfb, central_cli, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SETUP_SHOWN = "kiosk: set-up screen shown"
STARTED = "kiosk: start screen shown"
FIRST_SYNC = "sync: applied"
CONFIRMED = "kiosk: confirmation shown"
SHOTS = os.environ.get("REGIONLAB_SHOTS_DIR", "")


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    display = Xvfb.start()
    yield display
    display.stop()


def shot(xvfb: Xvfb, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"setup-{name}.png"
    xvfb.screenshot(path)
    if SHOTS:  # keep them for a person to look at
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SHOTS) / path.name).write_bytes(path.read_bytes())


def scan_like_a_person(xvfb: Xvfb, kiosk: KioskProcess, text: str, tries: int = 3) -> None:
    """Scan, and scan again if the kiosk did not take it in: on a busy machine the scanner
    detector still drops a burst now and then without a word (issue #14, being fixed
    elsewhere; seen once in five runs of this test). Fails if no try arrives."""
    for attempt in range(1, tries + 1):
        xvfb.type_text(text)
        try:
            kiosk.wait_for_log("kiosk: scan received", count=1, timeout_s=10)
            return
        except TimeoutError:
            if attempt == tries:
                raise


def test_a_new_kiosk_is_provisioned_by_a_typed_code_and_checks_a_pass_in(
    xvfb: Xvfb, central_server: CentralServer, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    env = {**xvfb.env(), "REGIONLAB_CONFIG_DIR": str(config)}
    env.pop("REGIONLAB_DEVICE_TOKEN", None)
    code = central_cli(
        central_server.database_url,
        "kiosk",
        "provision",
        "--site",
        "lyngdal",
        "--central-url",
        central_server.url,
    )
    assert code.startswith("RLP1 HTTP://127.0.0.1:")
    data_dir = tmp_path / "kiosk"  # empty: a new kiosk
    args = ["--data-dir", str(data_dir)]
    kiosk = KioskProcess.start(args, env, tmp_path / "kiosk.log")
    try:
        kiosk.wait_for_log(SETUP_SHOWN)
        shot(xvfb, tmp_path, "empty")
        xvfb.type_text("RLP1 nonsense")
        kiosk.wait_for_log("setup: not a provisioning code")
        shot(xvfb, tmp_path, "bad-code")
        xvfb.type_text(code)
        kiosk.wait_for_log(STARTED)
        kiosk.wait_for_log(FIRST_SYNC, timeout_s=60)
        token_file = config / "device-token"
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert token_file.read_text().strip() not in kiosk.log_text()
        pass_token = central_server.issue_pass("kari.nordmann@nav.no")
        scan_like_a_person(xvfb, kiosk, pass_token)
        kiosk.wait_for_log(CONFIRMED)
        present = wait_until(central_server.presence, 10, "Kari in the presence list")
        assert [p["name"] for p in present] == ["Kari Nordmann"]
    finally:
        kiosk.stop()
    assert "Traceback" not in kiosk.log_text()
    listed = central_cli(central_server.database_url, "kiosk", "list", "--site", "lyngdal")
    name, *_, version, waiting, set_aside, revoked = listed.splitlines()[1].split()
    assert (name, revoked, set_aside) == ("lyngdal-1", "-", "0")  # it reports none set aside
    assert version == kiosk_version() and waiting.isdigit()  # reported with its requests

    # The same code on a second new kiosk: refused, with the reason on its set-up screen.
    second = KioskProcess.start(
        ["--data-dir", str(tmp_path / "second")],
        {**env, "REGIONLAB_CONFIG_DIR": str(tmp_path / "config2")},
        tmp_path / "second.log",
    )
    try:
        second.wait_for_log(SETUP_SHOWN)
        xvfb.type_text(code)
        second.wait_for_log("setup: provisioning refused: used")
        shot(xvfb, tmp_path, "used")
    finally:
        second.stop()
    assert not (tmp_path / "config2" / "device-token").exists()
