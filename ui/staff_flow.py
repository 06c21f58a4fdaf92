"""Staff at the kiosk: the marked corner, the staff PIN, the staff screen, the evacuation list.

A long press (5 s) on the start screen's marked corner asks for the staff PIN (its hash is the
``staff_pin_hash`` setting; ``kiosk.pin`` checks it, and five wrong PINs in a row lock it for
five minutes). The staff screen and the evacuation list are screens like the others: they
return to the start screen after idle time, and the start screen's reset forgets the list, its
ticks and the digits typed, so nothing of it is left on the public screen.

What staff do is logged (signed in, wrong PIN, locked, sync, print, language, exit), never
with a name.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.clock import Clock
from kiosk.domain import SyncStatus
from kiosk.evacuation import EvacuationList
from kiosk.pin import PinLockout
from kiosk.sync import SyncEngine
from ui.evacuation_print import PrinterFactory, PrintFailed, print_evacuation
from ui.flow import Flow, ScreenHost
from ui.i18n import LANGUAGE_NAMES, Languages
from ui.restart import RESTART_EXIT_CODE, Quit
from ui.screens.evacuation import EvacuationScreen
from ui.screens.staff import StaffScreen
from ui.screens.staff_pin import StaffPinScreen
from ui.time_display import format_time
from ui.widgets.staff_corner import StaffCorner

log = logging.getLogger(__name__)

STAFF_KEY = "staff"  # the PIN lock-out's key for the staff PIN


class StaffFlow(Flow):
    def __init__(
        self,
        *,
        pin_screen: StaffPinScreen,
        staff_screen: StaffScreen,
        evacuation_screen: EvacuationScreen,
        staff_pin_hash: Callable[[], str],
        clock: Clock,
        sync: SyncEngine,
        evacuation: Callable[[], EvacuationList],
        languages: Languages,
        save_language: Callable[[str], None],
        printer: PrinterFactory,
        quit: Quit,
        corner: StaffCorner | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``corner``: the start screen's marked corner when it was put there before this flow
        was built (the kiosk paints its start screen first); else ``attach`` puts it there."""
        super().__init__(parent)
        self.pin_screen, self.staff_screen, self.evacuation_screen = (
            pin_screen,
            staff_screen,
            evacuation_screen,
        )
        self._pin_hash = staff_pin_hash
        self._clock = clock
        self.lockout = PinLockout(clock)
        self._sync = sync
        self._evacuation = evacuation
        self._languages = languages
        self._save_language = save_language
        self._printer = printer
        self._quit = quit
        self._host: ScreenHost | None = None
        self.corner: StaffCorner | None = corner

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        if self.corner is None:
            self.corner = StaffCorner(host.start)
        self.corner.long_pressed.connect(self.ask_pin)
        host.add_screen(self.pin_screen, on_back=host.go_start)
        host.add_screen(self.staff_screen, on_back=host.go_start)
        host.add_screen(
            self.evacuation_screen, on_show=None, on_back=self.close_evacuation
        )
        self.pin_screen.pin_entered.connect(self.check_pin)
        self.pin_screen.cancelled.connect(host.go_start)
        staff = self.staff_screen
        staff.sync_requested.connect(self.force_sync)
        staff.resend_requested.connect(self.resend_set_aside)
        staff.evacuation_requested.connect(self.open_evacuation)
        staff.default_language_chosen.connect(self.set_default_language)
        staff.restart_requested.connect(self.restart)
        staff.exit_requested.connect(self.exit)
        staff.done.connect(host.go_start)
        staff.set_sync_status(self._sync.status())
        staff.set_default_language(self._languages.default)
        self.evacuation_screen.print_requested.connect(self.print_list)
        self.evacuation_screen.closed.connect(self.close_evacuation)

    def reset(self) -> None:
        """The start screen shows: forget the digits, the list and its ticks."""
        self.pin_screen.clear()
        self.evacuation_screen.clear()
        self.staff_screen.show_note(None)

    def show_sync_status(self, status: SyncStatus) -> None:
        """A new sync status (on the GUI thread)."""
        self.staff_screen.set_sync_status(status)

    # The way in -------------------------------------------------------------------------------
    def _show(self, screen: object) -> None:
        assert self._host is not None
        self._host.show_screen(screen)  # type: ignore[arg-type]

    def ask_pin(self) -> None:
        assert self._host is not None
        if self._host.current_screen is not self._host.start:
            return
        log.info("staff: the staff corner was held; asking for the PIN")
        self.pin_screen.clear()
        locked = self.lockout.locked_until(STAFF_KEY)
        if locked is not None:
            self.pin_screen.show_problem(_locked_text(locked))
        self._show(self.pin_screen)

    def check_pin(self, pin: str) -> None:
        stored = self._pin_hash()
        if not stored:
            log.warning("staff: no staff PIN is set on this kiosk")
            self.pin_screen.show_problem(
                QCoreApplication.translate(
                    "StaffFlow",
                    "Ingen PIN-kode for personale er satt på denne kiosken. "
                    "Se driftsveiledningen.",
                )
            )
            return
        if self.lockout.check(STAFF_KEY, pin, stored):
            log.info("staff: signed in")
            self.pin_screen.clear()
            self.staff_screen.show_note(None)
            self.staff_screen.set_sync_status(self._sync.status())
            self.staff_screen.set_default_language(self._languages.default)
            self._show(self.staff_screen)
            return
        locked = self.lockout.locked_until(STAFF_KEY)
        if locked is not None:
            log.warning("staff: PIN locked after wrong tries")
            self.pin_screen.show_problem(_locked_text(locked))
        else:
            log.info("staff: wrong PIN")
            self.pin_screen.show_problem(
                QCoreApplication.translate("StaffFlow", "Feil PIN-kode. Prøv igjen.")
            )

    # The staff screen -------------------------------------------------------------------------
    def force_sync(self) -> None:
        """One sync round now, off the GUI thread; its status comes back by the listener."""
        log.info("staff: sync forced")
        self.staff_screen.show_note(
            QCoreApplication.translate("StaffFlow", "Synkroniserer …")
        )
        threading.Thread(target=self._sync_round, name="staff-sync", daemon=True).start()

    def resend_set_aside(self) -> None:
        """The events set aside go back to the outbox, and a round sends them."""
        count = self._sync.send_set_aside_again()
        log.info("staff: %d set-aside events sent again", count)
        self.staff_screen.set_sync_status(self._sync.status())
        self.force_sync()

    def _sync_round(self) -> None:
        try:
            self._sync.sync_once()
        except Exception:  # the round logs its own problems; a bug must not end the thread loudly
            log.exception("staff: the forced sync failed")

    def open_evacuation(self) -> None:
        log.info("staff: evacuation list opened")
        self.evacuation_screen.show_list(self._evacuation())
        self._show(self.evacuation_screen)

    def close_evacuation(self) -> None:
        self.evacuation_screen.clear()
        self._show(self.staff_screen)

    def print_list(self) -> None:
        made = self.evacuation_screen.shown
        if made is None:
            return
        try:
            print_evacuation(made, self.evacuation_screen.ticked, self._printer())
        except PrintFailed as exc:
            log.warning("staff: the evacuation list was not printed: %s", exc)
            self.evacuation_screen.show_note(
                QCoreApplication.translate(
                    "StaffFlow", "Utskriften gikk ikke. Sjekk skriveren og prøv igjen."
                )
            )
            return
        log.info("staff: evacuation list printed (%d people)", len(made.people))
        self.evacuation_screen.show_note(
            QCoreApplication.translate("StaffFlow", "Listen er sendt til skriveren.")
        )

    def set_default_language(self, code: str) -> None:
        self._save_language(code)
        self._languages.default = code
        log.info("staff: default language set to %s", code)
        self.staff_screen.set_default_language(code)
        self.staff_screen.show_note(
            QCoreApplication.translate("StaffFlow", "Standardspråket er nå %1.").replace(
                "%1", LANGUAGE_NAMES[code]
            )
        )

    def restart(self) -> None:
        log.info("staff: restart asked for")
        self._quit(RESTART_EXIT_CODE)

    def exit(self) -> None:
        log.info("staff: exit asked for")
        self._quit(0)


def _locked_text(until: datetime) -> str:
    return QCoreApplication.translate(
        "StaffFlow", "For mange feil forsøk. Prøv igjen kl. %1."
    ).replace("%1", format_time(until))
