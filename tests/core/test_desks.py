"""The kiosk's desk service without Qt: states, claims online and offline, conflicts."""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from kiosk.app import KioskCore
from kiosk.desks import ClaimOutcome, DeskMode, DeskState
from kiosk.domain import StoreError, SyncState
from kiosk.models import DeskClaimRow, DeskRow, OutboxEvent, Visit
from kiosk.protocol import CLAIM_TIMEOUT_S, CheckinMethod
from kiosk.settings import KioskSettings
from tests.conftest import (
    BJORN,
    JORGEN,
    KARI,
    OLE,
    PEOPLE,
    SOLVI,
    LogExpectations,
    make_read_only,
)
from tests.fakes import FakeCentral, FakeClock

PLAN = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"></svg>'
FLOOR = "lyngdal-1-etasje"
# The fake clock starts at 08:00 UTC: 09:00 in Lyngdal, closing at 17:00 local is 16:00 UTC.
CLOSING = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def change(entity: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"entity": entity, "op": "upsert", "key": key, "data": data}


def desk(label: str, x: float, zone: str = "Sone A", mode: str = "drop_in", **extra: Any) -> dict:
    data = {
        "id": f"lyngdal-{label}",
        "site": "lyngdal",
        "label": label,
        "zone": zone,
        "floor_id": FLOOR,
        "x": x,
        "y": 10,
        "width": 64,
        "height": 32,
        "rotation": 0,
        "equipment": ["screen"],
        "mode": mode,
        "active": True,
    }
    data.update(extra)
    return change("desk", data["id"], data)


def layout() -> list[dict[str, Any]]:
    return [
        change(
            "site",
            "lyngdal",
            {
                "code": "lyngdal",
                "name": "RegionLab Lister",
                "timezone": "Europe/Oslo",
                "no_show_release": "10:00",
                "closing_time": "17:00",
                "cluster_zones": {"helse": "Sone B"},
            },
        ),
        change(
            "floor",
            FLOOR,
            {
                "id": FLOOR,
                "site": "lyngdal",
                "name": "1. etasje",
                "level": 1,
                "plan_type": "svg",
                "plan": base64.b64encode(PLAN).decode(),
                "width": 400,
                "height": 200,
            },
        ),
        change(
            "room",
            "r1",
            {
                "id": "r1",
                "floor_id": FLOOR,
                "name": "Lunsj",
                "kind": "lunch",
                "x": 300,
                "y": 100,
                "width": 100,
                "height": 100,
            },
        ),
        desk("A-01", 0),
        desk("A-02", 64, mode="bookable"),  # booked 11:00-13:00 local by Bjørn
        desk("A-03", 128, mode="bookable"),  # booked now by Sølvi
        desk("B-01", 192, zone="Sone B", mode="fixed"),  # Ole's fixed desk
        desk("B-02", 256, zone="Sone B"),
        desk("S-01", 320, zone="Stillesone", active=False),
        change(
            "booking",
            "1",
            {
                "id": "1",
                "desk_id": "lyngdal-A-02",
                "person_id": BJORN,
                "start": "2026-11-27T11:00:00+01:00",
                "end": "2026-11-27T13:00:00+01:00",
                "status": "booked",
            },
        ),
        change(
            "booking",
            "2",
            {
                "id": "2",
                "desk_id": "lyngdal-A-03",
                "person_id": SOLVI,
                "start": "2026-11-27T08:00:00+01:00",
                "end": "2026-11-27T17:00:00+01:00",
                "status": "booked",
            },
        ),
        change(
            "desk_assignment",
            "1",
            {
                "id": "1",
                "desk_id": "lyngdal-B-01",
                "person_id": OLE,
                "organisation_id": None,
                "valid_from": "2026-11-01",
                "valid_until": None,
            },
        ),
    ]


