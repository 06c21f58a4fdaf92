"""The central store's own benches: apply cost against a bare commit, a 10,000-event drain, and
50 kiosks' load against a real ``serve`` process. Loopback only, every run bounded in time.

Run alone with ``python -m bench.store`` (``--help`` for the sizes); ``make bench`` runs it too.
PostgreSQL is included when ``--postgres URL`` or ``$REGIONLAB_TEST_POSTGRES_URL`` names one:
each run gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

from bench.summary import record
from central.db.key_encryption import KEK_FILE_ENV
from central.domain.token_secret import SECRET_FILE_ENV
from tests.processes import CentralServer

POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"
SITE = "lyngdal"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


@contextmanager
def database(kind: str, root: Path, postgres: str | None) -> Iterator[str]:
    """An empty database URL: a SQLite file under ``root``, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        yield f"sqlite:///{root / f'central-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    assert postgres is not None
    # What an operator sets for PostgreSQL: the key-encryption key and the token secret in
    # files named by the environment (serve and the CLI, run as children, inherit it).
    kek_file = root / "bench.kek"
    if not kek_file.exists():
        kek_file.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
        kek_file.chmod(0o600)
    os.environ.setdefault(KEK_FILE_ENV, str(kek_file))
    os.environ.setdefault(SECRET_FILE_ENV, str(root / "bench.token-secret"))
    schema = f"regionlab_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(postgres).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def demo_people(url: str) -> list[str]:
    from central.db.engine import make_engine
    from central.db.models import Person

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return list(
                connection.scalars(
                    select(Person.id).where(Person.site == SITE, Person.active.is_(True))
                )
            )
    finally:
        engine.dispose()


