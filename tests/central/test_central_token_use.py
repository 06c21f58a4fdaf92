"""A token's use is noted by one background writer, coalesced: a request neither writes nor
starts a thread for it, and never waits behind another writer for it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from central_helpers import CHANGES, bearer
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy import event as sqlalchemy_event

from central.api.token_use import TokenUseWriter
from central.db.engine import SessionFactory
from central.db.models import Kiosk, Token
from central.domain import tokens
from kiosk.heartbeat import VERSION_HEADER, WAITING_HEADER


def writers_alive() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "token-use")


def test_uses_behind_an_open_write_are_answered_and_noted_together_afterwards(
    engine: Engine,
    factory: SessionFactory,
    client: TestClient,
    make_token: Callable[[str, str], str],
) -> None:
    secrets = [make_token("lyngdal", "device") for _ in range(20)]
    with factory() as session:
        ids = list(session.scalars(select(Token.id).where(Token.last_used_at.is_(None))))
    assert len(ids) == 20
    answered: list[int] = []
    threads_seen: list[int] = []
    done = threading.Event()

    def use_each() -> None:
        for secret in secrets:
            answered.append(
                client.get(CHANGES.format(site="lyngdal"), headers=bearer(secret)).status_code
            )
            threads_seen.append(writers_alive())
        done.set()

    commits: list[object] = []
    count_commit = commits.append  # one bound method: remove() must find what listen() got
    with factory.begin() as writer:  # holds the write lock (SQLite) and the tokens' rows
        writer.execute(update(Token).where(Token.id.in_(ids)).values(label="held"))
        writer.flush()
        sqlalchemy_event.listen(engine, "commit", count_commit)
        user = threading.Thread(target=use_each)
        user.start()
        finished = done.wait(30)
        # Still inside the write: nothing could be noted yet, and one writer waits for all.
        noted_inside = writers_alive()
    user.join(60)
    assert finished, "a request waited behind an open write for the note of its token's use"
    assert answered == [200] * 20
    assert max(threads_seen) == 1 and noted_inside == 1  # one writer, not a thread per use
    assert client.app.state.token_use.wait_idle(30)  # type: ignore[attr-defined]
    sqlalchemy_event.remove(engine, "commit", count_commit)
    with factory() as session:
        stored = session.scalars(select(Token).where(Token.id.in_(ids))).all()
        assert all(t.last_used_at is not None and t.label == "held" for t in stored)
    # The held write's commit, then the first note (taken before the rest arrived) and one
    # transaction for the other nineteen.
    assert len(commits) <= 3
    assert writers_alive() == 0  # nothing waits: the writer has ended


def kiosk_token(
    factory: SessionFactory, make_token: Callable[[str, str], str], kiosk: str
) -> int:
    """A device token of Lyngdal's with a kiosk row: the id of the token."""
    make_token("lyngdal", "device")
    with factory.begin() as session:
        token = session.scalars(select(Token)).first()
        assert token is not None
        session.add(
            Kiosk(site="lyngdal", name=kiosk, token_id=token.id, created_at=datetime.now(UTC))
        )
        return token.id


def test_notes_of_one_token_are_merged_into_its_latest_report(
    factory: SessionFactory, make_token: Callable[[str, str], str]
) -> None:
    token_id = kiosk_token(factory, make_token, "lyngdal-9")
    writer = TokenUseWriter(factory)
    at = datetime(2026, 11, 27, 8, tzinfo=UTC)
    # The writer waits behind this. It may have taken the first note, or the first two, before
    # the rest arrived: in one, two or three writes, the outcome is the same.
    with factory.begin() as held:
        held.execute(update(Token).where(Token.id == token_id).values(label="held"))
        held.flush()
        writer.note(token_id, None, tokens.Report("1.0", 7, None), at)
        writer.note(token_id, None, tokens.Report(None, 3, 1), at + timedelta(minutes=2))
        writer.note(token_id, None, tokens.Report("1.1", None, None), at + timedelta(minutes=1))
    writer.close(30)
    with factory() as session:
        stored = session.get(Token, token_id)
        kiosk = session.scalars(select(Kiosk).where(Kiosk.token_id == token_id)).one()
        assert stored is not None and stored.last_used_at == at + timedelta(minutes=2)
        assert (kiosk.version, kiosk.events_waiting, kiosk.events_set_aside) == ("1.1", 3, 1)
        assert kiosk.last_seen_at == at + timedelta(minutes=2)
    writer.note(token_id, None, tokens.Report(), at + timedelta(hours=1))  # closed: ignored
    assert writers_alive() == 0


def test_a_note_written_after_a_later_one_does_not_move_the_times_back(
    factory: SessionFactory, make_token: Callable[[str, str], str]
) -> None:
    """Two requests of one kiosk: the one that began later is noted, and written, first."""
    token_id = kiosk_token(factory, make_token, "lyngdal-7")
    writer = TokenUseWriter(factory)
    at = datetime(2026, 11, 27, 8, tzinfo=UTC)
    writer.note(token_id, None, tokens.Report("1.0", 3, None), at + timedelta(minutes=2))
    assert writer.wait_idle(30)
    writer.note(token_id, None, tokens.Report("1.1", None, None), at + timedelta(minutes=1))
    writer.close(30)
    with factory() as session:
        stored = session.get(Token, token_id)
        kiosk = session.scalars(select(Kiosk).where(Kiosk.token_id == token_id)).one()
        assert stored is not None and stored.last_used_at == at + timedelta(minutes=2)
        assert kiosk.last_seen_at == at + timedelta(minutes=2)
        assert (kiosk.version, kiosk.events_waiting) == ("1.1", 3)  # the fields as handed over


def test_the_report_in_a_kiosks_headers_reaches_the_kiosk_row(
    client: TestClient, factory: SessionFactory, make_token: Callable[[str, str], str]
) -> None:
    secret = make_token("lyngdal", "device")
    with factory.begin() as session:
        token = session.scalars(select(Token).where(Token.last_used_at.is_(None))).one()
        session.add(
            Kiosk(site="lyngdal", name="lyngdal-8", token_id=token.id, created_at=datetime.now(UTC))
        )
    headers = {**bearer(secret), VERSION_HEADER: "2.0", WAITING_HEADER: "12"}
    assert client.get(CHANGES.format(site="lyngdal"), headers=headers).status_code == 200
    assert client.app.state.token_use.wait_idle(30)  # type: ignore[attr-defined]
    with factory() as session:
        kiosk = session.scalars(select(Kiosk).where(Kiosk.name == "lyngdal-8")).one()
        assert (kiosk.version, kiosk.events_waiting) == ("2.0", 12)
