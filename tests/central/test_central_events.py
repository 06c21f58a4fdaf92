"""Posting events: presence, idempotency, rejections that store nothing, concurrency."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, event
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from central import demo
from central.api.app import create_app
from central.db.engine import SessionFactory
from central.db.models import Change, EventRecord, Visit
from central.domain import events
from kiosk.protocol import MAX_BATCH
from tests.fakes import FakeClock

LYNGDAL_EVENTS = EVENTS.format(site="lyngdal")
RECEIVED = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # when the store got the events


def post(client: TestClient, headers: dict[str, str], *batch: dict[str, Any]) -> list[Any]:
    response = client.post(LYNGDAL_EVENTS, headers=headers, json={"events": list(batch)})
    assert response.status_code == 200, response.text
    results: list[Any] = response.json()["results"]
    assert [r["id"] for r in results] == [e["id"] for e in batch]
    return results


def counts(factory: SessionFactory) -> tuple[int, int, int]:
    with factory() as session:
        return (
            session.scalar(select(func.count()).select_from(EventRecord)) or 0,
            session.scalar(select(func.count()).select_from(Visit)) or 0,
            session.scalar(select(func.max(Change.seq))) or 0,
        )


def test_check_in_then_out_changes_presence(
    client: TestClient, device: dict[str, str], admin: dict[str, str], kari: str
) -> None:
    presence = PRESENCE.format(site="lyngdal")
    assert client.get(presence, headers=admin).json() == []

    results = post(client, device, event(kari, at="2026-11-27T08:01:02+01:00", method="qr"))
    assert results[0]["status"] == "accepted"
    assert results[0]["reason"] is None
    present = client.get(presence, headers=admin).json()
    assert present[0].pop("desk") in (None, "B-12")  # the demo books B-12 for her today
    assert present == [
        {
            "person_id": kari,
            "name": "Kari Nordmann",
            "organisation": "NAV",
            "checked_in_at": "2026-11-27T07:01:02Z",
            "kind": "member",
            "zone": "Sone B",  # B-12's zone, and her cluster's
            "checked_in_local": "2026-11-27T08:01:02+01:00",
        }
    ]

    results = post(client, device, event(kari, "check_out", at="2026-11-27T16:00:00+01:00"))
    assert results[0] == {"id": results[0]["id"], "status": "accepted", "reason": None}
    assert client.get(presence, headers=admin).json() == []

    feed = client.get(CHANGES.format(site="lyngdal"), headers=device).json()["changes"]
    presence_rows = [c for c in feed if c["entity"] == "presence"]
    # The latest state only: the check-in before it is not kept in the feed.
    assert [(c["key"], c["data"]) for c in presence_rows] == [
        (kari, {"person_id": kari, "checked_in": False, "at": "2026-11-27T15:00:00+00:00"}),
    ]


def test_presence_is_sorted_by_check_in(
    client: TestClient, device: dict[str, str], admin: dict[str, str], kari: str
) -> None:
    other = demo.person_id_for("eirik.amland@bufdir.no")
    post(
        client,
        device,
        event(kari, at="2026-11-27T09:30:00+01:00"),
        event(other, at="2026-11-27T08:00:00+01:00"),
    )
    present = client.get(PRESENCE.format(site="lyngdal"), headers=admin).json()
    assert [p["person_id"] for p in present] == [other, kari]
    assert present[0]["name"] == "Eirik Åmland"


def test_double_check_in_and_stray_check_out_are_accepted_with_a_reason(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    results = post(
        client,
        device,
        event(kari, "check_out"),
        event(kari),
        event(kari, at="2026-11-27T09:00:00+01:00"),
    )
    assert [(r["status"], r["reason"]) for r in results] == [
        ("accepted", "was not checked in"),
        ("accepted", None),
        ("accepted", "already checked in"),
    ]
    with factory() as session:
        visits = session.scalars(select(Visit)).all()
    assert len(visits) == 1
    assert visits[0].check_in_event_id == results[1]["id"]


def test_same_batch_twice_is_duplicate_and_changes_nothing(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    batch = [event(kari), event(kari, "check_out", at="2026-11-27T12:00:00+01:00")]
    assert [r["status"] for r in post(client, device, *batch)] == ["accepted", "accepted"]
    before = counts(factory)
    assert [r["status"] for r in post(client, device, *batch)] == ["duplicate", "duplicate"]
    assert counts(factory) == before


def test_same_time_in_another_offset_is_the_same_content(
    client: TestClient, device: dict[str, str], kari: str
) -> None:
    first = event(kari, at="2026-11-27T08:00:00+01:00")
    again = {**first, "at": "2026-11-27T07:00:00Z"}
    assert [r["status"] for r in post(client, device, first, again)] == ["accepted", "duplicate"]


def test_id_reused_with_other_content_is_rejected(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    first = event(kari)
    post(client, device, first)
    before = counts(factory)
    reused = event(kari, "check_out", id=first["id"])
    results = post(client, device, reused, {**first, "data": {**first["data"], "method": "qr"}})
    for result in results:
        assert (result["status"], result["reason"]) == (
            "rejected",
            "id reused with different content",
        )
    assert counts(factory) == before


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"at": "2026-11-27T08:00:00"}, "at has no timezone offset"),
        ({"at": "yesterday"}, "at is not an ISO 8601 time"),
        ({"id": "not-a-uuid"}, "id is not a UUID"),
        ({"type": "teleport"}, "unknown event type 'teleport'"),
        ({"data": ["person"]}, "data is not an object"),
        ({"data": {"method": "qr"}}, "data.person_id is missing"),
        ({"data": {"person_id": "kari", "method": "qr"}}, "data.person_id is not a UUID"),
        ({"data": {"person_id": "KARI", "method": "smile"}}, "data.method must be one of"),
        ({"data": {"person_id": "KARI", "method": "qr", "pass_id": "x"}}, "data.pass_id"),
        ({"data": {"person_id": str(uuid.uuid4()), "method": "qr"}}, "unknown person"),
        (
            {"data": {"person_id": demo.person_id_for("trond.tveit@statsforvalteren.no")}},
            "person belongs to another site",
        ),
    ],
)
def test_bad_events_are_rejected_with_a_reason_and_nothing_is_stored(
    client: TestClient,
    device: dict[str, str],
    factory: SessionFactory,
    kari: str,
    change: dict[str, Any],
    reason: str,
) -> None:
    bad = {**event(kari), **change}
    if isinstance(bad["data"], dict):
        bad["data"] = {"method": "name", **bad["data"]}
        if bad["data"].get("person_id") == "KARI":
            bad["data"]["person_id"] = kari
    before = counts(factory)
    good = event(kari)
    results = post(client, device, bad, good)
    assert results[0]["status"] == "rejected"
    assert results[0]["reason"].startswith(reason)
    assert results[1]["status"] == "accepted"  # one bad event does not sink the batch
    events_before, visits_before, seq_before = before
    events_after, visits_after, seq_after = counts(factory)
    assert (events_after, visits_after) == (events_before + 1, visits_before + 1)
    assert seq_after > seq_before  # the good one's presence row


def test_event_for_a_person_of_another_site_posted_there_is_fine(
    client: TestClient, make_token: Any
) -> None:
    trond = demo.person_id_for("trond.tveit@statsforvalteren.no")
    headers = {"Authorization": f"Bearer {make_token('stadt', 'device')}"}
    response = client.post(
        EVENTS.format(site="stadt"), headers=headers, json={"events": [event(trond)]}
    )
    assert response.json()["results"][0]["status"] == "accepted"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"events": {}}',
        b'{"events": [{"id": "x"}]}',
        b'{"events": [{"id": 5, "type": "check_in", "at": "2026-11-27T08:00:00Z", "data": {}}]}',
        b"",
    ],
)
def test_malformed_body_is_422(
    client: TestClient, device: dict[str, str], factory: SessionFactory, body: bytes
) -> None:
    before = counts(factory)
    response = client.post(
        LYNGDAL_EVENTS, headers={**device, "Content-Type": "application/json"}, content=body
    )
    assert response.status_code == 422
    assert counts(factory) == before


def test_too_many_events_is_refused_whole(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    before = counts(factory)
    batch = [event(kari) for _ in range(MAX_BATCH + 1)]
    response = client.post(LYNGDAL_EVENTS, headers=device, json={"events": batch})
    assert response.status_code in (413, 422)
    assert counts(factory) == before
    assert len(post(client, device, *batch[:MAX_BATCH])) == MAX_BATCH


def test_odd_text_gets_an_answer_not_a_crash(
    client: TestClient, device: dict[str, str], kari: str
) -> None:
    odd_type = {**event(kari), "type": "check_in\u0000"}
    odd_data = event(kari, note="😀 \u0000 Ærlend på Stillesone")
    results = post(client, device, odd_type, odd_data)
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    surrogate = event(kari, note="\\ud800")
    huge = event(kari, note="Æ" * 5000)
    body = json.dumps({"events": [surrogate, huge]}).replace("\\\\ud800", "\\ud800")
    assert "\\ud800" in body
    response = client.post(
        LYNGDAL_EVENTS, headers={**device, "Content-Type": "application/json"}, content=body
    )
    assert [(r["status"], r["reason"]) for r in response.json()["results"]] == [
        ("rejected", "data is not valid Unicode text"),
        ("rejected", "data is larger than 4096 bytes"),
    ]
    bad_id = b'{"events": [{"id": "\\ud800", "type": "x", "at": "x", "data": {}}]}'
    response = client.post(
        LYNGDAL_EVENTS, headers={**device, "Content-Type": "application/json"}, content=bad_id
    )
    assert response.status_code == 422


def test_concurrent_posts_of_one_id_store_it_once(factory: SessionFactory, kari: str) -> None:
    incoming = events.IncomingEvent(**event(kari))
    barrier = threading.Barrier(6)
    outcomes: list[events.Outcome] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        outcome = events.apply_event(factory, "lyngdal", incoming, now=RECEIVED)
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.status for o in outcomes) == ["accepted"] + ["duplicate"] * 5
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == 1
        assert session.scalar(select(func.count()).select_from(Visit)) == 1


def test_a_twin_committed_between_lookup_and_insert_counts_as_duplicate(
    factory: SessionFactory, kari: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = events.IncomingEvent(**event(kari))
    assert events.apply_event(factory, "lyngdal", incoming, now=RECEIVED).status == "accepted"
    real_find = events._find_event
    calls: list[str] = []

    def blind_once(session: Any, event_id: str) -> Any:
        calls.append(event_id)
        return None if len(calls) == 1 else real_find(session, event_id)

    monkeypatch.setattr(events, "_find_event", blind_once)
    # The first attempt misses the stored row, so its insert hits the primary key.
    assert events.apply_event(factory, "lyngdal", incoming, now=RECEIVED).status == "duplicate"
    assert len(calls) == 2


def test_the_store_stamps_events_with_the_clock_it_was_given(
    engine: Engine, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    clock = FakeClock(datetime(2031, 5, 17, 12, 30, tzinfo=UTC))
    with TestClient(create_app(engine, clock)) as client:
        # The events' own times lie within a day of the store's clock, or it refuses them.
        first = post(client, device, event(kari, at="2031-05-17T13:00:00+01:00"))[0]
        clock.advance(minutes=5)
        second = post(client, device, event(kari, "check_out", at="2031-05-17T13:05:00+01:00"))[0]
    with factory() as session:
        stamped = {
            r.id: r.received_at.astimezone(UTC) for r in session.scalars(select(EventRecord))
        }
    assert stamped == {
        first["id"]: datetime(2031, 5, 17, 12, 30, tzinfo=UTC),
        second["id"]: datetime(2031, 5, 17, 12, 35, tzinfo=UTC),
    }