def presence_events(people: list[str], count: int, start: datetime) -> list[dict[str, Any]]:
    """``count`` check-ins and check-outs in turn, person by person, a second apart."""
    from kiosk.protocol import event_json

    events = []
    for index in range(count):
        person = people[index % len(people)]
        kind = "check_in" if (index // len(people)) % 2 == 0 else "check_out"
        at = start + timedelta(seconds=index)
        events.append(
            event_json(str(uuid.uuid4()), kind, at, {"person_id": person, "method": "qr"})  # type: ignore[arg-type]
        )
    return events


# --- apply vs a bare commit -----------------------------------------------------------------


def bench_apply(url: str, events_n: int, batch: int, rounds: int = 3) -> tuple[float, float]:
    """ms per event: the store's apply_batch, and a bare durable commit of the same rows; the
    two run in turn ``rounds`` times and the best round of each counts (the machine is shared)."""
    from central import bootstrap
    from central.db.engine import make_engine, session_factory
    from central.db.models import Visit
    from kiosk.clock import SystemClock

    clock = SystemClock()
    engine = make_engine(url)
    store_ms: list[float] = []
    bare_ms: list[float] = []
    try:
        bootstrap.initialise(engine, clock, with_demo=True)
        people = demo_people(url)
        factory = session_factory(engine)
        per_round = max(1, events_n // rounds)
        for turn in range(rounds):
            start = clock.now() - timedelta(days=2 * turn + 1)
            for timings, run in ((store_ms, _store_round), (bare_ms, _bare_round)):
                with engine.begin() as connection:  # everyone out: the first event checks in
                    connection.execute(
                        update(Visit)
                        .where(Visit.checked_out_at.is_(None))
                        .values(checked_out_at=start)
                    )
                wire = presence_events(people, per_round, start + timedelta(hours=1))
                began = time.perf_counter()
                run(engine, factory, wire, batch)
                timings.append((time.perf_counter() - began) * 1000 / len(wire))
                start += timedelta(days=1)
    finally:
        engine.dispose()
    return min(store_ms), min(bare_ms)


def _store_round(  # one signature for both rounds: each uses what it needs
    engine: Any,  # noqa: ARG001
    factory: Any,
    wire: list[dict[str, Any]],
    batch: int,
) -> None:
    from central.domain import events as store_events
    from kiosk.clock import SystemClock

    for offset in range(0, len(wire), batch):
        outcomes = store_events.apply_batch(
            factory,
            SITE,
            [
                store_events.IncomingEvent(e["id"], e["type"], e["at"], e["data"])
                for e in wire[offset : offset + batch]
            ],
            SystemClock(),
        )
        bad = [o for o in outcomes if o.status != "accepted" or o.reason]
        assert not bad, bad[:3]


def _bare_round(  # one signature for both rounds: each uses what it needs
    engine: Any,
    factory: Any,  # noqa: ARG001
    wire: list[dict[str, Any]],
    batch: int,
) -> None:
    """The floor: the same rows (event record, visit insert or update, change row) written with
    plain INSERT/UPDATE statements, one durable commit per batch."""
    from central.db.models import Change, EventRecord, Visit

    now = datetime.now(UTC)
    open_visits: dict[str, int] = {}
    for offset in range(0, len(wire), batch):
        with engine.begin() as connection:
            for e in wire[offset : offset + batch]:
                at = datetime.fromisoformat(e["at"])
                person = e["data"]["person_id"]
                connection.execute(
                    insert(EventRecord).values(
                        id=e["id"],
                        site=SITE,
                        type=e["type"],
                        at=at,
                        data=e["data"],
                        content_hash="0" * 64,
                        received_at=now,
                        status="accepted",
                    )
                )
                if e["type"] == "check_in":
                    open_visits[person] = connection.execute(
                        insert(Visit)
                        .values(
                            site=SITE,
                            person_id=person,
                            checked_in_at=at,
                            check_in_event_id=e["id"],
                        )
                        .returning(Visit.id)
                    ).scalar_one()
                else:
                    connection.execute(
                        update(Visit)
                        .where(Visit.id == open_visits.pop(person))
                        .values(checked_out_at=at, check_out_event_id=e["id"])
                    )
                connection.execute(
                    insert(Change).values(
                        site=SITE,
                        entity="presence",
                        op="upsert",
                        key=person,
                        data={"person_id": person, "checked_in": e["type"] == "check_in"},
                    )
                )


# --- the drain ------------------------------------------------------------------------------


def pending(core: Any) -> int:
    from kiosk.outbox import pending_count

    with core.store.session() as session:
        return pending_count(session)


def bench_drain(url: str, root: Path, events_n: int) -> tuple[float, int, dict[str, int]]:
    """A kiosk whose outbox holds ``events_n`` events drains it through its own sync engine."""
    from kiosk.app import KioskCore
    from kiosk.outbox import add
    from kiosk.settings import KioskSettings

    server = CentralServer(database_url=url, log_path=root / f"drain-{uuid.uuid4().hex[:6]}.log")
    server.prepare()
    server.start()
    try:
        data_dir = root / f"drain-kiosk-{uuid.uuid4().hex[:6]}"
        settings = replace(
            KioskSettings(),
            site=SITE,
            central_url=server.url,
            device_token=server.device_token,
            data_dir=data_dir,
        )
        core = KioskCore.open(settings)
        try:
            assert core.sync.sync_once(), core.sync.status().problem  # people and keys first
            people = demo_people(url)
            start = datetime.now(UTC) - timedelta(hours=5)
            with core.store.session() as session:
                for event in presence_events(people, events_n, start):
                    add(session, event, datetime.fromisoformat(event["at"]))
            # POSTs counted where they are sent: the store's log folds repeated lines
            # (RepeatFilter), so one kiosk's identical access lines are not one per request.
            transport = core.sync._transport
            assert transport is not None
            sent = transport.push_events
            posts = 0

            def counted(*args: Any, **kwargs: Any) -> Any:
                nonlocal posts
                posts += 1
                return sent(*args, **kwargs)

            transport.push_events = counted  # type: ignore[method-assign]
            began = time.perf_counter()
            deadline = began + 600
            while pending(core) and time.perf_counter() < deadline:
                core.sync.sync_once()
            elapsed = time.perf_counter() - began
            from kiosk.models import OutboxEvent

            with core.store.session() as session:
                counts: dict[str, int] = {}
                for status in session.scalars(select(OutboxEvent.status)):
                    counts[status] = counts.get(status, 0) + 1
        finally:
            core.close()
    finally:
        server.stop()
    return elapsed, posts, counts


# --- 50 kiosks ------------------------------------------------------------------------------


async def _kiosk(
    client: Any,
    base: str,
    people: list[str],
    cursor: int,
    until: float,
    stats: dict[str, Any],
    rng: random.Random,
    measure_from: float,
) -> None:
    import httpx

    present: dict[str, bool] = {}
    api = f"{base}/api/v1/sites/{SITE}"
    async with client:
        await asyncio.sleep(rng.uniform(0, 1.5))
        while time.perf_counter() < until:
            batch = []
            now = datetime.now(UTC)
            for _ in range(5):
                person = rng.choice(people)
                kind = "check_out" if present.get(person) else "check_in"
                present[person] = kind == "check_in"
                batch.append(
                    {
                        "id": str(uuid.uuid4()),
                        "type": kind,
                        "at": now.isoformat(),
                        "data": {"person_id": person, "method": "qr"},
                    }
                )
            stats["offered"] += len(batch)
            began = time.perf_counter()
            # The first seconds are the store's warm-up (its pool, prepared statements, the
            # first note of each token): timed apart, so the figures say what a store that has
            # been running meets, and the warm-up is still reported.
            warm = "" if began >= measure_from else "warmup_"
            try:
                response = await client.post(f"{api}/events", json={"events": batch})
                stats[f"{warm}post_ms"].append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    stats["errors"].append(f"POST {response.status_code}")
                else:
                    for result in response.json()["results"]:
                        stats[result["status"]] = stats.get(result["status"], 0) + 1
            except httpx.HTTPError as exc:
                stats[f"{warm}post_ms"].append((time.perf_counter() - began) * 1000)
                stats["errors"].append(f"POST {type(exc).__name__}")
            began = time.perf_counter()
            try:
                while True:  # the pull half of a sync round, page by page
                    response = await client.get(f"{api}/changes", params={"since": cursor})
                    if response.status_code != 200:
                        stats["errors"].append(f"GET {response.status_code}")
                        break
                    page = response.json()
                    cursor = int(page["cursor"])
                    if not page.get("more"):
                        break
                stats[f"{warm}get_ms"].append((time.perf_counter() - began) * 1000)
            except httpx.HTTPError as exc:
                stats["errors"].append(f"GET {type(exc).__name__}")
            await asyncio.sleep(rng.uniform(1.0, 2.0))


def _feed_head(base: str, token: str) -> int:
    import httpx

    cursor = 0
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        while True:
            page = client.get(
                f"{base}/api/v1/sites/{SITE}/changes", params={"since": cursor}
            ).json()
            cursor = int(page["cursor"])
            if not page.get("more"):
                return cursor


def device_tokens(url: str, count: int) -> list[str]:
    """A device token of its own for each simulated kiosk, as provisioning gives each one."""
    from central.db.engine import make_engine, session_factory
    from central.domain import tokens

    engine = make_engine(url)
    try:
        with session_factory(engine).begin() as session:
            now = datetime.now(UTC)
            return [
                tokens.create_token(session, SITE, "device", label=f"bench {n}", now=now)
                for n in range(count)
            ]
    finally:
        engine.dispose()


def bench_load(
    url: str, root: Path, kiosks: int, seconds: float, workers: int, warmup: float = 5.0
) -> dict[str, Any]:
    """``kiosks`` kiosks for ``warmup`` + ``seconds``: latencies of the requests begun in the
    first ``warmup`` seconds are kept apart (``warmup_post_ms``); events are counted over all."""
    server = CentralServer(
        database_url=url, log_path=root / f"load-{uuid.uuid4().hex[:6]}.log", workers=workers
    )
    server.prepare()
    server.start()
    try:
        people = demo_people(url)
        tokens = device_tokens(url, kiosks)
        head = _feed_head(server.url, server.device_token)
        stats: dict[str, Any] = {
            "offered": 0,
            "post_ms": [],
            "get_ms": [],
            "warmup_post_ms": [],
            "warmup_get_ms": [],
            "errors": [],
        }

        async def run() -> None:
            import httpx

            rng = random.Random(13)
            # Every kiosk's client (each makes a TLS context, about 20 ms here) before any
            # kiosk starts: made one by one as the kiosks started, they held up the loop for a
            # second and the kiosks' first requests went out together, a burst of the bench's
            # own making.
            clients = [
                httpx.AsyncClient(headers={"Authorization": f"Bearer {t}"}, timeout=5.0)
                for t in tokens
            ]
            measure_from = time.perf_counter() + warmup
            until = measure_from + seconds
            await asyncio.gather(
                *(
                    _kiosk(
                        clients[index],
                        server.url,
                        people[index::kiosks] or people,
                        head,
                        until,
                        stats,
                        random.Random(rng.random()),
                        measure_from,
                    )
                    for index in range(kiosks)
                )
            )

        began = time.perf_counter()
        cpu = time.process_time()
        server_cpu = _tree_cpu_s(server.process.pid) if server.process else 0.0
        asyncio.run(run())
        stats["elapsed"] = time.perf_counter() - began
        # The load generator shares the machine with the store: its own CPU time (and the
        # store's, its workers included) tell whether it starved the store.
        stats["client_cpu"] = time.process_time() - cpu
        if server.process:
            stats["server_cpu"] = _tree_cpu_s(server.process.pid) - server_cpu
    finally:
        server.stop()
    return stats


def _tree_cpu_s(pid: int) -> float:
    """CPU seconds used so far by ``pid`` and its live children (Linux /proc; else 0)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        pending += [int(child) for child in children]
    return total


def report_load(name: str, stats: dict[str, Any]) -> None:
    posts = stats["post_ms"]
    gets = stats["get_ms"] or [0.0]
    errors = stats["errors"]
    requests = sum(len(stats[k]) for k in ("post_ms", "get_ms", "warmup_post_ms", "warmup_get_ms"))
    warm_posts = stats["warmup_post_ms"] or [0.0]
    answered = sum(stats.get(s, 0) for s in ("accepted", "duplicate", "conflict", "rejected"))
    print(
        f"{name:<44} POST n={len(posts)} p50={statistics.median(posts):7.1f} ms"
        f" p99={percentile(posts, 99):7.1f} ms  GET p50={statistics.median(gets):6.1f} ms"
        f" p99={percentile(gets, 99):7.1f} ms  accepted {stats.get('accepted', 0)}/"
        f"{stats['offered']} offered ({stats.get('accepted', 0) / stats['elapsed']:.0f}/s of "
        f"{stats['offered'] / stats['elapsed']:.0f}/s), answered {answered},"
        f" errors {len(errors)}{' ' + str(sorted(set(errors))) if errors else ''};"
        f" CPU: load generator {stats.get('client_cpu', 0) / stats['elapsed']:.0%},"
        f" store {stats.get('server_cpu', 0) / stats['elapsed']:.0%} of a core"
        f" ({stats.get('server_cpu', 0) * 1000 / max(1, requests):.1f} ms CPU a request);"
        f" warm-up POST n={len(stats['warmup_post_ms'])} p50={statistics.median(warm_posts):.1f}"
        f" p99={percentile(warm_posts, 99):.1f} ms",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV), metavar="URL")
    parser.add_argument("--apply-events", type=int, default=2000)
    parser.add_argument("--drain-events", type=int, default=10_000)
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument(
        "--load-seconds", type=float, default=30.0, help="how long each 50-kiosk run lasts"
    )
    parser.add_argument(
        "--workers", default="1,2", help="worker counts for the load runs, comma-separated"
    )
    parser.add_argument(
        "--warmup-seconds",
        type=float,
        default=5.0,
        help="the load's first seconds, timed apart (the store's pool and caches filling)",
    )
    parser.add_argument("--only", default="apply,drain,load", help="which benches, comma-separated")
    args = parser.parse_args(argv)
    kinds = ["sqlite"] + (["postgres"] if args.postgres else [])
    only = set(args.only.split(","))
    workers = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for kind in kinds:
            if "apply" in only:
                with database(kind, root, args.postgres) as url:
                    store_ms, bare_ms = bench_apply(url, args.apply_events, 200)
                print(
                    f"{'store apply per event, ' + kind:<44} {store_ms:6.3f} ms; bare commit"
                    f" of the same rows {bare_ms:6.3f} ms; ratio {store_ms / bare_ms:4.1f}x"
                    f" (target <= 3x)",
                    flush=True,
                )
                record(
                    f"store apply / bare commit, {kind}", store_ms / bare_ms, "x", 3.0, issue="#13"
                )
            if "drain" in only:
                with database(kind, root, args.postgres) as url:
                    elapsed, posts, counts = bench_drain(url, root, args.drain_events)
                print(
                    f"{f'{args.drain_events}-event drain, ' + kind:<44} {elapsed:6.2f} s,"
                    f" {posts} POSTs; outbox {counts} (target < 10 s)",
                    flush=True,
                )
                record(
                    f"{args.drain_events}-event drain, {kind} ({posts} POSTs)",
                    elapsed,
                    "s",
                    10.0,
                    issue="#13",
                )
            if "load" in only:
                for count in workers:
                    with database(kind, root, args.postgres) as url:
                        stats = bench_load(
                            url, root, args.kiosks, args.load_seconds, count, args.warmup_seconds
                        )
                    name = (
                        f"{args.kiosks} kiosks {args.load_seconds:.0f} s"
                        f" (+{args.warmup_seconds:.0f} s warm-up), {kind}, {count} wkr"
                    )
                    report_load(name, stats)
                    record(
                        f"{name}: POST p99 after warm-up",
                        percentile(stats["post_ms"], 99),
                        "ms",
                        100.0 if kind == "postgres" else None,  # the issue's aim: PostgreSQL
                        issue="#13",
                    )
                    record(
                        f"  POST p99 in the warm-up (first {args.warmup_seconds:.0f} s)",
                        percentile(stats["warmup_post_ms"] or [0.0], 99),
                        "ms",
                        None,
                    )
                    record(
                        f"  errors + events not accepted, of {stats['offered']}",
                        len(stats["errors"]) + stats["offered"] - stats.get("accepted", 0),
                        "",
                        0.0,
                        target_text="0 (all accepted)",
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
