"""Taking a desk: from "Ta denne pulten" (or "Finn en ledig pult for meg") to the answer.

``DeskFlow`` owns the floor map and the "who are you?" screen (and the small map on the result
screen, which it frames). It remembers what the visitor is doing (claiming one desk, or asking
for a suggestion), takes their identity from a scanned pass or a name pick (through the name
search flow), and runs the claim on a worker thread: ``DeskService.claim`` may wait up to
~1.5 s for the central store. The worker hands its answer back through ``ui.gui_handoff``.
Every answer for the visitor is a ``Message`` through the message bridge, except "taken,
choose another", which sends the visitor back to the map (``choose_again_requested``).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from kiosk.desks import ClaimOutcome, ClaimResult, Desk, DeskService
from kiosk.domain import PersonSummary
from kiosk.protocol import CheckinMethod
from ui.checkin_flow import Checkin
from ui.desk_status import DeskStatusBridge
from ui.desk_texts import conflict_notice, desk_yours_title, todays_desk_line
from ui.flow import Flow, Scans, ScreenHost
from ui.gui_handoff import GuiHandoff
from ui.messages import Message, MessageBridge, MessageKind
from ui.name_search_flow import NameSearchFlow
from ui.pin_flow import PinFlow
from ui.screens.desk_needs import DeskNeedsScreen, need_name, offered_needs
from ui.screens.floor_map import FloorMapScreen, desk_frame
from ui.screens.identify import IdentifyScreen
from ui.visitor_guard import VisitorGuard
from ui.widgets.map_view import MapView

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
        except Exception as exc:  # noqa: BLE001 - to the GUI thread, where the guard logs it
            answer = exc
        self._deliver(answer)


class DeskFlow(Flow):
    identify_requested = Signal()
    """The visitor must say who they are (pass or name) before the flow can go on."""
    claim_started = Signal()
    """A claim is on its way to the store: show "Et øyeblikk …"."""
    choose_again_requested = Signal(str)
    """The desk went to someone else: back to the map, with this sentence."""
    suggestion_ready = Signal(str)
    """A desk id suggested for the identified visitor: show it, ready to take."""

    def __init__(
        self,
        desks: DeskService,
        checkin: Checkin,
        messages: MessageBridge,
        guard: VisitorGuard,
        *,
        names: NameSearchFlow,
        floor_map: FloorMapScreen,
        identify: IdentifyScreen,
        pin: PinFlow,
        needs: DeskNeedsScreen,
        preview: QWidget,
        statuses: DeskStatusBridge,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desks, self._checkin, self._messages = desks, checkin, messages
        self._guard, self._names = guard, names
        self.floor_map, self.identify, self.preview = floor_map, identify, preview
        self._pin = pin  # a desk taken by name needs the person's PIN
        self.needs_screen = needs
        self.needs: tuple[str, ...] = ()  # what the visitor asked the suggestion to have
        self._statuses = statuses
        statuses.setParent(self)
        self._map_stale = False
        self.purpose: Purpose | None = None
        self.desk: Desk | None = None
        self.person: PersonSummary | None = None
        self.method = CheckinMethod.QR
        self.claiming = False
        self._notice = ""
        self._generation = 0
        self._answers: GuiHandoff[tuple[int, object]] = GuiHandoff(self._deliver, self)
        self._shut = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    @property
    def awaiting_identity(self) -> bool:
        return self.purpose is not None and self.person is None and not self.claiming

    # Screens: the map, "who are you?", the desk on the result screen ---------------------------
    def attach(self, host: ScreenHost) -> None:
        self._host = host
        floor_map, identify = self.floor_map, self.identify
        host.add_screen(floor_map, on_back=floor_map.go_back)
        host.add_screen(identify, scans=Scans.ON, on_back=self._identify_back)
        needs = self.needs_screen
        host.add_screen(needs, on_back=needs.cancelled.emit)
        needs.needs_chosen.connect(self._needs_chosen)
        needs.cancelled.connect(self._identify_cancelled)
        host.start.desk_map_requested.connect(self.open_map)
        floor_map.back_requested.connect(host.go_start)
        floor_map.claim_requested.connect(self.begin_claim)
        floor_map.suggest_requested.connect(self.begin_suggest)
        identify.name_search_requested.connect(self._ask_name)
        identify.cancelled.connect(self._identify_cancelled)
        self.identify_requested.connect(self._ask_identity)
        self.claim_started.connect(self._show_busy)
        self.choose_again_requested.connect(self._choose_again)
        self.suggestion_ready.connect(self._show_suggestion)
        self._statuses.statuses_changed.connect(self._desks_changed)
        self.refresh_free_counts()

    def reset(self) -> None:
        self.cancel()
        self.identify.clear()
        self.needs_screen.clear()
        self.floor_map.reset()

    def open_map(self) -> None:
        self.floor_map.reload()
        self._map_stale = False
        self._host.show_screen(self.floor_map)

    def refresh_free_counts(self) -> None:
        self._host.start.set_free_counts(self._desks.free_counts_by_zone())

    def frame_desk(self, desk_id: str) -> None:
        """Ring the desk on its floor and frame it in the result screen's small map."""
        if self._map_stale:
            self.floor_map.reload()
            self._map_stale = False
        desk = self._desks.desk(desk_id)
        scene = self.floor_map.scene_for(desk.floor_id) if desk else None
        if desk is None or scene is None:
            return
        self.floor_map.refresh_statuses()
        scene.highlight(desk_id)
        if isinstance(self.preview, MapView):
            self.preview.setScene(scene)
            frame = desk_frame(scene, desk_id)
            if frame is not None:
                self.preview.frame(frame)

    def _desks_changed(self) -> None:
        """States changed here or in the feed: repaint what is on screen, recount the free."""
        if self._shut:
            return
        self.refresh_free_counts()
        current = self._host.current_screen
        if current in (self.floor_map, self.identify) or current.isAncestorOf(self.preview):
            self.floor_map.refresh_statuses()
        else:
            self._map_stale = True

    def _ask_identity(self) -> None:
        label = self.desk.label if self.desk else None
        self.identify.ask(
            lambda: (
                QCoreApplication.translate("DeskFlow", "Ta pulten %1").replace("%1", label)
                if label
                else QCoreApplication.translate("DeskFlow", "Finn en ledig pult for meg")
            ),
            back=lambda: QCoreApplication.translate("DeskFlow", "Tilbake til kartet"),
            pin=True,  # a desk taken by name needs the person's PIN
        )
        self._host.show_screen(self.identify)

    def _ask_name(self) -> None:
        desk = self.desk
        heading = (
            QCoreApplication.translate("DeskFlow", "Ta pulten %1 – skriv navnet ditt").replace(
                "%1", desk.label
            )
            if desk
            else QCoreApplication.translate(
                "DeskFlow", "Finn en ledig pult for meg – skriv navnet ditt"
            )
        )
        self._names.ask(heading, chosen=self.choose_person, back=self._name_back)

    def _name_back(self) -> None:
        self._names.reset()
        self._host.show_screen(self.identify)

    def _identify_back(self) -> None:
        if not self.identify.busy:  # "Et øyeblikk …": the claim is on its way, nothing to undo
            self._identify_cancelled()

    def _identify_cancelled(self) -> None:
        self.cancel()
        self._names.reset()
        self.floor_map.clear_selection()
        self._host.show_screen(self.floor_map)

    def _show_busy(self) -> None:
        self._names.reset()
        self.identify.show_busy()
        self._host.show_screen(self.identify)

    def _choose_again(self, text: str) -> None:
        self._names.reset()
        self.floor_map.clear_selection()
        self.floor_map.reload()
        self.floor_map.show_banner(text)
        self._host.show_screen(self.floor_map)

    def _show_suggestion(self, desk_id: str) -> None:
        self._names.reset()
        self.floor_map.reload()
        self.floor_map.select_desk(
            desk_id, note=QCoreApplication.translate("DeskFlow", "Forslag til deg:")
        )
        self._host.show_screen(self.floor_map)

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
        """ "Finn en ledig pult for meg": first what the visitor needs (if any desk here has
        something to ask about), then who they are."""
        self.purpose, self.desk, self.person, self.needs = Purpose.SUGGEST, None, None, ()
        offered = offered_needs(
            tag
            for floor in self._desks.floors()
            for desk in self._desks.desks(floor.id)
            for tag in desk.equipment
        )
        if not offered:
            self.identify_requested.emit()
            return
        self.needs_screen.ask(offered)
        self._host.show_screen(self.needs_screen)

    def _needs_chosen(self, needs: tuple[str, ...]) -> None:
        if self.purpose is not Purpose.SUGGEST:
            return
        self.needs = tuple(needs)
        self.identify_requested.emit()

    def handle_scan(self, text: str) -> bool:
        """Takes a pass scanned while "who are you?" waits for the visitor's identity."""
        if self._host.current_screen is not self.identify or not self.awaiting_identity:
            return False
        self._guard.run(lambda: self._identify_by_pass(text), undo=self.cancel)
        return True

    def choose_person(self, person: PersonSummary) -> None:
        """A name picked: the PIN proves it is theirs, then the claim (or suggestion) goes on."""
        self._guard.run(lambda: self._ask_pin(person), undo=self.cancel)

    def _ask_pin(self, person: PersonSummary) -> None:
        if self.purpose is None:
            log.warning("kiosk: identity given with no desk flow going on")
            return
        desk = self.desk
        heading = (
            QCoreApplication.translate("DeskFlow", "Ta pulten %1 – skriv PIN-koden din").replace(
                "%1", desk.label
            )
            if desk
            else QCoreApplication.translate("DeskFlow", "Finn en pult – skriv PIN-koden din")
        )
        self._names.reset()
        self._pin.ask(
            person,
            heading,
            verified=lambda: self._guard.run(
                lambda: self._identified(person, CheckinMethod.NAME), undo=self.cancel
            ),
            back=self._pin_back,
        )

    def _pin_back(self) -> None:
        self._host.show_screen(self.identify)

    def cancel(self) -> None:
        """Forget the visitor and the desk; an answer still on its way is ignored."""
        self.purpose = self.desk = self.person = None
        self.needs = ()
        self.claiming = False
        self._notice = ""
        self._generation += 1

    def shutdown(self) -> None:
        self.cancel()
        self._shut = True  # states changing now must not reach a closed store
        self._pool.waitForDone(5000)
        self._answers.close()

    def timed_out(self) -> bool:
        """ "Ta pulten B-12" (or a suggestion) left waiting for the visitor: nothing is taken,
        and the visitor is told so."""
        if self.purpose is None or self.claiming:
            return False
        desk = self.desk
        self.cancel()
        title = (
            QCoreApplication.translate("DeskFlow", "Pulten %1 er ikke tatt").replace(
                "%1", desk.label
            )
            if desk is not None
            else QCoreApplication.translate("DeskFlow", "Ingen pult er tatt")
        )
        self._messages.show(
            Message(
                MessageKind.PROBLEM,
                title,
                QCoreApplication.translate(
                    "DeskFlow", "Ingen svarte på spørsmålet, så ingenting er endret. Prøv igjen."
                ),
                "unanswered",
            )
        )
        return True

    # Steps -----------------------------------------------------------------------------------
    def _identify_by_pass(self, text: str) -> None:
        identification = self._checkin.identify_pass(text)
        self._identified(identification.person, CheckinMethod.QR)

    def _identified(self, person: PersonSummary, method: CheckinMethod) -> None:
        if self.purpose is None:
            log.warning("kiosk: identity given with no desk flow going on")
            return
        self.person, self.method = person, method
        self._notice = conflict_notice(self._desks.take_conflict_notices(person.person_id))
        if self.purpose is Purpose.CLAIM:
            self._start_claim()
        else:
            self._suggest(person)

    def _suggest(self, person: PersonSummary) -> None:
        held = self._desks.todays_desk(person.person_id)
        if held is not None:
            self._show_held(held, already=False)
            return
        needs = self.needs
        desk = self._desks.suggest_desk(person.person_id, needs=needs)
        if desk is None and needs:
            self.cancel()
            wanted = ", ".join(need_name(tag).lower() for tag in needs)
            self._messages.show(
                Message(
                    MessageKind.PROBLEM,
                    QCoreApplication.translate("DeskFlow", "Ingen ledig pult med det du trenger"),
                    QCoreApplication.translate(
                        "DeskFlow",
                        "Ingen ledig pult har %1 akkurat nå. Spør gjerne i resepsjonen.",
                    ).replace("%1", wanted),
                    "no_desk_for_needs",
                )
            )
            return
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
        """On the worker thread: hand the answer to the GUI thread."""
        self._answers.put((generation, answer))

    def _deliver(self, answers: list[tuple[int, object]]) -> None:
        for generation, answer in answers:
            if generation != self._generation:
                log.info("kiosk: a desk claim answered after the visitor left")
                continue
            self.claiming = False
            if isinstance(answer, ClaimResult):
                self._claimed(answer)
            else:
                self.cancel()
                assert isinstance(answer, BaseException)
                self._guard.show(answer)

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
