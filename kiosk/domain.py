"""Plain value types the kiosk's services hand to the UI. No Qt, no database types."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PersonSummary:
    """What the kiosk may show about a person who identified themselves."""

    person_id: str
    name: str
    given_name: str  # "" when the kiosk has not synced this person yet
    organisation: str | None
    # What a public screen may show of someone found by name: "Kari N. · NAV". Empty for a
    # person this kiosk has not synced yet.
    display: str = ""


class Outcome(enum.Enum):
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"


@dataclass(frozen=True)
class Identification:
    """A pass that verified, and whether its holder is in the building now."""

    person: PersonSummary
    present: bool
    pass_id: str
    # Today's closing checked this person out at this time (they are not in now).
    closed_out_at: datetime | None = None


@dataclass(frozen=True)
class Recorded:
    """A check-in or check-out that is safely on disk (and queued for the central store)."""

    outcome: Outcome
    person: PersonSummary
    at: datetime
    event_id: str


class SyncState(enum.Enum):
    NEVER_SYNCED = "never_synced"  # no answer from the central store yet: passes can't be checked
    ONLINE = "online"
    OFFLINE = "offline"
    SENDING = "sending"  # the store answers and a backlog of events is on its way to it
    UNAUTHORISED = "unauthorised"  # the store refused this kiosk's token; recording goes on


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    pending: int  # events recorded here and not yet answered by the central store
    last_success: datetime | None
    problem: str | None = None  # for logs and staff, never shown as a raw text to visitors
    set_aside: int = 0  # events the store kept failing, kept here for staff (not pending)
    store_moved_aside: bool = False  # the local store was damaged at start, kept aside


class KioskError(Exception):
    """A known problem the UI turns into a calm message; never a bug."""


class NotReady(KioskError):
    """No signing keys yet: the kiosk has never synced, so it cannot trust any pass."""


class UnknownPerson(KioskError):
    """The person is not (or no longer) in this kiosk's mirror."""


class StoreError(KioskError):
    """The local store cannot be opened or written (disk full, file unreadable, ...).

    Nothing of the action that met it was recorded; what was recorded before is intact."""
