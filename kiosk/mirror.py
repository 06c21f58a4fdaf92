"""Applying the central store's changes feed to the kiosk's local mirror tables."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kiosk import desk_mirror
from kiosk.models import Person, Presence, PublicKey, RevokedPass
from kiosk.names import search_key
from kiosk.protocol import ChangeOp, Entity, parse_time

log = logging.getLogger(__name__)


class BadChange(ValueError):
    """A change from the central store that does not have the shape the protocol promises."""


def _person(session: Session, key: str, data: Mapping[str, Any]) -> None:
    name = str(data["name"])
    session.merge(
        Person(
            id=key,
            name=name,
            given_name=str(data.get("given_name") or ""),
            organisation=data.get("organisation"),
            cluster=data.get("cluster"),
            kind=str(data.get("kind") or "member"),
            active=bool(data.get("active", True)),
            search_key=search_key(name),
        )
    )


def _signing_key(session: Session, key: str, data: Mapping[str, Any]) -> None:
    raw = base64.b64decode(str(data["public_key"]), validate=True)
    if len(raw) != 32:
        raise BadChange("public key is not 32 bytes")
    session.merge(PublicKey(key_id=key, public_key=raw))


def _revoked_pass(session: Session, key: str, _data: Mapping[str, Any]) -> None:
    session.merge(RevokedPass(pass_id=key))


def _presence(session: Session, key: str, data: Mapping[str, Any]) -> None:
    at = parse_time(str(data["at"]))
    current = session.get(Presence, key)
    # This kiosk may have recorded something newer that the store has not heard of yet.
    if current is not None and current.at > at:
        return
    session.merge(Presence(person_id=key, checked_in=bool(data["checked_in"]), at=at))


_UPSERTS: dict[str, Callable[[Session, str, Mapping[str, Any]], None]] = {
    Entity.PERSON: _person,
    Entity.SIGNING_KEY: _signing_key,
    Entity.REVOKED_PASS: _revoked_pass,
    Entity.PRESENCE: _presence,
    **desk_mirror.UPSERTS,
}
_DELETES: dict[str, Any] = {
    Entity.PERSON: Person.id,
    Entity.SIGNING_KEY: PublicKey.key_id,
    Entity.REVOKED_PASS: RevokedPass.pass_id,
    Entity.PRESENCE: Presence.person_id,
    **desk_mirror.DELETES,
}


def apply_changes(session: Session, changes: Sequence[Mapping[str, Any]]) -> int:
    """Apply one page of changes; returns how many were applied. Unknown entities are skipped
    (a newer store may send more than this kiosk mirrors); malformed ones raise BadChange."""
    applied = 0
    for change in changes:
        try:
            entity, op, key = str(change["entity"]), str(change["op"]), str(change["key"])
            if op == ChangeOp.UPSERT and entity in _UPSERTS:
                data = change["data"]
                if not isinstance(data, Mapping):
                    raise BadChange(f"change {change.get('seq')}: data is not an object")
                _UPSERTS[entity](session, key, data)
            elif op == ChangeOp.DELETE and entity in _DELETES:
                column = _DELETES[entity]
                session.execute(delete(column.class_).where(column == key))
            else:
                continue
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, BadChange):
                raise
            raise BadChange(f"change {change.get('seq')!r} is malformed: {exc!r}") from exc
        applied += 1
    return applied
