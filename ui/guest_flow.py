"""A walk-in guest checks in: "Jeg er gjest" on the start screen, a few questions, a badge.

Steps: phone or e-mail (optional; a returning guest found by the store only confirms) → name →
organisation (optional) → whom they visit (masked members of the site) → why → the privacy
notice, accepted → one local transaction (``GuestService.arrive``) → the badge printed → the
arrival pushed at once: the welcome says "Vi har sagt fra til Kari" only if the store accepted
it, else that Kari will be told as soon as the kiosk is online. A failing printer never stops
the check-in: the welcome says to ask staff for a badge.

The badge's QR code checks the guest out: ``handle_scan`` takes badges printed here, before the
check-in flow sees them. Everything typed is forgotten when the start screen shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.domain import Outcome, Recorded
from kiosk.guest_rules import (
    GuestInputError,
    GuestProblem,
    Purpose,
    clean_name,
    clean_organisation,
    normalise_contact,
)
from kiosk.guests import (
    AlreadyOut,
    GuestArrived,
    GuestDetails,
    GuestService,
    Host,
    HostNotice,
    LookupLimited,
    LookupUnavailable,
    ReturningGuest,
)
from ui.badge_printer import BadgePrinter, BadgePrintError
from ui.checkin_flow import recorded_message
from ui.flow import Flow, ScreenHost
from ui.messages import Message, MessageBridge, MessageKind
from ui.screens.guest_choice import GuestChoiceScreen
from ui.screens.guest_host import GuestHostScreen
from ui.screens.guest_text import GuestTextScreen
from ui.time_display import format_time
from ui.visitor_guard import VisitorGuard

log = logging.getLogger(__name__)

YES, NO, ACCEPT, DECLINE = "yes", "no", "accept", "decline"


def problem_text(problem: GuestProblem) -> str:
    """What the visitor reads under the field, in their language."""
    texts = {
        GuestProblem.EMPTY_NAME: QCoreApplication.translate("GuestFlow", "Skriv navnet ditt."),
        GuestProblem.NAME_TOO_LONG: QCoreApplication.translate(
            "GuestFlow", "Navnet er for langt. Skriv det på høyst 100 tegn."
        ),
        GuestProblem.NAME_CHARACTERS: QCoreApplication.translate(
            "GuestFlow", "Navnet kan bare ha bokstaver, mellomrom, bindestrek, apostrof og punktum."
        ),
        GuestProblem.ORGANISATION_TOO_LONG: QCoreApplication.translate(
            "GuestFlow", "Navnet på organisasjonen er for langt. Skriv det på høyst 100 tegn."
        ),
        GuestProblem.ORGANISATION_CHARACTERS: QCoreApplication.translate(
            "GuestFlow", "Navnet på organisasjonen kan ikke ha symboler eller emoji."
        ),
        GuestProblem.BAD_PHONE: QCoreApplication.translate(
            "GuestFlow",
            "Dette ser ikke ut som et telefonnummer. Skriv for eksempel 412 34 567, "
            "eller +46 70 123 45 67 for et utenlandsk nummer.",
        ),
        GuestProblem.BAD_EMAIL: QCoreApplication.translate(
            "GuestFlow", "Dette ser ikke ut som en e-postadresse. Skriv for eksempel navn@firma.no."
        ),
        GuestProblem.NO_HOST: QCoreApplication.translate(
            "GuestFlow",
            "Vi finner ikke den du skal besøke her. Velg en annen, eller spør i resepsjonen.",
        ),
        GuestProblem.NO_PURPOSE: QCoreApplication.translate("GuestFlow", "Velg hvorfor du er her."),
    }
    return texts[problem]


def purpose_label(purpose: Purpose) -> str:
    return {
        Purpose.MEETING: QCoreApplication.translate("GuestFlow", "Møte"),
        Purpose.LUNCH_TALK: QCoreApplication.translate("GuestFlow", "Faglig lunsj"),
        Purpose.WORKING: QCoreApplication.translate("GuestFlow", "Jobbe her i dag"),
    }[purpose]


def privacy_notice() -> str:
    return QCoreApplication.translate(
        "GuestFlow",
        "Vi lagrer navnet ditt, organisasjonen, hvem du besøker og hvorfor, når du kom og gikk, "
        "og telefonnummer eller e-post hvis du skrev det.\n\n"
        "Hvorfor: for å si fra til verten din, for å vite hvem som er i bygget hvis vi må "
        "evakuere, og for å kjenne deg igjen neste gang du kommer.\n\n"
        "Hvor lenge: opplysningene slettes etter 30 dager.\n\n"
        "Spørsmål, innsyn eller sletting: spør i resepsjonen. RegionLab Lister er ansvarlig "
        "for opplysningene.",
    )


@dataclass
class _Draft:
    """What the guest has told so far; forgotten at the start screen."""

    phone: str | None = None
    email: str | None = None
    returning: ReturningGuest | None = None
    name: str = ""
    organisation: str = ""
    host: Host | None = None
    purpose: Purpose | None = None


class GuestFlow(Flow):
    def __init__(
        self,
        guests: GuestService,
        messages: MessageBridge,
        guard: VisitorGuard,
        printer: BadgePrinter,
        *,
        contact: GuestTextScreen,
        name: GuestTextScreen,
        organisation: GuestTextScreen,
        host: GuestHostScreen,
        purpose: GuestChoiceScreen,
        returning: GuestChoiceScreen,
        privacy: GuestChoiceScreen,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._guests = guests
        self._messages = messages
        self._guard = guard
        self._printer = printer
        self.contact_screen, self.name_screen = contact, name
        self.organisation_screen, self.host_screen = organisation, host
        self.purpose_screen, self.returning_screen = purpose, returning
        self.privacy_screen = privacy
        self.draft = _Draft()
        self.last_arrival: GuestArrived | None = None  # for tests and the log, never shown

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        for screen, back in (
            (self.contact_screen, host.go_start),
            (self.name_screen, self.ask_contact),
            (self.organisation_screen, self.ask_name),
            (self.host_screen, self._back_from_host),
            (self.purpose_screen, self.ask_host),
            (self.returning_screen, self.ask_contact),
            (self.privacy_screen, self.ask_purpose),
        ):
            on_show = getattr(screen, "focus_field", None)
            host.add_screen(screen, on_show=on_show, on_back=back)
            screen.back_requested.connect(back)
        host.start.guest_requested.connect(self.start)
        self.contact_screen.submitted.connect(lambda text: self._run(lambda: self._contact(text)))
        self.contact_screen.skipped.connect(self.ask_name)
        self.name_screen.submitted.connect(lambda text: self._run(lambda: self._name(text)))
        self.organisation_screen.submitted.connect(
            lambda text: self._run(lambda: self._organisation(text))
        )
        self.organisation_screen.skipped.connect(lambda: self._run(lambda: self._organisation("")))
        self.host_screen.host_chosen.connect(self._host_chosen)
        self.purpose_screen.chosen.connect(self._purpose_chosen)
        self.returning_screen.chosen.connect(self._returning_answer)
        self.privacy_screen.chosen.connect(
            lambda key: self._run(self._arrive) if key == ACCEPT else self._declined()
        )

    def reset(self) -> None:
        self.draft = _Draft()
        for screen in (self.contact_screen, self.name_screen, self.organisation_screen):
            screen.reset()
        self.host_screen.reset()

    def handle_scan(self, text: str) -> bool:
        """A badge printed here checks its guest out; any other code is not ours."""
        if not self._guests.is_badge(text):
            return False
        self._guard.run(lambda: self._badge_out(text), undo=lambda: None)
        return True

    # Steps ---------------------------------------------------------------------------------
    def start(self) -> None:
        self.reset()
        self.ask_contact()

    def ask_contact(self) -> None:
        self.draft.returning = None
        self.contact_screen.ask(
            QCoreApplication.translate("GuestFlow", "Har du vært her før?"),
            QCoreApplication.translate(
                "GuestFlow",
                "Skriv telefonnummeret eller e-postadressen din, så kjenner vi deg igjen. "
                "Du kan også hoppe over.",
            ),
            text=self.contact_screen.field.text(),
            optional=True,
        )
        self._host.show_screen(self.contact_screen)

    def ask_name(self, notice: str = "") -> None:
        self.name_screen.ask(
            QCoreApplication.translate("GuestFlow", "Hva heter du?"),
            notice
            or QCoreApplication.translate(
                "GuestFlow", "Fornavn og etternavn, slik det skal stå på navneskiltet."
            ),
            text=self.name_screen.field.text(),
        )
        self._host.show_screen(self.name_screen)

    def ask_organisation(self) -> None:
        self.organisation_screen.ask(
            QCoreApplication.translate("GuestFlow", "Hvor kommer du fra?"),
            QCoreApplication.translate(
                "GuestFlow", "Firma eller organisasjon. Du kan hoppe over hvis du kommer privat."
            ),
            text=self.organisation_screen.field.text(),
            optional=True,
        )
        self._host.show_screen(self.organisation_screen)

    def ask_host(self) -> None:
        self._host.show_screen(self.host_screen)

    def ask_purpose(self) -> None:
        self.purpose_screen.ask(
            QCoreApplication.translate("GuestFlow", "Hvorfor er du her i dag?"),
            "",
            [(str(p), purpose_label(p)) for p in Purpose],
        )
        self._host.show_screen(self.purpose_screen)

    def _back_from_host(self) -> None:
        if self.draft.returning is not None:
            self.ask_contact()
        else:
            self.ask_organisation()

    def _run(self, step: Callable[[], None]) -> None:
        self._guard.run(step, undo=lambda: None)

    def _contact(self, text: str) -> None:
        try:
            self.draft.phone, self.draft.email = normalise_contact(text)
        except GuestInputError as exc:
            self.contact_screen.show_problem(problem_text(exc.problem))
            return
        if self.draft.phone is None and self.draft.email is None:
            self.ask_name()
            return
        try:
            found = self._guests.find_returning(text)
        except LookupLimited:
            # The same words whoever typed what: nothing here tells whether the contact is known.
            log.info("kiosk: the store limits this kiosk's guest lookups for now")
            self.contact_screen.show_problem(
                QCoreApplication.translate(
                    "GuestFlow",
                    "Kiosken har slått opp mange på kort tid. Prøv igjen om litt, eller hopp over.",
                )
            )
            return
        except LookupUnavailable:
            log.info("kiosk: returning guests cannot be looked up now")
            self.ask_name(
                QCoreApplication.translate(
                    "GuestFlow",
                    "Vi får ikke sjekket om du har vært her før akkurat nå. Skriv navnet ditt.",
                )
            )
            return
        if found is None:
            self.ask_name()
            return
        self.draft.returning = found
        self.returning_screen.ask(
            QCoreApplication.translate("GuestFlow", "Velkommen tilbake! Er dette deg?"),
            found.display,
            [
                (NO, QCoreApplication.translate("GuestFlow", "Nei")),
                (YES, QCoreApplication.translate("GuestFlow", "Ja, det er meg")),
            ],
            primary=YES,
            side_by_side=True,
            body_large=True,
        )
        self._host.show_screen(self.returning_screen)

    def _returning_answer(self, key: str) -> None:
        found = self.draft.returning
        if key == YES and found is not None:
            self.draft.name, self.draft.organisation = found.name, found.organisation
            self.ask_host()
            return
        self.draft.returning = None
        self.ask_name()

    def _name(self, text: str) -> None:
        try:
            self.draft.name = clean_name(text)
        except GuestInputError as exc:
            self.name_screen.show_problem(problem_text(exc.problem))
            return
        self.ask_organisation()

    def _organisation(self, text: str) -> None:
        try:
            self.draft.organisation = clean_organisation(text)
        except GuestInputError as exc:
            self.organisation_screen.show_problem(problem_text(exc.problem))
            return
        self.ask_host()

    def _host_chosen(self, host: Host) -> None:
        self.draft.host = host
        self.ask_purpose()

    def _purpose_chosen(self, key: str) -> None:
        self.draft.purpose = Purpose(key)
        self.privacy_screen.ask(
            QCoreApplication.translate("GuestFlow", "Før vi lagrer: personvern"),
            privacy_notice(),
            [
                (DECLINE, QCoreApplication.translate("GuestFlow", "Avbryt")),
                (
                    ACCEPT,
                    QCoreApplication.translate("GuestFlow", "Jeg har lest dette – sjekk meg inn"),
                ),
            ],
            primary=ACCEPT,
            side_by_side=True,
        )
        self._host.show_screen(self.privacy_screen)

    def _declined(self) -> None:
        self.reset()
        self._messages.show(
            Message(
                MessageKind.PROBLEM,
                QCoreApplication.translate("GuestFlow", "Du er ikke sjekket inn"),
                QCoreApplication.translate(
                    "GuestFlow",
                    "Ingenting er lagret. Spør i resepsjonen hvis du vil bli sjekket inn.",
                ),
                "guest_declined",
            )
        )

    def _arrive(self) -> None:
        draft = self.draft
        if draft.host is None or draft.purpose is None:
            self.ask_host() if draft.host is None else self.ask_purpose()
            return
        try:
            arrived = self._guests.arrive(
                GuestDetails(
                    name=draft.name,
                    organisation=draft.organisation,
                    host=draft.host,
                    purpose=draft.purpose,
                    phone=draft.phone,
                    email=draft.email,
                    person_id=draft.returning.person_id if draft.returning else None,
                )
            )
        except GuestInputError as exc:
            self._messages.show(
                Message(
                    MessageKind.PROBLEM,
                    QCoreApplication.translate("GuestFlow", "Du er ikke sjekket inn"),
                    problem_text(exc.problem),
                    f"guest_{exc.problem.value}",
                )
            )
            return
        self.last_arrival = arrived
        printed = self._print(arrived)
        notice = self._guests.tell_host(arrived)
        self.reset()
        self._messages.show(welcome_message(arrived, notice, printed=printed))

    def _print(self, arrived: GuestArrived) -> bool:
        try:
            self._printer.print_badge(arrived.badge)
        except BadgePrintError as exc:
            log.warning("kiosk: guest badge not printed: %s", exc)
            return False
        return True

    def _badge_out(self, text: str) -> None:
        try:
            recorded: Recorded = self._guests.check_out_badge(text)
        except AlreadyOut:
            self._messages.show(
                Message(
                    MessageKind.PROBLEM,
                    QCoreApplication.translate("GuestFlow", "Du er allerede sjekket ut"),
                    QCoreApplication.translate(
                        "GuestFlow", "Takk for besøket! Legg gjerne navneskiltet i kurven ved døra."
                    ),
                    "badge_already_out",
                )
            )
            return
        assert recorded.outcome is Outcome.CHECKED_OUT
        self._messages.show(recorded_message(recorded))


def welcome_message(arrived: GuestArrived, notice: HostNotice, *, printed: bool) -> Message:
    title = QCoreApplication.translate("GuestFlow", "Velkommen, %1!").replace(
        "%1", arrived.given_name
    )
    host = arrived.host.given_name
    lines = [
        QCoreApplication.translate("GuestFlow", "Du er sjekket inn kl. %1.").replace(
            "%1", format_time(arrived.at)
        )
    ]
    if notice is HostNotice.TOLD:
        lines.append(
            QCoreApplication.translate("GuestFlow", "Vi har sagt fra til %1 at du er her.").replace(
                "%1", host
            )
        )
    elif notice is HostNotice.LATER:
        lines.append(
            QCoreApplication.translate(
                "GuestFlow", "Vi sier fra til %1 så snart skjermen får kontakt med nettet igjen."
            ).replace("%1", host)
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "GuestFlow", "Vi fikk ikke sagt fra til %1. Spør i resepsjonen."
            ).replace("%1", host)
        )
    if printed:
        lines.append(
            QCoreApplication.translate(
                "GuestFlow", "Ta navneskiltet ditt fra skriveren. Skann QR-koden på det når du går."
            )
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "GuestFlow", "Navneskiltet ble ikke skrevet ut. Spør i resepsjonen om et skilt."
            )
        )
    return Message(MessageKind.WELCOME, title, "\n".join(lines), "guest_checked_in")
