"""What happens after a scan, a name pick or an answer on the confirm screen.

``CheckinFlow`` owns the scan help screen (with its camera), the confirm screen (a pass whose
holder is in: "Sjekke ut Kari Nordmann?"), the "Sjekk inn / Sjekk ut" screen after a name pick
and the check-out screen; it asks the name search flow for a person and the PIN flow for their
PIN. It calls the check-in service, asks for a confirmation when one is needed, and hands every
result to the message bridge.

A name pick never reveals whether that person is in: the next screen offers both choices to
everyone, and the answer states only what was chosen ("Du står som sjekket ut"), the same
whether the person was in or not. Checking in someone already in keeps their visit; checking
out someone who was not in records the check-out all the same (the store may know better, and
the answer must not differ). Checking out by name needs the person's PIN; checking in by name
needs it only where the site says so (``name_checkin_without_pin``).

Every user action runs under the visitor guard (``ui/visitor_guard.py``): known problems
become calm messages, anything else is a bug, logged with its traceback. Nothing is recorded
unless the visitor's intent is clear.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.desks import DeskService
from kiosk.domain import Identification, Outcome, PersonSummary, Recorded
from kiosk.passes import PassError
from kiosk.protocol import CheckinMethod
from ui.closing_notice import ClosingNotice
from ui.desk_texts import conflict_notice, todays_desk_line
from ui.flow import Flow, Scans, ScreenHost
from ui.messages import Message, MessageBridge, MessageKind
from ui.name_search_flow import NameSearchFlow
from ui.pass_texts import pass_refused_message
from ui.pin_flow import PinFlow
from ui.screens.confirm import ConfirmScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.name_action import NameActionScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.time_display import format_time
from ui.visitor_guard import VisitorGuard

log = logging.getLogger(__name__)


class Checkin(Protocol):
    """The part of ``kiosk.checkin.CheckinService`` the flow uses."""

    def identify_pass(self, text: str) -> Identification: ...
    def check_in(
        self, person_id: str, method: CheckinMethod, pass_id: str | None = None
    ) -> Recorded: ...
    def check_out(
        self, person_id: str, method: CheckinMethod, pass_id: str | None = None
    ) -> Recorded: ...
    def is_present(self, person_id: str) -> bool: ...


@dataclass(frozen=True)
class PendingAction:
    """A check-in or check-out waiting for the visitor's "yes"."""

    person: PersonSummary
    outcome: Outcome
    method: CheckinMethod
    pass_id: str | None = None


def recorded_message(recorded: Recorded) -> Message:
    given = recorded.person.given_name.strip()
    when = format_time(recorded.at)
    if recorded.outcome is Outcome.CHECKED_IN:
        title = (
            QCoreApplication.translate("CheckinFlow", "Velkommen, %1!").replace("%1", given)
            if given
            else QCoreApplication.translate("CheckinFlow", "Velkommen!")
        )
        detail = QCoreApplication.translate("CheckinFlow", "Du er sjekket inn kl. %1.").replace(
            "%1", when
        )
        return Message(MessageKind.WELCOME, title, detail, "checked_in")
    title = (
        QCoreApplication.translate("CheckinFlow", "Ha det, %1!").replace("%1", given)
        if given
        else QCoreApplication.translate("CheckinFlow", "Ha det!")
    )
    detail = QCoreApplication.translate("CheckinFlow", "Du er sjekket ut kl. %1.").replace(
        "%1", when
    )
    return Message(MessageKind.GOODBYE, title, detail, "checked_out")


def by_name_message(recorded: Recorded) -> Message:
    """The answer to a check-in or check-out by name: what was chosen, and nothing about what
    was before (it reads the same whether the person was in or not)."""
    given = recorded.person.given_name.strip()
    title = (
        QCoreApplication.translate("CheckinFlow", "Takk, %1!").replace("%1", given)
        if given
        else QCoreApplication.translate("CheckinFlow", "Takk!")
    )
    when = format_time(recorded.at)
    if recorded.outcome is Outcome.CHECKED_IN:
        detail = QCoreApplication.translate(
            "CheckinFlow", "Du står som sjekket inn. Registrert kl. %1."
        ).replace("%1", when)
        return Message(MessageKind.WELCOME, title, detail, "checked_in_by_name")
    detail = QCoreApplication.translate(
        "CheckinFlow", "Du står som sjekket ut. Registrert kl. %1."
    ).replace("%1", when)
    return Message(MessageKind.GOODBYE, title, detail, "checked_out_by_name")


def unanswered_message(action: PendingAction) -> Message:
    """What did not happen when the confirm question timed out."""
    if action.outcome is Outcome.CHECKED_OUT:
        title = QCoreApplication.translate("CheckinFlow", "Du er ikke sjekket ut")
    else:
        title = QCoreApplication.translate("CheckinFlow", "Du er ikke sjekket inn")
    detail = QCoreApplication.translate(
        "CheckinFlow", "Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen."
    )
    return Message(MessageKind.PROBLEM, title, detail, "unanswered")