@dataclass
class DeskCentral(FakeCentral):
    """The fake store with a floor layout in its feed (its first-claim-wins rule is the fake's
    own, checked against the real store by tests/contract)."""


@pytest.fixture
def central(signing_key: Any) -> DeskCentral:
    people = [dict(p) for p in PEOPLE]
    for person in people:
        person["cluster"] = "helse" if person["id"] == KARI else None
    return DeskCentral(keys=[signing_key], people=people, extra_changes=layout())


@pytest.fixture
def core(
    kiosk_settings: KioskSettings, clock: FakeClock, central: DeskCentral
) -> Iterator[KioskCore]:
    core = KioskCore.open(kiosk_settings, clock=clock, transport=central)
    assert core.sync.sync_once()
    yield core
    core.close()


def pending(core: KioskCore) -> list[str]:
    with core.store.session() as session:
        rows = session.scalars(select(OutboxEvent).where(OutboxEvent.status == "pending"))
        return [json.loads(row.body)["type"] for row in rows]


def states(core: KioskCore) -> dict[str, DeskState]:
    return {k.removeprefix("lyngdal-"): v.state for k, v in core.desks.statuses(FLOOR).items()}


def test_the_layout_and_every_state_come_from_the_feed(core: KioskCore) -> None:
    (floor,) = core.desks.floors()
    assert (floor.name, floor.width, floor.height) == ("1. etasje", 400, 200)
    assert floor.plan_path is not None and floor.plan_path.read_bytes() == PLAN
    assert [r.name for r in core.desks.rooms(FLOOR)] == ["Lunsj"]
    assert [d.label for d in core.desks.desks(FLOOR)] == [
        "A-01",
        "A-02",
        "A-03",
        "B-01",
        "B-02",
        "S-01",
    ]
    assert core.desks.desk("lyngdal-A-02").mode is DeskMode.BOOKABLE  # type: ignore[union-attr]
    assert states(core) == {
        "A-01": DeskState.FREE,
        "A-02": DeskState.BOOKED_LATER,
        "A-03": DeskState.OCCUPIED,
        "B-01": DeskState.FIXED,
        "B-02": DeskState.FREE,
        "S-01": DeskState.UNAVAILABLE,
    }
    statuses = core.desks.statuses()
    assert statuses["lyngdal-A-01"].free_until == CLOSING
    assert statuses["lyngdal-A-02"].free_until == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert core.desks.free_counts_by_zone() == {"Sone A": 2, "Sone B": 1, "Stillesone": 0}


def test_a_claim_online_is_confirmed_and_checks_the_person_in(core: KioskCore) -> None:
    heard: list[int] = []
    core.desks.add_listener(lambda: heard.append(1))
    assert not core.checkin.is_present(KARI)
    result = core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR)
    assert (result.outcome, result.desk.label, result.until) == (
        ClaimOutcome.CLAIMED,
        "A-01",
        CLOSING,
    )
    assert core.checkin.is_present(KARI)
    assert heard
    status = core.desks.statuses()["lyngdal-A-01"]
    assert (status.state, status.provisional) == (DeskState.OCCUPIED, False)
    assert core.desks.todays_desk(KARI).label == "A-01"  # type: ignore[union-attr]
    with core.store.session() as session:
        kinds = [json.loads(r.body)["type"] for r in session.scalars(select(OutboxEvent))]
    assert kinds == ["check_in", "desk_claim"]
    assert pending(core) == []
    # A second desk for the same person: refused here, nothing recorded.
    again = core.desks.claim("lyngdal-B-02", KARI, CheckinMethod.QR)
    assert again.outcome is ClaimOutcome.ALREADY_HAS_DESK
    assert core.desks.claim("lyngdal-A-03", JORGEN, CheckinMethod.QR).outcome is (
        ClaimOutcome.NOT_FREE
    )
    # Released, the desk is free again and the store hears of it.
    core.desks.release("lyngdal-A-01", KARI)
    assert states(core)["A-01"] is DeskState.FREE
    assert pending(core) == ["desk_release"]


