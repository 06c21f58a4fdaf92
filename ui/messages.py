"""The one bridge every message for the visitor passes through.

Screens never invent result texts themselves: the check-in flow builds a ``Message`` and hands
it to ``MessageBridge.show``, which logs it and emits ``message_shown``; the main window shows
it on the result screen. Tests connect to ``message_shown`` to record what a visitor saw.

Personal data stays out of the log: a greeting is logged by its kind only, never with the name.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class MessageKind(enum.Enum):
    WELCOME = "welcome"  # checked in
    GOODBYE = "goodbye"  # checked out
    PROBLEM = "problem"  # a known problem: the visitor is told what to do next
    FAILURE = "failure"  # a bug: logged with its traceback, the visitor sees a calm text


@dataclass(frozen=True)
class Message:
    kind: MessageKind
    title: str
    detail: str = ""
    # A short, name-free reason for the log ("expired", "not_ready", ...).
    reason: str = ""
    # A desk to show on a small map with the message ("Din pult i dag: B-12").
    desk_id: str | None = None

    @property
    def is_problem(self) -> bool:
        return self.kind in (MessageKind.PROBLEM, MessageKind.FAILURE)


class MessageBridge(QObject):
    """Logs each message for the visitor and hands it to whoever shows it."""

    message_shown = Signal(object)
    """A ``Message`` to show the visitor now."""

    def show(self, message: Message) -> None:
        if message.is_problem:
            log.info(
                "kiosk: message %s (%s): %s", message.kind.value, message.reason, message.detail
            )
        else:
            log.info("kiosk: message %s", message.kind.value)
        self.message_shown.emit(message)
