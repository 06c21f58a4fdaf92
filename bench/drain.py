"""A kiosk drains 10,000 events recorded while the store was away, once it answers again.

A real ``regionlab-central serve`` on a loopback port (SQLite, or PostgreSQL with
``--postgres URL``) and the kiosk's real core (``KioskCore.open``, the kiosk's default batch
size, timeouts and heartbeat headers) with its sync engine on its own thread, as in the kiosk.
The kiosk first syncs once (people, keys), then records the events while no round runs (the
store is away), then its engine starts as when the store answers again. Timed from the start
until the outbox holds nothing pending; counted: the requests of each kind, and the time the
engine spent waiting for the store's answers to its pushes. The rest of the drain is the
kiosk's own work (reading the outbox, recording the answers, its status), said as its share.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from bench.summary import record
from tests.processes import CentralServer, wait_until

SITE = "lyngdal"


class TimedTransport:
    """The kiosk's HTTP client, with the time spent waiting for each push's answer summed."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.push_s = 0.0
        self.batches: list[int] = []

    def push_events(self, events: Sequence[dict[str, Any]], timeout_s: float | None = None) -> Any:
        started = time.perf_counter()
        try:
            return self.inner.push_events(events, timeout_s=timeout_s)
        finally:
            self.push_s += time.perf_counter() - started
            self.batches.append(len(events))

    def pull_changes(self, since: int, limit: int) -> Any:
        return self.inner.pull_changes(since, limit)


def drain(database_url: str, root: Path, events_n: int) -> dict[str, Any]:
    from bench.store import demo_people, presence_events
    from kiosk.app import KioskCore
    from kiosk.central_client import HttpCentralClient
    from kiosk.heartbeat import heartbeat_headers
    from kiosk.outbox import add, pending_count
    from kiosk.settings import KioskSettings

    server = CentralServer(database_url=database_url, log_path=root / "drain-central.log")
    server.prepare(SITE)
    server.start()
    try:
        requests_seen: Counter[str] = Counter()
        http = requests.Session()

        def count(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
            path = re.sub(r"\?.*", "", response.request.path_url)
            requests_seen[f"{response.request.method} {path.rsplit('/', 1)[-1]}"] += 1

        http.hooks["response"].append(count)
        settings = replace(
            KioskSettings(),
            site=SITE,
            central_url=server.url,
            device_token=server.device_token,
            data_dir=root / "drain-kiosk",
        )
        holder: list[KioskCore] = []
        client = HttpCentralClient(
            server.url,
            SITE,
            server.device_token,
            timeout_s=settings.sync_timeout_s,
            session=http,
            report=heartbeat_headers(
                lambda: holder[0].sync.status().pending if holder else 0,
                set_aside=lambda: holder[0].sync.set_aside_count() if holder else None,
            ),
            allow_insecure_http=True,
        )
        transport = TimedTransport(client)
        core = KioskCore.open(settings, transport=transport)
        holder.append(core)
        try:
            assert core.sync.sync_once(), core.sync.status().problem  # people and keys first
            people = demo_people(database_url)
            start = datetime.now(UTC) - timedelta(hours=5)
            with core.store.session() as session:  # recorded while the store was away
                for event in presence_events(people, events_n, start):
                    add(session, event, datetime.fromisoformat(event["at"]))
            requests_seen.clear()
            transport.push_s, transport.batches = 0.0, []
            states: Counter[str] = Counter()
            core.sync.add_listener(lambda status: states.update([status.state.value]))

            def drained() -> bool:
                with core.store.session() as session:
                    return pending_count(session) == 0

            began = time.perf_counter()
            core.sync.start()
            try:
                wait_until(drained, 900, "the outbox to drain")
                elapsed = time.perf_counter() - began
            finally:
                core.sync.stop()
            from sqlalchemy import func, select

            from kiosk.models import OutboxEvent

            with core.store.session() as session:
                answers = dict(
                    session.execute(
                        select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
                    ).all()
                )
        finally:
            core.close()
            client.close()
    finally:
        server.stop()
    return {
        "elapsed_s": elapsed,
        "push_wait_s": transport.push_s,
        "requests": dict(requests_seen),
        "batches": transport.batches,
        "answers": answers,
        "states": dict(states),
    }


def bench_drain(root: Path, events_n: int, postgres: str | None = None) -> None:
    from bench.store import database

    kinds = ["sqlite"] + (["postgresql"] if postgres else [])
    for kind in kinds:
        with database(kind, root, postgres) as url:
            folder = root / f"drain-{kind}-{uuid.uuid4().hex[:6]}"
            folder.mkdir()
            result = drain(url, folder, events_n)
        elapsed, waited = result["elapsed_s"], result["push_wait_s"]
        kiosk_s = max(0.0, elapsed - waited)
        batches = result["batches"]
        print(
            f"{events_n:,}-event offline drain, store on {kind:<10} {elapsed:7.2f} s "
            f"(floor 10 s: {elapsed / 10:.2f}x)  requests {result['requests']}",
            flush=True,
        )
        print(
            f"  waiting on the store's answers {waited:.2f} s, kiosk-side {kiosk_s:.2f} s "
            f"({100 * kiosk_s / elapsed:.0f} %); {len(batches)} batches "
            f"(sizes {min(batches)}-{max(batches)}); answers {result['answers']}; "
            f"statuses shown {result['states']}",
            flush=True,
        )
        posts = result["requests"].get("POST events", 0)
        record(f"{events_n}-event drain, {kind} ({posts} POSTs)", elapsed, "s", 10.0, issue="#13")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--postgres", default=None, help="also drain into this PostgreSQL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        bench_drain(Path(folder), args.events, args.postgres)
    return 0


if __name__ == "__main__":
    sys.exit(main())
