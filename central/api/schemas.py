"""Request and response bodies of the HTTP API (v1), as pydantic models.

What kiosks send and receive (events, answers, the changes feed) is the wire schema in
``kiosk.wire``, re-exported here; what only staff and operators see is defined here."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from kiosk.wire import ChangesPage, Event, EventBatch, EventResult, EventResults

__all__ = [
    "ChangesPage",
    "DeskConflictOut",
    "Event",
    "EventBatch",
    "EventResult",
    "EventResults",
    "Health",
    "PresentPerson",
    "Problem",
]


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class PresentPerson(BaseModel):
    person_id: str
    name: str
    organisation: str | None
    checked_in_at: datetime


class DeskConflictOut(BaseModel):
    """A desk claim that lost, for staff: the kiosk's visitor only heard "taken"."""

    event_id: str
    at: datetime
    desk: str
    claimant_id: str
    claimant: str
    reason: str
    holder_id: str | None
    holder: str | None


class Problem(BaseModel):
    detail: str
