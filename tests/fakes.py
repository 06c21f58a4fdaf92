"""In-memory stand-ins for what a unit test should not start: the central store, the clock.

``FakeCentral`` keeps the same contract as ``kiosk.central_client.HttpCentralClient``
(push_events / pull_changes, TransportError when down). The integration tests run the real
central store instead.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.central_client import TransportError, Unauthorised
from kiosk.passes import SigningKey


@dataclass
class FakeClock:
    current: datetime = field(default_factory=lambda: datetime(2026, 11, 27, 8, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


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
    refuse_ids: set[str] = field(default_factory=set)
    applied: dict[str, str] = field(default_factory=dict)  # event id -> canonical content
    answers: list[str] = field(default_factory=list)
    extra_changes: list[dict[str, Any]] = field(default_factory=list)
    unauthorised: bool = False  # as if this kiosk's token were revoked
    timeouts: list[float | None] = field(default_factory=list)  # per push_events call
    # A slow store: each event of a batch takes this long on ``monotonic``. A batch slower than
    # the caller's timeout is still applied, and the caller hears a timeout (in flight).
    seconds_per_event: float = 0.0
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
                    "data": {"key_id": key.key_id, "public_key": public},
                }
            )
        for person in self.people:
            changes.append(
                {"entity": "person", "op": "upsert", "key": person["id"], "data": person}
            )
        changes.extend(self.extra_changes)
        return [dict(change, seq=seq) for seq, change in enumerate(changes, start=1)]

    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        self.timeouts.append(timeout_s)
        self._answer_or_raise()
        took = self.seconds_per_event * len(events)
        timed_out = timeout_s is not None and took > timeout_s
        if self.monotonic is not None:
            self.monotonic.advance(timeout_s if timed_out and timeout_s is not None else took)
        results = []
        for event in events:
            content = json.dumps(event, sort_keys=True)
            if event["id"] in self.refuse_ids:
                results.append({"id": event["id"], "status": "rejected", "reason": "refused"})
            elif event["id"] in self.applied:
                same = self.applied[event["id"]] == content
                status = "duplicate" if same else "rejected"
                results.append({"id": event["id"], "status": status, "reason": None})
            else:
                self.applied[event["id"]] = content
                results.append({"id": event["id"], "status": "accepted", "reason": None})
            self.answers.append(results[-1]["status"])
        if timed_out:
            raise TransportError("fake central store: read timed out", in_flight=True)
        return results

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        self._answer_or_raise()
        page = [change for change in self.feed() if change["seq"] > since][:limit]
        cursor = page[-1]["seq"] if page else since
        more = any(change["seq"] > cursor for change in self.feed())
        return {"changes": page, "cursor": cursor, "more": more}

    def _answer_or_raise(self) -> None:
        if self.down:
            raise TransportError("fake central store is down")
        if self.unauthorised:
            raise Unauthorised("the central store refused this kiosk (401)", 401)
