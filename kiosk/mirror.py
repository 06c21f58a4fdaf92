"""Applying the central store's changes feed to the kiosk's local mirror tables.

Each change is validated with its entity's wire model (``kiosk.wire``). One the kiosk cannot
read is logged (its entity kind, id and seq, nothing else) and skipped: one bad row from the
store must not stop a kiosk from learning everything else. A page's changes are written in bulk,
one statement per run of the same entity and operation (a first sync of 50,000 people is a
dozen pages), in the caller's transaction.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, delete
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from kiosk import desk_mirror, lunch_mirror
from kiosk.models import Base, Person, Presence, PublicKey, RevokedPass
from kiosk.names import search_key
from kiosk.protocol import SCHEMA_VERSION, ChangeOp, Entity

if TYPE_CHECKING:
    from kiosk import wire

log = logging.getLogger(__name__)

Row = dict[str, Any]


class BadChange(ValueError):
    """A changes page from the central store that this kiosk cannot use at all."""


def _person(key: str, data: wire.PersonData) -> Row:
    return {
        "id": key,
        "name": data.name,
        "given_name": data.given_name,
        "organisation": data.organisation,
        "cluster": data.cluster,
        "kind": data.kind,
        "active": data.active,
        "search_key": search_key(data.name),
        "organisation_short": data.organisation_short,
        "pin_hash": data.pin_hash,
    }


def _signing_key(key: str, data: wire.SigningKeyData) -> Row:
    return {"key_id": key, "public_key": base64.b64decode(data.public_key, validate=True)}


def _revoked_pass(key: str, _data: wire.RevokedPassData) -> Row:
    return {"pass_id": key}


def _presence(key: str, data: wire.PresenceData) -> Row:
    return {"person_id": key, "checked_in": data.checked_in, "at": data.at}


TABLES: dict[str, tuple[type[Base], Callable[[str, Any], Row]]] = {
    Entity.PERSON: (Person, _person),
    Entity.SIGNING_KEY: (PublicKey, _signing_key),
    Entity.REVOKED_PASS: (RevokedPass, _revoked_pass),
    Entity.PRESENCE: (Presence, _presence),
    **desk_mirror.TABLES,
    **lunch_mirror.TABLES,
}


def check_page(page: Mapping[str, Any]) -> None:
    """Refuse a page in a feed schema this kiosk does not speak (raises BadChange)."""
    version = page.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BadChange(
            f"the store sends feed schema {version!r}; this kiosk reads {SCHEMA_VERSION}"
        )


def _parse(changes: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The changes as their wire models, without those that cannot be read (logged)."""
    from pydantic import ValidationError  # on the sync thread, at the first page

    from kiosk import wire

    try:
        return list(wire.CHANGES.validate_python(changes))  # one call for a whole page
    except ValidationError:
        pass
    parsed = []
    for change in changes:
        try:
            parsed.append(wire.CHANGE.validate_python(change))
        except ValidationError as exc:
            _log_skipped(change, exc)
    return parsed


def _log_skipped(change: Mapping[str, Any], exc: Any) -> None:
    entity, key, seq = (_loggable(change.get(name)) for name in ("entity", "key", "seq"))
    if entity not in set(Entity):
        # A newer store may send more than this kiosk mirrors.
        log.info("mirror: skipped change %s of an entity this kiosk does not know", seq)
        return
    # Which fields failed, never their values: those may be personal data.
    fields = sorted({".".join(str(p) for p in e["loc"][1:]) for e in exc.errors()})
    log.warning("mirror: skipped change %s, %s %s: cannot read %s", seq, entity, key, fields)


def _loggable(value: Any) -> str:
    """An id for the log: kept only if it is short and plain (ids are; names are not)."""
    text = str(value)
    return text if len(text) <= 64 and text.replace("-", "").replace("_", "").isalnum() else "?"


def apply_changes(session: Session, changes: Sequence[Mapping[str, Any]]) -> int:
    """Apply one page of changes in order; returns how many were applied. Changes that cannot
    be read, and entities this kiosk does not mirror, are skipped."""
    applied = 0
    run: list[Any] = []
    for parsed in _parse(changes):
        if parsed.entity not in TABLES:
            continue
        if run and (run[0].entity, run[0].op) != (parsed.entity, parsed.op):
            applied += _write(session, run)
            run = []
        run.append(parsed)
    if run:
        applied += _write(session, run)
    return applied


def _write(session: Session, run: Sequence[Any]) -> int:
    """One statement for a run of changes of one entity and one operation."""
    model, make_row = TABLES[run[0].entity]
    table = cast(Table, model.__table__)
    (key_column,) = table.primary_key
    if run[0].op == ChangeOp.DELETE:
        keys = [change.key for change in run]
        session.execute(delete(table).where(key_column.in_(keys)))
        return len(keys)
    rows = []
    for change in run:
        try:
            rows.append(make_row(change.key, change.data))
        except ValueError as exc:
            log.warning(
                "mirror: skipped change %s, %s %s: %s", change.seq, change.entity, change.key, exc
            )
    if not rows:
        return 0
    statement = insert(table)
    columns = [name for name in rows[0] if name != key_column.name]
    # The store's newer word replaces the row; a presence this kiosk recorded later than the
    # store's (not yet heard of there) stays.
    newer = statement.excluded.at >= table.c.at if model is Presence else None
    if columns:
        statement = statement.on_conflict_do_update(
            index_elements=[key_column],
            set_={name: statement.excluded[name] for name in columns},
            where=newer,
        )
    else:  # the key is all there is (a revoked pass)
        statement = statement.on_conflict_do_nothing(index_elements=[key_column])
    session.execute(statement, rows)
    return len(rows)