def test_a_claim_on_a_desk_booked_later_lasts_until_the_booking(core: KioskCore) -> None:
    result = core.desks.claim("lyngdal-A-02", KARI, CheckinMethod.NAME)
    assert result.until == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def test_the_loser_of_a_race_hears_taken_at_once(core: KioskCore, central: DeskCentral) -> None:
    central.holders["lyngdal-B-02"] = "someone-else"
    result = core.desks.claim("lyngdal-B-02", KARI, CheckinMethod.QR)
    assert result.outcome is ClaimOutcome.TAKEN
    assert states(core)["B-02"] is DeskState.OCCUPIED  # shown taken until the feed says by whom
    assert core.desks.todays_desk(KARI) is None
    assert core.desks.take_conflict_notices(KARI) == []  # told already, on the spot
    assert core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR).outcome is (
        ClaimOutcome.CLAIMED
    )


def test_offline_claims_are_provisional_and_a_later_conflict_is_kept_for_the_person(
    core: KioskCore, central: DeskCentral, clock: FakeClock
) -> None:
    central.down = True
    result = core.desks.claim("lyngdal-B-02", KARI, CheckinMethod.QR)
    assert result.outcome is ClaimOutcome.PROVISIONAL
    status = core.desks.statuses()["lyngdal-B-02"]
    assert (status.state, status.provisional) == (DeskState.OCCUPIED, True)
    ok = core.desks.claim("lyngdal-A-01", JORGEN, CheckinMethod.QR)
    assert ok.outcome is ClaimOutcome.PROVISIONAL
    # Meanwhile another kiosk got B-02 to the store first.
    central.holders["lyngdal-B-02"] = "the-other-kiosk"
    central.down = False
    clock.advance(minutes=5)
    assert core.sync.sync_once()
    assert core.desks.statuses()["lyngdal-A-01"].provisional is False
    assert core.desks.todays_desk(KARI) is None
    (conflict,) = core.desks.take_conflict_notices(KARI)
    assert conflict.desk.label == "B-02"
    assert core.desks.take_conflict_notices(KARI) == []  # told once


def test_suggestions_prefer_the_usual_desk_then_the_cluster_zone(
    core: KioskCore, clock: FakeClock
) -> None:
    assert core.desks.suggest_desk(KARI).label == "B-02"  # type: ignore[union-attr]  # helse
    assert core.desks.suggest_desk(JORGEN).label == "A-01"  # type: ignore[union-attr]
    core.desks.claim("lyngdal-A-02", KARI, CheckinMethod.QR)  # until Bjørn's booking at 11
    core.desks.release("lyngdal-A-02", KARI)
    assert core.desks.suggest_desk(KARI).label == "A-02"  # type: ignore[union-attr]  # usual


def test_a_suggestion_honours_the_needs_asked_for(core: KioskCore) -> None:
    """Only desks whose equipment has every need: here every desk has a screen, none is
    step-free, so a step-free need finds nothing rather than a desk that does not fit."""
    assert core.desks.suggest_desk(KARI, needs=("screen",)).label == "B-02"  # type: ignore[union-attr]
    assert core.desks.suggest_desk(KARI, needs=("step_free",)) is None
    assert core.desks.suggest_desk(KARI, needs=("screen", "step_free")) is None


def test_todays_desk_is_a_booking_or_a_fixed_desk(core: KioskCore) -> None:
    assert core.desks.todays_desk(SOLVI).label == "A-03"  # type: ignore[union-attr]
    assert core.desks.todays_desk(BJORN).label == "A-02"  # type: ignore[union-attr]  # at 11
    assert core.desks.todays_desk(OLE).label == "B-01"  # type: ignore[union-attr]
    assert core.desks.todays_desk(JORGEN) is None


