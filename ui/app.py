"""The one composition function: builds the window and everything it uses from the core."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain import SyncStatus
from kiosk.settings import KioskSettings
from ui import theme
from ui.gui_handoff import GuiHandoff
from ui.i18n import Languages
from ui.idle import IdleWatcher
from ui.language_flow import LanguageFlow
from ui.main_window import MainWindow
from ui.messages import MessageBridge
from ui.minute_ticker import MinuteTicker
from ui.narration import Narration
from ui.restart import Quit, quit_event_loop
from ui.scanner import ScannerInput
from ui.screens.start import StartScreen
from ui.speech import LazySpeaker
from ui.time_display import Clock
from ui.visitor_guard import VisitorGuard
from ui.widgets.staff_corner import StaffCorner

if TYPE_CHECKING:
    from kiosk.app import KioskCore
    from ui.camera.sound import Sound
    from ui.camera.source import FrameSource
    from ui.checkin_flow import CheckinFlow
    from ui.desk_flow import DeskFlow
    from ui.desk_status import DeskStatusBridge
    from ui.evacuation_print import PrinterFactory
    from ui.guest_flow import GuestFlow
    from ui.lunch_flow import LunchFlow
    from ui.name_search_flow import NameSearchFlow
    from ui.pin_flow import PinFlow
    from ui.result_flow import ResultFlow
    from ui.sound import SoundCues
    from ui.speech import Speaker
    from ui.staff_flow import StaffFlow
    from ui.widgets.map_view import MapView


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
    later: bool = False,
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

    ``later``: build only the start screen (as it looks when whole: its corner, counts, talk
    and sync status) and what it shares with every screen; the window builds the rest when
    asked (``MainWindow.build_in_idle_slices`` after the first paint) or the moment anything
    could need it (``MainWindow.build_remaining``). Without it the window is whole at once.
    """
    window, finish = _start_window(
        core.settings,
        clock if clock is not None else core.clock,
        monotonic=monotonic,
        messages=messages,
        camera=camera,
        sound=sound,
        speaker=speaker,
        cues=cues,
        languages=languages,
        printer=printer,
        quit=quit,
    )
    steps = finish(core)
    if later:
        window.build_later(steps)
    else:
        for step in steps:
            step()
    return window


def build_window_before_core(
    settings: KioskSettings,
    clock: Clock,
    open_core: Callable[[], KioskCore | None],
    *,
    speaker: Speaker | None = None,
    cues: SoundCues | None = None,
) -> MainWindow:
    """``regionlab-kiosk``'s window: only the start screen, before the core (the local store)
    is opened. Its first step (``MainWindow.build_in_idle_slices`` after the first paint, or
    at once when input comes) calls ``open_core`` and fills the start screen from it (free
    desks, today's talk and counts, the sync status), and the steps after it build the rest as
    ``build_window(core, later=True)`` does. ``open_core`` returns None when the core cannot
    be opened (it says why and ends the kiosk): the start screen is then all there is.
    ``speaker`` and ``cues``: as for ``build_window``.
    """
    window, finish = _start_window(settings, clock, speaker=speaker, cues=cues)

    def open_and_build() -> None:
        core = open_core()
        if core is not None:
            window.build_later(finish(core))

    window.build_later([open_and_build])
    return window


