"""The database layer: SQLite pragmas, migrations, stored times, and an unreachable database."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from central_helpers import bearer, event
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from central.api.app import create_app
from central.bootstrap import initialise
from central.db.engine import make_engine, migrate, schema_is_current, session_factory
from central.db.models import SigningKeyRecord
from kiosk.clock import SystemClock


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'folder' / 'c.sqlite3'}")
    try:
        assert not schema_is_current(engine)
        migrate(engine)
        migrate(engine)
        assert schema_is_current(engine)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert {"people", "events", "changes", "alembic_version"} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def test_times_come_back_aware_and_equal(engine: Engine) -> None:
    oslo = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 27, 8, 1, 2, 345678, tzinfo=oslo)
    factory = session_factory(engine)
    with factory.begin() as session:
        session.add(
            SigningKeyRecord(
                key_id="00000000",
                private_key=b"\0" * 32,
                public_key=b"\0" * 32,
                created_at=moment,
                active=False,
            )
        )
    with factory() as session:
        stored = session.get(SigningKeyRecord, "00000000")
        assert stored is not None
        assert stored.created_at == moment
        assert stored.created_at.tzinfo is not None
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.created_at.astimezone(UTC) == moment.astimezone(UTC)


def test_initialise_twice_changes_nothing(engine: Engine) -> None:
    with engine.connect() as connection:
        before = connection.execute(text("SELECT max(seq), count(*) FROM changes")).one()
    initialise(engine, SystemClock(), with_demo=True)
    with engine.connect() as connection:
        after = connection.execute(text("SELECT max(seq), count(*) FROM changes")).one()
    assert after == before


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_healthz_is_503_and_api_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    broken = create_engine(f"sqlite:///{tmp_path}")  # a folder: SQLite cannot open it
    try:
        with TestClient(create_app(broken, SystemClock())) as client:
            response = client.get("/healthz")
            assert (response.status_code, response.json()) == (503, {"status": "unavailable"})
            response = client.get(
                "/api/v1/sites/lyngdal/changes", headers={"Authorization": "Bearer rlk_x"}
            )
            assert response.status_code == 503
            # A body's token is looked up before the app's handlers (BodyLimits): 503 there too.
            response = client.post(
                "/api/v1/sites/lyngdal/events",
                headers={"Authorization": "Bearer rlk_x"},
                json={"events": []},
            )
            assert (response.status_code, response.json()) == (
                503,
                {"detail": "database unavailable"},
            )
    finally:
        broken.dispose()


def test_connections_a_database_restart_dropped_cost_at_most_a_503_and_no_event(
    database_url: str, engine: Engine, make_token: Callable[[str, str], str], kari: str
) -> None:
    """Pooled connections are not pinged on checkout: after the server dropped them (as a
    restart does) a request may meet a dead one and be answered 503, never 500; the kiosk
    sends it again and its events are stored exactly once, on fresh connections."""
    if make_url(database_url).get_backend_name() == "sqlite":
        pytest.skip("a server that drops its connections is PostgreSQL's")
    name = f"regionlab_restart_{uuid.uuid4().hex[:8]}"
    store_engine = make_engine(
        make_url(database_url)
        .update_query_dict({"application_name": name})
        .render_as_string(hide_password=False)
    )
    headers = bearer(make_token("lyngdal", "device"))
    events_url = "/api/v1/sites/lyngdal/events"
    try:
        with TestClient(create_app(store_engine, SystemClock())) as client:
            first = client.post(events_url, headers=headers, json={"events": [event(kari)]})
            assert first.status_code == 200
            assert client.get("/api/v1/sites/lyngdal/changes", headers=headers).status_code == 200
            with engine.begin() as connection:
                dropped = connection.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        " WHERE application_name = :name"
                    ),
                    {"name": name},
                ).scalar()
            assert dropped and dropped >= 1
            batch = {"events": [event(kari, "check_out", at="2026-11-27T09:00:00+01:00")]}
            answers = []
            for _ in range(4):  # the kiosk's resends
                response = client.post(events_url, headers=headers, json=batch)
                answers.append(response.status_code)
                if response.status_code == 200:
                    break
            assert answers[-1] == 200 and set(answers) <= {200, 503}, answers
            assert response.json()["results"][0]["status"] == "accepted"
            again = client.post(events_url, headers=headers, json=batch)
            assert again.json()["results"][0]["status"] == "duplicate"
            assert client.get("/healthz").status_code == 200
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT count(*) FROM events WHERE id = :id"),
                {"id": batch["events"][0]["id"]},
            ).scalar()
        assert stored == 1
    finally:
        store_engine.dispose()


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/healthz",
        "/api/v1/sites/{site}/changes",
        "/api/v1/sites/{site}/events",
        "/api/v1/sites/{site}/presence",
    } <= set(spec["paths"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert client.get("/docs").status_code == 200
