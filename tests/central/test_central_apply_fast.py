"""The fast way of applying a batch (one savepoint, rows written together) answers and writes
exactly what the careful way (a savepoint per event) does: the same random mixed batches go
through each on a database of its own, and the answers and the rows are compared."""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text, update
from sqlalchemy.engine import make_url

from central.bootstrap import initialise
from central.db.engine import make_engine, session_factory
from central.db.key_encryption import KEK_FILE_ENV
from central.db.models import (
    Base,
    ClaimStatus,
    DeskClaim,
    Invitation,
    PassRecord,
    Person,
    PersonKind,
    SigningKeyRecord,
    Visit,
)
from central.domain import directory
from central.domain import events as store_events
from kiosk.clock import SystemClock
from tests.fakes import FakeClock

POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"
SITE = "lyngdal"
# Invited guests and their passes, the same in both databases: the host hears of each once.
GUESTS = {str(uuid.UUID(int=0x5EED + n)): f"5eed5eed5eed5ee{n}" for n in range(3)}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_engines(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Engine, Engine]]:
    """Two databases alike: copies of the demo SQLite file, or two fresh PostgreSQL schemas
    each loaded with the demo."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("initialised_sqlite")
        engines = []
        for name in ("fast", "slow"):
            target_path = tmp_path / f"{name}.sqlite3"
            with (
                closing(sqlite3.connect(template)) as source,
                closing(sqlite3.connect(target_path)) as target,
            ):
                source.backup(target)
            shutil.copy(template.with_suffix(".kek"), target_path.with_suffix(".kek"))
            engines.append(make_engine(f"sqlite:///{target_path}"))
        yield engines[0], engines[1]
        for engine in engines:
            engine.dispose()
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"set {POSTGRES_ENV} to run against PostgreSQL")
    kek_file = tmp_path / "central.kek"
    kek_file.write_bytes(base64.urlsafe_b64encode(os.urandom(32)) + b"\n")
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    schemas = [f"regionlab_test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = create_engine(base)
    engines = []
    try:
        for schema in schemas:
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
            engine = make_engine(url.render_as_string(hide_password=False))
            initialise(engine, SystemClock(), with_demo=True)
            engines.append(engine)
        yield engines[0], engines[1]
    finally:
        for engine in engines:
            engine.dispose()
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def prepare(engine: Engine, now: datetime) -> list[str]:
    """The same starting point in both: nobody checked in or holding a desk, and one invited
    guest with a pass for today. Returns the site's people."""
    factory = session_factory(engine)
    with factory.begin() as session:
        session.execute(
            update(Visit).where(Visit.checked_out_at.is_(None)).values(checked_out_at=now)
        )
        session.execute(
            update(DeskClaim)
            .where(DeskClaim.status == ClaimStatus.ACTIVE)
            .values(status=ClaimStatus.RELEASED, ended_at=now)
        )
        key_id = session.scalars(select(SigningKeyRecord.key_id)).first()
        assert key_id is not None
        members = list(
            session.scalars(
                select(Person.id)
                .where(Person.site == SITE, Person.active.is_(True), Person.kind == "member")
                .order_by(Person.id)
                .limit(12)
            )
        )
        for n, (guest, pass_id) in enumerate(GUESTS.items()):
            directory.upsert_person(
                session,
                id=guest,
                given_name="Gjest",
                family_name=f"Gjestesen {n}",
                email=f"gjest{n}@example.org",
                site=SITE,
                kind=PersonKind.GUEST,
                active=True,
            )
            session.add(
                PassRecord(
                    pass_id=pass_id,
                    person_id=guest,
                    site=SITE,
                    kind=PersonKind.GUEST,
                    valid_from=now - timedelta(days=1),
                    valid_to=now + timedelta(days=1),
                    key_id=key_id,
                    issued_at=now - timedelta(days=1),
                )
            )
            session.flush()
            session.add(
                Invitation(
                    pass_id=pass_id,
                    guest_id=guest,
                    host_id=members[n],
                    email=f"gjest{n}@example.org",
                    created_at=now - timedelta(days=1),
                )
            )
    return members


def wire(kind: str, at: datetime, data: dict[str, Any], event_id: str | None = None) -> Any:
    return store_events.IncomingEvent(event_id or str(uuid.uuid4()), kind, at.isoformat(), data)


