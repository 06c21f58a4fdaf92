"""Schemathesis against the live OpenAPI of a real ``serve`` on a loopback port, with a device
and an admin token, every check on: no 5xx, every response as the schema declares it."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from central.db.key_encryption import KEK_ENV
from tests.processes import CentralServer

POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"

pytestmark = [pytest.mark.integration, pytest.mark.slow]
MAX_EXAMPLES = 60  # per operation; the whole test stays well under 90 s


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CentralServer]:
    """``serve`` on a SQLite file, or on a fresh PostgreSQL schema (where a NUL in a path once
    answered 500)."""
    folder = tmp_path_factory.mktemp("schemathesis")
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "sqlite":
            url, drop = f"sqlite:///{folder / 'central.sqlite3'}", None
        else:
            url, drop = _postgres_schema()
            patch.setenv(KEK_ENV, base64.urlsafe_b64encode(os.urandom(32)).decode())
        server = CentralServer(database_url=url, log_path=folder / "central.log")
        try:
            server.prepare()
            server.start()
            yield server
        finally:
            server.stop()
            if drop is not None:
                drop()


def _postgres_schema() -> tuple[str, Callable[[], None]]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"set {POSTGRES_ENV} to run against PostgreSQL")
    schema = f"regionlab_fuzz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


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
