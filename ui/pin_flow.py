"""Asking a person's PIN before the kiosk acts in their name: one screen, used by any flow.

A flow calls ``PinFlow.ask`` with the person, a heading, what to do once the PIN is right and
what "back" means. Before the pad shows, a person locked after five wrong PINs, or one with no
PIN at all, hears so at once (a message; nothing recorded). Wrong PINs are counted per person
by the core (``kiosk.person_pins``): the fifth locks name actions for that person for five
minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.domain import PersonSummary
from kiosk.person_pins import PinAnswer, PinCheck
from ui.flow import Flow, ScreenHost
from ui.messages import Message, MessageBridge, MessageKind
from ui.screens.pin_pad import PinPadScreen
from ui.time_display import format_time
from ui.visitor_guard import VisitorGuard

log = logging.getLogger(__name__)


class Pins(Protocol):
    """The part of ``kiosk.person_pins.PersonPins`` the flow uses."""

    def status(self, person_id: str) -> PinCheck: ...
    def check(self, person_id: str, pin: str) -> PinCheck: ...


def locked_message(until: datetime | None) -> Message:
    detail = QCoreApplication.translate(
        "PinFlow",
        "For mange feil PIN-koder. Handlinger med navnet ditt er sperret i fem minutter "
        "(til kl. %1). Bruk passet ditt, eller spør betjeningen.",
    ).replace("%1", format_time(until) if until is not None else "")
    return Message(
        MessageKind.PROBLEM,
        QCoreApplication.translate("PinFlow", "Sperret i fem minutter"),
        detail,
        "pin_locked",
    )


def no_pin_message() -> Message:
    return Message(
        MessageKind.PROBLEM,
        QCoreApplication.translate("PinFlow", "Du har ingen PIN-kode ennå"),
        QCoreApplication.translate(
            "PinFlow", "Bruk passet ditt, eller spør betjeningen om en PIN-kode."
        ),
        "no_pin",
    )


class PinFlow(Flow):
    def __init__(
        self,
        pins: Pins,
        screen: PinPadScreen,
        messages: MessageBridge,
        guard: VisitorGuard,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pins, self.screen, self._messages, self._guard = pins, screen, messages, guard
        self.person: PersonSummary | None = None
        self._verified: Callable[[], None] | None = None
        self._back: Callable[[], None] | None = None

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        # Typing digits: no scanner. Esc is "Avbryt".
        host.add_screen(self.screen, on_show=self.screen.focus_field, on_back=self._go_back)
        self.screen.pin_entered.connect(self._entered)
        self.screen.cancelled.connect(self._go_back)

    def ask(
        self,
        person: PersonSummary,
        heading: str,
        *,
        verified: Callable[[], None],
        back: Callable[[], None],
    ) -> None:
        """Ask ``person``'s PIN under ``heading``; ``verified()`` runs once it is right."""
        status = self._pins.status(person.person_id)
        if status.answer is PinAnswer.LOCKED:
            self.reset()
            self._messages.show(locked_message(status.locked_until))
            return
        if status.answer is PinAnswer.NO_PIN:
            self.reset()
            self._messages.show(no_pin_message())
            return
        self.person, self._verified, self._back = person, verified, back
        self.screen.ask(heading, person.display)
        self._host.show_screen(self.screen)

    def refusal(self, person: PersonSummary) -> Message | None:
        """The message for a person whose name actions are locked now, else None."""
        status = self._pins.status(person.person_id)
        return locked_message(status.locked_until) if status.answer is PinAnswer.LOCKED else None

    def reset(self) -> None:
        """Forget the person and every digit typed."""
        self.person = self._verified = self._back = None
        self.screen.clear()

    def _entered(self, pin: str) -> None:
        self._guard.run(lambda: self._check(pin), undo=self.reset)

    def _check(self, pin: str) -> None:
        person, verified = self.person, self._verified
        if person is None or verified is None:
            log.warning("kiosk: a PIN entered with nobody asking")
            return
        answer = self._pins.check(person.person_id, pin)
        if answer.answer is PinAnswer.ACCEPTED:
            self.person = self._verified = self._back = None
            self.screen.show_problem("")
            verified()
            return
        if answer.answer is PinAnswer.WRONG:
            self.screen.show_problem(
                QCoreApplication.translate("PinFlow", "Feil PIN-kode. Prøv igjen.")
            )
            self.screen.focus_field()
            return
        self.reset()
        self._messages.show(
            locked_message(answer.locked_until)
            if answer.answer is PinAnswer.LOCKED
            else no_pin_message()
        )

    def _go_back(self) -> None:
        back = self._back
        self.reset()
        if back is None:
            self._host.go_start()
            return
        back()
