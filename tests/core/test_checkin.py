"""Check-in and check-out through the real local store (a SQLite file), without Qt."""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from kiosk.app import KioskCore
from kiosk.domain import NotReady, Outcome, StoreError
from kiosk.models import OutboxEvent, Visit
from kiosk.passes import PassError, PassProblem
from kiosk.protocol import CheckinMethod
from kiosk.store import LocalStore
from tests.conftest import BJORN, JORGEN, KARI, SOLVI, LogExpectations, make_read_only
from tests.fakes import FakeClock


def outbox_rows(core: KioskCore) -> list[OutboxEvent]:
    with core.store.session() as session:
        return list(session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)))


def test_scan_identifies_and_checks_in(
    kiosk_core: KioskCore, make_pass: Callable[..., str]
) -> None:
    who = kiosk_core.checkin.identify_pass(make_pass(KARI))
    assert who.person.given_name == "Kari" and not who.present
    recorded = kiosk_core.checkin.check_in(KARI, CheckinMethod.QR, who.pass_id)
    assert recorded.outcome is Outcome.CHECKED_IN
    assert kiosk_core.checkin.is_present(KARI)
    [row] = outbox_rows(kiosk_core)
    body = json.loads(row.body)
    assert body["type"] == "check_in" and body["id"] == recorded.event_id
    assert body["data"] == {"person_id": KARI, "method": "qr", "pass_id": who.pass_id}
    assert body["at"].endswith("+00:00")


def test_check_out_closes_the_visit(kiosk_core: KioskCore, clock: FakeClock) -> None:
    kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    clock.advance(hours=3)
    out = kiosk_core.checkin.check_out(KARI, CheckinMethod.NAME)
    assert out.outcome is Outcome.CHECKED_OUT and not kiosk_core.checkin.is_present(KARI)
    with kiosk_core.store.session() as session:
        [visit] = session.scalars(select(Visit))
    assert visit.checked_out_at is not None
    assert visit.checked_out_at - visit.checked_in_at == timedelta(hours=3)
    assert [json.loads(r.body)["type"] for r in outbox_rows(kiosk_core)] == [
        "check_in",
        "check_out",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ka", []),  # two letters find only a two-letter name word
        ("kar", ["Kari Nordmann"]),
        ("KARI", ["Kari Nordmann"]),
        ("bjoern", ["Bjørn Åsheim"]),
        ("bjorn aa", ["Bjørn Åsheim"]),
        ("åsh", ["Bjørn Åsheim"]),
        ("asheim", ["Bjørn Åsheim"]),
        ("kvaev", ["Sølvi Kvæven"]),
        ("kvæ", ["Sølvi Kvæven"]),
        ("solvi", ["Sølvi Kvæven"]),
        ("jørgen dæ", ["Jørgen Dæhli"]),
        ("joergen", ["Jørgen Dæhli"]),
        ("nordmann kari", ["Kari Nordmann"]),
        ("k", []),
        ("", []),
        ("🙂🙂", []),
        ("zz", []),
        ("%", []),
        ("'; drop table people; --", []),
    ],
)
def test_name_search_folds_norwegian_letters(
    kiosk_core: KioskCore, query: str, expected: list[str]
) -> None:
    assert [p.name for p in kiosk_core.checkin.search(query)] == expected


def test_search_shows_nothing_of_presence(kiosk_core: KioskCore) -> None:
    kiosk_core.checkin.check_in(SOLVI, CheckinMethod.NAME)
    [hit] = kiosk_core.checkin.search("sølvi")
    assert set(vars(hit)) == {"person_id", "name", "given_name", "organisation", "display"}


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"site": "narvik"}, PassProblem.WRONG_SITE),
        ({"valid_to_days": -1}, PassProblem.EXPIRED),
    ],
)
def test_bad_passes_record_nothing(
    kiosk_core: KioskCore,
    make_pass: Callable[..., str],
    clock: FakeClock,
    kwargs: dict[str, object],
    problem: PassProblem,
) -> None:
    if "valid_to_days" in kwargs:
        token = make_pass(KARI, valid_to=clock.now() + timedelta(days=kwargs["valid_to_days"]))  # type: ignore[arg-type]
    else:
        token = make_pass(KARI, **kwargs)
    with pytest.raises(PassError) as caught:
        kiosk_core.checkin.identify_pass(token)
    assert caught.value.problem is problem
    assert outbox_rows(kiosk_core) == []


