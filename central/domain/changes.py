"""The change log that kiosks mirror: appending rows, the feed's JSON, and reading pages."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Text, bindparam, cast, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from central.db.models import Change, Desk, Organisation, Person, SigningKeyRecord, Site
from kiosk.protocol import SCHEMA_VERSION, ChangeOp, Entity
from kiosk.wire import (
    DeskData,
    OrganisationData,
    PersonData,
    PresenceData,
    RevokedPassData,
    SigningKeyData,
    SiteData,
    WireModel,
)

# Any constant will do; it only has to differ from other advisory locks in the same database.
_FEED_LOCK_KEY = 0x524C_4B31  # "RLK1"
# Advisory locks belong to the database, not to a schema: the second half of the key is the
# schema's, so stores that share a database in schemas of their own (the tests' and benches'
# stores on one PostgreSQL, say) do not wait for each other's writers. A store's feed is the
# change log of its own schema, the first of its search path.
_FEED_LOCK = select(
    func.pg_advisory_xact_lock(
        _FEED_LOCK_KEY, func.hashtext(func.coalesce(func.current_schema(), ""))
    )
)  # built once: every write transaction runs it


def lock_feed(session: Session) -> None:
    """Serialise writers to the change log until this transaction ends.

    PostgreSQL hands out ``seq`` values when rows are inserted, but transactions may commit
    in another order: a kiosk that has read up to seq 12 (committed) would never see seq 11
    committed a moment later. Holding a transaction-scoped advisory lock from before the first
    insert until the commit makes commit order equal seq order, so every row a reader sees
    comes after every row it has already seen. The price is that writes which touch the feed
    run one at a time, which at the rate kiosks check people in costs nothing measurable, and
    readers never wait. Callers take it at the start of a write transaction, before any row
    locks, so no transaction can hold a row lock another holder of this lock is waiting for.
    SQLite needs nothing: its writers are serialised already
    (``BEGIN IMMEDIATE``, see central.db).
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if transaction is not None and session.info.get("feed_locked_in") is transaction:
        return  # this transaction holds it already
    session.connection().execute(_FEED_LOCK)
    session.info["feed_locked_in"] = session.get_transaction()


def append(
    session: Session,
    entity: Entity,
    key: str,
    data: WireModel | None,
    *,
    site: str | None,
    op: ChangeOp = ChangeOp.UPSERT,
) -> None:
    """Record the latest state of an entity in the caller's transaction; ``site`` None sends it
    to every site. ``data`` is the entity's wire model for an upsert, None for a delete.

    The feed keeps state, not history: the new row replaces every older row of the same entity
    for the same audience (a delete leaves itself as the tombstone), so a device token cannot
    rebuild who came and went. The cursor stays sound: the new row gets a seq after every row
    any reader has seen, so a reader behind the replaced row finds the newer one further on,
    and a reader past it gets the newer one next. Rows for another audience (a person's
    delete at the site they moved from) are kept: that site's kiosks still need it.
    """
    if (data is None) != (op == ChangeOp.DELETE):
        raise ValueError(f"{op} of {entity} {key}: data must be given for upserts only")
    lock_feed(session)
    payload = data.wire() if data is not None else {}
    pending: list[_Pending] | None = session.info.get(_PENDING)
    if pending is not None:  # inside ``collected``: written with the others at its end
        pending.append(_Pending(site, str(entity), str(op), key, payload))
        return
    audience = Change.site.is_(None) if site is None else Change.site == site
    session.execute(
        delete(Change)
        .where(Change.entity == str(entity), Change.key == key, audience)
        .execution_options(synchronize_session=False)
    )
    session.add(Change(site=site, entity=str(entity), op=str(op), key=key, data=payload))


# The rows ``append`` collects inside ``collected``, in the session's info.
_PENDING = "regionlab_pending_changes"


class _Pending(NamedTuple):
    site: str | None
    entity: str
    op: str
    key: str
    data: dict[str, Any]


