"""In-memory stand-ins for what a unit test should not start: the central store, the clock.

``FakeCentral`` keeps the same contract as ``kiosk.central_client.HttpCentralClient`` talking
to the real store: the same answers to the same events (accepted, duplicate, conflict, rejected
with a reason), the same feed paging, TransportError when down and ``Unauthorised`` (a
TransportError) when the token is refused. ``tests/contract`` runs one suite against both, so
the two cannot drift apart.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.central_client import TransportError, Unauthorised
from kiosk.passes import SigningKey
from kiosk.protocol import (
    MAX_BATCH,
    MAX_CHANGES_PAGE,
    SCHEMA_VERSION,
    CheckinMethod,
    ConflictReason,
    EventType,
    ResultStatus,
)


def revoked_pass_change(pass_id: str) -> dict[str, Any]:
    """A feed change revoking ``pass_id``, as the store sends it."""
    data = {"pass_id": pass_id, "revoked_at": "2026-11-27T07:00:00+00:00"}
    return {"entity": "revoked_pass", "op": "upsert", "key": pass_id, "data": data}


@dataclass
class FakeClock:
    current: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 8, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


class _Rejected(Exception):
    pass


def _canonical(event: dict[str, Any]) -> str:
    """What the real store compares a resent event by: type, time in UTC and data."""
    try:
        uuid.UUID(str(event.get("id")))
    except ValueError:
        raise _Rejected("id is not a UUID") from None
    try:
        at = datetime.fromisoformat(str(event.get("at")))
    except ValueError:
        raise _Rejected("at is not an ISO 8601 time") from None
    if at.tzinfo is None:
        raise _Rejected("at has no timezone offset")
    if not isinstance(event.get("data"), dict):
        raise _Rejected("data is not an object")
    return json.dumps(
        {"type": event.get("type"), "at": at.astimezone(UTC).isoformat(), "data": event["data"]},
        sort_keys=True,
    )


@dataclass
class FakeMonotonic:
    """A monotonic clock in seconds that moves only when told (the sync engine's stopwatch)."""

    current: float = 1000.0

    def __call__(self) -> float:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += seconds


@dataclass
class FakeCentral:
    keys: list[SigningKey]
    people: list[dict[str, Any]]
    down: bool = False
    unauthorised: bool = False  # the store answers 401, as to a revoked or wrong token
    refuse_ids: set[str] = field(default_factory=set)
    applied: dict[str, str] = field(default_factory=dict)  # event id -> canonical content
    answers: list[str] = field(default_factory=list)
    extra_changes: list[dict[str, Any]] = field(default_factory=list)
    timeouts: list[float | None] = field(default_factory=list)  # per push_events call
    # How long the store takes to answer a push, and how long the transport waits when a call
    # names no timeout of its own (HttpCentralClient's default). Modelled, not slept.
    answer_after_s: float = 0.0
    timeout_s: float = 5.0
    holders: dict[str, str] = field(default_factory=dict)  # desk id -> claim event id
    conflicts: dict[str, str] = field(default_factory=dict)  # claim event id -> neutral reason
    claimants: dict[str, str] = field(default_factory=dict)  # claim event id -> person id
    # A slow store: each event of a batch takes this long on ``monotonic``. A batch slower than
    # the caller's timeout is still applied, and the caller hears a timeout (in flight).
    seconds_per_event: float = 0.0
    lunch_capacity: dict[str, int] = field(default_factory=dict)  # talk id -> seats
    lunch_signed: dict[str, set[str]] = field(default_factory=dict)  # talk id -> person ids
    monotonic: FakeMonotonic | None = None

    def feed(self) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        for key in self.keys:
            public = base64.b64encode(key.public_key).decode()
            changes.append(
                {
                    "entity": "signing_key",
                    "op": "upsert",
                    "key": key.key_id,
                    "data": {
                        "key_id": key.key_id,
                        "public_key": public,
                        "created_at": "2026-11-01T08:00:00+00:00",
                        "active": True,
                    },
                }
            )
        for person in self.people:
            changes.append(
                {
                    "entity": "person",
                    "op": "upsert",
                    "key": person["id"],
                    "data": {"site": "lyngdal", **person},
                }
            )
        changes.extend(self.extra_changes)
        return [dict(change, seq=seq) for seq, change in enumerate(changes, start=1)]

    def _answer_door(self) -> None:
        if self.down:
            raise TransportError("fake central store is down")
        if self.unauthorised:
            raise Unauthorised("the central store refused this kiosk (401)", 401)

    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        self.timeouts.append(timeout_s)
        self._answer_door()
        if len(events) > MAX_BATCH:
            raise TransportError("the central store answered 413", 413)
        results = []
        for event in events:
            try:
                status, reason = self._apply(event)
            except _Rejected as rejected:
                status, reason = ResultStatus.REJECTED, str(rejected)
            results.append({"id": event["id"], "status": str(status), "reason": reason})
            self.answers.append(str(status))
        took = self.answer_after_s + self.seconds_per_event * len(events)
        waits = self.timeout_s if timeout_s is None else timeout_s
        if self.monotonic is not None:
            self.monotonic.advance(min(took, waits))
        if took > waits:
            # The store got the batch and applied it; the kiosk stopped waiting for the answer.
            raise TransportError("cannot reach the central store: ReadTimeout", in_flight=True)
        return results

    def _apply(self, event: dict[str, Any]) -> tuple[ResultStatus, str | None]:
        if event["id"] in self.refuse_ids:
            raise _Rejected("refused")
        content = _canonical(event)
        if event["id"] in self.applied:
            return self._seen_again(event["id"], content)
        try:
            event_type = EventType(event.get("type"))
        except ValueError:
            raise _Rejected(f"unknown event type {event.get('type')!r}") from None
        person_id = event["data"].get("person_id")
        if event_type is EventType.GUEST_ARRIVAL:
            self._guest_arrives(event["data"])
        if person_id not in {person["id"] for person in self.people}:
            raise _Rejected("unknown person")
        checked_method = event_type is not EventType.DESK_RELEASE
        if checked_method and event["data"].get("method") not in set(CheckinMethod):
            raise _Rejected("data.method must be one of: " + ", ".join(CheckinMethod))
        if event_type is EventType.LUNCH_SIGNUP and self.lunch_capacity:
            return self._lunch_signup(event, person_id, content)
        self.applied[event["id"]] = content
        if event_type is EventType.DESK_CLAIM:
            return self._claim(event["id"], event["data"].get("desk_id"), person_id)
        if event_type is EventType.DESK_RELEASE:
            holder = self.holders.get(event["data"].get("desk_id"))
            if holder is not None and self.claimants.get(holder) == person_id:
                del self.holders[event["data"]["desk_id"]]
        if event_type is EventType.CHECK_OUT:
            self._end_claims_of(person_id)
        return ResultStatus.ACCEPTED, None

    def _end_claims_of(self, person_id: str) -> None:
        """As the store does at a check-out: the person's drop-in desk is free again."""
        for desk_id, holder in list(self.holders.items()):
            if self.claimants.get(holder) == person_id:
                del self.holders[desk_id]

    def _seen_again(self, event_id: str, content: str) -> tuple[ResultStatus, str | None]:
        """An id the store has: the same answer again, or a refusal for changed content."""
        if self.applied[event_id] != content:
            raise _Rejected("id reused with different content")
        if event_id in self.conflicts:  # a resent claim that lost: the same answer
            return ResultStatus.CONFLICT, self.conflicts[event_id]
        return ResultStatus.DUPLICATE, None

    def _lunch_signup(
        self, event: dict[str, Any], person_id: str, content: str
    ) -> tuple[ResultStatus, str | None]:
        """The store's rule, for talks a test declared in ``lunch_capacity``: each person
        counted once, never past capacity (a conflict, answered the same when resent)."""
        talk_id = event["data"].get("talk_id")
        if talk_id not in self.lunch_capacity:
            raise _Rejected("unknown lunch talk")
        self.applied[event["id"]] = content
        signed = self.lunch_signed.setdefault(talk_id, set())
        if person_id in signed:
            return ResultStatus.ACCEPTED, "already signed up"
        if len(signed) >= self.lunch_capacity[talk_id]:
            self.conflicts[event["id"]] = str(ConflictReason.LUNCH_FULL)
            return ResultStatus.CONFLICT, str(ConflictReason.LUNCH_FULL)
        signed.add(person_id)
        return ResultStatus.ACCEPTED, None

    def _guest_arrives(self, data: dict[str, Any]) -> None:
        """The store makes a walk-in guest a person of the site (and checks the host)."""
        if data.get("host_id") not in {person["id"] for person in self.people}:
            raise _Rejected("unknown host")
        self.people.append({"id": data.get("person_id"), "name": data.get("name"), "kind": "guest"})

    def _claim(
        self, claim_id: str, desk_id: Any, person_id: str
    ) -> tuple[ResultStatus, str | None]:
        """First claim wins a desk; a person holds one desk at a time."""
        reason: ConflictReason | None = None
        if desk_id in self.holders:
            reason = ConflictReason.DESK_TAKEN
        elif any(self.claimants.get(held) == person_id for held in self.holders.values()):
            reason = ConflictReason.PERSON_HAS_DESK
        if reason is not None:
            self.conflicts[claim_id] = str(reason)
            return ResultStatus.CONFLICT, str(reason)
        self.holders[desk_id] = claim_id
        self.claimants[claim_id] = person_id
        return ResultStatus.ACCEPTED, None

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        self._answer_door()
        feed = self.feed()
        if since < 0 or not 1 <= limit <= MAX_CHANGES_PAGE:
            raise TransportError("the central store answered 422", 422)
        if feed and since > feed[-1]["seq"]:  # a cursor ahead of the store: a conflict of state
            raise TransportError("the central store answered 409", 409)
        page = [change for change in self.feed() if change["seq"] > since][:limit]
        cursor = page[-1]["seq"] if page else since
        more = any(change["seq"] > cursor for change in self.feed())
        # As the store sends them: a delete's data is null.
        page = [dict(c, data=None) if c["op"] == "delete" else c for c in page]
        return {"schema_version": SCHEMA_VERSION, "changes": page, "cursor": cursor, "more": more}
