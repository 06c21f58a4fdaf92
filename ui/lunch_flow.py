"""Lunch talks at the kiosk: today's talk and the "here today" counts on the start screen, and
signing up from "Meld meg på" to the answer.

``LunchFlow`` owns the sign-up screen ("scan your pass, or find your name"), asks the name
search flow for a person, and runs the sign-up on a worker thread: ``LunchService.sign_up``
may wait up to ~1.5 s for the store's answer. Every answer reaches the visitor as a ``Message``
through the message bridge; known problems (a refused pass, a full talk) are worded calmly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool

from kiosk.domain import Identification, PersonSummary
from kiosk.lunch import HereToday, LunchTalk, SignupOutcome, SignupResult
from kiosk.protocol import CheckinMethod
from ui.flow import Flow, Scans, ScreenHost
from ui.gui_handoff import GuiHandoff
from ui.messages import Message, MessageBridge, MessageKind
from ui.name_search_flow import NameSearchFlow
from ui.screens.identify import IdentifyScreen
from ui.time_display import format_time
from ui.visitor_guard import VisitorGuard
from ui.widgets.here_today import HereTodayLabel
from ui.widgets.lunch_panel import LunchPanel

log = logging.getLogger(__name__)


class Lunch(Protocol):
    """The part of ``kiosk.lunch.LunchService`` the flow uses."""

    def todays_talk(self) -> LunchTalk | None: ...
    def here_today(self) -> HereToday | None: ...
    def sign_up(self, talk_id: str, person_id: str, method: CheckinMethod) -> SignupResult: ...
    def add_listener(self, callback: Callable[[], None]) -> None: ...


class Identify(Protocol):
    def identify_pass(self, text: str) -> Identification: ...


class _SignupTask(QRunnable):
    def __init__(self, run: Callable[[], SignupResult], deliver: Callable[[object], None]):
        super().__init__()
        self._run, self._deliver = run, deliver

    def run(self) -> None:
        answer: object
        try:
            answer = self._run()
        except Exception as exc:  # noqa: BLE001 - to the GUI thread, where the guard logs it
            answer = exc
        self._deliver(answer)


class LunchFlow(Flow):
    def __init__(
        self,
        lunch: Lunch,
        checkin: Identify,
        messages: MessageBridge,
        guard: VisitorGuard,
        *,
        names: NameSearchFlow,
        screen: IdentifyScreen,
        panel: LunchPanel,
        here_today: HereTodayLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lunch, self._checkin, self._messages = lunch, checkin, messages
        self._guard, self._names = guard, names
        self.screen, self.panel, self.here_today = screen, panel, here_today
        self.talk: LunchTalk | None = None  # the talk the visitor is signing up for
        self.person: PersonSummary | None = None
        self.signing_up = False
        self._shut = False
        self._generation = 0
        self._answers: GuiHandoff[tuple[int, object]] = GuiHandoff(self._deliver, self)
        self._changes: GuiHandoff[None] = GuiHandoff(
            lambda _: self.refresh(), self, newest_only=True
        )
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def awaiting_identity(self) -> bool:
        return self.talk is not None and not self.signing_up

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        host.add_screen(self.screen, scans=Scans.ON, on_back=self._cancel_to_start)
        self.panel.signup_requested.connect(self.begin)
        self.screen.name_search_requested.connect(self._ask_name)
        self.screen.cancelled.connect(self._cancel_to_start)
        self._lunch.add_listener(lambda: self._changes.put(None))
        self.refresh()

    def refresh(self) -> None:
        """Today's talk and the counts, as the local store has them now."""
        if self._shut:  # the minute ticker may still fire: the store may be closed
            return
        self.panel.show_talk(self._lunch.todays_talk())
        self.here_today.show_counts(self._lunch.here_today())

    def reset(self) -> None:
        self.cancel()
        self.screen.clear()
        self.refresh()

    def cancel(self) -> None:
        """Forget the visitor and the talk; an answer still on its way is ignored."""
        self.talk = self.person = None
        self.signing_up = False
        self._generation += 1

    def shutdown(self) -> None:
        self.cancel()
        self._shut = True
        self._changes.close()  # a change noted now must not reach a closed store
        self._pool.waitForDone(5000)
        self._answers.close()

    # Steps -----------------------------------------------------------------------------------
    def begin(self, talk_id: str) -> None:
        """ "Meld meg på": ask who the visitor is."""
        talk = self.panel.talk
        if talk is None or talk.id != talk_id:
            return
        self.cancel()
        self.talk = talk
        self.screen.ask(
            lambda: QCoreApplication.translate("LunchFlow", "Meld deg på: «%1»").replace(
                "%1", talk.title
            ),
            back=lambda: QCoreApplication.translate("LunchFlow", "Tilbake til startsiden"),
            pin=False,  # a sign-up by name needs no PIN
        )
        self._host.show_screen(self.screen)

    def handle_scan(self, text: str) -> bool:
        """Takes a pass scanned while the sign-up screen waits for the visitor's identity."""
        if self._host.current_screen is not self.screen or not self.awaiting_identity:
            return False
        self._guard.run(lambda: self._identify_by_pass(text), undo=self.cancel)
        return True

    def choose_person(self, person: PersonSummary) -> None:
        self._guard.run(lambda: self._start(person, CheckinMethod.NAME), undo=self.cancel)

    def _identify_by_pass(self, text: str) -> None:
        who = self._checkin.identify_pass(text)
        self._start(who.person, CheckinMethod.QR)

    def _ask_name(self) -> None:
        talk = self.talk
        if talk is None:
            return
        heading = QCoreApplication.translate(
            "LunchFlow", "Meld deg på «%1» – skriv navnet ditt"
        ).replace("%1", talk.title)
        self._names.ask(heading, chosen=self.choose_person, back=self._name_back)

    def _name_back(self) -> None:
        self._names.reset()
        self._host.show_screen(self.screen)

    def _cancel_to_start(self) -> None:
        if not self.signing_up:
            self.cancel()
            self._host.go_start()

    def _start(self, person: PersonSummary, method: CheckinMethod) -> None:
        talk = self.talk
        if talk is None:
            return
        self.person = person
        self.signing_up = True
        self._generation += 1
        generation = self._generation
        lunch, person_id = self._lunch, person.person_id
        log.info("kiosk: lunch sign-up")
        self._names.reset()
        self.screen.show_busy()
        self._host.show_screen(self.screen)
        self._pool.start(
            _SignupTask(
                lambda: lunch.sign_up(talk.id, person_id, method),
                lambda answer: self._answers.put((generation, answer)),
            )
        )

    def _deliver(self, answers: list[tuple[int, object]]) -> None:
        for generation, answer in answers:
            if generation != self._generation:
                log.info("kiosk: a lunch sign-up answered after the visitor left")
                continue
            talk, person = self.talk, self.person
            self.cancel()
            if isinstance(answer, SignupResult) and talk is not None:
                self._messages.show(signup_message(answer, answer.talk or talk, person))
            else:
                assert isinstance(answer, BaseException)
                self._guard.show(answer)
            self.refresh()


