"""The feed keeps the latest state of each entity, not every change: and readers still miss
nothing, even while writers replace rows under them (PostgreSQL, real HTTP, threads).

PostgreSQL hands out ``seq`` values at insert but transactions commit in any order; a reader
that has paged past seq 12 would never see seq 11 committed a moment later. Across processes
the store's advisory lock on the feed makes commit order equal seq order; within one process
the event writer lock already serialises batches, so the paging test below cannot tell the
advisory lock is missing (a test with two serving processes would)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from alembic import command
from central_helpers import CHANGES, EVENTS, event, fold
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, text

from central.db.engine import SessionFactory, _alembic_config, make_engine
from central.db.models import Change, Person
from central.domain import directory
from kiosk.protocol import MAX_CHANGES_PAGE

SITE = "lyngdal"
# Recent, so no plausibility window on event times can refuse them; whole seconds.
START = (datetime.now(UTC) - timedelta(hours=8)).replace(microsecond=0)


def read_all(
    client: Any, url: str, headers: dict[str, str], since: int = 0, limit: int = 1000
) -> tuple[list[dict[str, Any]], int]:
    """Page through the feed from ``since``; the rows and the cursor at the end."""
    rows: list[dict[str, Any]] = []
    while True:
        answer = client.get(url, params={"since": since, "limit": limit}, headers=headers)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        rows += page["changes"]
        since = page["cursor"]
        if not page["more"]:
            return rows, since


def test_the_feed_keeps_only_the_latest_state_of_each_entity(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    url = CHANGES.format(site=SITE)
    before, cursor = read_all(client, url, device)
    at = START
    for _ in range(5):
        for kind in ("check_in", "check_out"):
            at += timedelta(minutes=1)
            answer = client.post(
                EVENTS.format(site=SITE),
                headers=device,
                json={"events": [event(kari, kind, at=at.isoformat())]},
            )
            assert answer.json()["results"][0]["status"] == "accepted"
    with factory.begin() as session:
        person = session.get(Person, kari)
        assert person is not None
        for given in ("Karianne", "Kari Anne", "Kari"):  # renamed, and back
            directory.upsert_person(
                session,
                id=kari,
                given_name=given,
                family_name="Nordmann",
                email=person.email,
                site=SITE,
                organisation_id=person.organisation_id,
                cluster=person.cluster,
            )

    everything, _ = read_all(client, url, device)
    per_entity = Counter((row["entity"], row["key"]) for row in everything)
    assert max(per_entity.values()) == 1, per_entity.most_common(3)
    presence = [row for row in everything if row["entity"] == "presence" and row["key"] == kari]
    assert [row["data"]["checked_in"] for row in presence] == [False]
    assert presence[0]["data"]["at"] == at.isoformat()  # the last check-out, no history
    person_rows = [row for row in everything if row["entity"] == "person" and row["key"] == kari]
    assert [row["data"]["given_name"] for row in person_rows] == ["Kari"]
    # A reader that was up to date gets exactly the new states, and ends where a fresh one does.
    news, _ = read_all(client, url, device, since=cursor, limit=2)
    # (and the site's here-today counts, which a day's check-ins may change)
    changed = {(row["entity"], row["key"]) for row in news} - {("here_today", "lyngdal")}
    assert changed == {("presence", kari), ("person", kari)}
    assert fold(before + news) == fold(everything)


def test_a_delete_leaves_a_tombstone_and_an_upsert_replaces_it(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    url = CHANGES.format(site=SITE)
    with factory.begin() as session:
        person = session.get(Person, kari)
        assert person is not None
        fields = {
            "id": kari,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "organisation_id": person.organisation_id,
            "cluster": person.cluster,
        }
        directory.upsert_person(session, **fields, site="stadt")  # moves: a tombstone here
    rows, _ = read_all(client, url, device)
    mine = [row for row in rows if row["entity"] == "person" and row["key"] == kari]
    assert [(row["op"], row["data"]) for row in mine] == [("delete", None)]
    with factory.begin() as session:
        directory.upsert_person(session, **fields, site=SITE)  # and back
    rows, _ = read_all(client, url, device)
    mine = [row for row in rows if row["entity"] == "person" and row["key"] == kari]
    assert [(row["op"], row["data"]["site"]) for row in mine] == [("upsert", SITE)]


WRITERS = 4
ROUNDS = 10


def test_a_reader_paging_while_writers_replace_rows_ends_with_the_latest_state(
    store_url: str, device: dict[str, str]
) -> None:
    """Writers check the same people in and out over and over, so rows the reader is about to
    read are deleted and written again with a higher seq under it. The reader, paging three at a
    time, never sees a seq twice or out of order, and ends with exactly the state of a fresh
    read: nothing missed, and the feed holds one row per entity."""
    changes_url = store_url + CHANGES.format(site=SITE)
    events_url = store_url + EVENTS.format(site=SITE)
    reader = requests.Session()
    reader.headers.update(device)
    reader.trust_env = False
    before, cursor = read_all(reader, changes_url, {}, limit=MAX_CHANGES_PAGE)
    people = [c["key"] for c in before if c["entity"] == "person" and c["data"]["site"] == SITE]
    failures: list[str] = []

    def write(mine: list[str], offset: int) -> None:
        http = requests.Session()
        http.headers.update(device)
        http.trust_env = False
        at = START + timedelta(minutes=10 * offset)
        for _ in range(ROUNDS):
            for kind in ("check_in", "check_out"):
                at += timedelta(seconds=1)
                batch = [
                    {
                        "id": str(uuid.uuid4()),
                        "type": kind,
                        "at": at.isoformat(),
                        "data": {"person_id": person, "method": "name"},
                    }
                    for person in mine
                ]
                answer = http.post(events_url, json={"events": batch}, timeout=60)
                statuses = {r["status"] for r in answer.json()["results"]}
                if answer.status_code != 200 or statuses != {"accepted"}:
                    failures.append(answer.text[:200])

    writers = [
        threading.Thread(target=write, args=(people[3 * n : 3 * n + 3], n)) for n in range(WRITERS)
    ]
    for thread in writers:
        thread.start()
    paged = list(before)
    while any(thread.is_alive() for thread in writers):
        page, cursor = read_all(reader, changes_url, {}, since=cursor, limit=3)
        paged += page
    for thread in writers:
        thread.join()
    page, cursor = read_all(reader, changes_url, {}, since=cursor, limit=3)
    paged += page
    assert not failures, failures[:3]

    seqs = [change["seq"] for change in paged]
    assert seqs == sorted(set(seqs)), "a change came twice or out of order"
    everything, _ = read_all(reader, changes_url, {}, limit=MAX_CHANGES_PAGE)
    assert fold(paged) == fold(everything)
    per_entity = Counter((row["entity"], row["key"]) for row in everything)
    assert max(per_entity.values()) == 1
    presence = {
        key: data for (entity, key), data in fold(everything).items() if entity == "presence"
    }
    assert {key for key, data in presence.items() if data["checked_in"]} == set()
    assert len(presence) >= WRITERS * 3


def test_upgrading_compacts_the_history_written_before(database_url: str) -> None:
    engine = make_engine(database_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sites (code, name, timezone) VALUES ('lyngdal', 'L', 'UTC')")
        )
        rows = [
            {"site": SITE, "entity": "presence", "op": "upsert", "key": "p1", "data": {"n": n}}
            for n in range(3)
        ]
        rows += [
            {"site": None, "entity": "site", "op": "upsert", "key": SITE, "data": {"n": 0}},
            {"site": SITE, "entity": "person", "op": "delete", "key": "p2", "data": {}},
            {"site": "lyngdal", "entity": "person", "op": "upsert", "key": "p1", "data": {}},
        ]
        connection.execute(insert(Change), rows)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        left = connection.execute(select(Change.entity, Change.key, Change.data)).all()
    engine.dispose()
    assert sorted(left) == sorted(
        [
            ("presence", "p1", {"n": 2}),
            ("site", SITE, {"n": 0}),
            ("person", "p2", {}),
            ("person", "p1", {}),
        ]
    )


def test_pages_are_gzipped_and_the_openapi_names_every_entity(
    client: TestClient, device: dict[str, str]
) -> None:
    url = CHANGES.format(site=SITE)
    big = client.get(url, params={"limit": MAX_CHANGES_PAGE}, headers=device)
    assert big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) * 4 < len(big.content)  # decoded: 4x larger
    small = client.get(url, params={"since": big.json()["cursor"]}, headers=device)
    assert "content-encoding" not in small.headers  # under 1 KB: not worth it
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("PersonData", "PresenceData", "DeskClaimData", "ChangesPage", "EventBatch"):
        assert name in schemas, name
    assert "schema_version" in schemas["ChangesPage"]["properties"]
    page = spec["paths"]["/api/v1/sites/{site}/changes"]["get"]["responses"]["200"]
    assert page["content"]["application/json"]["schema"]["$ref"].endswith("/ChangesPage")


def test_the_kiosks_client_gets_the_feed_gzipped_from_the_served_store(
    store_url: str, device: dict[str, str]
) -> None:
    from kiosk.central_client import HttpCentralClient

    seen: list[requests.Response] = []
    http = requests.Session()
    http.hooks["response"].append(lambda response, **_: seen.append(response))
    token = device["Authorization"].removeprefix("Bearer ")
    client = HttpCentralClient(store_url, SITE, token, session=http, timeout_s=30)
    try:
        page = client.pull_changes(0, MAX_CHANGES_PAGE)
        assert len(page["changes"]) > 100 and {c["entity"] for c in page["changes"]} >= {"person"}
        [answer] = seen
        assert answer.headers["content-encoding"] == "gzip"  # on the wire, as the kiosk asked
        assert int(answer.headers["content-length"]) * 4 < len(answer.content)
        too_big = http.get(
            f"{store_url}/api/v1/sites/{SITE}/changes", params={"limit": MAX_CHANGES_PAGE + 1}
        )
        assert too_big.status_code == 422  # larger pages, but a cap
    finally:
        client.close()
