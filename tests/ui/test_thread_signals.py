"""The sync thread hands its status to the GUI through a queued Qt signal. PySide6 6.12.0
corrupts reference counts on that path and the process dies ("bool_dealloc: deallocating True
or False"); this runs the real bridge hard, in a child process, so such a Qt build fails here
instead of on a kiosk at the door."""

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
    from ui.sync_status import SyncStatusBridge

    COUNT = 50_000
    app = QCoreApplication([])
    bridge = SyncStatusBridge()
    received = []

    def heard(status):
        received.append(status.pending)
        if len(received) == COUNT:
            app.quit()

    bridge.status_changed.connect(heard)

    def sync_thread():
        for pending in range(COUNT):
            state = SyncState.OFFLINE if pending % 2 else SyncState.ONLINE
            bridge.on_status(SyncStatus(state, pending, datetime.now(UTC), None))

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