def _start_window(
    settings: KioskSettings,
    clock: Clock,
    *,
    monotonic: Callable[[], float] = time.monotonic,
    messages: MessageBridge | None = None,
    camera: FrameSource | None = None,
    sound: Sound | None = None,
    speaker: Speaker | None = None,
    cues: SoundCues | None = None,
    languages: Languages | None = None,
    printer: PrinterFactory | None = None,
    quit: Quit = quit_event_loop,
) -> tuple[MainWindow, Callable[[KioskCore], list[Callable[[], None]]]]:
    """The window with its start screen, and what gives the steps that build the rest on a
    core (the first of them at once: the start screen's facts, the sync status)."""
    # First: every screen is built in the kiosk's default language.
    languages = languages if languages is not None else Languages(settings.language)
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
    start = window.start
    # The language first: when the start screen shows, the default language is back before the
    # other flows reset their screens.
    window.add_flow(LanguageFlow(languages))
    corner = StaffCorner(start)
    window.setStyleSheet(theme.style_sheet())
    window.install_input_filters()

    def finish(core: KioskCore) -> list[Callable[[], None]]:
        # What the start screen shows before its flows are built (they show it again when
        # they are).
        start.set_free_counts(core.desks.free_counts_by_zone())
        start.lunch_panel.show_talk(core.lunch.todays_talk())
        start.here_today.show_counts(core.lunch.here_today())
        rest = _Rest(
            core,
            window,
            settings,
            clock=clock,
            messages=messages,
            guard=guard,
            camera=camera,
            sound=sound,
            cues=cues,
            languages=languages,
            printer=printer,
            quit=quit,
            corner=corner,
        )

        # What other threads report, handed to the GUI thread.
        start.set_sync_status(core.sync.status())

        def show_sync_statuses(statuses: list[SyncStatus]) -> None:
            for status in statuses:
                start.set_sync_status(status)
                if rest.staff is not None:  # built: else it reads the status when it is
                    rest.staff.show_sync_status(status)

        sync_statuses: GuiHandoff[SyncStatus] = GuiHandoff(show_sync_statuses, window)
        core.sync.add_listener(sync_statuses.put)
        return [
            rest.names_and_desks,
            rest.checkin,
            rest.guests,
            rest.results_and_lunch,
            rest.staff_,
            rest.register,
        ]

    return window, finish


