"""The outbox: events recorded on this kiosk, kept until the central store has answered them."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from kiosk.models import OutboxEvent
from kiosk.protocol import ResultStatus

PENDING = "pending"
# An event the store failed (any status, a timeout, an answer the kiosk cannot use) each time
# it was sent alone, this many rounds, while the store took the other events: kept here, not
# sent again, counted for staff (status line, staff screen). Staff can send them again.
SET_ASIDE = "set_aside"
SET_ASIDE_AFTER = 3


def add(session: Session, event: Mapping[str, Any], created_at: datetime) -> None:
    """Queue an event in the caller's transaction, beside the change it records."""
    session.add(
        OutboxEvent(
            event_id=str(event["id"]),
            body=json.dumps(event, ensure_ascii=False, sort_keys=True),
            created_at=created_at,
            status=PENDING,
            attempts=0,
        )
    )


def pending_batch(session: Session, limit: int, skip: Collection[str] = ()) -> list[dict[str, Any]]:
    """The oldest unanswered events, exactly as first written (same id, same content), but
    for those in ``skip`` (failed alone earlier in this round)."""
    query = select(OutboxEvent.body).where(OutboxEvent.status == PENDING)
    if skip:
        query = query.where(OutboxEvent.event_id.not_in(list(skip)))
    rows = session.scalars(query.order_by(OutboxEvent.seq).limit(limit))
    return [json.loads(body) for body in rows]


def set_aside_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(OutboxEvent.status == SET_ASIDE)) or 0)


def note_failure(session: Session, event_id: str, reason: str) -> int:
    """The store failed this event sent alone; returns how many times in a row it has."""
    session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.event_id == event_id, OutboxEvent.status == PENDING)
        .values(failures=OutboxEvent.failures + 1, reason=reason)
    )
    return int(
        session.scalar(select(OutboxEvent.failures).where(OutboxEvent.event_id == event_id)) or 0
    )


def set_aside(session: Session, event_ids: Collection[str], at: datetime) -> int:
    """Set aside those of ``event_ids`` that failed SET_ASIDE_AFTER times; returns how many."""
    if not event_ids:
        return 0
    done = session.execute(
        update(OutboxEvent)
        .where(
            OutboxEvent.event_id.in_(list(event_ids)),
            OutboxEvent.status == PENDING,
            OutboxEvent.failures >= SET_ASIDE_AFTER,
        )
        .values(status=SET_ASIDE, set_aside_at=at)
    )
    return int(getattr(done, "rowcount", 0) or 0)


def send_set_aside_again(session: Session) -> int:
    """Staff asked: every set-aside event waits to be sent again, its failures forgotten."""
    done = session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.status == SET_ASIDE)
        .values(status=PENDING, failures=0, set_aside_at=None)
    )
    return int(getattr(done, "rowcount", 0) or 0)


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(OutboxEvent.status == PENDING)) or 0)


def note_attempt(session: Session, event_ids: Sequence[str]) -> None:
    session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.event_id.in_(event_ids))
        .values(attempts=OutboxEvent.attempts + 1)
    )


def record_answers(
    session: Session, results: Sequence[Mapping[str, Any]], answered_at: datetime
) -> dict[str, int]:
    """Store the central store's answer per event; returns a count per status.

    One statement for the whole batch (executemany on the table, no ORM bookkeeping per row):
    a drain records 200 answers per batch, and per-row ORM updates cost more than the store's
    answer took. An event already answered (not pending) keeps its first answer."""
    counts: dict[str, int] = {}
    rows = []
    for result in results:
        status = ResultStatus(str(result["status"]))
        rows.append(
            {"b_id": str(result["id"]), "b_status": str(status), "b_reason": result.get("reason")}
        )
        counts[status] = counts.get(status, 0) + 1
    if rows:
        table = cast(Table, OutboxEvent.__table__)
        session.connection().execute(
            update(table)
            .where(table.c.event_id == bindparam("b_id"), table.c.status == PENDING)
            .values(
                status=bindparam("b_status"), reason=bindparam("b_reason"), answered_at=answered_at
            ),
            rows,
        )
    return counts
