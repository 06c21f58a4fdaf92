"""A scanner typing 10 KB of garbage: how long the GUI thread is busy, per key and in all.

The keys go through the real ``ScannerInput`` application event filter into a widget, and the
Return hands the (capped) burst to the real ``CheckinFlow`` on a real local store synced from
the central store, which refuses it with a message. Reported: the whole burst, the slowest
single key (the longest the GUI could not paint), and Return to the message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.settings import KioskSettings
from tests.processes import CentralServer
from ui.checkin_flow import CheckinFlow
from ui.messages import MessageBridge
from ui.scanner import ScannerInput

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
    )
    core = KioskCore.open(settings, clock=SystemClock())
    try:
        if not core.sync.sync_once():
            raise RuntimeError(f"bench kiosk could not sync: {core.sync.status().problem}")
        messages = MessageBridge()
        shown: list[object] = []
        messages.message_shown.connect(shown.append)
        flow = CheckinFlow(core.checkin, messages)
        scanner = ScannerInput(max_gap_ms=1000, min_length=8, debounce_s=0)
        scanner.scanned.connect(flow.handle_scan)
        scanner.set_active(True)
        target = QWidget()
        app.installEventFilter(scanner)
        burst = [_key(c) for c in ("0123456789ABCDEFGHIJ" * (BURST_CHARS // 20 + 1))[:BURST_CHARS]]
        enter = _key("\r")
        totals, slowest, answers = [], [], []
        try:
            for _ in range(runs):
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
            app.removeEventFilter(scanner)
            target.deleteLater()
        report("10 KB scanner burst, all keys + Return", totals)
        report("10 KB scanner burst, slowest single key", slowest)
        report("10 KB scanner burst, Return to message", answers)
    finally:
        core.close()