class _Rest:
    """Every flow but the language's, with its screens: built in steps (see ``build_window``);
    ``register`` adds them to the window in the order they are asked for scans."""

    names: NameSearchFlow
    pin: PinFlow
    desk_bridge: DeskStatusBridge
    desk_preview: MapView
    desk_flow: DeskFlow
    checkin_flow: CheckinFlow
    guest_flow: GuestFlow
    results: ResultFlow
    lunch_flow: LunchFlow

    def __init__(
        self,
        core: KioskCore,
        window: MainWindow,
        settings: KioskSettings,
        *,
        clock: Clock,
        messages: MessageBridge,
        guard: VisitorGuard,
        camera: FrameSource | None,
        sound: Sound | None,
        cues: SoundCues | None,
        languages: Languages,
        printer: PrinterFactory | None,
        quit: Quit,
        corner: StaffCorner,
    ) -> None:
        self.core, self.window, self.settings = core, window, settings
        self.clock, self.messages, self.guard = clock, messages, guard
        self.camera, self.sound, self.cues = camera, sound, cues
        self.languages, self.printer, self.quit, self.corner = languages, printer, quit, corner
        self.staff: StaffFlow | None = None

    # Scans go to the first flow that takes them: the desk flow only while it waits for "who
    # are you?", the check-in flow takes every other one.
    def names_and_desks(self) -> None:
        from ui.desk_flow import DeskFlow
        from ui.desk_status import DeskStatusBridge
        from ui.name_search_flow import NameSearchFlow
        from ui.pin_flow import PinFlow
        from ui.screens.desk_needs import DeskNeedsScreen
        from ui.screens.floor_map import FloorMapScreen
        from ui.screens.identify import IdentifyScreen
        from ui.screens.name_search import NameSearchScreen
        from ui.screens.pin_pad import PinPadScreen
        from ui.widgets.map_view import MapView

        core = self.core
        self.names = NameSearchFlow(NameSearchScreen(core.checkin))
        # Before acting in a name.
        self.pin = PinFlow(core.pins, PinPadScreen(), self.messages, self.guard)
        self.desk_bridge = DeskStatusBridge()
        self.desk_preview = MapView(interactive=False)
        self.desk_preview.setFixedHeight(220)
        self.desk_flow = DeskFlow(
            core.desks,
            core.checkin,
            self.messages,
            self.guard,
            names=self.names,
            floor_map=FloorMapScreen(core.desks),
            identify=IdentifyScreen("deskIdentifyScreen"),
            pin=self.pin,
            needs=DeskNeedsScreen(),
            preview=self.desk_preview,
            statuses=self.desk_bridge,
        )

    def checkin(self) -> None:
        from ui.camera.decoder import FrameDecoder
        from ui.camera.sound import ReadSound
        from ui.camera.source import CameraSource
        from ui.checkin_flow import CheckinFlow
        from ui.screens.confirm import ConfirmScreen
        from ui.screens.identify import IdentifyScreen
        from ui.screens.name_action import NameActionScreen
        from ui.screens.scan_help import ScanHelpScreen

        core, settings = self.core, self.settings
        self.checkin_flow = CheckinFlow(
            core.checkin,
            self.messages,
            self.guard,
            names=self.names,
            scan_help=ScanHelpScreen(
                self.camera if self.camera is not None else CameraSource(settings.camera),
                FrameDecoder(),
                self.sound if self.sound is not None else ReadSound(),
            ),
            confirm=ConfirmScreen(),
            pin=self.pin,
            name_action=NameActionScreen(),
            checkout=IdentifyScreen("checkoutScreen"),
            name_checkin_without_pin=settings.name_checkin_without_pin,
            desks=core.desks,
        )

    def guests(self) -> None:
        from ui.badge_printer import BadgePrinter
        from ui.guest_flow import GuestFlow
        from ui.screens.guest_choice import GuestChoiceScreen
        from ui.screens.guest_host import GuestHostScreen
        from ui.screens.guest_text import GuestTextScreen

        core, settings = self.core, self.settings
        self.guest_flow = GuestFlow(
            core.guests,
            self.messages,
            self.guard,
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

    def results_and_lunch(self) -> None:
        from ui.lunch_flow import LunchFlow
        from ui.result_flow import ResultFlow
        from ui.screens.identify import IdentifyScreen
        from ui.screens.result import ResultScreen
        from ui.sound import default_cues

        core, window = self.core, self.window
        result_screen = ResultScreen(self.settings.confirmation_s, desk_map=self.desk_preview)
        window.narration.enabled_changed.connect(result_screen.set_speech)
        self.results = ResultFlow(
            result_screen,
            self.messages,
            frame_desk=self.desk_flow.frame_desk,
            cues=self.cues if self.cues is not None else default_cues(),
        )
        self.lunch_flow = LunchFlow(
            core.lunch,
            core.checkin,
            self.messages,
            self.guard,
            names=self.names,
            screen=IdentifyScreen("lunchSignupScreen"),
            panel=window.start.lunch_panel,
            here_today=window.start.here_today,
        )

    def staff_(self) -> None:
        from kiosk.evacuation import evacuation_list
        from kiosk.settings import save_settings, settings_path
        from ui.evacuation_print import system_printer
        from ui.screens.evacuation import EvacuationScreen
        from ui.screens.staff import StaffScreen
        from ui.screens.staff_pin import StaffPinScreen
        from ui.staff_flow import StaffFlow

        core, settings = self.core, self.settings
        self.staff = StaffFlow(
            pin_screen=StaffPinScreen(),
            staff_screen=StaffScreen(),
            evacuation_screen=EvacuationScreen(),
            staff_pin_hash=lambda: core.settings.staff_pin_hash,
            clock=core.clock,
            sync=core.sync,
            evacuation=lambda: evacuation_list(core.store, core.clock, settings.site),
            languages=self.languages,
            save_language=lambda code: save_settings(settings_path(settings), language=code),
            printer=self.printer or system_printer(settings.data_dir / "evakueringsliste.pdf"),
            quit=self.quit,
            corner=self.corner,
        )

    def register(self) -> None:
        """Add the flows (their screens) to the window; a guest's badge checks them out: the
        guest flow takes badges before the check-in flow."""
        from ui.flow import Flow

        window, staff = self.window, self.staff
        assert staff is not None
        flows: tuple[Flow, ...] = (
            self.names,
            self.results,
            self.desk_flow,
            self.pin,
            self.lunch_flow,
            self.guest_flow,
            self.checkin_flow,
            staff,
        )
        for flow in flows:
            window.add_flow(flow)
        self.core.desks.add_listener(self.desk_bridge.on_change)
        # Time alone changes desk states (a booking starts, the day closes): read them each
        # minute.
        ticker = MinuteTicker(self.clock, parent=window)
        ticker.minute_passed.connect(self.desk_bridge.statuses_changed)
        ticker.minute_passed.connect(self.lunch_flow.refresh)  # a talk that ended leaves
