"""The one composition function: builds the window and everything it uses from the core."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain import SyncStatus
from kiosk.evacuation import evacuation_list
from kiosk.settings import save_settings, settings_path
from ui import theme
from ui.badge_printer import BadgePrinter
from ui.camera.decoder import FrameDecoder
from ui.camera.sound import ReadSound, Sound
from ui.camera.source import CameraSource, FrameSource
from ui.checkin_flow import CheckinFlow
from ui.desk_flow import DeskFlow
from ui.desk_status import DeskStatusBridge
from ui.evacuation_print import PrinterFactory, system_printer
from ui.guest_flow import GuestFlow
from ui.gui_handoff import GuiHandoff
from ui.i18n import Languages
from ui.idle import IdleWatcher
from ui.language_flow import LanguageFlow
from ui.lunch_flow import LunchFlow
from ui.main_window import MainWindow
from ui.messages import MessageBridge
from ui.minute_ticker import MinuteTicker
from ui.name_search_flow import NameSearchFlow
from ui.narration import Narration
from ui.pin_flow import PinFlow
from ui.restart import Quit, quit_event_loop
from ui.result_flow import ResultFlow
from ui.scanner import ScannerInput
from ui.screens.confirm import ConfirmScreen
from ui.screens.desk_needs import DeskNeedsScreen
from ui.screens.evacuation import EvacuationScreen
from ui.screens.floor_map import FloorMapScreen
from ui.screens.guest_choice import GuestChoiceScreen
from ui.screens.guest_host import GuestHostScreen
from ui.screens.guest_text import GuestTextScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.name_action import NameActionScreen
from ui.screens.name_search import NameSearchScreen
from ui.screens.pin_pad import PinPadScreen
from ui.screens.result import ResultScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.screens.staff import StaffScreen
from ui.screens.staff_pin import StaffPinScreen
from ui.screens.start import StartScreen
from ui.sound import SoundCues, default_cues
from ui.speech import LazySpeaker, Speaker
from ui.staff_flow import StaffFlow
from ui.time_display import Clock
from ui.visitor_guard import VisitorGuard
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
    speaker: Speaker | None = None,
    cues: SoundCues | None = None,
    languages: Languages | None = None,
    printer: PrinterFactory | None = None,
    quit: Quit = quit_event_loop,
) -> MainWindow:
    """Build the kiosk window on ``core``. Needs a QApplication; does not start sync or show.

    ``clock`` (default: the core's) drives the time on screen; ``monotonic`` times the gaps
    between scanner keys; ``messages`` lets a caller watch every message for the visitor;
    ``camera`` (default: the one the ``camera`` setting names) feeds the scan screen; ``sound``
    plays when the camera reads a code (default: ``resources/sounds/read.wav``); ``speaker``
    reads the screens aloud when a visitor turns speech on (default: the machine's engine);
    ``cues`` play with each answer (default: ``resources/sounds/success.wav``/``failure.wav``);
    ``languages`` switches what the screens say (default: starting in the ``language``
    setting). The window owns it from here: closing the window removes its translators.
    ``printer`` prints the evacuation list (default: the system's printer, else a PDF in the
    data folder); ``quit`` ends the kiosk with an exit code (staff's exit and restart).
    """
    settings = core.settings
    # First: every screen is built in the kiosk's default language.
    languages = languages if languages is not None else Languages(settings.language)
    clock = clock if clock is not None else core.clock
    messages = messages if messages is not None else MessageBridge()
    guard = VisitorGuard(messages)
    window = MainWindow(
        start=StartScreen(clock),
        scanner=ScannerInput(
            max_gap_ms=settings.scanner_max_gap_ms,
            min_length=settings.scanner_min_length,
            monotonic=monotonic,
        ),
        idle=IdleWatcher(settings.idle_timeout_s),
        guard=guard,
        narration=Narration(speaker if speaker is not None else LazySpeaker()),
    )
    messages.setParent(window)

    # The flows, each with its screens. Scans go to the first flow that takes them: the desk
    # flow only while it waits for "who are you?", the check-in flow takes every other one.
    names = NameSearchFlow(NameSearchScreen(core.checkin))
    pin = PinFlow(core.pins, PinPadScreen(), messages, guard)  # before acting in a name
    desk_bridge = DeskStatusBridge()
    desk_preview = MapView(interactive=False)
    desk_preview.setFixedHeight(220)
    desk_flow = DeskFlow(
        core.desks,
        core.checkin,
        messages,
        guard,
        names=names,
        floor_map=FloorMapScreen(core.desks),
        identify=IdentifyScreen("deskIdentifyScreen"),
        pin=pin,
        needs=DeskNeedsScreen(),
        preview=desk_preview,
        statuses=desk_bridge,
    )
    checkin_flow = CheckinFlow(
        core.checkin,
        messages,
        guard,
        names=names,
        scan_help=ScanHelpScreen(
            camera if camera is not None else CameraSource(settings.camera),
            FrameDecoder(),
            sound if sound is not None else ReadSound(),
        ),
        confirm=ConfirmScreen(),
        pin=pin,
        name_action=NameActionScreen(),
        checkout=IdentifyScreen("checkoutScreen"),
        name_checkin_without_pin=settings.name_checkin_without_pin,
        desks=core.desks,
    )
    guest_flow = GuestFlow(
        core.guests,
        messages,
        guard,
        BadgePrinter(
            settings.badge_printer,
            Path(settings.badge_pdf) if settings.badge_pdf else None,
            settings.badge_size,
        ),
        contact=GuestTextScreen("guestContactScreen", "1234567890@.+_", lower=True),
        name=GuestTextScreen("guestNameScreen", "'."),
        organisation=GuestTextScreen("guestOrganisationScreen", "1234567890&.'"),
        host=GuestHostScreen(core.guests),
        purpose=GuestChoiceScreen("guestPurposeScreen"),
        returning=GuestChoiceScreen("guestReturningScreen"),
        privacy=GuestChoiceScreen("guestPrivacyScreen"),
    )
    result_screen = ResultScreen(settings.confirmation_s, desk_map=desk_preview)
    window.narration.enabled_changed.connect(result_screen.set_speech)
    results = ResultFlow(
        result_screen,
        messages,
        frame_desk=desk_flow.frame_desk,
        cues=cues if cues is not None else default_cues(),
    )
    lunch_flow = LunchFlow(
        core.lunch,
        core.checkin,
        messages,
        guard,
        names=names,
        screen=IdentifyScreen("lunchSignupScreen"),
        panel=window.start.lunch_panel,
        here_today=window.start.here_today,
    )
    # The language first: when the start screen shows, the default language is back before the
    # other flows reset their screens.
    staff = StaffFlow(
        pin_screen=StaffPinScreen(),
        staff_screen=StaffScreen(),
        evacuation_screen=EvacuationScreen(),
        staff_pin_hash=lambda: core.settings.staff_pin_hash,
        clock=core.clock,
        sync=core.sync,
        evacuation=lambda: evacuation_list(core.store, core.clock, settings.site),
        languages=languages,
        save_language=lambda code: save_settings(settings_path(settings), language=code),
        printer=printer or system_printer(settings.data_dir / "evakueringsliste.pdf"),
        quit=quit,
    )
    # A guest's badge checks them out: the guest flow takes badges before the check-in flow.
    flows = (
        LanguageFlow(languages),
        names,
        results,
        desk_flow,
        pin,
        lunch_flow,
        guest_flow,
        checkin_flow,
        staff,
    )
    for flow in flows:
        window.add_flow(flow)
    window.setStyleSheet(theme.style_sheet())

    # What other threads report, handed to the GUI thread.
    window.start.set_sync_status(core.sync.status())
    start = window.start

    def show_sync_statuses(statuses: list[SyncStatus]) -> None:
        for status in statuses:
            start.set_sync_status(status)
            staff.show_sync_status(status)

    sync_statuses: GuiHandoff[SyncStatus] = GuiHandoff(show_sync_statuses, window)
    core.sync.add_listener(sync_statuses.put)
    core.desks.add_listener(desk_bridge.on_change)
    # Time alone changes desk states (a booking starts, the day closes): read them each minute.
    ticker = MinuteTicker(clock, parent=window)
    ticker.minute_passed.connect(desk_bridge.statuses_changed)
    ticker.minute_passed.connect(lunch_flow.refresh)  # a talk that ended leaves the screen
    window.install_input_filters()
    return window
