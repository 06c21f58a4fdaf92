"""A batch of events in one transaction, each event in its own savepoint; reads that do not
wait behind a write."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, event
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy import event as sqlalchemy_event

from central import demo
from central.db.engine import SessionFactory, read_factory
from central.db.models import Change, EventRecord, Token, Visit
from central.domain import desks, events
from kiosk.clock import SystemClock
from tests.conftest import LogExpectations

LYNGDAL_EVENTS = EVENTS.format(site="lyngdal")
OTHER = demo.person_id_for("eirik.amland@bufdir.no")


def post(client: TestClient, headers: dict[str, str], *batch: dict[str, Any]) -> list[Any]:
    response = client.post(LYNGDAL_EVENTS, headers=headers, json={"events": list(batch)})
    assert response.status_code == 200, response.text
    results: list[Any] = response.json()["results"]
    assert [r["id"] for r in results] == [e["id"] for e in batch]
    return results


def stored_ids(factory: SessionFactory) -> set[str]:
    with factory() as session:
        return set(session.scalars(select(EventRecord.id)))


def test_a_batch_is_one_transaction(engine: Engine, factory: SessionFactory, kari: str) -> None:
    commits: list[object] = []
    sqlalchemy_event.listen(engine, "commit", commits.append)
    batch = [
        event(person, kind, at=f"2026-11-27T{hour:02d}:00:00+01:00")
        for hour, kind in ((8, "check_in"), (16, "check_out"))
        for person in (kari, OTHER)
    ]
    outcomes = events.apply_batch(
        factory, "lyngdal", [events.IncomingEvent(**e) for e in batch], SystemClock()
    )
    assert [o.status for o in outcomes] == ["accepted"] * 4
    assert len(commits) == 1
    assert stored_ids(factory) == {e["id"] for e in batch}


def test_an_event_rejected_mid_batch_leaves_nothing_and_the_rest_stand(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    # The release is refused after its event record was written: its savepoint takes it back.
    release = {
        "id": event(kari)["id"],
        "type": "desk_release",
        "at": "2026-11-27T09:00:00+01:00",
        "data": {"person_id": kari, "desk_id": "lyngdal-A-10", "claim_id": 5},
    }
    batch = [
        event(kari, at="2026-11-27T08:00:00+01:00"),
        release,
        event(kari, "check_out", at="2026-11-27T16:00:00+01:00"),
    ]
    results = post(client, device, *batch)
    assert [(r["status"], r["reason"]) for r in results] == [
        ("accepted", None),
        ("rejected", "data.claim_id must be text"),
        ("accepted", None),
    ]
    assert stored_ids(factory) == {batch[0]["id"], batch[2]["id"]}
    # The same batch again: the two that stood are duplicates, the bad one is refused again.
    assert [r["status"] for r in post(client, device, *batch)] == [
        "duplicate",
        "rejected",
        "duplicate",
    ]


def test_an_event_that_fails_unexpectedly_is_answered_alone_not_with_a_500(
    client: TestClient,
    device: dict[str, str],
    factory: SessionFactory,
    kari: str,
    caplog: pytest.LogCaptureFixture,
    expect_log: LogExpectations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expect_log("central.domain.events", logging.ERROR, "could not be applied")

    # A bug in the desk rules (a year-9999 claim once overflowed their date arithmetic; such
    # times are now refused before they get there): the claim fails unexpectedly.
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(desks, "claim_desk", broken)
    poison = {
        "id": event(kari)["id"],
        "type": "desk_claim",
        "at": "2026-11-27T09:00:00+01:00",
        "data": {"person_id": kari, "desk_id": "lyngdal-A-10", "method": "name"},
    }
    batch = [event(kari), poison, event(OTHER)]
    with caplog.at_level(logging.ERROR, logger="central.domain.events"):
        results = post(client, device, *batch)
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"]
    assert results[1]["reason"] == events.NOT_APPLIED
    assert stored_ids(factory) == {batch[0]["id"], batch[2]["id"]}
    [record] = caplog.records
    assert record.exc_info is not None and poison["id"] in record.getMessage()
    assert kari not in caplog.text  # the log names the event, not the person


def test_reads_do_not_wait_behind_an_open_write(
    engine: Engine,
    factory: SessionFactory,
    client: TestClient,
    device: dict[str, str],
    admin: dict[str, str],
    kari: str,
) -> None:
    post(client, device, event(kari))
    answers: dict[str, int] = {}
    done = threading.Event()

    def read() -> None:
        answers["feed"] = client.get(CHANGES.format(site="lyngdal"), headers=device).status_code
        answers["presence"] = client.get(PRESENCE.format(site="lyngdal"), headers=admin).status_code
        with read_factory(engine)() as session:
            answers["tokens"] = session.scalar(select(func.count()).select_from(Token)) or 0
        done.set()

    with factory.begin() as writer:  # an open write transaction that has written
        writer.add(Change(site="lyngdal", entity="presence", op="upsert", key=kari, data={}))
        writer.flush()
        reader = threading.Thread(target=read)
        reader.start()
        finished = done.wait(10)
    reader.join(60)
    assert finished, "a read waited for the write transaction to end"
    assert answers == {"feed": 200, "presence": 200, "tokens": 2}
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 1
