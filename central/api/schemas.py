"""Request and response bodies of the HTTP API (v1), as pydantic models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from kiosk.protocol import MAX_BATCH, ChangeOp, Entity, ResultStatus


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class EventIn(BaseModel):
    """One event. Only its shape is checked here; its content is judged per event."""

    id: str = Field(min_length=1, max_length=64, description="The kiosk's UUID for this event")
    type: str = Field(max_length=64, examples=["check_in"])
    at: str = Field(max_length=64, description="Timezone-aware ISO 8601 time")
    data: Any = Field(
        description='For check_in/check_out: {"person_id", "method": "qr"|"name", "pass_id"?}; '
        'desk_claim: {"desk_id", "person_id", "method"}; '
        'desk_release: {"desk_id", "person_id", "claim_id"?}'
    )


class EventBatch(BaseModel):
    events: list[EventIn] = Field(max_length=MAX_BATCH)


class EventResult(BaseModel):
    id: str
    status: ResultStatus
    reason: str | None = None


class EventResults(BaseModel):
    results: list[EventResult]


class ChangeOut(BaseModel):
    seq: int
    entity: Entity
    op: ChangeOp
    key: str
    data: dict[str, Any]


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    cursor: int = Field(description="Pass as `since` next time: the last seq returned")
    more: bool = Field(description="More changes wait after this page")


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
