"""The changes feed: paging, site filtering, what each entity carries and what it must not."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from central_helpers import CHANGES, EVENTS, KARI_EMAIL, bearer, event
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db.engine import SessionFactory
from central.db.models import Person, SigningKeyRecord
from central.domain import directory, passes
from kiosk.protocol import MAX_CHANGES_PAGE, SCHEMA_VERSION

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def read_all(client: TestClient, site: str, headers: dict[str, str], limit: int) -> list[Any]:
    """Page through the whole feed, checking the cursor contract on each page."""
    rows: list[Any] = []
    since = 0
    while True:
        response = client.get(
            CHANGES.format(site=site), params={"since": since, "limit": limit}, headers=headers
        )
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["changes"]) <= limit
        seqs = [c["seq"] for c in page["changes"]]
        assert seqs == sorted(seqs) and all(s > since for s in seqs)
        assert page["cursor"] == (seqs[-1] if seqs else since)
        rows += page["changes"]
        since = page["cursor"]
        if not page["more"]:
            return rows


def test_paging_returns_every_row_once_in_order(client: TestClient, device: dict[str, str]) -> None:
    whole = read_all(client, "lyngdal", device, MAX_CHANGES_PAGE)
    paged = read_all(client, "lyngdal", device, 7)
    assert paged == whole
    assert len({c["seq"] for c in whole}) == len(whole)
    entities = {c["entity"] for c in whole}
    assert {"site", "organisation", "person", "desk", "signing_key"} <= entities


def test_empty_page_after_the_end_keeps_the_cursor(
    client: TestClient, device: dict[str, str]
) -> None:
    last = read_all(client, "lyngdal", device, MAX_CHANGES_PAGE)[-1]["seq"]
    page = client.get(CHANGES.format(site="lyngdal"), params={"since": last}, headers=device).json()
    assert page == {"schema_version": SCHEMA_VERSION, "changes": [], "cursor": last, "more": False}


def test_each_site_sees_its_own_rows_and_the_global_ones(
    client: TestClient, make_token: Callable[[str, str], str]
) -> None:
    lyngdal = read_all(client, "lyngdal", bearer(make_token("lyngdal", "device")), 50)
    narvik = read_all(client, "narvik", bearer(make_token("narvik", "admin")), 50)
    for rows, site in ((lyngdal, "lyngdal"), (narvik, "narvik")):
        for row in rows:
            if row["entity"] in ("person", "desk"):
                assert row["data"]["site"] == site
    people = {r["key"] for r in narvik if r["entity"] == "person"}
    assert len(people) == 6
    assert len([r for r in lyngdal if r["entity"] == "person"]) == 120
    # 40 desks on the ground floor of Lister and 6 on the second (the demo floor plans)
    assert len({r["key"] for r in lyngdal if r["entity"] == "desk"}) == 46
    shared = [r for r in lyngdal if r["entity"] in ("site", "organisation", "signing_key")]
    assert shared == [r for r in narvik if r["entity"] in ("site", "organisation", "signing_key")]
    assert {r["key"] for r in shared if r["entity"] == "site"} == {
        "lyngdal",
        "stadt",
        "narvik",
        "orkland",
    }


def test_people_carry_no_email_and_signing_keys_no_private_half(
    client: TestClient, device: dict[str, str], factory: SessionFactory, kari: str
) -> None:
    rows = read_all(client, "lyngdal", device, MAX_CHANGES_PAGE)
    kari_row = next(r for r in rows if r["entity"] == "person" and r["key"] == kari)
    assert kari_row["data"] == {
        "id": kari,
        "name": "Kari Nordmann",
        "given_name": "Kari",
        "family_name": "Nordmann",
        "organisation_id": "nav",
        "organisation": "NAV",
        "cluster": "helse",
        "site": "lyngdal",
        "kind": "member",
        "active": True,
        "organisation_short": "NAV",  # what the kiosk's name search shows
        "pin_hash": None,  # a PIN's hash once staff set one; never the PIN
    }
    assert "@" not in str([r["data"] for r in rows])
    with factory() as session:
        key = session.scalars(select(SigningKeyRecord)).one()
    key_row = next(r for r in rows if r["entity"] == "signing_key")
    assert key_row["key"] == key.key_id
    assert base64.b64decode(key_row["data"]["public_key"]) == key.public_key
    assert base64.b64encode(key.private_key).decode() not in str(rows)
    assert set(key_row["data"]) == {"key_id", "public_key", "created_at", "active"}


def test_updates_revocations_and_moves_reach_the_feed(
    client: TestClient,
    make_token: Callable[[str, str], str],
    factory: SessionFactory,
    kari: str,
) -> None:
    lyngdal, stadt = bearer(make_token("lyngdal", "device")), bearer(make_token("stadt", "device"))
    start_l = read_all(client, "lyngdal", lyngdal, MAX_CHANGES_PAGE)[-1]["seq"]
    start_s = read_all(client, "stadt", stadt, MAX_CHANGES_PAGE)[-1]["seq"]
    with factory.begin() as session:
        person = session.get(Person, kari)
        assert person is not None
        issued = passes.issue_member_pass(session, person, now=NOW)
        passes.revoke_pass(session, issued.record.pass_id, now=NOW)
        passes.revoke_pass(session, issued.record.pass_id, now=NOW)  # once is enough
        directory.upsert_organisation(session, "nav", "Arbeids- og velferdsetaten", "NAV")
        directory.upsert_person(
            session,
            id=kari,
            given_name="Kari",
            family_name="Nordmann",
            email=KARI_EMAIL,
            site="stadt",
            organisation_id="nav",
            cluster=None,
        )

    def since(site: str, start: int, headers: dict[str, str]) -> list[tuple[str, str, str]]:
        page = client.get(CHANGES.format(site=site), params={"since": start}, headers=headers)
        return [(c["entity"], c["op"], c["key"]) for c in page.json()["changes"]]

    pass_id = issued.record.pass_id
    nav_people = since("lyngdal", start_l, lyngdal)
    assert nav_people[0] == ("revoked_pass", "upsert", pass_id)
    assert nav_people[1] == ("organisation", "upsert", "nav")
    # NAV's new name, for every NAV person still here; Kari's own row at Lyngdal is only the
    # tombstone of her move (the feed keeps the latest state, not the rename before it).
    assert any(entry[:2] == ("person", "upsert") for entry in nav_people)
    assert ("person", "upsert", kari) not in nav_people
    assert nav_people[-1] == ("person", "delete", kari)
    assert since("stadt", start_s, stadt)[-1] == ("person", "upsert", kari)
    response = client.post(
        EVENTS.format(site="lyngdal"), headers=lyngdal, json={"events": [event(kari)]}
    )
    assert response.json()["results"][0]["reason"] == "person belongs to another site"


@pytest.mark.parametrize(
    "params",
    [{"since": "abc"}, {"since": -1}, {"limit": 0}, {"limit": 10**6}],
)
def test_bad_cursor_or_limit_is_422(
    client: TestClient, device: dict[str, str], params: dict[str, Any]
) -> None:
    response = client.get(CHANGES.format(site="lyngdal"), params=params, headers=device)
    assert response.status_code == 422


def test_a_cursor_ahead_of_the_store_is_a_409(client: TestClient, device: dict[str, str]) -> None:
    # Valid input, but a state the store is not in (restored from an older backup, say).
    response = client.get(CHANGES.format(site="lyngdal"), params={"since": 10**9}, headers=device)
    assert response.status_code == 409
    assert "start again from 0" in response.json()["detail"]
