"""Many writers, one reader paging the changes feed: the reader never skips a change.

PostgreSQL hands out ``seq`` values at insert but transactions commit in any order; a reader
that has paged past seq 12 would never see seq 11 committed a moment later. The store's
advisory lock on the feed makes commit order equal seq order. Here several threads post
check-ins and check-outs through the real HTTP API (uvicorn on a loopback port, FastAPI's
thread pool running the requests side by side) while a reader pages the feed with its
cursor; at the end the reader's list must be exactly the whole feed read afresh.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from central_helpers import CHANGES, EVENTS, fold

SITE = "lyngdal"
WRITERS = 4
ROUNDS = 12  # check-in + check-out per person per round
START = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)

pytestmark = pytest.mark.integration


def read_pages(http: requests.Session, url: str, since: int, limit: int) -> tuple[list[Any], int]:
    """Every change after ``since`` that is there now, paged ``limit`` at a time."""
    seen: list[Any] = []
    while True:
        answer = http.get(url, params={"since": since, "limit": limit}, timeout=30)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        seen += page["changes"]
        since = page["cursor"]
        if not page["more"]:
            return seen, since


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_a_reader_paging_during_concurrent_writes_sees_every_change_once_in_order(
    store_url: str, device: dict[str, str]
) -> None:
    changes_url = store_url + CHANGES.format(site=SITE)
    events_url = store_url + EVENTS.format(site=SITE)
    reader = requests.Session()
    reader.headers.update(device)
    reader.trust_env = False
    before, cursor = read_pages(reader, changes_url, 0, 1000)
    people = [c["key"] for c in before if c["entity"] == "person" and c["data"]["site"] == SITE]
    assert len(people) >= WRITERS * 2
    failures: list[str] = []

    def write(mine: list[str]) -> None:
        http = requests.Session()
        http.headers.update(device)
        http.trust_env = False
        at = START
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
                    failures.append(answer.text)

    writers = [
        threading.Thread(target=write, args=(people[2 * n : 2 * n + 2],)) for n in range(WRITERS)
    ]
    for thread in writers:
        thread.start()
    paged = list(before)
    while any(thread.is_alive() for thread in writers):
        page, cursor = read_pages(reader, changes_url, cursor, 3)
        paged += page
    for thread in writers:
        thread.join()
    page, cursor = read_pages(reader, changes_url, cursor, 3)
    paged += page
    assert not failures, failures[:3]

    everything, _ = read_pages(reader, changes_url, 0, 1000)
    seqs = [change["seq"] for change in paged]
    assert seqs == sorted(set(seqs)), "a change came twice or out of order"
    # The feed is compacted (only the latest row of each entity stays), so the reader's pages
    # may hold rows replaced since; what counts is that folding them gives the state now.
    # A skipped change that is still the latest of its entity shows up as a difference.
    assert fold(paged) == fold(everything)
    touched = {key for entity, key in fold(everything) if entity == "presence"}
    assert set(people[: 2 * WRITERS]) <= touched  # every writer's people reached the feed
