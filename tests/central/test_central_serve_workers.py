"""Two ``serve`` processes on one database, one of them with two workers: both answer, and the
daily jobs still run once."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import select

from central import demo
from central.db.engine import make_engine, session_factory
from central.db.models import Change, SchedulerRun, Visit
from central.domain import events
from central.jobs.scheduler import CLOSING, NO_SHOW
from kiosk.clock import SystemClock
from tests.processes import CentralServer, wait_until

pytestmark = pytest.mark.integration

PEOPLE = [
    demo.person_id_for(email)
    for email in ("kari.nordmann@nav.no", "eirik.amland@bufdir.no", "randi.loland@agderfk.no")
]


def test_two_serves_run_each_daily_job_once(database_url: str, tmp_path: Path) -> None:
    first = CentralServer(database_url=database_url, log_path=tmp_path / "first.log", workers=2)
    second = CentralServer(database_url=database_url, log_path=tmp_path / "second.log")
    first.prepare()
    second.device_token = first.device_token
    # Three people checked in yesterday morning and never out: yesterday's closing, which both
    # schedulers find due when they start, checks them out.
    yesterday = datetime.now(ZoneInfo("Europe/Oslo")).date() - timedelta(days=1)
    morning = datetime(
        yesterday.year, yesterday.month, yesterday.day, 9, tzinfo=ZoneInfo("Europe/Oslo")
    )
    engine = make_engine(database_url)
    factory = session_factory(engine)
    try:
        batch = [
            events.IncomingEvent(
                f"00000000-0000-4000-8000-00000000000{index}",
                "check_in",
                morning.isoformat(),
                {"person_id": person, "method": "name"},
            )
            for index, person in enumerate(PEOPLE)
        ]
        outcomes = events.apply_batch(factory, "lyngdal", batch, SystemClock())
        assert [(o.status, o.reason) for o in outcomes] == [("accepted", None)] * 3

        for server in (first, second):  # both at once: their first rounds overlap
            server.start_process()
        try:
            for server in (first, second):
                wait_until(server.healthy, 60, "a central store to answer")
            for server in (first, second):
                url = f"{server.url}/api/v1/sites/lyngdal/changes"
                headers = {"Authorization": f"Bearer {first.device_token}"}
                assert requests.get(url, headers=headers, timeout=10).status_code == 200
        finally:
            for server in (first, second):
                server.stop()  # waits for its scheduler's round to end

        with factory() as session:
            assert session.get(SchedulerRun, ("lyngdal", CLOSING, yesterday)) is not None
            runs = [(r.site, r.job, r.day) for r in session.scalars(select(SchedulerRun))]
            open_visits = session.scalars(select(Visit).where(Visit.checked_out_at.is_(None)))
            assert list(open_visits) == []
            check_outs = [
                change.key
                for change in session.scalars(select(Change).where(Change.entity == "presence"))
                if change.data["checked_in"] is False
            ]
        assert sorted(check_outs) == sorted(PEOPLE)  # one check-out each: closing ran once
        logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
        ran = re.findall(rf"scheduler: lyngdal {CLOSING} {yesterday}: (\d+) affected", logs)
        assert ran == ["3"]
        # Every job of every site and day the two schedulers caught up on (no-show release and
        # closing, four sites, a week back) ran in exactly one of the two processes.
        logged = re.findall(r"scheduler: (\w+) ([\w-]+) (\d{4}-\d\d-\d\d): \d+ affected", logs)
        assert {job for _, job, _ in logged} == {CLOSING, NO_SHOW}
        # ... and so did the daily retention run (today's, once per site).
        retention = re.findall(r"retention: (\w+) (\d{4}-\d\d-\d\d): deleted", logs)
        assert len(retention) == len(set(retention)) == 4
        logged += [(site, "retention", day) for site, day in retention]
        assert sorted(logged) == sorted((s, j, d.isoformat()) for s, j, d in runs)
        assert len(set(logged)) == len(logged) >= 2 * 4 * 6
    finally:
        engine.dispose()


@pytest.mark.slow
def test_serve_with_two_workers_answers_from_two_processes(
    database_url: str, tmp_path: Path
) -> None:
    server = CentralServer(database_url=database_url, log_path=tmp_path / "c.log", workers=2)
    server.prepare()
    server.start()
    try:
        assert server.process is not None

        def started() -> set[str]:
            return set(re.findall(r"Started server process \[(\d+)\]", server.log_path.read_text()))

        # The first worker answers /healthz; the second may still be starting (a loaded machine).
        wait_until(lambda: len(started()) >= 2, 120, "both workers to start")
        url = f"{server.url}/api/v1/sites/lyngdal/changes"
        headers = {"Authorization": f"Bearer {server.device_token}"}
        with ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(lambda _: requests.get(url, headers=headers, timeout=30), range(24))
            )
        assert {a.status_code for a in answers} == {200}
        workers = started()
        assert len(workers) == 2 and str(server.process.pid) not in workers
        for pid in workers:  # both alive, each a child of the one serve process
            stat = Path(f"/proc/{pid}/stat").read_text()
            assert int(stat.rsplit(")", 1)[1].split()[1]) == server.process.pid
    finally:
        server.stop()


def test_serve_refuses_workers_on_an_in_memory_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from central.cli import main

    assert main(["serve", "--workers", "2", "--database-url", "sqlite://"]) == 2
    err = capsys.readouterr().err
    assert "in-memory SQLite" in err and "use a file or PostgreSQL" in err
    assert main(["serve", "--workers", "0", "--database-url", "sqlite://"]) == 2
    assert "bad number of workers 0" in capsys.readouterr().err
