"""The database layer: SQLite pragmas, migrations, stored times, and an unreachable database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, inspect, text

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
    finally:
        broken.dispose()


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
