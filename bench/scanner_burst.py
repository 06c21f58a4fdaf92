"""A scanner typing 10 KB of garbage: how long the GUI thread is busy, per key and in all.

The keys go through the real window's ``ScannerInput`` application event filter (the window
``ui.app.build_window`` composes, on the start screen), and the Return hands the (capped) burst
to the flows and so to the real ``CheckinFlow`` on a real local store synced from the central
store, which refuses it with a message. Reported: the whole burst, the slowest
single key (the longest the GUI could not paint), and Return to the message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.settings import KioskSettings
from tests.processes import CentralServer
from ui.app import build_window
from ui.messages import MessageBridge

BURST_CHARS = 10_240


def _key(char: str) -> QKeyEvent:
    key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
    text = "" if char == "\r" else char
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)


def bench_scanner_burst(
    server: CentralServer,
    data_root: Path,
    runs: int,
    report: Callable[[str, list[float]], None],
) -> None:
    app = QApplication.instance() or QApplication([])
    settings = replace(
        KioskSettings(),
        data_dir=data_root / "burst-kiosk",
        site="lyngdal",
        central_url=server.url,
        device_token=server.device_token,
        # a loaded machine may pause the sending loop between two keys: one burst stays one
        scanner_max_gap_ms=1000.0,
    )
    core = KioskCore.open(settings, clock=SystemClock())
    try:
        if not core.sync.sync_once():
            raise RuntimeError(f"bench kiosk could not sync: {core.sync.status().problem}")
        messages = MessageBridge()
        shown: list[object] = []
        messages.message_shown.connect(shown.append)
        window = build_window(core, messages=messages)  # installs the scanner's filter
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        target = window.start
        burst = [_key(c) for c in ("0123456789ABCDEFGHIJ" * (BURST_CHARS // 20 + 1))[:BURST_CHARS]]
        enter = _key("\r")
        totals: list[float] = []
        slowest: list[float] = []
        answers: list[float] = []
        try:
            for _ in range(runs):
                window.go_start()  # where a scan is taken; forgets the last one (no debounce)
                app.processEvents()
                worst = 0.0
                started = time.perf_counter()
                for event in burst:
                    before = time.perf_counter()
                    QApplication.sendEvent(target, event)
                    worst = max(worst, time.perf_counter() - before)
                typed = time.perf_counter()
                count = len(shown)
                QApplication.sendEvent(target, enter)
                done = time.perf_counter()
                if len(shown) != count + 1:
                    raise RuntimeError("the burst did not produce exactly one message")
                totals.append((done - started) * 1000)
                slowest.append(worst * 1000)
                answers.append((done - typed) * 1000)
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
        report("10 KB scanner burst, all keys + Return", totals)
        report("10 KB scanner burst, slowest single key", slowest)
        report("10 KB scanner burst, Return to message", answers)
    finally:
        core.close()
