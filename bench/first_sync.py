"""First full sync of a new kiosk from a store with 50,000 people and 1,000 desks.

A real ``regionlab-central serve`` on a loopback port holds the demo plus the extra people and
desks (written straight into its database before it starts, with the feed rows the store's
own writes would add). A fresh kiosk's real sync engine, on its own thread with the kiosk's
default interval, pulls the feed over HTTP into a new local store. Timed from the engine's
start until every person and desk is in the local store; the bytes are what came over the
wire (the Content-Length of each answer, compressed when the store compresses).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, insert, select

from tests.processes import CentralServer, wait_until

SITE = "lyngdal"


def seed(database_url: str, people: int, desks: int) -> None:
    """Add ``people`` people and ``desks`` desks to ``SITE``, with their feed rows."""
    from central.db.engine import make_engine, session_factory
    from central.db.models import Change, Desk, Person

    engine = make_engine(database_url)
    factory = session_factory(engine)
    person_rows: list[dict[str, Any]] = []
    person_changes: list[dict[str, Any]] = []
    for n in range(people):
        person_id = str(uuid.UUID(int=n + 1, version=4))
        given, family = f"Fornavn{n}", f"Etternavn{n}"
        person_rows.append(
            {
                "id": person_id,
                "name": f"{given} {family}",
                "given_name": given,
                "family_name": family,
                "email": f"person{n}@bench.example",
                "organisation_id": None,
                "cluster": None,
                "site": SITE,
                "kind": "member",
                "active": True,
            }
        )
        data = {k: v for k, v in person_rows[-1].items() if k != "email"}
        data["organisation"] = None
        person_changes.append(
            {"site": SITE, "entity": "person", "op": "upsert", "key": person_id, "data": data}
        )
    desk_rows: list[dict[str, Any]] = []
    desk_changes: list[dict[str, Any]] = []
    for n in range(desks):
        desk: dict[str, Any] = {
            "id": f"{SITE}-B{n:04d}",
            "site": SITE,
            "label": f"B{n:04d}",
            "zone": "bench",
            "floor_id": None,
            "x": 0.0,
            "y": 0.0,
            "width": 0.0,
            "height": 0.0,
            "rotation": 0.0,
            "equipment": [],
            "mode": "drop_in",
            "active": True,
        }
        desk_rows.append(desk)
        desk_changes.append(
            {"site": SITE, "entity": "desk", "op": "upsert", "key": desk["id"], "data": desk}
        )
    with factory.begin() as session:
        session.execute(insert(Person), person_rows)
        session.execute(insert(Desk), desk_rows)
        session.execute(insert(Change), person_changes + desk_changes)
    engine.dispose()


def bench_first_sync(
    root: Path, report: Callable[[str, list[float]], None], people: int, desks: int
) -> None:
    from kiosk.central_client import HttpCentralClient
    from kiosk.clock import SystemClock
    from kiosk.models import DeskRow, Person
    from kiosk.settings import KioskSettings
    from kiosk.store import LocalStore
    from kiosk.sync import SyncEngine

    folder = root / "first-sync"
    folder.mkdir()
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare(SITE)
    seed(server.database_url, people, desks)
    server.start()
    try:
        wire: list[int] = []
        http = requests.Session()

        def count(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
            length = response.headers.get("content-length")
            wire.append(int(length) if length is not None else len(response.content))

        http.hooks["response"].append(count)
        client = HttpCentralClient(server.url, SITE, server.device_token, session=http)
        store = LocalStore.open(folder / "kiosk.sqlite3")
        engine = SyncEngine(
            store, client, SystemClock(), interval_s=KioskSettings().sync_interval_s
        )

        def synced() -> bool:
            with store.session() as session:
                have_people = session.scalar(select(func.count()).select_from(Person)) or 0
                have_desks = session.scalar(select(func.count()).select_from(DeskRow)) or 0
            return have_people >= people and have_desks >= desks

        started = time.perf_counter()
        engine.start()
        try:
            wait_until(synced, 600, "the first sync")
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            engine.stop()
            store.close()
            client.close()
        report(f"first full sync, {people} people + {desks} desks", [elapsed])
        print(
            f"  bytes on the wire {sum(wire):,} in {len(wire)} answers (the largest {max(wire):,})",
            flush=True,
        )
    finally:
        server.stop()
