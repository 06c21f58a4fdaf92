"""What happens after a scan, a name pick or an answer on the confirm screen.

``CheckinFlow`` holds no widgets. It calls the check-in service, asks for a confirmation
through ``confirmation_requested`` when one is needed, and hands every result to the message
bridge. Known problems (a bad pass, a kiosk that has not synced) become calm messages saying
what to do next; anything else is a bug: logged with its traceback, and the visitor sees
"Noe gikk galt. Prøv igjen." Nothing is recorded unless the visitor's intent is clear.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Signal

from kiosk.desks import DeskService
from kiosk.domain import (
    Identification,
    KioskError,
    NotReady,
    Outcome,
    PersonSummary,
    Recorded,
    StoreError,
    UnknownPerson,
)
from kiosk.passes import PREFIX, PassClaims, PassError, PassKind, PassProblem, normalise_token
from kiosk.protocol import CheckinMethod
from ui.desk_texts import conflict_notice, todays_desk_line
from ui.messages import Message, MessageBridge, MessageKind
from ui.time_display import format_time, local

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


def pass_problem_text(problem: PassProblem) -> str:
    """What a visitor should do when their pass is refused for ``problem``."""
    texts = {
        PassProblem.GARBLED: QCoreApplication.translate(
            "PassProblem", "Vi kunne ikke lese koden. Prøv igjen, eller sjekk inn med navn."
        ),
        PassProblem.UNSUPPORTED_VERSION: QCoreApplication.translate(
            "PassProblem",
            "Denne koden er av en type kiosken ikke kjenner. Sjekk inn med navn, "
            "og be resepsjonen om et nytt pass.",
        ),
        PassProblem.NO_KEYS: QCoreApplication.translate(
            "PassProblem",
            "Kiosken er ikke klar ennå og kan ikke lese pass. Sjekk inn med navn, "
            "eller prøv igjen om litt.",
        ),
        PassProblem.UNKNOWN_KEY: QCoreApplication.translate(
            "PassProblem",
            "Kiosken kjenner ikke igjen dette passet. Sjekk inn med navn, "
            "og ta kontakt i resepsjonen.",
        ),
        PassProblem.BAD_SIGNATURE: QCoreApplication.translate(
            "PassProblem",
            "Passet er ikke gyldig. Sjekk inn med navn, og ta kontakt i resepsjonen.",
        ),
        PassProblem.NOT_YET_VALID: QCoreApplication.translate(
            "PassProblem",
            "Passet ditt gjelder ikke ennå. Sjekk inn med navn, eller ta kontakt i resepsjonen.",
        ),
        PassProblem.EXPIRED: QCoreApplication.translate(
            "PassProblem",
            "Passet ditt har gått ut. Ta kontakt i resepsjonen eller sjekk inn med navn.",
        ),
        PassProblem.WRONG_SITE: QCoreApplication.translate(
            "PassProblem",
            "Dette passet gjelder et annet Statens hus-kontor. Sjekk inn med navn, "
            "eller ta kontakt i resepsjonen.",
        ),
        PassProblem.REVOKED: QCoreApplication.translate(
            "PassProblem", "Passet er sperret og kan ikke brukes. Ta kontakt i resepsjonen."
        ),
    }
    return texts[problem]


def pass_problem_title(problem: PassProblem) -> str:
    if problem is PassProblem.GARBLED:
        return QCoreApplication.translate("PassProblem", "Koden kunne ikke leses")
    if problem is PassProblem.NO_KEYS:
        return QCoreApplication.translate("PassProblem", "Kiosken er ikke klar")
    return QCoreApplication.translate("PassProblem", "Passet kan ikke brukes")


def _looks_like_our_pass(text: str) -> bool:
    # Only the start matters: a 10 KB burst is not worth normalising whole.
    return normalise_token(text[:40]).startswith(PREFIX)


def _guest_days_text(claims: PassClaims) -> str:
    """ "fredag 28. november", or "fra fredag 28. november til søndag 30. november"."""
    first = local(claims.valid_from).date()
    last = local(claims.valid_to - timedelta(seconds=1)).date()
    locale = QLocale()

    def day(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), "dddd d. MMMM")

    if first >= last:
        return day(first)
    return (
        QCoreApplication.translate("PassProblem", "fra %1 til %2")
        .replace("%1", day(first))
        .replace("%2", day(last))
    )


def pass_refused_message(exc: PassError, text: str | None = None) -> Message:
    """The message for a refused pass. ``text`` (what was scanned) tells a code that is not
    ours at all (a web address, a product's barcode) from one of ours that was misread."""
    claims = exc.claims
    if exc.problem is PassProblem.GARBLED and text is not None and not _looks_like_our_pass(text):
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("PassProblem", "Dette er ikke et RegionLab-pass"),
            QCoreApplication.translate(
                "PassProblem",
                "Vis fram QR-koden fra RegionLab-passet eller invitasjonen din, "
                "eller trykk «Sjekk inn med navn».",
            ),
            "not_a_pass",
        )
    if (
        claims is not None
        and claims.kind is PassKind.GUEST
        and exc.problem in (PassProblem.NOT_YET_VALID, PassProblem.EXPIRED)
    ):
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("PassProblem", "Invitasjonen gjelder ikke i dag"),
            QCoreApplication.translate(
                "PassProblem",
                "Invitasjonen din gjelder %1. Ta kontakt i resepsjonen hvis du skulle "
                "vært her i dag.",
            ).replace("%1", _guest_days_text(claims)),
            f"guest_{exc.problem.value}",
        )
    return Message(
        MessageKind.PROBLEM,
        pass_problem_title(exc.problem),
        pass_problem_text(exc.problem),
        exc.problem.value,
    )


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


