"""The wire schema, once: every entity of the changes feed and every event, as pydantic models.

The central store serialises feed rows with these models when it writes them, its API names
them as request and response models (so OpenAPI documents them), and the kiosk validates each
change it receives with them. ``kiosk.protocol`` holds the names and limits and re-exports these
models lazily, so importing the protocol costs no pydantic; the kiosk imports this module on its
sync thread, when the first feed page arrives, not while the start screen is being painted.

A feed change is ``{"seq", "entity", "op", "key", "data"}``: ``data`` is the entity's model for
an upsert and ``null`` for a delete (the tombstone of a deleted entity). The feed keeps only the
latest row of each entity, so it carries state, never history.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    field_validator,
    model_validator,
)

from kiosk.protocol import (
    MAX_BATCH,
    SCHEMA_VERSION,
    ChangeOp,
    CheckinMethod,
    Entity,
    EventType,
    ResultStatus,
)

# A timezone-aware time, sent as Python's isoformat ("+00:00", never "Z"), as it always was.
WireTime = Annotated[
    AwareDatetime, PlainSerializer(lambda moment: moment.isoformat(), return_type=str)
]
WireDate = Annotated[date, PlainSerializer(lambda day: day.isoformat(), return_type=str)]

# --- the entities of the feed -----------------------------------------------------------------


class WireModel(BaseModel):
    """A newer store may add fields: they are ignored, never an error."""

    model_config = ConfigDict(extra="ignore")

    def wire(self) -> dict[str, Any]:
        """The JSON-ready dict as stored in the feed and sent."""
        return self.model_dump(mode="json")


class SiteData(WireModel):
    code: str
    name: str
    timezone: str = "Europe/Oslo"
    no_show_release: str = Field("10:00", pattern=r"^\d\d:\d\d$")
    closing_time: str = Field("17:00", pattern=r"^\d\d:\d\d$")
    cluster_zones: dict[str, str] = Field(default_factory=dict)


class OrganisationData(WireModel):
    id: str
    name: str
    short_name: str


class PersonData(WireModel):
    """What a kiosk may know about a person: no e-mail, nothing it does not show or search."""

    id: str
    name: str
    given_name: str = ""
    family_name: str = ""
    organisation_id: str | None = None
    organisation: str | None = None
    cluster: str | None = None
    site: str
    kind: str = "member"
    active: bool = True
    organisation_short: str | None = None  # "NAV": what the name search shows
    pin_hash: str | None = None  # kiosk.pin's hash of the person's PIN; never the PIN


class DeskData(WireModel):
    id: str
    site: str
    label: str
    zone: str
    floor_id: str | None = None
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    rotation: float = 0.0
    equipment: list[str] = Field(default_factory=list)
    mode: str = "drop_in"
    active: bool = True


class SigningKeyData(WireModel):
    """The public half only; the private key never leaves the central store."""

    key_id: str
    public_key: str = Field(description="Raw 32-byte Ed25519 public key, base64")
    created_at: WireTime
    active: bool

    @field_validator("public_key")
    @classmethod
    def _ed25519(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except binascii.Error as exc:
            raise ValueError("public_key is not base64") from exc
        if len(raw) != 32:
            raise ValueError("public_key is not 32 bytes")
        return value


class RevokedPassData(WireModel):
    pass_id: str
    revoked_at: WireTime


class PresenceData(WireModel):
    """Whether a person of this site is in now: all a kiosk needs to choose between check-in
    and check-out. No name, no history: the feed keeps only the latest row per person."""

    person_id: str
    checked_in: bool
    at: WireTime


class FloorData(WireModel):
    id: str
    site: str
    name: str
    level: int
    plan_type: str = "svg"
    plan_sha256: str | None = None
    plan: str | None = Field(None, description="The plan file, base64")
    width: float
    height: float


class RoomData(WireModel):
    id: str
    floor_id: str
    name: str
    kind: str = "room"
    x: float
    y: float
    width: float
    height: float


class BookingData(WireModel):
    """Person id only: a kiosk needs no name to know a desk is booked."""

    id: str
    desk_id: str
    person_id: str
    start: WireTime
    end: WireTime
    status: str


class DeskClaimData(WireModel):
    id: str
    desk_id: str
    person_id: str
    start: WireTime
    until: WireTime
    status: str


class DeskAssignmentData(WireModel):
    id: str
    desk_id: str
    person_id: str | None = None
    organisation_id: str | None = None
    valid_from: WireDate
    valid_until: WireDate | None = None


class LunchTalkData(WireModel):
    """A "faglig lunsj" at the site: how many signed up, never who."""

    id: str
    site: str
    title: str
    starts_at: WireTime
    ends_at: WireTime
    cluster: str | None = None
    room: str = ""
    capacity: int = Field(gt=0)
    signed_up: int = Field(0, ge=0)


class HereTodayData(WireModel):
    """Who is here today at the site, as counts only: people who checked in on ``day`` per
    organisation (short name) and per cluster, each count at least ``HERE_TODAY_MIN``; smaller
    groups are left out, so no one is singled out."""

    day: WireDate
    by_organisation: dict[str, int] = Field(default_factory=dict)
    by_cluster: dict[str, int] = Field(default_factory=dict)


ENTITY_DATA: dict[Entity, type[WireModel]] = {
    Entity.SITE: SiteData,
    Entity.ORGANISATION: OrganisationData,
    Entity.PERSON: PersonData,
    Entity.DESK: DeskData,
    Entity.SIGNING_KEY: SigningKeyData,
    Entity.REVOKED_PASS: RevokedPassData,
    Entity.PRESENCE: PresenceData,
    Entity.FLOOR: FloorData,
    Entity.ROOM: RoomData,
    Entity.BOOKING: BookingData,
    Entity.DESK_CLAIM: DeskClaimData,
    Entity.DESK_ASSIGNMENT: DeskAssignmentData,
    Entity.LUNCH_TALK: LunchTalkData,
    Entity.HERE_TODAY: HereTodayData,
}


# --- the feed ---------------------------------------------------------------------------------


class _Change(WireModel):
    seq: int
    op: ChangeOp
    key: str = Field(min_length=1, max_length=64)

    @model_validator(mode="after")
    def _upsert_has_data(self) -> Self:
        if self.op == ChangeOp.UPSERT and getattr(self, "data", None) is None:
            raise ValueError("an upsert carries no data")
        return self


class SiteChange(_Change):
    entity: Literal[Entity.SITE]
    data: SiteData | None = None


class OrganisationChange(_Change):
    entity: Literal[Entity.ORGANISATION]
    data: OrganisationData | None = None


class PersonChange(_Change):
    entity: Literal[Entity.PERSON]
    data: PersonData | None = None


class DeskChange(_Change):
    entity: Literal[Entity.DESK]
    data: DeskData | None = None


class SigningKeyChange(_Change):
    entity: Literal[Entity.SIGNING_KEY]
    data: SigningKeyData | None = None


class RevokedPassChange(_Change):
    entity: Literal[Entity.REVOKED_PASS]
    data: RevokedPassData | None = None


class PresenceChange(_Change):
    entity: Literal[Entity.PRESENCE]
    data: PresenceData | None = None


class FloorChange(_Change):
    entity: Literal[Entity.FLOOR]
    data: FloorData | None = None


class RoomChange(_Change):
    entity: Literal[Entity.ROOM]
    data: RoomData | None = None


class BookingChange(_Change):
    entity: Literal[Entity.BOOKING]
    data: BookingData | None = None


class DeskClaimChange(_Change):
    entity: Literal[Entity.DESK_CLAIM]
    data: DeskClaimData | None = None


class DeskAssignmentChange(_Change):
    entity: Literal[Entity.DESK_ASSIGNMENT]
    data: DeskAssignmentData | None = None


class LunchTalkChange(_Change):
    entity: Literal[Entity.LUNCH_TALK]
    data: LunchTalkData | None = None


class HereTodayChange(_Change):
    entity: Literal[Entity.HERE_TODAY]
    data: HereTodayData | None = None


Change = Annotated[
    SiteChange
    | OrganisationChange
    | PersonChange
    | DeskChange
    | SigningKeyChange
    | RevokedPassChange
    | PresenceChange
    | FloorChange
    | RoomChange
    | BookingChange
    | DeskClaimChange
    | DeskAssignmentChange
    | LunchTalkChange
    | HereTodayChange,
    Field(discriminator="entity"),
]
CHANGE: TypeAdapter[Change] = TypeAdapter(Change)
CHANGES: TypeAdapter[list[Change]] = TypeAdapter(list[Change])


class ChangesPage(WireModel):
    """``GET /api/v1/sites/{site}/changes``: one page of the feed."""

    schema_version: int = Field(
        SCHEMA_VERSION, description="The feed's schema; a kiosk refuses a version it does not know"
    )
    changes: list[Change]
    cursor: int = Field(description="Pass as `since` next time: the last seq returned")
    more: bool = Field(description="More changes wait after this page")


class ChangesPageHead(WireModel):
    """The page around the changes, which the kiosk validates one by one."""

    schema_version: int
    changes: list[dict[str, Any]]
    cursor: int
    more: bool = False


# --- events, kiosk -> store -------------------------------------------------------------------


class PresenceEventData(WireModel):
    """``check_in`` and ``check_out``."""

    person_id: str
    method: CheckinMethod
    pass_id: str | None = None


class DeskClaimEventData(WireModel):
    desk_id: str
    person_id: str
    method: CheckinMethod


class DeskReleaseEventData(WireModel):
    desk_id: str
    person_id: str
    claim_id: str | None = None


class LunchSignupEventData(WireModel):
    talk_id: str
    person_id: str
    method: CheckinMethod


class GuestArrivalEventData(WireModel):
    """``guest_arrival``: a walk-in guest checks in (their visit opens) and names a host.

    ``person_id`` is new (made by the kiosk) for a first visit, or the id the store gave back
    for a returning guest. Phone and e-mail are optional and already normalised
    (``kiosk.guests``); the store keeps them 30 days to recognise the guest next time."""

    person_id: str
    method: CheckinMethod
    name: str = Field(min_length=1, max_length=100)
    organisation: str = Field("", max_length=100)
    host_id: str
    purpose: str = Field(pattern=r"^(meeting|lunch_talk|working)$")
    phone: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)
    pass_id: str | None = Field(None, description="The badge printed for this visit")


EVENT_DATA: dict[EventType, type[WireModel]] = {
    EventType.CHECK_IN: PresenceEventData,
    EventType.CHECK_OUT: PresenceEventData,
    EventType.DESK_CLAIM: DeskClaimEventData,
    EventType.DESK_RELEASE: DeskReleaseEventData,
    EventType.LUNCH_SIGNUP: LunchSignupEventData,
    EventType.GUEST_ARRIVAL: GuestArrivalEventData,
}


class Event(WireModel):
    """One event. Only its shape is checked on arrival; its content (``data`` by the model of
    its ``type``, its time, its person) is judged per event, so one bad event is answered
    ``rejected`` on its own and never fails its batch."""

    id: str = Field(min_length=1, max_length=64, description="The kiosk's UUID for this event")
    type: str = Field(max_length=64, examples=[str(EventType.CHECK_IN)])
    at: str = Field(max_length=64, description="Timezone-aware ISO 8601 time")
    data: Any = Field(
        description="check_in/check_out: PresenceEventData; desk_claim: DeskClaimEventData; "
        "desk_release: DeskReleaseEventData; lunch_signup: LunchSignupEventData; "
        "guest_arrival: GuestArrivalEventData",
    )


class EventBatch(WireModel):
    """``POST /api/v1/sites/{site}/events``."""

    events: list[Event] = Field(max_length=MAX_BATCH)


class EventResult(WireModel):
    """The store's answer to one event, in the order sent."""

    id: str
    status: ResultStatus
    reason: str | None = None


class EventResults(WireModel):
    results: list[EventResult]


__all__ = [
    "CHANGE",
    "CHANGES",
    "ENTITY_DATA",
    "EVENT_DATA",
    "BookingData",
    "Change",
    "ChangesPage",
    "ChangesPageHead",
    "DeskAssignmentData",
    "DeskClaimData",
    "DeskClaimEventData",
    "DeskData",
    "DeskReleaseEventData",
    "Event",
    "EventBatch",
    "EventResult",
    "EventResults",
    "FloorData",
    "GuestArrivalEventData",
    "HereTodayData",
    "LunchSignupEventData",
    "LunchTalkData",
    "OrganisationData",
    "PersonData",
    "PresenceData",
    "PresenceEventData",
    "RevokedPassData",
    "RoomData",
    "SigningKeyData",
    "SiteData",
    "WireModel",
]
