"""Random check-ins, check-outs and desk claims against the real store on a loopback port,
with lost answers, 500s, a network that comes and goes, store restarts and kiosk SIGKILLs
(issue 14). Invariant: every event the kiosk confirmed is applied by the store exactly once, no
visit is opened twice, and the outbox drains once the network heals.

The kiosk's core runs in a child process (tests/kiosk_driver.py) so it can be killed at any
moment, a sync round included; the store runs behind tests/fault_proxy.py. Bounded to finish
well within two minutes.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests.fault_proxy import FaultProxy
from tests.processes import PYTHON, CentralServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"

ANSWER_TIMEOUT_S = 60
# What a sync round meets. A store restart costs seconds: one choice of many.
FAULTS = ["none", "none", "500", "500 x4", "lost answer", "lost x2", "down", "store restarts"]
HEAL_ROUNDS = 12


class Driver:
    """The kiosk driver process: one JSON command, one JSON answer."""

    def __init__(self, data_dir: Path, url: str, token: str, log: Path) -> None:
        self._log = log.open("ab")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "tests.kiosk_driver", str(data_dir), url, token],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self._read().get("ready")

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def ask(self, **command: Any) -> dict[str, Any]:
        self.send(**command)
        answer = self._read()
        assert "error" not in answer, answer
        return answer

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], ANSWER_TIMEOUT_S)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            raise RuntimeError(f"the kiosk driver did not answer (exit {self.process.poll()})")
        return dict(json.loads(line))

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)  # no clean-up, no flush: the plug pulled
        self.process.wait(10)
        self._close()

    def _close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        self._log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._close()


class Store:
    """The store's own record, read from its database (a SQLite file or PostgreSQL)."""

    def __init__(self, server: CentralServer) -> None:
        self.url = server.database_url

    def _rows(self, query: str) -> list[tuple[Any, ...]]:
        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(query))]
        finally:
            engine.dispose()

    def event_ids(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT id FROM events")}

    def visits_opened_twice(self) -> list[tuple[Any, ...]]:
        return self._rows(
            "SELECT check_in_event_id, count(*) FROM visits GROUP BY check_in_event_id "
            "HAVING count(*) > 1"
        )

    def visits_closed_twice(self) -> list[tuple[Any, ...]]:
        return self._rows(
            "SELECT check_out_event_id, count(*) FROM visits WHERE check_out_event_id IS NOT NULL "
            "GROUP BY check_out_event_id HAVING count(*) > 1"
        )


class KioskUnderFaults(RuleBasedStateMachine):
    server: CentralServer
    proxy: FaultProxy
    tmp: Path
    examples = 0

    def __init__(self) -> None:
        super().__init__()
        KioskUnderFaults.examples += 1
        self.data_dir = self.tmp / f"kiosk-{KioskUnderFaults.examples}"
        self.log = self.tmp / "drivers.log"
        self.store = Store(self.server)
        self.faults = self.proxy.faults
        self.faults.down = False
        self.faults.lose_answers = self.faults.fail_next = 0
        self.driver = self._start_driver()
        assert self.driver.ask(op="sync")["ok"]
        state = self.driver.ask(op="state")
        self.people: list[str] = sorted(state["people"])[:6]
        self.desks: list[str] = sorted(state["desks"])[:4]
        assert len(self.people) == 6 and len(self.desks) == 4
        self.confirmed: list[str] = []

    def _start_driver(self) -> Driver:
        return Driver(self.data_dir, self.proxy.url, self.server.device_token, self.log)

    @rule(
        people=st.lists(st.integers(0, 5), max_size=3),
        claim=st.none() | st.tuples(st.integers(0, 5), st.integers(0, 3)),
        fault=st.sampled_from(FAULTS),
        kill=st.sampled_from(["no", "no", "no", "before the round", "during the round"]),
        after_s=st.sampled_from([0.0, 0.02, 0.1]),
    )
    def visitors_then_a_round(
        self,
        people: list[int],
        claim: tuple[int, int] | None,
        fault: str,
        kill: str,
        after_s: float,
    ) -> None:
        """Check-ins, check-outs and a desk claim; then a sync round through a fault that
        lasts this round; the kiosk may be killed before or during it."""
        for person in people:
            answer = self.driver.ask(op="check", person=self.people[person])
            self.confirmed.extend(answer["ids"])
        if claim is not None:
            answer = self.driver.ask(
                op="claim", person=self.people[claim[0]], desk=self.desks[claim[1]]
            )
            self.confirmed.extend(answer["ids"])
        if fault == "store restarts":
            self.server.stop()
            self.server.start()
        self.faults.fail_next = {"500": 1, "500 x4": 4}.get(fault, 0)
        self.faults.lose_answers = {"lost answer": 1, "lost x2": 2}.get(fault, 0)
        self.faults.down = fault == "down"
        try:
            if kill == "no":
                self.driver.ask(op="sync")
            else:
                if kill == "during the round":
                    self.driver.send(op="sync")  # killed mid-round, answered or not
                    time.sleep(after_s)
                self.driver.kill()
                self.driver = self._start_driver()
        finally:
            self.faults.down = False
            self.faults.fail_next = self.faults.lose_answers = 0

    @invariant()
    def nothing_applied_twice(self) -> None:
        assert self.store.visits_opened_twice() == []
        assert self.store.visits_closed_twice() == []

    def teardown(self) -> None:
        try:
            self.faults.down = False
            self.faults.lose_answers = self.faults.fail_next = 0
            state: dict[str, Any] = {}
            for _ in range(HEAL_ROUNDS):
                self.driver.ask(op="heal")  # staff send anything set aside again
                self.driver.ask(op="sync")
                state = self.driver.ask(op="state")
                if state["pending"] == state["set_aside"] == 0:
                    break
            assert (state["pending"], state["set_aside"]) == (0, 0)  # the outbox drained
            applied = self.store.event_ids()
            missing = [event_id for event_id in self.confirmed if event_id not in applied]
            assert missing == []  # every confirmed event reached the store (its id: once)
            assert len(set(self.confirmed)) == len(self.confirmed)
            self.nothing_applied_twice()
        finally:
            self.driver.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A SQLite file, or a schema of its own in PostgreSQL (dropped afterwards) with the
    key-encryption key in a file named by the environment, as an operator sets it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"set {POSTGRES_ENV} to run against PostgreSQL")
    kek_file = tmp_path / "central.kek"
    kek_file.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
    monkeypatch.setenv("REGIONLAB_KEY_ENCRYPTION_KEY_FILE", str(kek_file))
    schema = f"regionlab_faults_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, poolclass=NullPool)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def prepared_store(
    store_database: str, tmp_path: Path
) -> Iterator[tuple[CentralServer, FaultProxy]]:
    server = CentralServer(database_url=store_database, log_path=tmp_path / "c.log")
    server.prepare()
    server.start()
    proxy = FaultProxy(server.port).start()
    yield server, proxy
    proxy.stop()
    server.stop()


def test_confirmed_events_arrive_once_through_any_mix_of_faults(
    prepared_store: tuple[CentralServer, FaultProxy], tmp_path: Path
) -> None:
    server, proxy = prepared_store
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    KioskUnderFaults.server, KioskUnderFaults.proxy, KioskUnderFaults.tmp = server, proxy, folder
    try:
        run_state_machine_as_test(
            KioskUnderFaults,
            settings=hypothesis_settings(
                max_examples=4,
                stateful_step_count=15,
                phases=[Phase.generate],  # no shrinking: each example costs seconds
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
