"""The staff console's Today and People pages on PostgreSQL, through the real store.

A database as ``init --demo`` leaves it, plus (written straight through the ORM, not the
feed) 50,000 members at Lyngdal, 500 people in the building now (100 with a fixed desk, 100
ticked in today's roll call; 5 of the 500 are guests, of 20 invited for today), today's lunch
talk with 40 sign-ups, and 50 kiosks. A real ``regionlab-central serve`` on a loopback
port (tests/processes.py's CentralServer) answers a client that has logged in as staff.

Each figure is the time from sending a request to the last byte of its answer, on loopback,
measured in this process (httpx): the store's own time plus a loopback round trip, so an upper
bound of the server time. The pages: Today; People's first, a middle and the last page; a search
by a name's start (common and rare) and by an e-mail address; and one person's page, opened
from the list.

PostgreSQL runs when ``REGIONLAB_TEST_POSTGRES_URL`` (or ``--postgres URL``) names a server; the
bench works in a schema of its own and drops it afterwards.

    python -m bench.console [--members 50000] [--present 500] [--kiosks 50] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
from sqlalchemy import insert, select, text

from bench.person_import import CLUSTERS, FAMILY, GIVEN
from bench.reports import postgres_schema

PASSWORD = "benk benk benk benk"
STAFF_EMAIL = "bench@lister.no"
SITE = "lyngdal"
Report = Callable[[str, list[float]], None]
GUESTS_INVITED = 20  # for today at Lyngdal: the Today page's expected guests
GUESTS_IN = 5  # of them in the building now (among the people in)
SIGNUPS = 40  # for today's lunch talk


def _name(n: int) -> tuple[str, str]:
    """Varied, Norwegian-looking names: 64 given x 64 family stems, and a letter suffix."""
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    given = GIVEN[n % 8] + ("" if n % 64 < 8 else letters[(n // 8) % 8])
    family = FAMILY[(n // 64) % 8] + letters[(n // 512) % 29] + letters[(n // 7) % 29]
    return given, family


def seed(database_url: str, members: int, present: int, kiosks: int) -> None:
    from central.db.engine import make_engine, session_factory
    from central.db.models import (
        Desk,
        DeskAssignment,
        EventRecord,
        Organisation,
        Person,
        Site,
        StaffAccount,
        Visit,
    )
    from central.domain import desks, invitations, lunch, provisioning, staff

    engine = make_engine(database_url)
    factory = session_factory(engine)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with factory.begin() as session:
        organisations = list(session.scalars(select(Organisation.id).order_by(Organisation.id)))
        desk_ids = list(
            session.scalars(select(Desk.id).where(Desk.site == SITE).order_by(Desk.label))
        )
        staff.add_account(
            session, site=SITE, email=STAFF_EMAIL, role="staff", password=PASSWORD, now=now
        )
        ids = [str(uuid.uuid4()) for _ in range(members)]
        rows = []
        for n, person_id in enumerate(ids):
            given, family = _name(n)
            rows.append(
                {
                    "id": person_id,
                    "name": f"{given} {family}",
                    "given_name": given,
                    "family_name": family,
                    "email": f"bench{n}@bench.example",
                    "organisation_id": organisations[n % len(organisations)],
                    "cluster": CLUSTERS[n % 6] or None,
                    "site": SITE,
                    "kind": "member",
                    "active": n % 50 != 0,
                }
            )
        for start in range(0, len(rows), 5000):
            session.execute(insert(Person), rows[start : start + 5000])
        place = session.get(Site, SITE)
        assert place is not None
        day = desks.local_day(place, now)
        # Invited guests for today, hosted by members; the first few of them have come in.
        members_in = ids[1 : present * 3 : 3][: max(0, present - GUESTS_IN)]
        guests = [
            invitations.prepare(
                session,
                email=f"gjest{n}@gjest.example",
                host_ref=members_in[n % len(members_in)] if members_in else ids[1],
                first_day=day,
                name=" ".join(_name(members + n)),
                now=now,
            ).guest.id
            for n in range(GUESTS_INVITED)
        ]
        session.flush()
        inside = members_in + guests[: present - len(members_in)]
        events, visits = [], []
        for n, person_id in enumerate(inside):
            event = str(uuid.uuid4())
            at = now - timedelta(minutes=5 + n % 240)
            events.append(
                {
                    "id": event,
                    "site": SITE,
                    "type": "check_in",
                    "at": at,
                    "data": {"person_id": person_id},
                    "content_hash": uuid.uuid4().hex,
                    "received_at": at,
                    "status": "applied",
                    "reason": None,
                }
            )
            visits.append(
                {
                    "site": SITE,
                    "person_id": person_id,
                    "checked_in_at": at,
                    "checked_out_at": None,
                    "check_in_event_id": event,
                }
            )
        session.execute(insert(EventRecord), events)
        session.execute(insert(Visit), visits)
        if desk_ids:
            session.execute(
                insert(DeskAssignment),
                [
                    {
                        "site": SITE,
                        "desk_id": desk_ids[n % len(desk_ids)],
                        "person_id": person_id,
                        "organisation_id": None,
                        "valid_from": (now - timedelta(days=30)).date(),
                        "valid_until": None,
                    }
                    for n, person_id in enumerate(inside[: min(100, len(desk_ids))])
                ],
            )
        account = session.scalars(
            select(StaffAccount).where(StaffAccount.email == STAFF_EMAIL)
        ).one()
        for person_id in inside[:100]:
            staff.set_tick(
                session, account, site=SITE, day=day, person_id=person_id, seen=True, now=now
            )
        # Today's lunch talk (at 11:30, or now if that is over), and who signed up for it.
        starts = desks.local_moment(place, day, "11:30")
        talk = lunch.add_talk(
            session,
            site=place,
            title="Faglig lunsj: Kunstig intelligens i offentlig sektor",
            starts_at=starts if starts + lunch.DEFAULT_LENGTH > now else now,
            room="Kantina",
            capacity=60,
            now=now,
        )
        for person_id in inside[::12][:SIGNUPS]:
            lunch.sign_up(session, talk, person_id, event_id=str(uuid.uuid4()), at=now)
        for _ in range(kiosks):
            code = provisioning.create_code(session, SITE, now=now)
            provisioning.redeem(session, code.code, now=now, version="bench")
    with engine.begin() as connection:  # as autovacuum would soon after such a load
        connection.execute(text("ANALYZE"))
    print(
        f"console: seeded {members} members, {len(inside)} in now ({len(inside) - len(members_in)} "
        f"of {len(guests)} invited guests), a lunch talk with {talk.signed_up} sign-ups, "
        f"{kiosks} kiosks "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    engine.dispose()


def log_in(client: httpx.Client) -> str:
    form = client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None, form.text[:500]
    answer = client.post(
        "/staff/login",
        data={"csrf": token.group(1), "email": STAFF_EMAIL, "password": PASSWORD},
        follow_redirects=True,
    )
    found = re.search(r'name="csrf" value="([^"]+)"', answer.text)
    assert answer.status_code == 200 and found is not None, answer.status_code
    return found.group(1)


SERVER_PID: list[int] = []  # the store's process, for its CPU time


def _cpu_ms() -> float:
    """The store process's CPU time so far (user + system), in ms; 0 where /proc is absent."""
    try:
        fields = Path(f"/proc/{SERVER_PID[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except (IndexError, OSError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def timed(runs: int, call: Callable[[], httpx.Response]) -> list[float]:
    """Each answer's time on loopback. The store's CPU time per request (its mean) is printed
    too: on a machine shared with other work, waiting for a core inflates the wall times, not
    the CPU the request took (the database's own time is not in it)."""
    call()  # warm: templates compiled, caches filled
    values = []
    cpu = _cpu_ms()
    for _ in range(runs):
        started = time.perf_counter()
        answer = call()
        values.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, (answer.status_code, answer.text[:300])
    if SERVER_PID:
        print(f"    store CPU per request (mean): {(_cpu_ms() - cpu) / runs:6.2f} ms", flush=True)
    return values


def run_on(database_url: str, args: argparse.Namespace, report: Report) -> None:
    from tests.processes import CentralServer, central_cli

    central_cli(database_url, "init", "--demo")
    seed(database_url, args.members, args.present, args.kiosks)
    with tempfile.TemporaryDirectory() as folder:
        server = CentralServer(database_url=database_url, log_path=Path(folder) / "central.log")
        server.start()
        assert server.process is not None
        SERVER_PID[:] = [server.process.pid]
        try:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                csrf = log_in(client)
                measure(client, csrf, args, report)
        finally:
            server.stop()


def measure(client: httpx.Client, csrf: str, args: argparse.Namespace, report: Report) -> None:
    runs = args.requests
    today = client.get(f"/staff/today?site={SITE}")
    rows = today.text.count("<tr data-person") + today.text.count('<tr id="p-')
    print(f"console: the Today page lists {rows} people", flush=True)
    report("console Today (500 in, 50 kiosks)", timed(runs, lambda: client.get("/staff/today")))
    listing = client.get(f"/staff/people?site={SITE}")
    shown = re.search(r"(\d+)–(\d+) \w+ (\d+)", listing.text)
    print(f"console: People shows {shown.group(0) if shown else '?'}", flush=True)
    last = max(1, -(-args.members // 50))
    for label, page in (("first", 1), ("middle", last // 2), ("last", last)):
        report(
            f"console People, {label} page by number",
            timed(runs, partial(client.get, f"/staff/people?site={SITE}&page={page}")),
        )
    for label, page in (("middle", last // 2), ("last", last)):
        # as staff get there: the "next" link of the page before (a keyset cursor)
        before = client.get(f"/staff/people?site={SITE}&page={page - 1}").text
        found = re.search(r'href="([^"]*after=[^"]*)"', before)
        if found is None:  # a console without cursors (before issue #11's polish)
            continue
        link = found.group(1).replace("&amp;", "&")
        report(f"console People, {label} page by its link", timed(runs, partial(client.get, link)))
    for label, query in (
        ("a common name start", "kari"),
        ("a rare name start", "jens-petter hålandø"),
        ("an e-mail address", "bench4711@bench.example"),
    ):
        report(
            f"console People, search {label}",
            timed(
                runs,
                partial(
                    client.post, "/staff/people", data={"csrf": csrf, "site": SITE, "q": query}
                ),
            ),
        )
    link = re.search(r'href="(/staff/people/[^"?]+)"', listing.text.split("<tbody>", 1)[-1])
    if link is not None:
        report("console a person's page", timed(runs, lambda: client.get(link.group(1))))


def bench_console(
    report: Report,
    members: int = 50_000,
    present: int = 500,
    kiosks: int = 50,
    requests: int = 200,
    postgres: str | None = None,
) -> None:
    postgres = postgres or os.environ.get("REGIONLAB_TEST_POSTGRES_URL")
    if not postgres:
        print("console/postgresql: skipped (set REGIONLAB_TEST_POSTGRES_URL)")
        return
    args = argparse.Namespace(members=members, present=present, kiosks=kiosks, requests=requests)
    with postgres_schema(postgres) as url:
        run_on(url, args, report)


def main(argv: list[str] | None = None) -> int:
    from bench.__main__ import report

    parser = argparse.ArgumentParser(prog="python -m bench.console")
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--present", type=int, default=500)
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres", metavar="URL")
    args = parser.parse_args(argv)
    bench_console(report, args.members, args.present, args.kiosks, args.requests, args.postgres)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
