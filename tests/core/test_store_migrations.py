"""Upgrading the kiosk's local store keeps what has not reached the central store yet."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, text

from kiosk.store import LocalStore, _set_pragmas


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