@contextmanager
def collected(session: Session) -> Iterator[None]:
    """Within, ``append`` collects its rows instead of writing each with a DELETE and an INSERT
    of its own (two round trips per event of a batch); at the end they are written together:
    one DELETE per entity and audience, one INSERT, the latest state of each entity only.

    Rows collected after ``pending_mark`` are dropped by ``drop_pending``: a caller that rolls
    back a savepoint drops what was collected inside it. Nothing inside may read the change
    log and expect its own rows there. On an error the rows are dropped with the transaction.
    """
    if _PENDING in session.info:
        yield  # already collecting: the outer block writes
        return
    session.info[_PENDING] = []
    try:
        yield
        write_pending(session)
    finally:
        session.info.pop(_PENDING, None)


def pending_mark(session: Session) -> int:
    """How many rows are collected now (0 when not collecting)."""
    return len(session.info.get(_PENDING, ()))


def drop_pending(session: Session, mark: int) -> None:
    """Forget the rows collected after ``mark`` (their savepoint was rolled back)."""
    pending: list[_Pending] | None = session.info.get(_PENDING)
    if pending is not None:
        del pending[mark:]


def write_pending(session: Session) -> None:
    """Write the collected rows now, in the order collected, each entity's latest only."""
    pending: list[_Pending] | None = session.info.get(_PENDING)
    if not pending:
        return
    latest: dict[tuple[str | None, str, str], _Pending] = {}
    for row in pending:
        where = (row.site, row.entity, row.key)
        latest.pop(where, None)  # a later state of the same entity goes after the others
        latest[where] = row
    pending.clear()
    audiences: dict[tuple[str | None, str], list[str]] = {}
    for site, entity, key in latest:
        audiences.setdefault((site, entity), []).append(key)
    # Core statements built once, on the session's connection: this runs for every batch of
    # events, under the feed lock (central.domain.events).
    connection = session.connection()
    for (site, entity), keys in audiences.items():
        for start in range(0, len(keys), 500):
            params = {"entity": entity, "keys": keys[start : start + 500]}
            if site is None:
                connection.execute(_DELETE_FOR_ALL, params)
            else:
                connection.execute(_DELETE_FOR_SITE, {**params, "site": site})
    connection.execute(_INSERT, [row._asdict() for row in latest.values()])


_DELETE_FOR_ALL = delete(Change).where(
    Change.entity == bindparam("entity"),
    Change.key.in_(bindparam("keys", expanding=True)),
    Change.site.is_(None),
)
_DELETE_FOR_SITE = delete(Change).where(
    Change.entity == bindparam("entity"),
    Change.key.in_(bindparam("keys", expanding=True)),
    Change.site == bindparam("site"),
)
_INSERT = insert(Change)


def append_many(
    session: Session,
    entity: Entity,
    entries: Sequence[tuple[str, WireModel]],
    *,
    site: str | None,
    new: bool = False,
    chunk: int = 1000,
) -> None:
    """``append`` for many upserts of one entity and audience: a delete and an insert per
    thousand entities, not per entity (an import of 50,000 people). ``new``: the entities were
    created in this transaction, so no older rows can exist to replace."""
    if not entries:
        return
    lock_feed(session)
    audience = Change.site.is_(None) if site is None else Change.site == site
    for start in range(0, len(entries), chunk):
        part = entries[start : start + chunk]
        if not new:
            session.execute(
                delete(Change)
                .where(Change.entity == str(entity), Change.key.in_([k for k, _ in part]), audience)
                .execution_options(synchronize_session=False)
            )
        rows = [
            {
                "site": site,
                "entity": str(entity),
                "op": str(ChangeOp.UPSERT),
                "key": key,
                "data": data.wire(),
            }
            for key, data in part
        ]
        session.execute(insert(Change), rows)


class FeedRow(NamedTuple):
    seq: int
    entity: str
    op: str
    key: str
    data: str  # the entity's JSON as stored


def read(session: Session, site: str, since: int, limit: int) -> tuple[Sequence[FeedRow], bool]:
    """Rows after ``since`` for ``site`` and for every site, oldest first; and if more wait.
    Plain rows with the data as stored text, not ORM objects: a first sync reads 50,000."""
    rows = (
        session.connection()
        .execute(_READ, {"since": since, "site": site, "limit": limit + 1})
        .all()
    )
    return [FeedRow(*row) for row in rows[:limit]], len(rows) > limit


def newest(session: Session) -> int:
    """The newest row's seq, 0 when the log is empty."""
    return int(session.connection().execute(_NEWEST).scalar() or 0)


