"""Fixtures for the central store: a migrated database with the demo data, tokens, a client."""

from __future__ import annotations

import base64
import os
import shutil
import sqlite3
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from central_helpers import KARI_EMAIL, bearer
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from central import demo
from central.api.app import create_app
from central.bootstrap import initialise
from central.db.engine import SessionFactory, make_engine, session_factory
from central.db.key_encryption import KEK_FILE_ENV
from central.domain import tokens
from kiosk.clock import SystemClock
from tests.processes import free_port, wait_until

with warnings.catch_warnings():
    # Starlette 1.x deprecates running its TestClient on httpx in favour of httpx2, which the
    # project does not depend on yet. Third-party and import-time only: silenced here, once.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

POSTGRES_ENV = "REGIONLAB_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """An empty database: a SQLite file (its key-encryption key beside it, made by init), or a
    fresh schema in PostgreSQL dropped afterwards (its key-encryption key in a file named by
    the environment, as an operator sets it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"set {POSTGRES_ENV} to run against PostgreSQL")
    kek_file = tmp_path / "central.kek"
    kek_file.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode() + "\n")
    monkeypatch.setenv(KEK_FILE_ENV, str(kek_file))
    schema = f"regionlab_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def initialised_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database migrated and loaded with the demo data, copied for each test:
    loading the demo per test cost a second of setup each, most of ``make test-fast``."""
    path = tmp_path_factory.mktemp("template") / "central.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    initialise(engine, SystemClock(), with_demo=True)
    engine.dispose()
    return path


@pytest.fixture
def engine(database_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated database with the sites, a signing key and the demo data."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        template: Path = request.getfixturevalue("initialised_sqlite")
        with (
            closing(sqlite3.connect(template)) as source,
            closing(sqlite3.connect(str(url.database))) as target,
        ):
            source.backup(target)
        shutil.copy(template.with_suffix(".kek"), Path(str(url.database)).with_suffix(".kek"))
        engine = make_engine(database_url)
    else:
        engine = make_engine(database_url)
        initialise(engine, SystemClock(), with_demo=True)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> SessionFactory:
    return session_factory(engine)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine, SystemClock())) as client:
        yield client


@pytest.fixture
def make_token(factory: SessionFactory) -> Callable[[str, str], str]:
    def make(site: str, role: str) -> str:
        with factory.begin() as session:
            return tokens.create_token(session, site, role, label="test", now=SystemClock().now())

    return make


@pytest.fixture
def device(make_token: Callable[[str, str], str]) -> dict[str, str]:
    """Headers with a device token of lyngdal."""
    return bearer(make_token("lyngdal", "device"))


@pytest.fixture
def admin(make_token: Callable[[str, str], str]) -> dict[str, str]:
    """Headers with an admin token of lyngdal."""
    return bearer(make_token("lyngdal", "admin"))


@pytest.fixture
def kari() -> str:
    return demo.person_id_for(KARI_EMAIL)


@pytest.fixture
def store_url(engine: Engine) -> Iterator[str]:
    """The real API on a loopback port, served by uvicorn on a thread of this process."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(engine, SystemClock()), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    wait_until(lambda: server.started, 30, "uvicorn to start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)
