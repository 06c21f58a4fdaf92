"""The outbox: events recorded on this kiosk, kept until the central store has answered them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.models import OutboxEvent
from kiosk.protocol import ResultStatus

PENDING = "pending"


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


def pending_batch(session: Session, limit: int) -> list[dict[str, Any]]:
    """The oldest unanswered events, exactly as first written (same id, same content)."""
    rows = session.scalars(
        select(OutboxEvent.body)
        .where(OutboxEvent.status == PENDING)
        .order_by(OutboxEvent.seq)
        .limit(limit)
    )
    return [json.loads(body) for body in rows]


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
    """Store the central store's answer per event; returns a count per status."""
    counts: dict[str, int] = {}
    for result in results:
        status = ResultStatus(str(result["status"]))
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.event_id == str(result["id"]), OutboxEvent.status == PENDING)
            .values(status=str(status), reason=result.get("reason"), answered_at=answered_at)
        )
        counts[status] = counts.get(status, 0) + 1
    return counts