# Built once: every kiosk reads the feed every few seconds, most often finding nothing new.
_READ = (
    select(Change.seq, Change.entity, Change.op, Change.key, cast(Change.data, Text))
    .where(
        Change.seq > bindparam("since"),
        or_(Change.site.is_(None), Change.site == bindparam("site")),
    )
    .order_by(Change.seq)
    .limit(bindparam("limit"))
)
_NEWEST = select(func.max(Change.seq))


def page_json(rows: Sequence[FeedRow], cursor: int, more: bool) -> bytes:
    """A feed page as sent (``kiosk.wire.ChangesPage``). Each row was made with its entity's
    model when written, so its stored JSON goes out as it is, not parsed and validated again
    on every read of a 5,000-row page."""
    dumps = json.dumps
    changes = ",".join(
        f'{{"seq":{row.seq},"entity":{dumps(row.entity)},"op":{dumps(row.op)},'
        f'"key":{dumps(row.key)},"data":{row.data if row.op == ChangeOp.UPSERT else "null"}}}'
        for row in rows
    )
    head = f'{{"schema_version":{SCHEMA_VERSION},"changes":[{changes}],'
    return f'{head}"cursor":{cursor},"more":{"true" if more else "false"}}}'.encode()


def site_data(site: Site) -> SiteData:
    return SiteData(
        code=site.code,
        name=site.name,
        timezone=site.timezone,
        no_show_release=site.no_show_release,
        closing_time=site.closing_time,
        cluster_zones=dict(site.cluster_zones or {}),
    )


def organisation_data(organisation: Organisation) -> OrganisationData:
    return OrganisationData(
        id=organisation.id, name=organisation.name, short_name=organisation.short_name
    )


def person_data(person: Person) -> PersonData:
    """What a kiosk may know about a person: no e-mail, nothing it does not show or search."""
    return person_wire(
        id=person.id,
        name=person.name,
        given_name=person.given_name,
        family_name=person.family_name,
        organisation_id=person.organisation_id,
        organisation=person.organisation.name if person.organisation else None,
        cluster=person.cluster,
        site=person.site,
        kind=person.kind,
        active=person.active,
        organisation_short=person.organisation.short_name if person.organisation else None,
        pin_hash=person.pin_hash,
    )


def person_wire(
    *,
    id: str,
    name: str,
    given_name: str,
    family_name: str,
    organisation_id: str | None,
    organisation: str | None,
    cluster: str | None,
    site: str,
    kind: str,
    active: bool,
    organisation_short: str | None = None,
    pin_hash: str | None = None,
) -> PersonData:
    """A person's feed row. A deactivated person keeps their name on the kiosks: the kiosks
    leave them out of the name search and refuse their pass (PassProblem.INACTIVE), but one
    deactivated while in the building must still be named on the evacuation list."""
    return PersonData(
        id=id,
        name=name,
        given_name=given_name,
        family_name=family_name,
        organisation_id=organisation_id,
        organisation=organisation,
        cluster=cluster,
        site=site,
        kind=kind,
        active=active,
        organisation_short=organisation_short,
        pin_hash=pin_hash,
    )


def desk_data(desk: Desk) -> DeskData:
    return DeskData(
        id=desk.id,
        site=desk.site,
        label=desk.label,
        zone=desk.zone,
        floor_id=desk.floor_id,
        x=desk.x,
        y=desk.y,
        width=desk.width,
        height=desk.height,
        rotation=desk.rotation,
        equipment=list(desk.equipment or []),
        mode=desk.mode,
        active=desk.active,
    )


def signing_key_data(key: SigningKeyRecord) -> SigningKeyData:
    """The public half only; the private key never leaves the central store."""
    return SigningKeyData(
        key_id=key.key_id,
        public_key=base64.b64encode(key.public_key).decode("ascii"),
        created_at=key.created_at,
        active=key.active,
    )


def revoked_pass_data(pass_id: str, revoked_at: datetime) -> RevokedPassData:
    return RevokedPassData(pass_id=pass_id, revoked_at=revoked_at)


def presence_data(person_id: str, checked_in: bool, at: datetime) -> PresenceData:
    return PresenceData(person_id=person_id, checked_in=checked_in, at=at)