def signup_message(result: SignupResult, talk: LunchTalk, person: PersonSummary | None) -> Message:
    """What the visitor reads after "Meld meg på"."""
    given = person.given_name.strip() if person else ""
    where = (
        QCoreApplication.translate("LunchFlow", "«%1» kl. %2 i %3.")
        .replace("%1", talk.title)
        .replace("%2", format_time(talk.starts_at))
        .replace("%3", talk.room)
    )
    outcome = result.outcome
    if outcome in (SignupOutcome.SIGNED_UP, SignupOutcome.PROVISIONAL):
        title = (
            QCoreApplication.translate("LunchFlow", "Du er påmeldt, %1!").replace("%1", given)
            if given
            else QCoreApplication.translate("LunchFlow", "Du er påmeldt!")
        )
        detail = where
        if outcome is SignupOutcome.PROVISIONAL:
            detail += "\n" + QCoreApplication.translate(
                "LunchFlow", "Påmeldingen er lagret her og sendes så snart kiosken er tilkoblet."
            )
        return Message(MessageKind.WELCOME, title, detail, f"lunch_{outcome.value}")
    if outcome is SignupOutcome.ALREADY:
        return Message(
            MessageKind.WELCOME,
            QCoreApplication.translate("LunchFlow", "Du er allerede påmeldt"),
            where,
            "lunch_already",
        )
    if outcome is SignupOutcome.FULL:
        return Message(
            MessageKind.PROBLEM,
            QCoreApplication.translate("LunchFlow", "Den faglige lunsjen er full"),
            QCoreApplication.translate(
                "LunchFlow",
                "Alle %1 plassene er tatt. Spør i resepsjonen om det blir en plass ledig.",
            ).replace("%1", str(talk.capacity)),
            "lunch_full",
        )
    return Message(
        MessageKind.PROBLEM,
        QCoreApplication.translate("LunchFlow", "Påmeldingen gikk ikke"),
        QCoreApplication.translate(
            "LunchFlow", "Denne faglige lunsjen er over eller avlyst. Spør gjerne i resepsjonen."
        ),
        "lunch_unavailable",
    )
