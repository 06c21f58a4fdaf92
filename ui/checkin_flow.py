"""What happens after a scan, a name pick or an answer on the confirm screen.

``CheckinFlow`` owns the scan help screen (with its camera) and the confirm screen; it asks the
name search flow for a person. It calls the check-in service, asks for a confirmation when one
is needed, and hands every result to the message bridge. Every user action runs under the
visitor guard (``ui/visitor_guard.py``): known problems become calm messages, anything else is
a bug, logged with its traceback. Nothing is recorded unless the visitor's intent is clear.
"""

from __future__ import annotations

import logging
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
from ui.screens.confirm import ConfirmScreen
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
        desks: DeskService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._checkin = checkin
        self._messages = messages
        self._guard = guard
        self._names = names
        self.scan_help, self.confirm_screen = scan_help, confirm
        self._desks = desks  # for "Din pult i dag: B-12" on the welcome
        self.pending: PendingAction | None = None
        self.closing = ClosingNotice()

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
        scan_help.back_requested.connect(host.go_start)
        scan_help.code_read.connect(self._camera_read)
        confirm.accepted.connect(self.confirm)
        confirm.cancelled.connect(host.go_start)
        self.confirmation_requested.connect(self._show_confirm)

    def reset(self) -> None:
        self.cancel()
        self.confirm_screen.clear()

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
        present = self._checkin.is_present(person.person_id)
        outcome = Outcome.CHECKED_OUT if present else Outcome.CHECKED_IN
        self._ask(PendingAction(person, outcome, CheckinMethod.NAME))

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