def test_after_closing_a_claim_lasts_until_midnight(core: KioskCore, clock: FakeClock) -> None:
    clock.current = CLOSING + timedelta(hours=1)
    result = core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR)
    assert result.until == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


def written(core: KioskCore) -> tuple[dict[str, str], list[str], list[str]]:
    """Outbox event id -> type; the claims made here; the visits."""
    with core.store.session() as session:
        events = {
            r.event_id: json.loads(r.body)["type"] for r in session.scalars(select(OutboxEvent))
        }
        claims = list(session.scalars(select(DeskClaimRow.id).where(DeskClaimRow.person_id != "")))
        visits = list(session.scalars(select(Visit.id)))
    return events, claims, visits


def test_a_claim_on_a_read_only_store_is_the_known_problem_and_writes_nothing(
    core: KioskCore, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.store", logging.ERROR, "SQLITE_READONLY")
    before = written(core)
    make_read_only(core)
    with pytest.raises(StoreError):
        core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR)
    assert written(core) == before  # reads still work
    assert not core.checkin.is_present(KARI)
    assert states(core)["A-01"] is DeskState.FREE


def test_a_claim_on_a_full_disk_is_the_known_problem_and_nothing_is_half_written(
    core: KioskCore, central: DeskCentral, clock: FakeClock, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.store", logging.ERROR, "SQLITE_FULL")
    central.down = True  # claims stay provisional: only the claim itself writes
    engine = core.store.engine
    engine.pool.dispose()

    def no_room_to_grow(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", no_room_to_grow)
    people = [KARI, JORGEN, BJORN]
    with pytest.raises(StoreError):  # the free space left in the last pages runs out
        for turn in range(3000):
            clock.advance(seconds=1)
            person = people[turn % 3]
            assert core.desks.claim("lyngdal-A-01", person, CheckinMethod.QR).outcome is (
                ClaimOutcome.PROVISIONAL
            )
            core.desks.release("lyngdal-A-01", person)
    events, claims, visits = written(core)
    assert claims and all(events.get(claim) == "desk_claim" for claim in claims)
    assert visits and all(events.get(visit) == "check_in" for visit in visits)


def test_a_claim_is_sent_by_the_sync_engine_with_the_claim_timeout(
    core: KioskCore, central: DeskCentral
) -> None:
    central.timeouts.clear()
    assert core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR).outcome is (
        ClaimOutcome.CLAIMED
    )
    assert central.timeouts and all(
        t is not None and 0 < t <= CLAIM_TIMEOUT_S for t in central.timeouts
    )
    assert pending(core) == []


def test_a_claim_answered_after_the_claim_timeout_is_provisional_then_settled_once(
    core: KioskCore, central: DeskCentral
) -> None:
    # The store applies the claim but answers later than the kiosk waits: the visitor hears
    # "provisional" at once, and the next round's resend is a duplicate that settles it.
    central.answer_after_s = CLAIM_TIMEOUT_S + 1
    assert core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR).outcome is (
        ClaimOutcome.PROVISIONAL
    )
    assert list(central.holders) == ["lyngdal-A-01"]  # the store has it already
    assert core.desks.statuses()["lyngdal-A-01"].provisional is True
    central.answer_after_s = 0.0
    assert core.sync.sync_once()
    status = core.desks.statuses()["lyngdal-A-01"]
    assert (status.state, status.provisional) == (DeskState.OCCUPIED, False)
    assert core.desks.take_conflict_notices(KARI) == []
    assert "duplicate" in central.answers and pending(core) == []


def test_a_refused_token_gives_provisional_claims_and_the_unauthorised_state(
    core: KioskCore, central: DeskCentral, expect_log: LogExpectations
) -> None:
    expect_log("kiosk.sync", logging.WARNING, r"refused this kiosk \(401\)")
    central.unauthorised = True
    assert core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR).outcome is (
        ClaimOutcome.PROVISIONAL
    )
    assert core.sync.sync_once() is False
    assert core.sync.status().state is SyncState.UNAUTHORISED
    assert core.sync.status().pending == 2


