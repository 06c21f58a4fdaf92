"""Checking a person's PIN before the kiosk acts in their name (check-out, a desk claim).

The hash comes with the person through the feed (``kiosk.pin`` made it at the central store);
the PIN itself never reaches the kiosk. Five wrong PINs in a row lock name actions for that
person for five minutes (``kiosk.pin.PinLockout``, in memory).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from kiosk.clock import Clock
from kiosk.models import Person
from kiosk.pin import PinLockout
from kiosk.store import LocalStore

log = logging.getLogger(__name__)


class PinAnswer(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # five wrong tries: name actions for this person wait until locked_until
    NO_PIN = "no_pin"  # the person has no PIN: pass or staff only


@dataclass(frozen=True)
class PinCheck:
    answer: PinAnswer
    locked_until: datetime | None = None


class PersonPins:
    """Every method may be called from any thread; ``check`` takes ~50 ms (scrypt)."""

    def __init__(self, store: LocalStore, clock: Clock, lockout: PinLockout | None = None):
        self._store = store
        self._lockout = lockout if lockout is not None else PinLockout(clock)

    def _hash(self, person_id: str) -> str | None:
        with self._store.session() as session:
            person = session.get(Person, person_id)
            return person.pin_hash if person is not None and person.active else None

    def has_pin(self, person_id: str) -> bool:
        return bool(self._hash(person_id))

    def locked_until(self, person_id: str) -> datetime | None:
        """When name actions for this person open again; None when they are open."""
        return self._lockout.locked_until(person_id)

    def status(self, person_id: str) -> PinCheck:
        """Before asking for a PIN: locked, no PIN, or (ACCEPTED) go ahead and ask."""
        until = self.locked_until(person_id)
        if until is not None:
            return PinCheck(PinAnswer.LOCKED, until)
        if not self.has_pin(person_id):
            return PinCheck(PinAnswer.NO_PIN)
        return PinCheck(PinAnswer.ACCEPTED)

    def check(self, person_id: str, pin: str) -> PinCheck:
        """Check ``pin`` for ``person_id``; a wrong one counts towards the lock."""
        before = self.status(person_id)
        if before.answer is not PinAnswer.ACCEPTED:
            return before
        if self._lockout.check(person_id, pin, self._hash(person_id)):
            return PinCheck(PinAnswer.ACCEPTED)
        until = self.locked_until(person_id)
        if until is not None:
            log.info("kiosk: name actions locked for a person after wrong PINs")
            return PinCheck(PinAnswer.LOCKED, until)
        return PinCheck(PinAnswer.WRONG)