def batches(rng: random.Random, people: list[str], start: datetime) -> list[list[Any]]:
    """Mixed batches: mostly check-ins and check-outs (with and without a pass, twins inside a
    batch, resends of earlier ones); some with a bad event, some with desk claims."""
    sent: list[Any] = []
    result = []
    at = start
    everyone = [*people, *GUESTS]
    for number in range(12):
        batch: list[Any] = []
        if number == 0:  # the first batch goes the fast way: an invited guest's first arrival
            guest, pass_id = next(iter(GUESTS.items()))
            batch.append(
                wire("check_in", at, {"person_id": guest, "method": "qr", "pass_id": pass_id})
            )
        for _ in range(rng.randint(1, 40)):
            at += timedelta(seconds=rng.randint(1, 30))
            person = rng.choice(everyone)
            data: dict[str, Any] = {"person_id": person, "method": rng.choice(["qr", "name"])}
            if person in GUESTS and rng.random() < 0.8:
                data["pass_id"] = GUESTS[person]
            elif rng.random() < 0.2:
                data["pass_id"] = f"{rng.getrandbits(64):016x}"  # a pass with no invitation
            roll = rng.random()
            if roll < 0.08 and batch:
                batch.append(rng.choice(batch))  # its twin, in the same batch
            elif roll < 0.14 and sent:
                batch.append(rng.choice(sent))  # sent before: a resend
            else:
                batch.append(wire(rng.choice(["check_in", "check_out"]), at, data))
        if number % 3 == 1:  # a bad one: answered alone
            bad = rng.choice(
                [
                    wire("check_in", at, {"person_id": str(uuid.uuid4()), "method": "qr"}),
                    wire("check_in", at, {"person_id": people[1], "method": "telepathy"}),
                    wire("check_out", at, {"person_id": people[2], "method": "qr"}, batch[0].id)
                    if batch[0].type != "check_out"
                    else wire("teleport", at, {}),
                    wire("check_in", at, {"person_id": people[3], "method": "qr", "pass_id": "x"}),
                ]
            )
            batch.insert(rng.randrange(len(batch) + 1), bad)
        if number % 4 == 2:  # desk claims: the careful way for the whole batch
            desk = f"{SITE}-A-1{rng.randint(0, 3)}"
            claim = {"person_id": rng.choice(people), "desk_id": desk, "method": "name"}
            batch.insert(rng.randrange(len(batch) + 1), wire("desk_claim", at, claim))
        sent += batch
        result.append(batch)
    return result


def table_rows(
    engine: Engine, name: str, where: Any | None, skip: set[str]
) -> list[tuple[Any, ...]]:
    table = Base.metadata.tables[name]
    columns = [c for c in table.columns if c.name not in skip]
    query = select(*columns)
    if where is not None:
        query = query.where(where(table))
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(query)]
    return sorted(rows, key=repr)


def snapshot(engine: Engine, ids: list[str], changes_after: int) -> dict[str, Any]:
    """What the batches wrote, without the surrogate keys the database chose."""
    with engine.connect() as connection:
        changes = [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT site, entity, op, key, data FROM changes WHERE seq > :after "
                    "ORDER BY seq"
                ),
                {"after": changes_after},
            )
        ]
    return {
        "events": table_rows(engine, "events", lambda t: t.c.id.in_(ids), set()),
        "visits": table_rows(
            engine,
            "visits",
            lambda t: t.c.check_in_event_id.in_(ids) | t.c.check_out_event_id.in_(ids),
            {"id"},
        ),
        "open visits": table_rows(engine, "visits", lambda t: t.c.checked_out_at.is_(None), {"id"}),
        "desk claims": table_rows(engine, "desk_claims", lambda t: t.c.id.in_(ids), set()),
        "guest arrivals": table_rows(engine, "guest_arrivals", None, set()),
        "changes": [
            (site, entity, op, key, data if isinstance(data, dict) else json.loads(data))
            for site, entity, op, key, data in changes
        ],
    }


def last_seq(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT COALESCE(MAX(seq), 0) FROM changes")).scalar())


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_fast_way_answers_and_writes_what_the_careful_way_does(
    two_engines: tuple[Engine, Engine], seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_engine, slow_engine = two_engines
    now = datetime.now(UTC).replace(microsecond=0)
    people = prepare(fast_engine, now - timedelta(hours=2))
    assert prepare(slow_engine, now - timedelta(hours=2)) == people
    after = {engine: last_seq(engine) for engine in two_engines}
    clock = FakeClock(now)
    rng = random.Random(seed)
    fast_way = store_events._apply_fast
    taken: list[bool] = []

    def counted(*args: Any) -> list[store_events.Outcome] | None:
        outcomes = fast_way(*args)
        taken.append(outcomes is not None)
        return outcomes

    ids: set[str] = set()
    for batch in batches(rng, people, now - timedelta(hours=1)):
        ids |= {e.id for e in batch}
        monkeypatch.setattr(store_events, "_apply_fast", counted)
        fast = store_events.apply_batch(session_factory(fast_engine), SITE, batch, clock)
        monkeypatch.setattr(store_events, "_apply_fast", lambda *_: None)
        slow = store_events.apply_batch(session_factory(slow_engine), SITE, batch, clock)
        assert fast == slow
        clock.advance(seconds=1)
    # Both ways were tried: clean batches went the fast way, those with a bad event did not.
    assert any(taken) and not all(taken), taken
    assert snapshot(fast_engine, sorted(ids), after[fast_engine]) == snapshot(
        slow_engine, sorted(ids), after[slow_engine]
    )
