"""Schemathesis against the live OpenAPI of a real ``serve`` on a loopback port, with a device
and an admin token, every check on: no 5xx, every response as the schema declares it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks

from tests.processes import CentralServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]
MAX_EXAMPLES = 60  # per operation; the whole test stays well under 90 s


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("schemathesis")
    server = CentralServer(
        database_url=f"sqlite:///{folder / 'central.sqlite3'}", log_path=folder / "central.log"
    )
    server.prepare()
    server.start()
    yield server
    server.stop()


# schemathesis.pytest.from_fixture does not work with pytest 9 (it reads Function._nodeid):
# each operation's strategy is driven with Hypothesis here instead.
def test_the_live_api_keeps_its_schema(served: CentralServer) -> None:
    api = schemathesis.openapi.from_url(f"{served.url}/openapi.json")
    load_all_checks()
    every_check = CHECKS.get_all()  # not only those on by default
    assert "not_a_server_error" in CHECKS.get_all_names()
    assert "response_schema_conformance" in CHECKS.get_all_names()
    headers = [{"Authorization": f"Bearer {t}"} for t in (served.device_token, served.admin_token)]
    failures: dict[str, str] = {}
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            for each in headers:
                case.call_and_validate(headers=each, checks=every_check, timeout=30)

        try:
            check()
        except Exception as exc:  # noqa: BLE001 (every operation's failures, reported together)
            failures[operation.label] = str(exc)[:3000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
