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
    kind: str = Field(default="member", examples=["member", "guest"])
    desk: str | None = Field(default=None, description="the desk held now, by its label")
    zone: str | None = Field(default=None, description="the desk's zone, or the cluster's")
    checked_in_local: datetime | None = Field(
        default=None, description="checked_in_at in the site's time zone"
    )


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