def test_every_event_the_kiosk_records_has_the_shape_of_the_wire_schema(core: KioskCore) -> None:
    from kiosk import wire

    core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.QR)
    core.desks.release("lyngdal-A-01", KARI)
    core.checkin.check_out(KARI, CheckinMethod.NAME)
    with core.store.session() as session:
        bodies = [json.loads(row.body) for row in session.scalars(select(OutboxEvent))]
    assert [body["type"] for body in bodies] == [
        "check_in",
        "desk_claim",
        "desk_release",
        "check_out",
    ]
    batch = wire.EventBatch.model_validate({"events": bodies})
    for sent in batch.events:
        model = wire.EVENT_DATA[wire.EventType(sent.type)]
        data = model.model_validate_json(json.dumps(sent.data), strict=True)
        # Nothing the kiosk sends is unknown to the schema (a misspelt field would be dropped).
        kept = {k: v for k, v in data.wire().items() if v is not None or k in sent.data}
        assert kept == sent.data


def test_a_claim_ends_at_the_persons_own_booking_later_today(core: KioskCore) -> None:
    # Bjørn has A-02 booked from 11:00 local (10:00 UTC); a drop-in desk before it is his until
    # then, as the store decides it, not until closing (he would hold two desks from 11:00).
    result = core.desks.claim("lyngdal-A-01", BJORN, CheckinMethod.QR)
    assert (result.outcome, result.until) == (
        ClaimOutcome.CLAIMED,
        datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
    )


def test_the_desk_cache_survives_reads_on_two_threads_while_another_drops_it(
    core: KioskCore,
) -> None:
    """The sync thread calls data_changed while the GUI reads statuses: no exception, no desk
    that comes and goes again, and no older snapshot left behind once the writer is done."""
    added = 40
    failures: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                statuses = core.desks.statuses()
                for desk_id in statuses:
                    assert core.desks.desk(desk_id) is not None
                counts = core.desks.free_counts_by_zone()
                assert sum(counts.values()) <= len(core.desks.desks(FLOOR))
                core.desks.suggest_desk(KARI)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread, re-raised there
            failures.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for n in range(added):
            with core.store.session() as session:
                session.add(
                    DeskRow(
                        id=f"lyngdal-N-{n:02}",
                        site="lyngdal",
                        floor_id=FLOOR,
                        label=f"N-{n:02}",
                        zone=f"Sone N{n}",  # a new zone each time: counts need that desk
                        equipment=[],
                    )
                )
            core.desks.data_changed()
    finally:
        done.set()
        for reader in readers:
            reader.join(30)
    assert failures == []
    assert len(core.desks.desks(FLOOR)) == 6 + added
    assert len(core.desks.free_counts_by_zone()) == 3 + added


def test_checking_out_gives_back_the_drop_in_desk_here_and_at_the_store(
    core: KioskCore, central: DeskCentral
) -> None:
    heard: list[int] = []
    core.desks.add_listener(lambda: heard.append(1))
    assert core.desks.claim("lyngdal-A-01", KARI, CheckinMethod.NAME).outcome is (
        ClaimOutcome.CLAIMED
    )
    heard.clear()
    core.checkin.check_out(KARI, CheckinMethod.NAME)
    assert states(core)["A-01"] is DeskState.FREE  # at once, before the store answers
    assert heard  # the map and the start screen's free count hear of it
    assert core.desks.todays_desk(KARI) is None
    # No release event of its own: the check-out ends the claim at the store, as the fake's
    # first-claim-wins rule shows when someone else takes the desk next.
    assert pending(core) == ["check_out"]
    assert core.sync.sync_once()
    assert core.desks.claim("lyngdal-A-01", JORGEN, CheckinMethod.QR).outcome is (
        ClaimOutcome.CLAIMED
    )