class CheckinFlow(Flow):
    confirmation_requested = Signal(object)
    """A ``PendingAction`` the visitor must confirm (or cancel) first."""

    def __init__(
        self,
        checkin: Checkin,
        messages: MessageBridge,
        guard: VisitorGuard,
        *,
        names: NameSearchFlow,
        scan_help: ScanHelpScreen,
        confirm: ConfirmScreen,
        pin: PinFlow,
        name_action: NameActionScreen,
        checkout: IdentifyScreen,
        name_checkin_without_pin: bool = True,
        desks: DeskService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._checkin = checkin
        self._messages = messages
        self._guard = guard
        self._names = names
        self.scan_help, self.confirm_screen = scan_help, confirm
        self._pin, self.name_action, self.checkout_screen = pin, name_action, checkout
        self._checkin_without_pin = name_checkin_without_pin
        self._desks = desks  # for "Din pult i dag: B-12" on the welcome
        self.pending: PendingAction | None = None
        self.closing = ClosingNotice()
        self.chosen: PersonSummary | None = None  # picked by name, choosing in or out

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        scan_help, confirm = self.scan_help, self.confirm_screen
        # The camera runs on its one screen only (privacy and power).
        host.add_screen(
            scan_help,
            scans=Scans.ON,
            on_show=scan_help.start_camera,
            on_hide=scan_help.stop_camera,
            on_back=host.go_start,
        )
        # The same pass again means "yes"; Esc means "Avbryt".
        host.add_screen(confirm, scans=Scans.REPEAT, on_back=confirm.cancelled.emit)
        host.start.qr_help_requested.connect(lambda: host.show_screen(scan_help))
        host.start.name_search_requested.connect(
            lambda: self._names.ask(None, chosen=self.choose_person, back=host.go_start)
        )
        # After a name pick: "Sjekk inn" or "Sjekk ut"; Esc means "Avbryt".
        name_action, checkout = self.name_action, self.checkout_screen
        host.add_screen(name_action, on_back=name_action.cancelled.emit)
        name_action.check_in_requested.connect(self.check_in_by_name)
        name_action.check_out_requested.connect(self.check_out_by_name)
        name_action.cancelled.connect(host.go_start)
        # "Sjekk ut": a pass (scanner), or the name and the PIN.
        host.add_screen(checkout, scans=Scans.ON, on_back=host.go_start)
        host.start.checkout_requested.connect(self._ask_checkout)
        checkout.cancelled.connect(host.go_start)
        checkout.name_search_requested.connect(self._ask_checkout_name)
        scan_help.back_requested.connect(host.go_start)
        scan_help.code_read.connect(self._camera_read)
        confirm.accepted.connect(self.confirm)
        confirm.cancelled.connect(host.go_start)
        self.confirmation_requested.connect(self._show_confirm)

    def reset(self) -> None:
        self.cancel()
        self.chosen = None
        self.confirm_screen.clear()
        self.name_action.clear()
        self.checkout_screen.clear()

    def shutdown(self) -> None:
        self.scan_help.stop_camera()

    def timed_out(self) -> bool:
        """ "Sjekke ut Kari?" left unanswered: nothing is recorded, and the visitor is told."""
        action = self.pending
        if action is None or self._host.current_screen is not self.confirm_screen:
            return False
        self.cancel()
        self._messages.show(unanswered_message(action))
        return True

    # Entry points (each one user action) ------------------------------------------------------
    def handle_scan(self, text: str) -> bool:
        """Any scan the other flows did not take is a check-in or check-out."""
        self._guard.run(lambda: self._scan(text), undo=self.cancel)
        return True

    def choose_person(self, person: PersonSummary) -> None:
        self._guard.run(lambda: self._choose(person), undo=self.cancel)

    def confirm(self) -> None:
        self._guard.run(self._confirm, undo=self.cancel)

    def check_in_by_name(self) -> None:
        """ "Sjekk inn" after a name pick (with the PIN where the site asks for it)."""
        self._guard.run(self._check_in_by_name, undo=self.reset)

    def check_out_by_name(self) -> None:
        """ "Sjekk ut" after a name pick: the PIN first."""
        self._guard.run(self._check_out_by_name, undo=self.reset)

    def cancel(self) -> None:
        self.pending = None

    # Screens ---------------------------------------------------------------------------------
    def _camera_read(self, text: str) -> None:
        if self._host.current_screen is not self.scan_help:
            return
        if self._host.take_camera_code(text):  # not a repeat of the same code within seconds
            self.scan_help.confirm_read()

    def _show_confirm(self, action: PendingAction) -> None:
        self.confirm_screen.ask(action.person, action.outcome, by_pass=action.pass_id is not None)
        self._host.show_screen(self.confirm_screen)

    # Steps -----------------------------------------------------------------------------------
    def _scan(self, text: str) -> None:
        try:
            identification = self._checkin.identify_pass(text)
        except PassError as exc:
            self.pending = None
            self._messages.show(pass_refused_message(exc, text))
            return
        pending = self.pending
        if (
            pending is not None
            and pending.outcome is Outcome.CHECKED_OUT
            and pending.pass_id == identification.pass_id
        ):
            self._confirm()  # the same pass again on the confirm screen means "yes"
            return
        self.pending = None
        person = identification.person
        if self._host.current_screen is self.checkout_screen:
            self._check_out_by_pass(identification)
            return
        if identification.present:
            self._ask(
                PendingAction(person, Outcome.CHECKED_OUT, CheckinMethod.QR, identification.pass_id)
            )
            return
        notice = self.closing.notice(identification)  # checked out at closing today
        if notice is not None:
            self._messages.show(notice)
            return
        recorded = self._checkin.check_in(
            person.person_id, CheckinMethod.QR, identification.pass_id
        )
        self._messages.show(self._with_desk(recorded_message(recorded), recorded))

    def _choose(self, person: PersonSummary) -> None:
        # Both choices, whoever it is: nothing here may depend on whether they are in.
        self.pending, self.chosen = None, person
        self.name_action.ask(person)
        self._host.show_screen(self.name_action)

    def _back_to_choice(self) -> None:
        if self.chosen is None:
            self._host.go_start()
            return
        self.name_action.ask(self.chosen)
        self._host.show_screen(self.name_action)

    def _check_in_by_name(self) -> None:
        person = self.chosen
        if person is None:
            return
        if self._checkin_without_pin:
            refusal = self._pin.refusal(person)  # a lock holds for every name action
            if refusal is not None:
                self.reset()
                self._messages.show(refusal)
                return
            self._record_by_name(person, Outcome.CHECKED_IN)
            return
        self._pin.ask(
            person,
            QCoreApplication.translate("CheckinFlow", "Sjekk inn – skriv PIN-koden din"),
            verified=lambda: self._guarded_record(person, Outcome.CHECKED_IN),
            back=self._back_to_choice,
        )

    def _check_out_by_name(self) -> None:
        person = self.chosen
        if person is None:
            return
        self._ask_pin_to_check_out(person, back=self._back_to_choice)

    def _ask_checkout(self) -> None:
        """ "Sjekk ut" on the start screen: a pass, or the name and the PIN."""
        self.checkout_screen.ask(
            lambda: QCoreApplication.translate("CheckinFlow", "Sjekk ut"),
            back=lambda: QCoreApplication.translate("CheckinFlow", "Tilbake til startskjermen"),
            pin=True,
        )
        self._host.show_screen(self.checkout_screen)

    def _ask_checkout_name(self) -> None:
        self._names.ask(
            QCoreApplication.translate("CheckinFlow", "Sjekk ut – skriv navnet ditt"),
            chosen=lambda person: self._guard.run(
                lambda: self._ask_pin_to_check_out(person, back=self._back_to_checkout),
                undo=self.reset,
            ),
            back=self._back_to_checkout,
        )

    def _back_to_checkout(self) -> None:
        self._names.reset()
        self._host.show_screen(self.checkout_screen)

    def _ask_pin_to_check_out(self, person: PersonSummary, *, back: Callable[[], None]) -> None:
        self._pin.ask(
            person,
            QCoreApplication.translate("CheckinFlow", "Sjekk ut – skriv PIN-koden din"),
            verified=lambda: self._guarded_record(person, Outcome.CHECKED_OUT),
            back=back,
        )

    def _guarded_record(self, person: PersonSummary, outcome: Outcome) -> None:
        self._guard.run(lambda: self._record_by_name(person, outcome), undo=self.reset)

    def _record_by_name(self, person: PersonSummary, outcome: Outcome) -> None:
        self.chosen = None
        record = (
            self._checkin.check_in if outcome is Outcome.CHECKED_IN else self._checkin.check_out
        )
        recorded = record(person.person_id, CheckinMethod.NAME)
        self._messages.show(by_name_message(recorded))

    def _check_out_by_pass(self, identification: Identification) -> None:
        """A pass on the check-out screen: its holder leaves (recorded either way)."""
        recorded = self._checkin.check_out(
            identification.person.person_id, CheckinMethod.QR, identification.pass_id
        )
        self._messages.show(recorded_message(recorded))

    def _ask(self, action: PendingAction) -> None:
        self.pending = action
        self.confirmation_requested.emit(action)

    def _confirm(self) -> None:
        action, self.pending = self.pending, None
        if action is None:
            log.warning("kiosk: confirmed with nothing pending")
            return
        record = (
            self._checkin.check_in
            if action.outcome is Outcome.CHECKED_IN
            else self._checkin.check_out
        )
        recorded = record(action.person.person_id, action.method, action.pass_id)
        self._messages.show(self._with_desk(recorded_message(recorded), recorded))

    def _with_desk(self, message: Message, recorded: Recorded) -> Message:
        """A welcome also names the desk the person holds today, and any lost offline claim."""
        if self._desks is None or recorded.outcome is not Outcome.CHECKED_IN:
            return message
        person_id = recorded.person.person_id
        lines = [message.detail] if message.detail else []
        desk = self._desks.todays_desk(person_id)
        if desk is not None:
            lines.append(todays_desk_line(desk))
        notice = conflict_notice(self._desks.take_conflict_notices(person_id))
        if notice:
            lines.append(notice)
        return replace(
            message, detail="\n".join(lines), desk_id=desk.id if desk is not None else None
        )
