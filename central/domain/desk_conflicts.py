"""Desk claims that lost, for staff: who wanted which desk, when, and who had it.

Kiosks only ever hear a neutral "conflict"; the store keeps the holder in the event's reason
(``desk_taken: claimed by person <id> (event <id>)`` or ``booked by person <id>``, written by
``central.events`` from ``central.desks.claim_desk``), and this is the one place that reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Desk, EventRecord, Person
from kiosk.protocol import EventType, ResultStatus

_HOLDER = re.compile(r"(?:claimed|booked) by person ([0-9a-f-]{36})")


@dataclass(frozen=True)
class DeskConflict:
    event_id: str
    at: datetime
    desk_label: str
    claimant_id: str
    claimant_name: str
    reason: str  # desk_taken, person_has_desk, desk_not_claimable
    holder_id: str | None
    holder_name: str | None


def desk_conflicts(session: Session, site: str, since: datetime) -> list[DeskConflict]:
    """Every claim at ``site`` the store refused since ``since``, oldest first."""
    records = session.scalars(
        select(EventRecord)
        .where(
            EventRecord.site == site,
            EventRecord.type == str(EventType.DESK_CLAIM),
            EventRecord.status == str(ResultStatus.CONFLICT),
            EventRecord.at >= since,
        )
        .order_by(EventRecord.at)
    ).all()
    names: dict[str, str] = {}

    def name_of(person_id: str | None) -> str | None:
        if person_id is None:
            return None
        if person_id not in names:
            person = session.get(Person, person_id)
            names[person_id] = person.name if person else person_id
        return names[person_id]

    conflicts = []
    for record in records:
        desk = session.get(Desk, str(record.data.get("desk_id")))
        claimant = str(record.data.get("person_id"))
        reason, _, detail = (record.reason or "").partition(":")
        holder = _HOLDER.search(detail)
        holder_id = holder.group(1) if holder else None
        conflicts.append(
            DeskConflict(
                event_id=record.id,
                at=record.at,
                desk_label=desk.label if desk else str(record.data.get("desk_id")),
                claimant_id=claimant,
                claimant_name=name_of(claimant) or claimant,
                reason=reason.strip(),
                holder_id=holder_id,
                holder_name=name_of(holder_id),
            )
        )
    return conflicts
