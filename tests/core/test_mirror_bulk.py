"""A page of the feed applied in bulk leaves the same mirror as its changes applied one by one.

``kiosk.mirror.apply_changes`` writes a page with one statement per run of the same entity and
operation (a first sync of 50,000 people is a dozen pages). Row by row is the plain meaning of
the feed; these pages mix entities, repeat keys, delete and re-create rows, send presences out
of order and carry changes the kiosk cannot read, and both ways must end the same.
"""

from __future__ import annotations

import base64
import logging
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, select

from kiosk.mirror import TABLES, apply_changes
from kiosk.store import LocalStore
from tests.conftest import LogExpectations

PEOPLE = [f"00000000-0000-4000-8000-{n:012d}" for n in range(12)]
DESKS = [f"lyngdal-D{n:02d}" for n in range(6)]
PASSES = [f"{n:016x}" for n in range(5)]
KEYS = ["key-a", "key-b"]
T0 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def person(rng: random.Random, key: str) -> dict[str, Any]:
    given = rng.choice(["Kari", "Ole", "Åse", "Bjørn"])
    return {
        "id": key,
        "name": f"{given} {rng.choice(['Nordmann', 'Øvrebø', 'Lie'])}",
        "given_name": given,
        "site": "lyngdal",
        "organisation": rng.choice([None, "NAV", "Kommunen"]),
        "cluster": rng.choice([None, "Helse"]),
        "active": rng.random() > 0.2,
    }


def change(rng: random.Random, seq: int) -> dict[str, Any]:
    kind = rng.choice(["person", "person", "presence", "presence", "desk", "pass", "key", "bad"])
    op = "delete" if rng.random() < 0.15 else "upsert"
    if kind == "person":
        key = rng.choice(PEOPLE)
        data: dict[str, Any] | None = person(rng, key)
    elif kind == "presence":
        key = rng.choice(PEOPLE)
        at = T0 + timedelta(minutes=rng.randrange(60))  # out of order: the newer one stays
        data = {"person_id": key, "checked_in": rng.random() > 0.5, "at": at.isoformat()}
    elif kind == "desk":
        key = rng.choice(DESKS)
        data = {"id": key, "site": "lyngdal", "label": key[-3:], "zone": rng.choice("AB")}
        data["equipment"] = rng.sample(["screen", "dock", "chair"], rng.randrange(3))
    elif kind == "pass":
        key = rng.choice(PASSES)
        data = {"pass_id": key, "revoked_at": T0.isoformat()}
    elif kind == "key":
        key = rng.choice(KEYS)
        public = base64.b64encode(rng.randbytes(32)).decode()
        data = {"key_id": key, "public_key": public, "created_at": T0.isoformat(), "active": True}
    else:  # a person the kiosk cannot read: skipped both ways, logged
        key, op = rng.choice(PEOPLE), "upsert"
        data = {"id": key, "site": "lyngdal"}
    entity = {"pass": "revoked_pass", "key": "signing_key", "bad": "person"}.get(kind, kind)
    return {
        "seq": seq,
        "entity": entity,
        "op": op,
        "key": key,
        "data": None if op == "delete" else data,
    }


def mirror(store: LocalStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every mirrored table's rows, in key order."""
    content = {}
    with store.session() as session:
        for entity, (model, _row) in TABLES.items():
            table = cast(Table, model.__table__)
            (key,) = table.primary_key
            content[entity] = [tuple(row) for row in session.execute(select(table).order_by(key))]
    return content


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[LocalStore, LocalStore]]:
    LocalStore.open(tmp_path / "bulk.sqlite3").close()  # migrated once, then copied
    shutil.copy(tmp_path / "bulk.sqlite3", tmp_path / "one_by_one.sqlite3")
    bulk = LocalStore.open(tmp_path / "bulk.sqlite3")
    one_by_one = LocalStore.open(tmp_path / "one_by_one.sqlite3")
    yield bulk, one_by_one
    bulk.close()
    one_by_one.close()


@pytest.mark.parametrize("seed", range(6))
def test_a_page_applied_in_bulk_equals_it_applied_change_by_change(
    seed: int, two_stores: tuple[LocalStore, LocalStore], expect_log: LogExpectations
) -> None:
    expect_log("kiosk.mirror", logging.WARNING, r"skipped change")
    bulk, one_by_one = two_stores
    rng = random.Random(seed)
    seq = 0
    for _page in range(3):
        page = [change(rng, seq := seq + 1) for _ in range(rng.randrange(40, 160))]
        with bulk.session() as session:
            bulk_applied = apply_changes(session, page)
        one_applied = 0
        for each in page:
            with one_by_one.session(durable=False) as session:
                one_applied += apply_changes(session, [each])
        assert bulk_applied == one_applied
    result = mirror(bulk)
    assert result == mirror(one_by_one)
    # Not an empty comparison: people, presences and desks are there, deletes took some.
    assert 0 < len(result["person"]) < len(PEOPLE) + 1 and result["presence"] and result["desk"]


def test_an_older_presence_later_in_the_page_does_not_replace_a_newer_one(
    two_stores: tuple[LocalStore, LocalStore],
) -> None:
    bulk, one_by_one = two_stores
    newer, older = (
        {
            "seq": seq,
            "entity": "presence",
            "op": "upsert",
            "key": PEOPLE[0],
            "data": {"person_id": PEOPLE[0], "checked_in": checked_in, "at": at.isoformat()},
        }
        for seq, checked_in, at in ((1, True, T0 + timedelta(minutes=5)), (2, False, T0))
    )
    with bulk.session() as session:
        apply_changes(session, [newer, older])
    for each in (newer, older):
        with one_by_one.session(durable=False) as session:
            apply_changes(session, [each])
    assert mirror(bulk) == mirror(one_by_one)
    assert [row[1] for row in mirror(bulk)["presence"]] == [True]
