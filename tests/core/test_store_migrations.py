"""Upgrading the kiosk's local store keeps what has not reached the central store yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from kiosk.store import MIGRATIONS, SCHEMA_HEAD, LocalStore, _set_pragmas


def test_unsynced_events_survive_an_upgrade_from_the_first_schema(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    old = LocalStore(engine)
    old.migrate("0001")  # a kiosk still on the first release
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO outbox (event_id, body, created_at, status, attempts) "
                "VALUES ('e1', '{\"id\": \"e1\"}', '2026-11-27 08:00:00', 'pending', 2)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO visits (id, person_id, method, checked_in_at) "
                "VALUES ('e1', 'p1', 'qr', '2026-11-27 08:00:00')"
            )
        )
    old.close()

    upgraded = LocalStore.open(path)  # what the new release does at start-up
    with upgraded.engine.connect() as connection:
        rows = connection.execute(text("SELECT event_id, status, attempts FROM outbox")).all()
        visits = connection.execute(text("SELECT id FROM visits")).all()
    upgraded.close()
    assert rows == [("e1", "pending", 2)]
    assert visits == [("e1",)]


def test_opening_twice_is_harmless(tmp_path: Path) -> None:
    LocalStore.open(tmp_path / "kiosk.sqlite3").close()
    LocalStore.open(tmp_path / "kiosk.sqlite3").close()


def test_the_head_the_store_checks_at_start_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


@pytest.mark.integration  # a fresh interpreter, to see what it imported
def test_an_up_to_date_store_opens_without_alembic_and_an_old_one_is_migrated(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    path = tmp_path / "kiosk.sqlite3"
    LocalStore.open(path).close()
    probe = (
        "import sys; from pathlib import Path; from kiosk.store import LocalStore; "
        f"s = LocalStore.open(Path({str(path)!r})); print(s.revision(), 'alembic' in sys.modules)"
    )
    opened = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert opened.stdout.split() == [SCHEMA_HEAD, "False"], opened.stderr

    old = LocalStore(create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    old.migrate("0001")
    assert old.revision() == "0001"
    old.close()
    upgraded = LocalStore.open(tmp_path / "old.sqlite3")
    assert upgraded.revision() == SCHEMA_HEAD
    upgraded.close()
