"""The one guard that turns an exception into a message for the visitor.

Every user action a flow runs goes through ``VisitorGuard.run`` (and an answer that comes back
from a worker thread as an exception through ``VisitorGuard.show``). Known problems, the core's
``KioskError`` types, become a calm message saying what to do next. Anything else is a bug:
logged with its traceback (the exception's text and type only, never a visitor's name), and the
visitor sees "Noe gikk galt. Prøv igjen." on the result screen, which then returns to the start
screen like every answer does. No traceback ever reaches the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from kiosk.domain import KioskError, NotReady, StoreError, UnknownPerson
from kiosk.passes import PassError, PassProblem
from ui.messages import Message, MessageBridge, MessageKind
from ui.pass_texts import pass_problem_text, pass_problem_title, pass_refused_message

log = logging.getLogger(__name__)


class VisitorGuard:
    """Runs user actions; whatever they raise is logged and worded for the visitor."""

    def __init__(self, messages: MessageBridge) -> None:
        self._messages = messages

    def run(self, step: Callable[[], None], *, undo: Callable[[], None]) -> None:
        """Run ``step``; if it raises, ``undo`` (forget the half-done action) and say so."""
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - the one place a failure becomes a message
            undo()
            self.show(exc)

    def show(self, exc: BaseException) -> None:
        """Show the visitor the message for ``exc`` (a bug is logged with its traceback)."""
        self._messages.show(problem_message(exc))


def failure_message() -> Message:
    return Message(
        MessageKind.FAILURE,
        QCoreApplication.translate("CheckinFlow", "Noe gikk galt."),
        QCoreApplication.translate("CheckinFlow", "Prøv igjen."),
        "bug",
    )


def problem_message(exc: BaseException) -> Message:
    """The message for a failed user action: known problems say what to do next; anything
    else is a bug, logged with the exception's own traceback (so it may be called outside
    the ``except`` block, e.g. for an exception a worker thread handed over)."""
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
    log.error(
        "kiosk: unexpected error in a user action: %s",
        type(exc).__name__,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return failure_message()
