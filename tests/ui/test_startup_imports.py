"""The kiosk paints its start screen before it imports what only later screens, the store's
schema upgrade or the sync need (issue 13: start-up under a second). Not a timing test: it
starts the real ``regionlab-kiosk`` (``ui.main``) and looks at what was imported at the moment
the start screen was first painted. How long start-up takes is measured in ``make bench``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What the start screen does not need: each is imported when its screen or task first needs it.
NOT_BEFORE_THE_START_SCREEN = {
    "alembic": "the local store's migrations, only when the schema is behind",
    "sqlalchemy": "the local store, opened right after the first paint",
    "kiosk.store": "the local store, opened right after the first paint",
    "kiosk.app": "the core (store, services, sync), opened right after the first paint",
    "qrcode": "a guest's badge",
    "PIL": "images, never needed by the kiosk's screens",
    "reportlab": "PDFs (the kiosk prints through Qt)",
    "phonenumbers": "a guest's phone number",
    "rapidfuzz": "name search, built after the first paint",
    "requests": "the sync, started after the first paint",
    "pydantic": "the store's feed, read by the sync",
    "PySide6.QtMultimedia": "the camera and the sounds, when first used",
    "zxingcpp": "reading QR codes from the camera",
    "PySide6.QtTextToSpeech": "speech, when a visitor turns it on",
    "central": "the central store's code",
    "ui.screens.floor_map": "the desk map: every screen but the start screen is built after it",
    "ui.checkin_flow": "check-in's screens, built after the first paint",
    "ui.guest_flow": "the guest's screens, built after the first paint",
    "ui.staff_flow": "the staff screens, built after the first paint",
}

# The kiosk, exactly as regionlab-kiosk starts it; at its first paint it prints what was
# imported and ends at once (what happens after the paint is not the question here).
AT_FIRST_PAINT = textwrap.dedent(
    """
    import json, logging, os, sys

    class FirstPaint(logging.Handler):
        def emit(self, record):
            if "kiosk: start screen shown" in record.getMessage():
                print(json.dumps(sorted(sys.modules)), flush=True)
                os._exit(0)

    logging.getLogger("ui.screens.start").addHandler(FirstPaint())
    from ui.main import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _modules_at_first_paint(tmp_path: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIONLAB_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        REGIONLAB_CONFIG_DIR=str(tmp_path / "config"),
        # A provisioned kiosk whose store does not answer (it starts offline).
        REGIONLAB_CENTRAL_URL=f"http://127.0.0.1:{_closed_port()}",
        REGIONLAB_DEVICE_TOKEN="rlk_not-used-here",
    )
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT, "--data-dir", str(tmp_path / "kiosk")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _imported(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.mark.slow
def test_the_start_screen_is_painted_before_what_only_later_screens_need(
    tmp_path: Path,
) -> None:
    # The local store (SQLAlchemy, and Alembic for a new data folder) opens right after the
    # first paint, so every start is like the first.
    modules = _modules_at_first_paint(tmp_path)
    assert _imported(modules, "ui.screens.start")
    early = {
        name: why for name, why in NOT_BEFORE_THE_START_SCREEN.items() if _imported(modules, name)
    }
    assert not early, f"imported before the start screen was painted: {early}"
