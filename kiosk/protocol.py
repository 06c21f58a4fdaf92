"""Wire protocol v1 between kiosks and the central store: JSON shapes, names and limits.

Both sides import this module, so the names of event types, result statuses and mirrored
entities live in one place. The shapes themselves (every feed entity, every event, the answers)
are pydantic models in ``kiosk.wire``, re-exported here on first use: importing this module
costs no pydantic, so the kiosk's start screen does not wait for it.

Events (kiosk -> store), ``POST /api/v1/sites/{site}/events`` with ``{"events": [Event, ...]}``::

    {"id": "<uuid4>", "type": "check_in", "at": "2026-11-27T08:01:02+01:00",
     "data": {"person_id": "<uuid>", "method": "qr", "pass_id": "0123abcd0123abcd"}}

answered with ``{"results": [{"id": ..., "status": "accepted", "reason": null}, ...]}`` in the
same order. The store applies an id at most once; the same id with other content is rejected.

Changes (store -> kiosk), ``GET /api/v1/sites/{site}/changes?since=<cursor>&limit=<n>``::

    {"schema_version": 2,
     "changes": [{"seq": 17, "entity": "person", "op": "upsert", "key": "<id>", "data": {...}}],
     "cursor": 17, "more": false}

The feed keeps only the latest row of each entity (a delete leaves a tombstone, ``data`` null),
and answers of 1 KB or more are gzip-compressed.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

API_PREFIX = "/api/v1"
# The feed's schema. 2: typed entities (kiosk.wire), null data on deletes, compacted feed.
SCHEMA_VERSION = 2
MAX_BATCH = 200  # events per POST
HERE_TODAY_MIN = 3  # the smallest group "here today" counts show: no one is singled out
DEFAULT_CHANGES_PAGE = 1000  # what a page holds when the reader does not say
MAX_CHANGES_PAGE = 5000  # the most a reader may ask for: a first sync takes ~11 pages of these


class EventType(enum.StrEnum):
    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    DESK_CLAIM = "desk_claim"  # data: desk_id, person_id, method
    DESK_RELEASE = "desk_release"  # data: claim_id, desk_id, person_id
    LUNCH_SIGNUP = "lunch_signup"  # data: talk_id, person_id, method
    # A walk-in guest arrives and is checked in: data: GuestArrivalEventData (kiosk.wire)
    GUEST_ARRIVAL = "guest_arrival"


class CheckinMethod(enum.StrEnum):
    QR = "qr"
    NAME = "name"


class ResultStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class Entity(enum.StrEnum):
    """What the changes feed carries; the kiosk mirrors each in its local store."""

    SITE = "site"
    ORGANISATION = "organisation"
    PERSON = "person"
    DESK = "desk"
    SIGNING_KEY = "signing_key"
    REVOKED_PASS = "revoked_pass"
    PRESENCE = "presence"
    FLOOR = "floor"  # data carries the plan itself, base64 ("plan"), and its sha256
    ROOM = "room"
    BOOKING = "booking"  # person id only, no name
    DESK_CLAIM = "desk_claim"
    DESK_ASSIGNMENT = "desk_assignment"
    LUNCH_TALK = "lunch_talk"  # a site's talk with its count of sign-ups, no names
    HERE_TODAY = "here_today"  # counts of today's people per organisation/cluster, each >= 3


class ConflictReason(enum.StrEnum):
    """Why a desk claim lost: neutral words only; who holds the desk is told to staff only."""

    DESK_TAKEN = "desk_taken"  # someone else holds the desk for (part of) that time
    PERSON_HAS_DESK = "person_has_desk"  # the person already holds another desk then
    DESK_NOT_CLAIMABLE = "desk_not_claimable"  # fixed, out of use, or unknown to the store
    LUNCH_FULL = "lunch_full"  # every seat of the lunch talk is taken


CLAIM_TIMEOUT_S = 1.5  # how long a kiosk waits for the store's answer to a claim made now


class ChangeOp(enum.StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"


SITES = ("lyngdal", "stadt", "narvik", "orkland")


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("wire times must be timezone-aware")
    return moment.isoformat()


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("wire times must be timezone-aware")
    return moment


def event_json(
    event_id: str, event_type: EventType, at: datetime, data: dict[str, Any]
) -> dict[str, Any]:
    return {"id": event_id, "type": str(event_type), "at": format_time(at), "data": data}


def __getattr__(name: str) -> Any:
    """``kiosk.protocol.PersonData`` and the other wire models, imported on first use."""
    if name.startswith("_"):
        raise AttributeError(name)
    from kiosk import wire

    try:
        return getattr(wire, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
