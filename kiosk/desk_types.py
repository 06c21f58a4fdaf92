"""The desk values the kiosk shows and hands around: floors, rooms, desks and their states. No Qt.

Plain frozen dataclasses and enums, with no database and no clock: ``kiosk/desk_rules.py``
decides the states, ``kiosk/desks.py`` (DeskService) reads and writes them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.domain import KioskError


class DeskState(enum.Enum):
    """What the map shows for a desk right now."""

    FREE = "free"  # free now until closing (free_until)
    BOOKED_LATER = "booked_later"  # free now, booked later today (free_until: when)
    OCCUPIED = "occupied"  # claimed, or booked by someone now
    FIXED = "fixed"  # assigned to a person or organisation today
    UNAVAILABLE = "unavailable"  # out of use, or a fixed-mode desk nobody holds


# The states a drop-in claim may be made in.
CLAIMABLE = (DeskState.FREE, DeskState.BOOKED_LATER)


class DeskMode(enum.Enum):
    FIXED = "fixed"
    BOOKABLE = "bookable"
    DROP_IN = "drop_in"


@dataclass(frozen=True)
class Floor:
    id: str
    site: str
    name: str
    level: int
    plan_path: Path | None  # the plan file (SVG or PNG) under the kiosk's data dir
    width: float  # plan units (the SVG's viewBox width)
    height: float


@dataclass(frozen=True)
class Desk:
    id: str
    label: str  # "B-12"
    floor_id: str
    x: float  # top-left corner in plan units, before rotation
    y: float
    width: float
    height: float
    rotation: float  # degrees clockwise about the desk's centre
    zone: str  # "Sone A", "Stillesone", ...
    equipment: tuple[str, ...]  # "screen", "standing", "quiet", "step_free", "docking", ...
    mode: DeskMode


@dataclass(frozen=True)
class Room:
    """A room drawn on the plan (meeting room, lunch area, entrance): shown, never claimable."""

    id: str
    floor_id: str
    name: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class DeskStatus:
    desk_id: str
    state: DeskState
    free_until: datetime | None  # FREE: closing time; BOOKED_LATER: the booking's start
    provisional: bool  # OCCUPIED by a claim made here offline, not yet confirmed by the store


class ClaimOutcome(enum.Enum):
    CLAIMED = "claimed"  # the central store confirmed it
    PROVISIONAL = "provisional"  # recorded here; the store was not reached in time
    TAKEN = "taken"  # the store says someone else has it (the local claim is undone)
    NOT_FREE = "not_free"  # this kiosk already knows it is not free; nothing recorded
    ALREADY_HAS_DESK = "already_has_desk"  # the person holds another desk now; nothing kept


@dataclass(frozen=True)
class ClaimResult:
    outcome: ClaimOutcome
    desk: Desk
    until: datetime | None  # CLAIMED/PROVISIONAL: when the claim ends; otherwise None


@dataclass(frozen=True)
class DeskConflict:
    """A claim made here offline that the store gave to someone else (first come)."""

    event_id: str
    desk: Desk
    at: datetime  # when the claim was made


class UnknownDesk(KioskError):
    """No desk with that id in this kiosk's mirror."""
