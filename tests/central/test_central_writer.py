"""The API's way into the writer (events.apply_batch_soon): batches queued from an event loop
are applied by the process's writer thread, answered each to its own request, and a request
waiting for its turn holds no worker thread."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from central_helpers import event
from sqlalchemy import Engine, func, select
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.exc import OperationalError

from central.db.engine import SessionFactory
from central.db.models import EventRecord, Person, Visit
from central.domain import events
from kiosk.clock import SystemClock


def people(factory: SessionFactory) -> list[str]:
    with factory() as session:
        return list(
            session.scalars(select(Person.id).where(Person.site == "lyngdal").order_by(Person.id))
        )[:40]


def wire(batch: list[dict[str, Any]]) -> list[events.IncomingEvent]:
    return [events.IncomingEvent(**e) for e in batch]


def test_forty_requests_at_once_are_each_answered_and_applied_together(
    engine: Engine, factory: SessionFactory
) -> None:
    commits: list[object] = []
    sqlalchemy_event.listen(engine, "commit", commits.append)
    batches = [
        [event(person, "check_in", at="2026-11-27T08:00:00+01:00")] for person in people(factory)
    ]
    threads_before = threading.active_count()

    async def burst() -> list[list[events.Outcome]]:
        return await asyncio.gather(
            *(events.apply_batch_soon(factory, "lyngdal", wire(b), SystemClock()) for b in batches)
        )

    answers = asyncio.run(burst())
    # Each request hears the answer to its own batch, in its own order.
    assert [[o.id for o in a] for a in answers] == [[e["id"] for e in b] for b in batches]
    assert all(o.status == "accepted" for a in answers for o in a)
    # Applied together: far fewer transactions than batches, and no thread per request.
    assert len(commits) < len(batches) / 2, len(commits)
    assert threading.active_count() <= threads_before + 1  # the writer, made on first use
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == len(batches)
        assert session.scalar(
            select(func.count()).select_from(Visit).where(Visit.checked_out_at.is_(None))
        ) == len(batches)


def test_a_caller_of_apply_batch_and_the_writer_answer_each_others_batches(
    factory: SessionFactory,
) -> None:
    everyone = people(factory)
    sync_batches = [[event(p, "check_in")] for p in everyone[:20]]
    async_batches = [[event(p, "check_in")] for p in everyone[20:]]
    sync_answers: list[list[events.Outcome]] = []

    def sync_caller() -> None:
        for b in sync_batches:
            sync_answers.append(events.apply_batch(factory, "lyngdal", wire(b), SystemClock()))

    async def both() -> list[list[events.Outcome]]:
        caller = threading.Thread(target=sync_caller)
        caller.start()
        answers = await asyncio.gather(
            *(
                events.apply_batch_soon(factory, "lyngdal", wire(b), SystemClock())
                for b in async_batches
            )
        )
        await asyncio.to_thread(caller.join)
        return answers

    async_answers = asyncio.run(both())
    for batches, answers in ((sync_batches, sync_answers), (async_batches, async_answers)):
        assert [[o.id for o in a] for a in answers] == [[e["id"] for e in b] for b in batches]
        assert all(o.status == "accepted" for a in answers for o in a)


def test_a_request_that_went_away_leaves_the_writer_working(factory: SessionFactory) -> None:
    everyone = people(factory)
    first = [event(everyone[0], "check_in")]
    second = [event(everyone[1], "check_in")]

    async def abandon_then_send() -> list[events.Outcome]:
        waiting = asyncio.ensure_future(
            events.apply_batch_soon(factory, "lyngdal", wire(first), SystemClock())
        )
        await asyncio.sleep(0)
        waiting.cancel()  # the kiosk hung up: its batch may still be applied, and is once
        return await events.apply_batch_soon(factory, "lyngdal", wire(second), SystemClock())

    answer = asyncio.run(abandon_then_send())
    assert [o.status for o in answer] == ["accepted"]
    again = events.apply_batch(factory, "lyngdal", wire(first), SystemClock())
    assert again[0].status in ("accepted", "duplicate")  # applied once either way
    with factory() as session:
        stored = session.scalar(
            select(func.count()).select_from(EventRecord).where(EventRecord.id == first[0]["id"])
        )
    assert stored == 1


def test_a_batch_the_database_refuses_is_an_error_for_its_request_only(
    factory: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    everyone = people(factory)
    calls = {"n": 0}
    real = events._apply_group

    def once_broken(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("SELECT 1", {}, Exception("the database went away"))
        return real(*args, **kwargs)

    monkeypatch.setattr(events, "_apply_group", once_broken)

    async def two() -> list[Any]:
        return await asyncio.gather(
            events.apply_batch_soon(
                factory, "lyngdal", wire([event(everyone[0], "check_in")]), SystemClock()
            ),
            return_exceptions=True,
        )

    (failed,) = asyncio.run(two())
    assert type(failed).__name__ == "OperationalError"
    # The writer lives on: the next batch is applied.
    answer = asyncio.run(
        events.apply_batch_soon(
            factory, "lyngdal", wire([event(everyone[1], "check_in")]), SystemClock()
        )
    )
    assert [o.status for o in answer] == ["accepted"]
