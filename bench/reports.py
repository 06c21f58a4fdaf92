"""The pilot's report over a year of history at four sites with 2,000 members, on SQLite and
PostgreSQL: the report's data (tables.build: every table, suppressed), the console's Reports
page (an analyst's GET through the whole app in this process: every table and chart) and the
PDF, each timed; plus the nightly refresh of one site's aggregates for a day.

PostgreSQL runs when ``REGIONLAB_TEST_POSTGRES_URL`` (or ``--postgres URL``) names a server; the
bench works in a database ``t_reports`` (created if missing) in a schema of its own, dropped
afterwards.

    python -m bench.reports [--members 2000] [--days 365] [--postgres URL]
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bench.summary import record

NOW = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
SITES = ["lyngdal", "narvik", "orkland", "stadt"]
KEK_ENV = "REGIONLAB_KEY_ENCRYPTION_KEY"


def run_on(name: str, database_url: str, members: int, days: int) -> None:
    from central.bootstrap import initialise
    from central.db.engine import make_engine, session_factory
    from central.db.models import Person, PersonKind
    from central.demo import history
    from central.domain.reports import aggregates, pdf, tables
    from kiosk.clock import SystemClock

    engine = make_engine(database_url)
    initialise(engine, SystemClock(), with_demo=True)
    factory = session_factory(engine)
    with factory() as session:
        demo = len(session.scalars(select(Person.id).where(Person.kind == PersonKind.MEMBER)).all())
    started = time.perf_counter()
    with factory.begin() as session:
        summary = history.generate(
            session, now=NOW, days=days, extra_members=max(members - demo, 0) // len(SITES)
        )
    made = time.perf_counter() - started
    print(
        f"reports/{name}: history of {days} days, {summary.visits} visits, "
        f"{summary.claims} claims, {summary.cells} cells, made in {made:.1f} s",
        flush=True,
    )
    first, last = NOW.date() - timedelta(days=days), NOW.date() - timedelta(days=1)
    data_times, pdf_times = [], []
    for _ in range(3):
        started = time.perf_counter()
        with factory() as session:
            report = tables.build(session, SITES, first, last)
        data_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        pdf.build(report)
        pdf_times.append(time.perf_counter() - started)
    page_times = reports_page_times(factory, first, last)
    started = time.perf_counter()
    with factory.begin() as session:
        aggregates.refresh(session, "lyngdal", last, last)
    nightly = time.perf_counter() - started
    print(
        f"reports/{name}: report data (all sites, {days} days) "
        f"median {statistics.median(data_times) * 1000:.0f} ms, "
        f"max {max(data_times) * 1000:.0f} ms; "
        f"Reports page (all sites) median {statistics.median(page_times) * 1000:.0f} ms, "
        f"max {max(page_times) * 1000:.0f} ms; "
        f"PDF median {statistics.median(pdf_times):.2f} s, max {max(pdf_times):.2f} s; "
        f"nightly refresh of one site's day (and its month) {nightly:.2f} s",
        flush=True,
    )
    on = f"{members} members, {days} days, {name}"
    record(f"Reports page (all sites), {on}", max(page_times), "s", 1.0, issue="#12")
    record(f"Report PDF, {on}", max(pdf_times), "s", 10.0, issue="#12")
    engine.dispose()


def reports_page_times(factory: Any, first: date, last: date, runs: int = 5) -> list[float]:
    """An analyst's GET of the Reports page for all sites over the period, ``runs`` times after
    one warm-up, through the whole app (routing, session, report, charts, template)."""
    import warnings

    from central.api.app import create_app
    from central.domain import staff
    from kiosk.clock import SystemClock

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's TestClient on httpx: deprecated
        from fastapi.testclient import TestClient

    now = datetime.now(UTC)
    with factory.begin() as session:
        account = staff.add_account(
            session,
            site="lyngdal",
            email=f"bench-{uuid.uuid4().hex[:8]}@example.org",
            role="analyst",
            password=base64.urlsafe_b64encode(os.urandom(18)).decode(),
            now=now,
        )
        secret = staff.open_session(session, account, now=now)
    http = TestClient(create_app(factory, SystemClock()))
    http.cookies.set("regionlab_staff", secret, path="/staff")
    url = f"/staff/reports?from={first}&to={last}&site=all"
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        answer = http.get(url)
        elapsed = time.perf_counter() - started
        assert answer.status_code == 200 and answer.text.count("<svg") >= 11, answer.status_code
        if run:
            times.append(elapsed)
    return times


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    url = make_url(base).set(database="t_reports")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = 't_reports'")) is None:
            connection.execute(text("CREATE DATABASE t_reports"))
    admin.dispose()
    schema = f"bench_reports_{uuid.uuid4().hex[:10]}"
    owner = create_engine(url)
    # a key-encryption key for the signing keys, as an operator sets it for PostgreSQL
    previous = os.environ.get(KEK_ENV)
    os.environ[KEK_ENV] = base64.urlsafe_b64encode(os.urandom(32)).decode()
    try:
        with owner.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with owner.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        owner.dispose()
        if previous is None:
            os.environ.pop(KEK_ENV, None)
        else:
            os.environ[KEK_ENV] = previous


def bench_reports(members: int = 2000, days: int = 365, postgres: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run_on("sqlite", f"sqlite:///{Path(folder) / 'central.sqlite3'}", members, days)
    postgres = postgres or os.environ.get("REGIONLAB_TEST_POSTGRES_URL")
    if postgres:
        with postgres_schema(postgres) as url:
            run_on("postgresql", url, members, days)
    else:
        print("reports/postgresql: skipped (set REGIONLAB_TEST_POSTGRES_URL)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--postgres", metavar="URL")
    args = parser.parse_args(argv)
    bench_reports(args.members, args.days, args.postgres)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
