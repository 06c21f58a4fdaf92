"""Taking a desk: from "Ta denne pulten" (or "Finn en ledig pult for meg") to the answer.

``DeskFlow`` holds no widgets. It remembers what the visitor is doing (claiming one desk, or
asking for a suggestion), takes their identity from a scanned pass or a name pick, and runs
the claim on a worker thread: ``DeskService.claim`` may wait up to ~1.5 s for the central
store. The worker hands its answer back like ``ui/sync_status.py`` does: into a locked slot,
then an argument-less signal queued to the GUI thread. Every answer for the visitor is a
``Message`` through the message bridge, except "taken, choose another", which sends the
visitor back to the map (``choose_again_requested``).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from kiosk.desks import ClaimOutcome, ClaimResult, Desk, DeskService
from kiosk.domain import KioskError, PersonSummary
from kiosk.protocol import CheckinMethod
from ui.checkin_flow import Checkin, failure_message, problem_message
from ui.desk_texts import conflict_notice, desk_yours_title, todays_desk_line
from ui.messages import Message, MessageBridge, MessageKind

log = logging.getLogger(__name__)


class Purpose(enum.Enum):
    CLAIM = "claim"  # the visitor chose a desk on the map
    SUGGEST = "suggest"  # "Finn en ledig pult for meg"


class _ClaimTask(QRunnable):
    """Runs one claim on the pool's thread and leaves the answer with the flow."""

    def __init__(self, run: Callable[[], ClaimResult], deliver: Callable[[object], None]):
        super().__init__()
        self._run, self._deliver = run, deliver

    def run(self) -> None:
        answer: object
        try:
            answer = self._run()
        except KioskError as exc:
            answer = exc
        except Exception as exc:  # a bug: logged here, where the traceback is
            log.exception("kiosk: unexpected error while claiming a desk")
            answer = exc
        self._deliver(answer)