def test_a_revoked_pass_is_refused_once_synced(
    kiosk_core: KioskCore, make_pass: Callable[..., str], central
) -> None:  # type: ignore[no-untyped-def]
    token = make_pass(BJORN, pass_id="00000000000000aa")
    assert kiosk_core.checkin.identify_pass(token).person.person_id == BJORN
    central.extra_changes.append(
        {
            "entity": "revoked_pass",
            "op": "upsert",
            "key": "00000000000000aa",
            "data": {"pass_id": "00000000000000aa", "revoked_at": "2026-11-27T08:00:00+00:00"},
        }
    )
    central.down = True
    assert kiosk_core.sync.sync_once() is False  # offline: the kiosk has not heard yet
    central.down = False
    assert kiosk_core.sync.sync_once()
    central.down = True  # and offline again: the revocation is remembered
    with pytest.raises(PassError) as caught:
        kiosk_core.checkin.identify_pass(token)
    assert caught.value.problem is PassProblem.REVOKED


def test_a_scan_before_the_first_sync_is_not_ready(
    unsynced_core: KioskCore, make_pass: Callable[..., str]
) -> None:
    with pytest.raises(NotReady):
        unsynced_core.checkin.identify_pass(make_pass(KARI))
    assert outbox_rows(unsynced_core) == []


def test_a_pass_for_someone_not_synced_yet_still_works(
    kiosk_core: KioskCore, make_pass: Callable[..., str]
) -> None:
    stranger = "4f1c2d3e-0000-4000-8000-0000000000ff"
    who = kiosk_core.checkin.identify_pass(make_pass(stranger))
    assert who.person.given_name == "" and who.person.person_id == stranger


def test_unsynced_events_survive_reopening_the_store(kiosk_core: KioskCore, kiosk_settings) -> None:  # type: ignore[no-untyped-def]
    recorded = kiosk_core.checkin.check_in(JORGEN, CheckinMethod.NAME)
    kiosk_core.close()
    store = LocalStore.open(kiosk_settings.database_path)
    with store.session() as session:
        [row] = session.scalars(select(OutboxEvent))
    store.close()
    assert row.event_id == recorded.event_id and row.status == "pending"


def test_a_full_disk_refuses_the_check_in_and_keeps_what_was_recorded(
    kiosk_core: KioskCore, clock: FakeClock, expect_log: LogExpectations
) -> None:
    expect_log("kiosk", logging.ERROR, "disk is full")
    recorded = [kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME).event_id]
    engine = kiosk_core.store.engine
    engine.pool.dispose()

    def no_room_to_grow(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own "database or disk is full", as on a kiosk whose disk has filled up.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", no_room_to_grow)
    with pytest.raises(StoreError):  # the free space left in the last pages runs out
        for _ in range(2000):
            clock.advance(seconds=1)
            action = kiosk_core.checkin.check_out
            if not kiosk_core.checkin.is_present(BJORN):
                action = kiosk_core.checkin.check_in
            recorded.append(action(BJORN, CheckinMethod.NAME).event_id)
    assert [row.event_id for row in outbox_rows(kiosk_core)] == recorded
    assert kiosk_core.checkin.is_present(KARI)


def test_a_read_only_store_refuses_the_check_in_and_writes_nothing(
    kiosk_core: KioskCore, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.store", logging.ERROR, "readonly database")
    make_read_only(kiosk_core)
    with pytest.raises(StoreError):
        kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    assert outbox_rows(kiosk_core) == []
    assert not kiosk_core.checkin.is_present(KARI)
    with kiosk_core.store.session() as session:
        assert list(session.scalars(select(Visit))) == []


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def test_a_failing_write_logs_why_but_no_person_or_visit_id(
    kiosk_core: KioskCore, caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    # The statement that failed carried Kari's id and the new visit's and event's ids: the
    # log names the driver's error and SQLite's code, and neither it nor the traceback any
    # caller might log (the SQLAlchemy error chained to the StoreError) holds one of them.
    expect_log("kiosk.store", logging.ERROR, r"^local store: OperationalError SQLITE_READONLY: ")
    make_read_only(kiosk_core)
    with pytest.raises(StoreError) as refused:
        kiosk_core.checkin.check_in(KARI, CheckinMethod.NAME)
    assert refused.value.__cause__ is not None  # the chain a traceback prints is there
    printed = "".join(traceback.format_exception(refused.value))
    assert "INSERT" in printed  # the statement may show; its values may not
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    for text in (logged, printed, str(refused.value)):
        assert KARI not in text
        assert UUID.search(text) is None, text
