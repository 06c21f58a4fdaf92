"""Signing keys at rest: private halves sealed with a key-encryption key kept outside the
database, retired ones destroyed, database files readable by their owner only."""

from __future__ import annotations

import base64
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from central.cli import main
from central.db import key_encryption
from central.db.engine import _alembic_config, make_engine, session_factory
from central.db.models import SigningKeyRecord
from central.domain import signing_keys
from kiosk.passes import SigningKey
from tests.fakes import FakeClock


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def on_disk(database: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists())


def private_halves(url: str) -> dict[str, bytes]:
    """Every stored key's private half, unsealed with the KEK the store finds."""
    kek = key_encryption.require_kek(url)
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return {
                r.key_id: key_encryption.unseal(kek, r.key_id, r.private_key)
                for r in session.scalars(select(SigningKeyRecord))
                if r.private_key
            }
    finally:
        engine.dispose()


@pytest.fixture(autouse=True)
def _no_configured_kek(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(key_encryption.KEK_ENV, raising=False)
    monkeypatch.delenv(key_encryption.KEK_FILE_ENV, raising=False)


def test_init_makes_a_private_kek_and_private_files_and_no_raw_key_is_on_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "data" / "central.sqlite3"
    url = f"sqlite:///{database}"
    assert main(["init", "--demo", "--database-url", url]) == 0
    out = capsys.readouterr().out
    kek = tmp_path / "data" / "central.kek"
    assert f"key-encryption key created: {kek}" in out
    assert mode(kek) == 0o600
    assert main(["init", "--database-url", url]) == 0
    assert "key-encryption key created" not in capsys.readouterr().out  # made once
    assert main(["key", "rotate", "--database-url", url]) == 0
    engine = make_engine(url)
    with engine.connect() as open_connection:  # the -wal and -shm files live while it is open
        open_connection.execute(text("SELECT count(*) FROM people")).scalar()
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            assert path.exists() and mode(path) == 0o600, path
    engine.dispose()
    halves = private_halves(url)
    assert len(halves) == 2
    disk = on_disk(database)
    for private in halves.values():
        assert private not in disk
        assert base64.b64encode(private) not in disk
    # The store still signs: a pass for a demo member.
    assert main(["pass", "issue", "--person", "kari.nordmann@nav.no", "--database-url", url]) == 0


def _store_at_0004_with_raw_keys(database: Path) -> tuple[str, SigningKey, SigningKey]:
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    live, retired = SigningKey.generate(), SigningKey.generate()
    try:
        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0004_feed_compaction")
        with engine.begin() as connection:
            for key, retired_at in ((live, None), (retired, datetime(2026, 1, 1))):
                connection.execute(
                    text(
                        "INSERT INTO signing_keys"
                        " (key_id, private_key, public_key, created_at, active, retired_at)"
                        " VALUES (:id, :private, :public, :at, :active, :retired)"
                    ),
                    {"id": key.key_id, "private": key.private_key, "public": key.public_key,
                     "at": datetime(2025, 1, 1), "active": retired_at is None,
                     "retired": retired_at},
                )  # fmt: skip
    finally:
        engine.dispose()
    return url, live, retired


def test_the_migration_seals_raw_keys_and_destroys_retired_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "central.sqlite3"
    url, live, retired = _store_at_0004_with_raw_keys(database)
    assert live.private_key in on_disk(database)  # the finding: raw keys in the file
    os.chmod(database, 0o644)  # as older versions left it
    assert main(["init", "--database-url", url]) == 0
    assert "key-encryption key created" in capsys.readouterr().out
    assert mode(database) == 0o600
    assert private_halves(url) == {live.key_id: live.private_key}
    engine = make_engine(url)
    with session_factory(engine)() as session:
        gone = session.get(SigningKeyRecord, retired.key_id)
        assert gone is not None and gone.private_key == key_encryption.DESTROYED
    engine.dispose()
    disk = on_disk(database)
    assert live.private_key not in disk and retired.private_key not in disk


def test_without_the_kek_the_store_says_what_to_set_and_a_wrong_one_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "central.sqlite3"
    url = f"sqlite:///{database}"
    assert main(["init", "--demo", "--database-url", url]) == 0
    capsys.readouterr()
    kept = tmp_path / "kept-elsewhere.kek"
    (tmp_path / "central.kek").rename(kept)  # the operator moved it out of the backup's way
    monkeypatch.setenv(key_encryption.KEK_FILE_ENV, str(tmp_path / "missing.kek"))
    issue = ["pass", "issue", "--person", "kari.nordmann@nav.no", "--database-url", url]
    assert main(issue) == 2
    assert "cannot read the key-encryption key" in capsys.readouterr().err
    monkeypatch.delenv(key_encryption.KEK_FILE_ENV)
    assert main(issue) == 2
    assert key_encryption.KEK_FILE_ENV in capsys.readouterr().err
    monkeypatch.setenv(key_encryption.KEK_ENV, base64.urlsafe_b64encode(b"x" * 32).decode())
    assert main(issue) == 2
    assert "does not open signing key" in capsys.readouterr().err
    monkeypatch.setenv(key_encryption.KEK_ENV, kept.read_text().strip())
    assert main(issue) == 0


def test_a_postgres_like_store_without_a_kek_refuses_to_upgrade_raw_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No file beside a URI database (as with PostgreSQL): the upgrade stops and says why.
    database = tmp_path / "central.sqlite3"
    url, live, _ = _store_at_0004_with_raw_keys(database)
    monkeypatch.setattr(key_encryption, "default_kek_path", lambda _url: None)
    assert main(["init", "--database-url", url]) == 2
    assert key_encryption.KEK_FILE_ENV in capsys.readouterr().err
    assert live.private_key in database.read_bytes()  # rolled back: nothing half-done


def test_retiring_a_key_destroys_its_private_half(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    assert main(["init", "--database-url", url]) == 0
    engine = make_engine(url)
    clock = FakeClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    factory = session_factory(engine)
    with factory.begin() as session:
        [old] = session.scalars(select(SigningKeyRecord.key_id)).all()
        signing_keys.rotate(session, now=clock.now())
        signing_keys.retire(session, old, now=clock.now())
    with factory() as session:
        record = session.get(SigningKeyRecord, old)
        assert record is not None and record.private_key == key_encryption.DESTROYED
    engine.dispose()
    assert old not in private_halves(url)
