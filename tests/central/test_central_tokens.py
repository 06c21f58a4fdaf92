"""Device and admin tokens: keyed hashes, the path from bare SHA-256, list, revoke, expiry."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from central_helpers import CHANGES, add_legacy_token, bearer
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.cli import main
from central.db.engine import SessionFactory, make_engine
from central.db.models import Token
from central.domain import token_secret, tokens
from kiosk.clock import SystemClock
from tests.fakes import FakeClock


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, clock: FakeClock | None = None
) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def changes(client: TestClient, secret: str) -> tuple[int, str]:
    response = client.get(CHANGES.format(site="lyngdal"), headers=bearer(secret))
    detail = response.json().get("detail", "") if response.status_code != 200 else ""
    return response.status_code, str(detail)


def test_hash_is_keyed_with_the_server_secret_not_bare_sha256(
    factory: SessionFactory, make_token: Callable[[str, str], str]
) -> None:
    secret = make_token("stadt", "device")
    with factory() as session:
        stored = session.scalars(select(Token).where(Token.site == "stadt")).one()
        key = tokens.server_key(session)
    assert stored.hash_scheme == "hmac"
    assert stored.secret_hash == tokens.keyed_hash(secret, key)
    assert stored.secret_hash != hashlib.sha256(secret.encode()).hexdigest()
    assert tokens.keyed_hash(secret, b"another secret" * 3) != stored.secret_hash


def test_a_token_from_before_the_keyed_hash_still_works_and_is_rekeyed_on_use(
    client: TestClient, factory: SessionFactory
) -> None:
    secret = tokens.new_secret()
    add_legacy_token(factory, secret)
    assert changes(client, secret)[0] == 200
    assert client.app.state.token_use.wait_idle(10)  # type: ignore[attr-defined]  # noted behind
    with factory() as session:
        stored = session.scalars(select(Token).where(Token.label == "old kiosk")).one()
        assert stored.hash_scheme == "hmac"
        assert stored.secret_hash == tokens.hash_secret(session, secret)
        assert stored.last_used_at is not None
    assert changes(client, secret)[0] == 200  # found under its new hash
    assert changes(client, tokens.new_secret())[0] == 401


def test_revoked_token_is_refused_on_the_next_request(
    client: TestClient,
    engine: Engine,
    make_token: Callable[[str, str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    secret = make_token("lyngdal", "device")
    other = make_token("lyngdal", "device")
    assert changes(client, secret)[0] == 200
    code, out, _ = run(capsys, "token", "list", "--site", "lyngdal", "--database-url", url)
    assert code == 0
    assert secret not in out and other not in out
    rows = [line.split() for line in out.splitlines()[1:]]
    ids = [int(row[0]) for row in rows]
    assert len(ids) == 2
    assert rows[0][4] != "-"  # last used: the request above
    code, out, _ = run(capsys, "token", "revoke", str(ids[0]), "--database-url", url)
    assert code == 0 and "revoked" in out
    assert changes(client, secret) == (401, "token revoked")
    assert changes(client, other)[0] == 200  # only that one
    code, out, _ = run(capsys, "token", "list", "--database-url", url)
    revoked_row = next(line for line in out.splitlines() if line.split()[0] == str(ids[0]))
    assert revoked_row.rstrip().endswith("UTC")  # the REVOKED column is filled
    code, _, err = run(capsys, "token", "revoke", "999999", "--database-url", url)
    assert code == 2 and "no token with id 999999" in err


def test_token_with_expiry_is_refused_after_it(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    clock = FakeClock()
    code, secret, _ = run(
        capsys,
        "token",
        "create",
        "--site",
        "lyngdal",
        "--role",
        "device",
        "--expires-in",
        "90d",
        "--database-url",
        url,
        clock=clock,
    )
    assert code == 0
    secret = secret.strip()
    late = FakeClock(clock.now() + timedelta(days=90, seconds=1))
    early = FakeClock(clock.now() + timedelta(days=89))
    from central.api.app import create_app

    with TestClient(create_app(engine, early)) as client:
        assert changes(client, secret)[0] == 200
    with TestClient(create_app(engine, late)) as client:
        assert changes(client, secret) == (401, "token expired")
    for bad in ("90", "0d", "d", "3y", "-1d"):
        code, _, err = run(
            capsys,
            "token",
            "create",
            "--site",
            "lyngdal",
            "--role",
            "device",
            f"--expires-in={bad}",
            "--database-url",
            url,
        )
        assert code == 2 and "not a duration" in err


def test_init_creates_the_secret_file_0600_beside_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(token_secret.SECRET_ENV)
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    code, out, _ = run(capsys, "init", "--database-url", url)
    assert code == 0
    secret_file = tmp_path / "central.sqlite3.token-secret"
    assert str(secret_file) in out
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    first = secret_file.read_text()
    assert run(capsys, "init", "--database-url", url)[0] == 0
    assert secret_file.read_text() == first  # never replaced: that would lose every token
    code, secret, _ = run(
        capsys, "token", "create", "--site", "lyngdal", "--role", "admin", "--database-url", url
    )
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT secret_hash FROM tokens").scalar_one()
        assert stored == tokens.keyed_hash(secret.strip(), first.strip().encode())
    finally:
        engine.dispose()
    secret_file.unlink()
    code, _, err = run(capsys, "serve", "--database-url", url, "--port", "1")
    assert code == 2 and "no token secret" in err and "init" in err


def _schema_head() -> str:
    from alembic.script import ScriptDirectory

    from central.db.engine import _alembic_config

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def test_migrate_upgrades_an_empty_database_and_says_when_nothing_is_left(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _schema_head()
    code, out, _ = run(capsys, "migrate", "--database-url", database_url)
    assert code == 0 and f"schema upgraded from empty to {head}" in out
    code, out, _ = run(capsys, "migrate", "--database-url", database_url)
    assert code == 0 and f"schema already current ({head})" in out


def test_a_token_made_before_0005_survives_migrate_and_is_rekeyed(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from alembic import command

    from central.db.engine import _alembic_config, session_factory

    engine = make_engine(database_url)
    try:
        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0004_feed_compaction")
        secret = tokens.new_secret()
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO sites (code, name, timezone) "
                "VALUES ('lyngdal', 'Lyngdal', 'Europe/Oslo')"
            )
            connection.exec_driver_sql(
                "INSERT INTO tokens (site, role, secret_hash, label, created_at) "
                f"VALUES ('lyngdal', 'admin', '{tokens.legacy_hash(secret)}', 'old', "
                "'2026-01-01 00:00:00')"
            )
        code, out, _ = run(capsys, "migrate", "--database-url", database_url)
        assert code == 0 and f"from 0004_feed_compaction to {_schema_head()}" in out
        assert run(capsys, "init", "--database-url", database_url)[0] == 0
        from central.api.app import create_app

        with TestClient(create_app(engine, SystemClock())) as client:
            assert changes(client, secret)[0] == 200
        with session_factory(engine)() as session:
            stored = session.scalars(select(Token)).one()
            assert (stored.hash_scheme, stored.label) == ("hmac", "old")
            assert stored.secret_hash == tokens.hash_secret(session, secret)
    finally:
        engine.dispose()