class DeskFlow(QObject):
    identify_requested = Signal()
    """The visitor must say who they are (pass or name) before the flow can go on."""
    claim_started = Signal()
    """A claim is on its way to the store: show "Et øyeblikk …"."""
    choose_again_requested = Signal(str)
    """The desk went to someone else: back to the map, with this sentence."""
    suggestion_ready = Signal(str)
    """A desk id suggested for the identified visitor: show it, ready to take."""
    _answer_waiting = Signal()
    """Internal: the worker left an answer; carries nothing across the thread."""

    def __init__(
        self,
        desks: DeskService,
        checkin: Checkin,
        messages: MessageBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desks, self._checkin, self._messages = desks, checkin, messages
        self.purpose: Purpose | None = None
        self.desk: Desk | None = None
        self.person: PersonSummary | None = None
        self.method = CheckinMethod.QR
        self.claiming = False
        self._notice = ""
        self._generation = 0
        self._lock = threading.Lock()
        self._answers: list[tuple[int, object]] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._answer_waiting.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def awaiting_identity(self) -> bool:
        return self.purpose is not None and self.person is None and not self.claiming

    # Entry points (each one user action) ------------------------------------------------------
    def begin_claim(self, desk: Desk) -> None:
        """ "Ta denne pulten": claim at once if the visitor is known (a suggestion), else ask."""
        suggested = self.desk
        self.desk = desk
        if (
            self.person is not None
            and self.purpose is Purpose.SUGGEST
            and suggested is not None
            and suggested.id == desk.id
        ):
            self._start_claim()  # the visitor said who they are a moment ago
            return
        self.purpose, self.person = Purpose.CLAIM, None
        self.identify_requested.emit()

    def begin_suggest(self) -> None:
        self.purpose, self.desk, self.person = Purpose.SUGGEST, None, None
        self.identify_requested.emit()

    def handle_scan(self, text: str) -> None:
        """A pass was scanned while the flow waits for the visitor's identity."""
        try:
            identification = self._checkin.identify_pass(text)
        except Exception as exc:  # every failure becomes a calm message
            self.cancel()
            self._messages.show(problem_message(exc))
            return
        self._identified(identification.person, CheckinMethod.QR)

    def choose_person(self, person: PersonSummary) -> None:
        self._identified(person, CheckinMethod.NAME)

    def cancel(self) -> None:
        """Forget the visitor and the desk; an answer still on its way is ignored."""
        self.purpose = self.desk = self.person = None
        self.claiming = False
        self._notice = ""
        self._generation += 1

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone(5000)

    # Steps -----------------------------------------------------------------------------------
    def _identified(self, person: PersonSummary, method: CheckinMethod) -> None:
        if self.purpose is None:
            log.warning("kiosk: identity given with no desk flow going on")
            return
        self.person, self.method = person, method
        try:
            self._notice = conflict_notice(self._desks, person.person_id)
            if self.purpose is Purpose.CLAIM:
                self._start_claim()
            else:
                self._suggest(person)
        except Exception as exc:  # every failure becomes a calm message
            self.cancel()
            self._messages.show(problem_message(exc))

    def _suggest(self, person: PersonSummary) -> None:
        held = self._desks.todays_desk(person.person_id)
        if held is not None:
            self._show_held(held, already=False)
            return
        desk = self._desks.suggest_desk(person.person_id)
        if desk is None:
            self.cancel()
            self._messages.show(
                Message(
                    MessageKind.PROBLEM,
                    QCoreApplication.translate("DeskFlow", "Ingen ledige pulter akkurat nå"),
                    QCoreApplication.translate(
                        "DeskFlow", "Alle pultene er tatt. Spør gjerne i resepsjonen."
                    ),
                    "no_free_desk",
                )
            )
            return
        self.desk = desk
        self.suggestion_ready.emit(desk.id)

    def _start_claim(self) -> None:
        desk, person = self.desk, self.person
        if desk is None or person is None:
            return
        self.claiming = True
        self._generation += 1
        generation = self._generation
        desks, method = self._desks, self.method
        log.info("kiosk: claiming desk %s", desk.label)
        self.claim_started.emit()
        self._pool.start(
            _ClaimTask(
                lambda: desks.claim(desk.id, person.person_id, method),
                lambda answer: self._leave_answer(generation, answer),
            )
        )

    def _leave_answer(self, generation: int, answer: object) -> None:
        """On the worker thread: park the answer, wake the GUI thread with an empty signal."""
        with self._lock:
            self._answers.append((generation, answer))
        try:
            self._answer_waiting.emit()
        except RuntimeError:  # the window (and this flow) is already gone at shutdown
            log.debug("desk claim answered after the window closed")

    def _deliver(self) -> None:
        with self._lock:
            answers, self._answers = self._answers, []
        for generation, answer in answers:
            if generation != self._generation:
                log.info("kiosk: a desk claim answered after the visitor left")
                continue
            self.claiming = False
            if isinstance(answer, ClaimResult):
                self._claimed(answer)
            else:
                self.cancel()
                if isinstance(answer, KioskError):
                    self._messages.show(problem_message(answer))
                else:
                    self._messages.show(failure_message())

    def _claimed(self, result: ClaimResult) -> None:
        person, notice = self.person, self._notice
        outcome = result.outcome
        log.info("kiosk: desk claim %s", outcome.value)
        if outcome in (ClaimOutcome.TAKEN, ClaimOutcome.NOT_FREE):
            self.cancel()
            text = (
                QCoreApplication.translate("DeskFlow", "Pulten ble akkurat tatt, velg en annen.")
                if outcome is ClaimOutcome.TAKEN
                else QCoreApplication.translate(
                    "DeskFlow", "Pulten er ikke ledig lenger, velg en annen."
                )
            )
            log.info("kiosk: message problem (desk_%s)", outcome.value)
            self.choose_again_requested.emit(text)
            return
        if outcome is ClaimOutcome.ALREADY_HAS_DESK:
            held = self._desks.todays_desk(person.person_id) if person else None
            self._show_held(held, already=True)
            return
        given = person.given_name.strip() if person else ""
        if outcome is ClaimOutcome.PROVISIONAL:
            detail = QCoreApplication.translate(
                "DeskFlow",
                "Lagret her på kiosken. Den blir bekreftet når kiosken er tilkoblet igjen.",
            )
            reason = "desk_provisional"
        else:
            detail = (
                QCoreApplication.translate("DeskFlow", "Velkommen, %1! Du er sjekket inn.").replace(
                    "%1", given
                )
                if given
                else QCoreApplication.translate("DeskFlow", "Velkommen! Du er sjekket inn.")
            )
            reason = "desk_claimed"
        if notice:
            detail = f"{detail}\n{notice}"
        self.cancel()
        self._messages.show(
            Message(
                MessageKind.WELCOME,
                desk_yours_title(result.desk, result.until),
                detail,
                reason,
                desk_id=result.desk.id,
            )
        )

    def _show_held(self, held: Desk | None, *, already: bool) -> None:
        notice = self._notice
        self.cancel()
        title = (
            QCoreApplication.translate("DeskFlow", "Du har allerede en pult i dag")
            if already
            else (todays_desk_line(held) if held else "")
        )
        detail = todays_desk_line(held) if (already and held) else ""
        if not already:
            detail = QCoreApplication.translate(
                "DeskFlow", "Den er merket på kartet. Sjekk inn når du er på plass."
            )
        if notice:
            detail = f"{detail}\n{notice}" if detail else notice
        self._messages.show(
            Message(
                MessageKind.PROBLEM if already else MessageKind.WELCOME,
                title,
                detail,
                "already_has_desk" if already else "todays_desk",
                desk_id=held.id if held else None,
            )
        )
