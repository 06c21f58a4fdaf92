"""A batch of 50 events with one bad one: the bad one is answered alone, the other 49 are
applied once, in one transaction, however often and however concurrently the batch comes."""

from __future__ import annotations

import threading
from typing import Any

import httpx
from central_helpers import CHANGES, EVENTS, bearer, event
from sqlalchemy import Engine, func, select
from sqlalchemy import event as sqlalchemy_event

from central.db.engine import SessionFactory
from central.db.models import Change, EventRecord, Person, Visit

LYNGDAL_EVENTS = EVENTS.format(site="lyngdal")
BAD_AT = 23  # somewhere in the middle


def lyngdal_people(factory: SessionFactory, count: int) -> list[str]:
    with factory() as session:
        people = list(
            session.scalars(
                select(Person.id)
                .where(Person.site == "lyngdal", Person.active.is_(True))
                .order_by(Person.id)
                .limit(count)
            )
        )
    assert len(people) == count
    return people


def batch_of_50(factory: SessionFactory) -> list[dict[str, Any]]:
    """49 check-ins of 49 people and, at BAD_AT, a desk release refused only after its event
    record was written (its claim id is not text): the savepoint has to take that back."""
    people = lyngdal_people(factory, 49)
    batch = [event(person, at="2026-11-27T08:00:00+01:00") for person in people]
    bad = {
        "id": event(people[0])["id"],
        "type": "desk_release",
        "at": "2026-11-27T09:00:00+01:00",
        "data": {"person_id": people[0], "desk_id": "lyngdal-A-10", "claim_id": 5},
    }
    batch.insert(BAD_AT, bad)
    return batch


def counts(factory: SessionFactory) -> tuple[int, int, int]:
    with factory() as session:
        return (
            session.scalar(select(func.count()).select_from(EventRecord)) or 0,
            session.scalar(select(func.count()).select_from(Visit)) or 0,
            session.scalar(
                select(func.count()).select_from(Change).where(Change.entity == "presence")
            )
            or 0,
        )


def test_one_bad_event_in_50_is_answered_alone_and_the_rest_applied_once(
    engine: Engine, factory: SessionFactory, store_url: str, device: dict[str, str]
) -> None:
    batch = batch_of_50(factory)
    good_ids = {e["id"] for i, e in enumerate(batch) if i != BAD_AT}
    commits: list[object] = []
    count_commit = commits.append  # one bound method: remove() must find what listen() got
    sqlalchemy_event.listen(engine, "commit", count_commit)
    with httpx.Client(base_url=store_url, headers=device, timeout=30) as client:
        answer = client.post(LYNGDAL_EVENTS, json={"events": batch})
        assert answer.status_code == 200, answer.text
        results = answer.json()["results"]
        assert [r["id"] for r in results] == [e["id"] for e in batch]
        assert results[BAD_AT] == {
            "id": batch[BAD_AT]["id"],
            "status": "rejected",
            "reason": "data.claim_id must be text",
        }
        assert {(r["status"], r["reason"]) for i, r in enumerate(results) if i != BAD_AT} == {
            ("accepted", None)
        }
        sqlalchemy_event.remove(engine, "commit", count_commit)
        with factory() as session:
            assert set(session.scalars(select(EventRecord.id))) == good_ids
        # 49 event rows, 49 open visits, one presence row per person (the feed keeps state).
        assert counts(factory) == (49, 49, 49)
        # One commit for the batch; at most one more for the note of the token's first use,
        # which its own writer makes in the background.
        assert 1 <= len(commits) <= 2

        again = client.post(LYNGDAL_EVENTS, json={"events": batch}).json()["results"]
        assert [r["status"] for r in again] == ["duplicate"] * BAD_AT + ["rejected"] + [
            "duplicate"
        ] * (49 - BAD_AT)
        assert counts(factory) == (49, 49, 49)
        feed = client.get(CHANGES.format(site="lyngdal"), params={"limit": 5000}).json()
    presence = [c for c in feed["changes"] if c["entity"] == "presence"]
    assert len(presence) == 49 and all(c["data"]["checked_in"] for c in presence)


def test_the_same_batch_from_two_kiosks_at_once_is_applied_once(
    factory: SessionFactory, store_url: str, make_token: Any
) -> None:
    batch = batch_of_50(factory)
    answers: list[list[dict[str, Any]]] = []
    start = threading.Barrier(2)

    def send(token: str) -> None:
        with httpx.Client(base_url=store_url, headers=bearer(token), timeout=60) as client:
            start.wait(10)
            answer = client.post(LYNGDAL_EVENTS, json={"events": batch})
            assert answer.status_code == 200, answer.text
            answers.append(answer.json()["results"])

    senders = [
        threading.Thread(target=send, args=(make_token("lyngdal", "device"),)) for _ in range(2)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(120)
    assert len(answers) == 2
    for index in range(len(batch)):
        statuses = sorted(answer[index]["status"] for answer in answers)
        if index == BAD_AT:
            assert statuses == ["rejected", "rejected"]
        else:  # one kiosk's copy applied, the other's answered as the duplicate it is
            assert statuses == ["accepted", "duplicate"], (index, statuses)
    assert counts(factory) == (49, 49, 49)
