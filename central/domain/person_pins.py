"""Setting a person's PIN (for check-out and desk claims by name at the kiosk).

Only the hash is stored (``kiosk.pin.hash_pin``) and sent to the kiosks of the person's site
through the feed; the PIN itself is shown once, to whoever set or generated it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.db.models import Person
from central.domain import changes
from kiosk.pin import hash_pin, is_valid_pin, new_pin
from kiosk.protocol import Entity


def set_pin(session: Session, person: Person, pin: str | None = None) -> str:
    """Give ``person`` this PIN, or a new random one (``pin`` None); returns the PIN.

    Raises ValueError for a PIN that is not 4-6 digits."""
    chosen = new_pin() if pin is None else pin.strip()
    if not is_valid_pin(chosen):
        raise ValueError("a PIN is 4 to 6 digits")
    changes.lock_feed(session)
    person.pin_hash = hash_pin(chosen)
    session.flush()
    changes.append(session, Entity.PERSON, person.id, changes.person_data(person), site=person.site)
    return chosen
