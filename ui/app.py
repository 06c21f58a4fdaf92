"""The one composition function: builds the window and everything it uses from the core."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ui import theme
from ui.camera.decoder import FrameDecoder
from ui.camera.sound import ReadSound, Sound
from ui.camera.source import CameraSource, FrameSource
from ui.checkin_flow import CheckinFlow
from ui.desk_flow import DeskFlow
from ui.desk_status import DeskStatusBridge
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.messages import MessageBridge
from ui.minute_ticker import MinuteTicker
from ui.scanner import ScannerInput
from ui.screens.confirm import ConfirmScreen
from ui.screens.desk_identify import DeskIdentifyScreen
from ui.screens.floor_map import FloorMapScreen
from ui.screens.name_search import NameSearchScreen
from ui.screens.result import ResultScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.screens.start import StartScreen
from ui.sync_status import SyncStatusBridge
from ui.time_display import Clock
from ui.widgets.map_view import MapView

if TYPE_CHECKING:
    from kiosk.app import KioskCore


def build_window(
    core: KioskCore,
    *,
    clock: Clock | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    messages: MessageBridge | None = None,
    camera: FrameSource | None = None,
    sound: Sound | None = None,
) -> MainWindow:
    """Build the kiosk window on ``core``. Needs a QApplication; does not start sync or show.

    ``clock`` (default: the core's) drives the time on screen; ``monotonic`` times the gaps
    between scanner keys; ``messages`` lets a caller watch every message for the visitor;
    ``camera`` (default: the one the ``camera`` setting names) feeds the scan screen; ``sound``
    plays when the camera reads a code (default: ``resources/sounds/read.wav``).
    """
    settings = core.settings
    messages = messages if messages is not None else MessageBridge()
    flow = CheckinFlow(core.checkin, messages, desks=core.desks)
    scanner = ScannerInput(
        max_gap_ms=settings.scanner_max_gap_ms,
        min_length=settings.scanner_min_length,
        monotonic=monotonic,
    )
    sync_bridge = SyncStatusBridge()
    desk_bridge = DeskStatusBridge()
    desk_preview = MapView(interactive=False)
    desk_preview.setFixedHeight(220)
    window = MainWindow(
        start=StartScreen(clock if clock is not None else core.clock),
        scan_help=ScanHelpScreen(
            camera if camera is not None else CameraSource(settings.camera),
            FrameDecoder(),
            sound if sound is not None else ReadSound(),
        ),
        name_search=NameSearchScreen(core.checkin),
        confirm=ConfirmScreen(),
        result=ResultScreen(settings.confirmation_s, desk_map=desk_preview),
        flow=flow,
        messages=messages,
        scanner=scanner,
        idle=IdleWatcher(settings.idle_timeout_s),
        sync_bridge=sync_bridge,
        desks=core.desks,
        floor_map=FloorMapScreen(core.desks),
        desk_identify=DeskIdentifyScreen(),
        desk_flow=DeskFlow(core.desks, core.checkin, messages),
        desk_bridge=desk_bridge,
    )
    window.setStyleSheet(theme.style_sheet())
    window.start.set_sync_status(core.sync.status())
    core.sync.add_listener(sync_bridge.on_status)
    window.refresh_free_counts()
    core.desks.add_listener(desk_bridge.on_change)
    # Time alone changes desk states (a booking starts, the day closes): read them each minute.
    ticker = MinuteTicker(clock if clock is not None else core.clock, parent=window)
    ticker.minute_passed.connect(desk_bridge.statuses_changed)
    window.install_input_filters()
    return window
