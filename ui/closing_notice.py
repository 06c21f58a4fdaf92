"""The day's end at the kiosk: someone the closing checked out scans their pass that evening.

At closing time everyone still in is checked out (by the store, and by the kiosk's own rule,
``kiosk.closing``). A person who worked on and scans on the way out would otherwise be checked
*in* again, and stay on the evacuation list overnight. So the first scan after today's closing
says what happened ("Du ble sjekket ut automatisk kl. 17:00") and records nothing; the same pass
scanned again means "I am here, check me in".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.domain import Identification
from ui.messages import Message, MessageKind
from ui.time_display import format_time


def closed_out_message(identification: Identification) -> Message:
    assert identification.closed_out_at is not None
    return Message(
        MessageKind.GOODBYE,
        QCoreApplication.translate("ClosingNotice", "Du er allerede sjekket ut"),
        QCoreApplication.translate(
            "ClosingNotice",
            "Alle ble sjekket ut automatisk da kontoret stengte kl. %1. "
            "Skal du være her nå, skann passet en gang til.",
        ).replace("%1", format_time(identification.closed_out_at)),
        "closed_out",
    )


class ClosingNotice:
    """Remembers the one pass that was just told; nothing else (no name, no time)."""

    def __init__(self) -> None:
        self.told: str | None = None

    def notice(self, identification: Identification) -> Message | None:
        """The notice for the first scan after today's closing; None for a second scan of
        the same pass (the caller checks the person in) and for everyone else."""
        if identification.closed_out_at is None or identification.present:
            self.told = None
            return None
        if self.told == identification.pass_id:
            self.told = None
            return None
        self.told = identification.pass_id
        return closed_out_message(identification)