def failure_message() -> Message:
    return Message(
        MessageKind.FAILURE,
        QCoreApplication.translate("CheckinFlow", "Noe gikk galt."),
        QCoreApplication.translate("CheckinFlow", "Prøv igjen."),
        "bug",
    )


class CheckinFlow(QObject):
    confirmation_requested = Signal(object)
    """A ``PendingAction`` the visitor must confirm (or cancel) first."""

    def __init__(
        self,
        checkin: Checkin,
        messages: MessageBridge,
        parent: QObject | None = None,
        *,
        desks: DeskService | None = None,
    ) -> None:
        super().__init__(parent)
        self._checkin = checkin
        self._messages = messages
        self._desks = desks  # for "Din pult i dag: B-12" on the welcome
        self.pending: PendingAction | None = None

    # Entry points (each one user action) ------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        self._guarded(lambda: self._scan(text))

    def choose_person(self, person: PersonSummary) -> None:
        self._guarded(lambda: self._choose(person))

    def confirm(self) -> None:
        self._guarded(self._confirm)

    def cancel(self) -> None:
        self.pending = None

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
        notice = conflict_notice(self._desks, person_id)
        if notice:
            lines.append(notice)
        return replace(
            message, detail="\n".join(lines), desk_id=desk.id if desk is not None else None
        )

    def _guarded(self, step: Callable[[], None]) -> None:
        """Run one user action; turn every failure into a message and a log line."""
        try:
            step()
        except Exception as exc:  # every failure becomes a calm message
            self.pending = None
            self._messages.show(problem_message(exc))


def problem_message(exc: Exception) -> Message:
    """The message for a failed user action: known problems say what to do next; anything
    else is a bug, logged with its traceback (call this inside the ``except`` block)."""
    if isinstance(exc, PassError):
        return pass_refused_message(exc)
    if isinstance(exc, NotReady):
        return Message(
            MessageKind.PROBLEM,
            pass_problem_title(PassProblem.NO_KEYS),
            pass_problem_text(PassProblem.NO_KEYS),
            "not_ready",
        )
    if isinstance(exc, UnknownPerson):
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("CheckinFlow", "Vi finner deg ikke"),
            QCoreApplication.translate(
                "CheckinFlow",
                "Du står ikke i listen over brukere her. Ta kontakt i resepsjonen.",
            ),
            "unknown_person",
        )
    if isinstance(exc, StoreError):
        log.error("kiosk: the local store cannot be written: %s", exc)
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("CheckinFlow", "Kiosken får ikke lagret nå"),
            QCoreApplication.translate(
                "CheckinFlow",
                "Ingenting ble registrert. Sjekk inn med en annen kiosk, "
                "eller ta kontakt i resepsjonen.",
            ),
            "store_error",
        )
    if isinstance(exc, KioskError):
        log.warning("kiosk: known problem %s: %s", type(exc).__name__, exc)
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("CheckinFlow", "Det gikk ikke"),
            QCoreApplication.translate(
                "CheckinFlow", "Prøv igjen, eller ta kontakt i resepsjonen."
            ),
            type(exc).__name__,
        )
    log.exception("kiosk: unexpected error in the check-in flow")
    return failure_message()
