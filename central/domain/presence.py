"""Who is in the building now, for staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Organisation, Person, Visit


@dataclass(frozen=True)
class Present:
    person_id: str
    name: str
    organisation: str | None
    checked_in_at: datetime


def present_now(session: Session, site: str) -> list[Present]:
    """People with an open visit at ``site``, earliest check-in first."""
    rows = session.execute(
        select(Person.id, Person.name, Organisation.name, Visit.checked_in_at)
        .join(Person, Person.id == Visit.person_id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Visit.site == site, Visit.checked_out_at.is_(None))
        .order_by(Visit.checked_in_at, Person.name)
    ).all()
    return [Present(*row) for row in rows]
