"""Worker threads (the sync thread, the camera decoder, the desk claim) hand values to the GUI
through ``ui.gui_handoff``. A Python object on a queued Qt signal is what PySide6 6.12.0
corrupts (the process dies: "bool_dealloc: deallocating True or False"), so the handoff sends
only an empty signal; this runs it hard with sync statuses, the way ``ui/app.py`` wires the sync
engine, in a child process, so a Qt build that breaks it fails here instead of on a kiosk at
the door."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

CHILD = textwrap.dedent(
    """
    import threading
    from datetime import UTC, datetime

    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.domain import SyncState, SyncStatus
    from ui.gui_handoff import GuiHandoff

    COUNT = 50_000
    app = QCoreApplication([])
    received = []

    def heard(statuses):
        received.extend(status.pending for status in statuses)
        if len(received) == COUNT:
            app.quit()

    handoff = GuiHandoff(heard)

    def sync_thread():
        for pending in range(COUNT):
            state = SyncState.OFFLINE if pending % 2 else SyncState.ONLINE
            handoff.put(SyncStatus(state, pending, datetime.now(UTC), None))

    QTimer.singleShot(0, threading.Thread(target=sync_thread).start)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    assert received == list(range(COUNT)), len(received)
    print("ok")
    """
)


def test_statuses_cross_from_a_thread_to_the_gui_without_crashing() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
