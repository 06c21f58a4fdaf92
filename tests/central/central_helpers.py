"""Helpers for the central store's tests (a module, so tests can import them by name)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from central.db.engine import SessionFactory
from central.db.models import Token
from central.domain import tokens

KARI_EMAIL = "kari.nordmann@nav.no"
CHANGES = "/api/v1/sites/{site}/changes"
EVENTS = "/api/v1/sites/{site}/events"
PRESENCE = "/api/v1/sites/{site}/presence"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def event(
    person_id: str,
    type: str = "check_in",
    *,
    at: str = "2026-11-27T08:01:02+01:00",
    id: str | None = None,
    method: str = "name",
    **extra: Any,
) -> dict[str, Any]:
    """An event as a kiosk sends it."""
    return {
        "id": id or str(uuid.uuid4()),
        "type": type,
        "at": at,
        "data": {"person_id": person_id, "method": method, **extra},
    }


def now() -> datetime:
    return datetime.now(UTC)


def add_legacy_token(factory: SessionFactory, secret: str, label: str = "old kiosk") -> None:
    """A device token of Lyngdal as stored before the keyed hash: plain SHA-256, as revision
    0005 left every token made before it."""
    with factory.begin() as session:
        session.add(
            Token(
                site="lyngdal",
                role="device",
                secret_hash=tokens.legacy_hash(secret),
                hash_scheme=tokens.LEGACY_SHA256,
                label=label,
                created_at=now(),
            )
        )


def fold(rows: list[dict[str, Any]]) -> dict[tuple[str, str], Any]:
    """What a kiosk ends up with: the last word on each entity (None once deleted)."""
    state: dict[tuple[str, str], Any] = {}
    for row in rows:
        state[(row["entity"], row["key"])] = row["data"] if row["op"] == "upsert" else None
    return state
