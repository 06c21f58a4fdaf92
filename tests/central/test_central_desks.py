"""The desk rules of the central store, the floor importer and the daily jobs (SQLite and
PostgreSQL)."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from central_helpers import EVENTS, KARI_EMAIL
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central import demo
from central.db.engine import SessionFactory
from central.db.models import (
    Booking,
    BookingStatus,
    Change,
    ClaimStatus,
    Desk,
    DeskClaim,
    Floor,
    Person,
    Visit,
)
from central.domain import desks, floors
from central.domain.events import IncomingEvent, apply_event
from central.domain.floors import ImportProblem
from central.jobs import scheduler

SITE = "lyngdal"
# 09:00 in Lyngdal on a Monday in winter (UTC+1)
MORNING = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
RECEIVED = MORNING - timedelta(hours=1)  # when the store got an event or a booking
PLAN = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"></svg>'


def person(session: Session, email: str) -> Person:
    found = session.scalars(select(Person).where(Person.email == email)).one()
    return found


def people(factory: SessionFactory, count: int) -> list[str]:
    with factory() as session:
        ids = session.scalars(
            select(Person.id).where(Person.site == SITE).order_by(Person.email)
        ).all()
    return list(ids[:count])


def free_desk(factory: SessionFactory, label: str = "A-10") -> str:
    return f"{SITE}-{label}"


def claim_event(person_id: str, desk_id: str, at: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": "desk_claim",
        "at": at.isoformat(),
        "data": {"desk_id": desk_id, "person_id": person_id, "method": "name", **extra},
    }


def post(client: Any, headers: dict[str, str], *events: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(EVENTS.format(site=SITE), json={"events": list(events)}, headers=headers)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


# --- claims --------------------------------------------------------------------------------


def test_a_claimed_desk_goes_to_the_first_and_the_second_hears_a_neutral_conflict(
    client: Any, device: dict[str, str], factory: SessionFactory
) -> None:
    kari, other = people(factory, 2)
    first = claim_event(kari, free_desk(factory), MORNING)
    second = claim_event(other, free_desk(factory), MORNING + timedelta(seconds=1))
    assert post(client, device, first)[0]["status"] == "accepted"
    lost = post(client, device, second)[0]
    assert lost == {"id": second["id"], "status": "conflict", "reason": "desk_taken"}
    assert kari not in str(lost) and other not in str(lost)
    # Sent again (the kiosk's outbox after a timeout), the loser hears the same answer.
    assert post(client, device, second)[0]["status"] == "conflict"
    assert post(client, device, first)[0]["status"] == "duplicate"
    with factory() as session:
        claim = session.get(DeskClaim, first["id"])
        assert claim is not None and claim.status == ClaimStatus.ACTIVE
        # Until closing, 17:00 in Lyngdal
        assert claim.until == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def test_one_person_cannot_hold_two_desks(
    client: Any, device: dict[str, str], factory: SessionFactory
) -> None:
    (kari,) = people(factory, 1)
    assert post(client, device, claim_event(kari, f"{SITE}-A-10", MORNING))[0]["status"] == (
        "accepted"
    )
    second = post(client, device, claim_event(kari, f"{SITE}-A-11", MORNING))[0]
    assert (second["status"], second["reason"]) == ("conflict", "person_has_desk")


def test_a_released_desk_can_be_claimed_again_and_check_out_releases_too(
    client: Any, device: dict[str, str], factory: SessionFactory
) -> None:
    kari, other, third = people(factory, 3)
    desk_id = f"{SITE}-A-10"
    won = claim_event(kari, desk_id, MORNING)
    post(client, device, won)
    release = {
        "id": str(uuid.uuid4()),
        "type": "desk_release",
        "at": (MORNING + timedelta(hours=1)).isoformat(),
        "data": {"claim_id": won["id"], "desk_id": desk_id, "person_id": kari},
    }
    assert post(client, device, release)[0]["status"] == "accepted"
    later = claim_event(other, desk_id, MORNING + timedelta(hours=1))
    assert post(client, device, later)[0]["status"] == "accepted"
    check_in = {
        "id": str(uuid.uuid4()),
        "type": "check_in",
        "at": MORNING.isoformat(),
        "data": {"person_id": other, "method": "name"},
    }
    check_out = {
        "id": str(uuid.uuid4()),
        "type": "check_out",
        "at": (MORNING + timedelta(hours=2)).isoformat(),
        "data": {"person_id": other, "method": "name"},
    }
    post(client, device, check_in, check_out)
    after = claim_event(third, desk_id, MORNING + timedelta(hours=2))
    assert post(client, device, after)[0]["status"] == "accepted"


def test_fixed_and_unknown_desks_cannot_be_claimed(
    client: Any, device: dict[str, str], factory: SessionFactory
) -> None:
    (kari,) = people(factory, 1)
    for desk_id in (f"{SITE}-B-10", f"{SITE}-NOPE", f"{SITE}-S-10"):
        answer = post(client, device, claim_event(kari, desk_id, MORNING))[0]
        assert (answer["status"], answer["reason"]) == ("conflict", "desk_not_claimable")


def test_a_claim_ends_where_a_booking_of_the_desk_begins(factory: SessionFactory) -> None:
    kari, other = people(factory, 2)
    with factory.begin() as session:
        desk = session.get(Desk, f"{SITE}-A-03")
        assert desk is not None
        desks.add_booking(
            session,
            session.get(Person, other),
            desk,  # type: ignore[arg-type]
            MORNING + timedelta(hours=4),
            MORNING + timedelta(hours=6),
            now=RECEIVED,
        )
    outcome = apply_event(
        factory, SITE, IncomingEvent(**claim_event(kari, f"{SITE}-A-03", MORNING)), now=RECEIVED
    )
    assert outcome.status == "accepted"
    with factory() as session:
        claim = session.scalars(select(DeskClaim).where(DeskClaim.person_id == kari)).one()
        assert claim.until == MORNING + timedelta(hours=4)


def claims_of(factory: SessionFactory, desk_id: str) -> list[tuple[str, str, datetime | None]]:
    """(person, status, ended at) of the desk's claims, earliest first."""
    with factory() as session:
        rows = session.scalars(
            select(DeskClaim).where(DeskClaim.desk_id == desk_id).order_by(DeskClaim.start_at)
        )
        return [(c.person_id, c.status, c.ended_at) for c in rows]


def claim_change(factory: SessionFactory, claim_id: str) -> dict[str, Any]:
    """The feed's latest word on a claim."""
    with factory() as session:
        change = session.scalars(
            select(Change).where(Change.key == claim_id).order_by(Change.seq.desc())
        ).first()
        assert change is not None
        return dict(change.data)


def test_a_claim_cut_short_by_a_booking_leaves_the_desk_and_the_person_free_later_that_day(
    factory: SessionFactory,
) -> None:
    """A claim that ends where a booking begins is over, though still marked active until the
    closing job: a later claim of the desk, or by the same person of another desk, is taken
    (it failed on the one-active-claim-a-day indexes and the kiosk heard 'rejected')."""
    kari, booker, third = people(factory, 3)
    desk_id = f"{SITE}-A-03"
    with factory.begin() as session:
        desk = session.get(Desk, desk_id)
        assert desk is not None
        desks.add_booking(
            session,
            session.get(Person, booker),  # type: ignore[arg-type]
            desk,
            MORNING + timedelta(hours=4),
            MORNING + timedelta(hours=5),
            now=RECEIVED,
        )

    def claim(person_id: str, desk_id: str, at: datetime) -> tuple[str, str]:
        event = claim_event(person_id, desk_id, at)
        outcome = apply_event(factory, SITE, IncomingEvent(**event), now=at)
        return event["id"], outcome.status

    first, status = claim(kari, desk_id, MORNING)
    assert status == "accepted"
    _, status = claim(third, desk_id, MORNING + timedelta(hours=6))
    assert status == "accepted"
    cut = MORNING + timedelta(hours=4)
    assert claims_of(factory, desk_id) == [
        (kari, ClaimStatus.ENDED, cut),
        (third, ClaimStatus.ACTIVE, None),
    ]
    assert claim_change(factory, first)["status"] == "ended"  # the kiosks hear it
    # Kari, free since her claim ended, takes another desk the same afternoon.
    _, status = claim(kari, f"{SITE}-A-04", MORNING + timedelta(hours=7))
    assert status == "accepted"
    # Still one desk a person at a time, and one claim of a desk.
    _, status = claim(kari, f"{SITE}-A-05", MORNING + timedelta(hours=7, minutes=1))
    assert status == "conflict"
    _, status = claim(kari, desk_id, MORNING + timedelta(hours=7, minutes=2))
    assert status == "conflict"


def test_claims_on_both_sides_of_closing_before_the_closing_job_has_run(
    factory: SessionFactory,
) -> None:
    """16:50 and 17:05 in Lyngdal, the closing job not yet run (the store was down at 17:00):
    the claim after closing is taken and the one before it ends at closing; a claim from before
    closing that arrives late (made offline) is recorded as ended, and the later one stays."""
    early, late, came_back, stayed = people(factory, 4)
    closing = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    before, after = closing - timedelta(minutes=10), closing + timedelta(minutes=5)
    received = closing + timedelta(minutes=30)

    def claim(person_id: str, desk_id: str, at: datetime) -> str:
        event = IncomingEvent(**claim_event(person_id, desk_id, at))
        return apply_event(factory, SITE, event, now=received).status

    assert claim(early, f"{SITE}-A-03", before) == "accepted"
    assert claim(late, f"{SITE}-A-03", after) == "accepted"
    assert claims_of(factory, f"{SITE}-A-03") == [
        (early, ClaimStatus.ENDED, closing),
        (late, ClaimStatus.ACTIVE, None),
    ]
    assert claim(late, f"{SITE}-A-04", after) == "conflict"  # still one desk a person
    # The other order: the claim after closing is stored first, the earlier one comes late.
    assert claim(stayed, f"{SITE}-A-05", after) == "accepted"
    assert claim(came_back, f"{SITE}-A-05", before) == "accepted"
    assert claims_of(factory, f"{SITE}-A-05") == [
        (came_back, ClaimStatus.ENDED, closing),
        (stayed, ClaimStatus.ACTIVE, None),
    ]
    # The closing job, run at last, ends nothing that began after closing.
    ran = scheduler.run_due(factory, received)
    assert (SITE, "closing", closing.date()) in {(r.site, r.job, r.day) for r in ran}
    assert [status for _, status, _ in claims_of(factory, f"{SITE}-A-05")] == [
        ClaimStatus.ENDED,
        ClaimStatus.ACTIVE,
    ]


def test_racing_claims_have_exactly_one_winner(factory: SessionFactory) -> None:
    contenders = people(factory, 6)
    for round_number in range(5):
        desk_id = f"{SITE}-A-{11 + round_number:02d}"
        at = MORNING + timedelta(minutes=round_number)
        barrier = threading.Barrier(len(contenders))
        statuses: list[str] = []

        def claim(
            person_id: str,
            desk_id: str = desk_id,
            at: datetime = at,
            barrier: threading.Barrier = barrier,
            statuses: list[str] = statuses,
        ) -> None:
            barrier.wait()
            event = IncomingEvent(**claim_event(person_id, desk_id, at))
            statuses.append(apply_event(factory, SITE, event, now=RECEIVED).status)

        threads = [threading.Thread(target=claim, args=(p,)) for p in contenders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(statuses) == ["accepted"] + ["conflict"] * (len(contenders) - 1)
        with factory.begin() as session:  # free the people for the next round
            for row in session.scalars(select(DeskClaim).where(DeskClaim.desk_id == desk_id)):
                row.status = ClaimStatus.RELEASED


# --- bookings -------------------------------------------------------------------------------


def test_bookings_are_half_open_and_a_person_holds_one_desk_at_a_time(
    factory: SessionFactory,
) -> None:
    kari, other = people(factory, 2)
    noon = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    with factory.begin() as session:
        a1, a3 = session.get(Desk, f"{SITE}-A-01"), session.get(Desk, f"{SITE}-A-03")
        k, o = session.get(Person, kari), session.get(Person, other)
        assert a1 and a3 and k and o
        desks.add_booking(session, k, a1, noon - timedelta(hours=3), noon, now=RECEIVED)
        desks.add_booking(
            session, o, a1, noon, noon + timedelta(hours=3), now=RECEIVED
        )  # meets, no clash
        with pytest.raises(desks.DeskRuleError, match="already booked"):
            desks.add_booking(
                session, k, a1, noon - timedelta(minutes=1), noon + timedelta(1), now=RECEIVED
            )
        with pytest.raises(desks.DeskRuleError, match="another desk"):
            desks.add_booking(session, k, a3, noon - timedelta(hours=1), noon, now=RECEIVED)
        desks.add_booking(
            session, k, a3, noon, noon + timedelta(hours=1), now=RECEIVED
        )  # after: fine


def test_drop_in_and_fixed_desks_cannot_be_booked(factory: SessionFactory) -> None:
    (kari,) = people(factory, 1)
    with factory.begin() as session:
        k = session.get(Person, kari)
        assert k is not None
        for label in ("A-10", "B-10"):
            desk = session.get(Desk, f"{SITE}-{label}")
            assert desk is not None
            with pytest.raises(desks.DeskRuleError, match="cannot be booked"):
                desks.add_booking(
                    session, k, desk, MORNING, MORNING + timedelta(hours=1), now=RECEIVED
                )


# --- the daily jobs -----------------------------------------------------------------------


def test_no_show_release_and_closing_run_once_with_a_controlled_clock(
    factory: SessionFactory,
) -> None:
    kari, came, dropin = people(factory, 3)
    day = date(2026, 12, 2)
    start = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)  # 08:00 local
    with factory.begin() as session:
        for who, label in ((kari, "A-01"), (came, "A-03")):
            desks.add_booking(
                session,
                session.get(Person, who),
                session.get(Desk, f"{SITE}-{label}"),  # type: ignore[arg-type]
                start,
                start + timedelta(hours=9),
                now=RECEIVED,
            )
    apply_event(
        factory,
        SITE,
        IncomingEvent(
            str(uuid.uuid4()),
            "check_in",
            (start + timedelta(minutes=30)).isoformat(),
            {"person_id": came, "method": "qr"},
        ),
        now=start,  # the store refuses events dated more than a day ahead of its clock
    )
    apply_event(
        factory, SITE, IncomingEvent(**claim_event(dropin, f"{SITE}-A-10", start)), now=start
    )
    apply_event(
        factory,
        SITE,
        IncomingEvent(
            str(uuid.uuid4()),
            "check_in",
            start.isoformat(),
            {"person_id": dropin, "method": "name"},
        ),
        now=start,
    )

    nine = datetime(2026, 12, 2, 8, 59, tzinfo=UTC)  # 09:59 local: nothing due today yet
    assert [r for r in scheduler.run_due(factory, nine) if (r.site, r.day) == (SITE, day)] == []
    ten = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    ran = [r for r in scheduler.run_due(factory, ten) if (r.site, r.day) == (SITE, day)]
    assert [(r.job, r.affected) for r in ran] == [("no_show", 1)]
    assert scheduler.run_due(factory, ten) == []  # idempotent
    with factory() as session:
        status = {
            b.person_id: b.status
            for b in session.scalars(select(Booking).where(Booking.person_id.in_([kari, came])))
        }
        assert status == {kari: BookingStatus.RELEASED, came: BookingStatus.BOOKED}
    # The store was down at closing; it catches up the next morning.
    next_morning = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    ran = [r for r in scheduler.run_due(factory, next_morning) if (r.site, r.day) == (SITE, day)]
    assert [r.job for r in ran] == ["closing"]
    assert ran[0].affected >= 3  # the drop-in's claim, two visits (and any from the demo)
    assert scheduler.run_due(factory, next_morning) == []
    closing = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
    with factory() as session:
        claim = session.scalars(select(DeskClaim).where(DeskClaim.person_id == dropin)).one()
        assert (claim.status, claim.ended_at) == (ClaimStatus.ENDED, closing)
        open_visits = session.scalars(select(Visit).where(Visit.checked_out_at.is_(None))).all()
        assert open_visits == []
        feed = session.scalars(
            select(Change).where(Change.entity == "presence").order_by(Change.seq.desc())
        ).first()
        assert feed is not None and feed.data["checked_in"] is False


# --- the importer -------------------------------------------------------------------------

DESKS_CSV = "label,x,y,width,height,rotation,zone,equipment,mode\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def snapshot(factory: SessionFactory) -> tuple[int, int, int]:
    with factory() as session:
        return (
            session.scalar(select(func.count()).select_from(Desk)) or 0,
            session.scalar(select(func.count()).select_from(Floor)) or 0,
            session.scalar(select(func.max(Change.seq))) or 0,
        )


@pytest.mark.parametrize(
    ("plan", "rows", "message"),
    [
        (
            PLAN,
            "X-01,10,10,64,32,0,Sone X,,drop_in\nX-02,50,20,64,32,0,Sone X,,drop_in\n",
            r"desks X-01 \(row 1\) and X-02 \(row 2\) overlap",
        ),
        (PLAN, "X-01,360,10,64,32,0,Sone X,,drop_in\n", "outside the plan"),
        (
            PLAN,
            "X-01,200,150,64,32,45,Sone X,,drop_in\nX-02,200,150,64,32,-45,Sone X,,\n",
            "overlap",
        ),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><g></svg>",
            "",
            "not a valid SVG",
        ),
        (b"GIF89a....", "", "not a valid SVG"),
        (PLAN, "X-01,10,10,0,32,0,Sone X,,\n", "width and height must be above 0"),
        (PLAN, "X-01,10,10,64,32,0,Sone X,,sofa\n", "mode 'sofa'"),
    ],
)
def test_bad_floor_files_get_a_clear_error_and_change_nothing(
    factory: SessionFactory, tmp_path: Path, plan: bytes, rows: str, message: str
) -> None:
    before = snapshot(factory)
    plan_path = write(tmp_path, "plan.svg", plan)
    desks_path = write(tmp_path, "desks.csv", DESKS_CSV + (rows or "X-09,1,1,5,5,0,Z,,\n"))
    with pytest.raises(ImportProblem, match=message), factory.begin() as session:
        floors.import_files(
            session,
            site=SITE,
            name="3. etasje",
            level=3,
            plan_path=plan_path,
            desks_path=desks_path,
        )
    assert snapshot(factory) == before


def test_unknown_desk_ids_in_an_update_change_nothing(
    factory: SessionFactory, tmp_path: Path
) -> None:
    before = snapshot(factory)
    plan_path = write(tmp_path, "plan.svg", PLAN)
    desks_path = write(
        tmp_path,
        "desks.json",
        '[{"label": "X-01", "x": 1, "y": 1, "width": 64, "height": 32, "zone": "Z"},'
        ' {"id": "lyngdal-GHOST", "label": "X-02", "x": 100, "y": 1, "width": 64,'
        ' "height": 32, "zone": "Z"}]',
    )
    with (
        pytest.raises(ImportProblem, match="no desk has the id 'lyngdal-GHOST'"),
        factory.begin() as session,
    ):
        floors.import_files(
            session,
            site=SITE,
            name="3. etasje",
            level=3,
            plan_path=plan_path,
            desks_path=desks_path,
        )
    assert snapshot(factory) == before


def test_a_good_floor_imports_with_rooms_and_an_update_moves_desks(
    factory: SessionFactory, tmp_path: Path
) -> None:
    plan = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
        b'<rect data-room="M\xc3\xb8terom" data-kind="meeting" x="200" y="0" width="200" '
        b'height="100"/></svg>'
    )
    plan_path = write(tmp_path, "plan.svg", plan)
    first = write(
        tmp_path,
        "d1.csv",
        DESKS_CSV + "X-01,0,0,64,32,0,Z,screen;standing,bookable\nX-02,64,0,64,32,0,Z,,\n",
    )
    with factory.begin() as session:
        summary = floors.import_files(
            session, site=SITE, name="3. etasje", level=3, plan_path=plan_path, desks_path=first
        )
    assert (summary.created, summary.rooms) == (2, 1)
    second = write(
        tmp_path,
        "d2.csv",
        "id," + DESKS_CSV.replace("\n", "") + "\nlyngdal-X-01,X-01,100,100,64,32,90,Z,,drop_in\n",
    )
    with factory.begin() as session:
        summary = floors.import_files(
            session, site=SITE, name="3. etasje", level=3, plan_path=plan_path, desks_path=second
        )
        assert (summary.updated, summary.deactivated) == (1, 1)
        moved = session.get(Desk, "lyngdal-X-01")
        assert moved is not None and (moved.x, moved.rotation, moved.mode) == (100, 90, "drop_in")


def test_the_demo_floors_are_there(factory: SessionFactory) -> None:
    with factory() as session:
        names = [f.name for f in floors.floors_of_site(session, SITE)]
        on_ground = session.scalar(
            select(func.count()).select_from(Desk).where(Desk.floor_id == f"{SITE}-1-etasje")
        )
        kari = person(session, KARI_EMAIL)
        assert kari.id == demo.person_id_for(KARI_EMAIL)
    assert names == ["1. etasje", "2. etasje"]
    assert on_ground == 40


def test_staff_see_who_lost_a_desk_and_who_had_it(
    client: Any, device: dict[str, str], admin: dict[str, str], factory: SessionFactory
) -> None:
    winner, loser = people(factory, 2)
    post(client, device, claim_event(winner, free_desk(factory), MORNING))
    lost = claim_event(loser, free_desk(factory), MORNING + timedelta(minutes=3))
    assert post(client, device, lost)[0]["status"] == "conflict"
    url = f"/api/v1/sites/{SITE}/desk-conflicts"
    since = {"since": (MORNING - timedelta(hours=1)).isoformat()}
    assert client.get(url, params=since, headers=device).status_code == 403  # kiosks: no names
    response = client.get(url, params=since, headers=admin)
    assert response.status_code == 200, response.text
    [conflict] = response.json()
    with factory() as session:
        names = {p: session.get(Person, p).name for p in (winner, loser)}  # type: ignore[union-attr]
    assert conflict["event_id"] == lost["id"] and conflict["desk"] == "A-10"
    assert (conflict["claimant"], conflict["holder"]) == (names[loser], names[winner])
    assert conflict["reason"] == "desk_taken"
    naive = {"since": "2026-11-30T08:00:00"}
    assert client.get(url, params=naive, headers=admin).status_code == 422


def test_the_conflicts_command_names_loser_and_holder(
    client: Any,
    device: dict[str, str],
    factory: SessionFactory,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from central.cli import main

    winner, loser = people(factory, 2)
    # Both claims at this moment, the loser's sent second: a minute or two apart, they fell on
    # both sides of closing (17:00) or midnight now and then, and then the second found the
    # desk free, or the first lay before the day the command lists by default.
    now = datetime.now(UTC).replace(microsecond=0)
    post(client, device, claim_event(winner, free_desk(factory), now))
    post(client, device, claim_event(loser, free_desk(factory), now))
    assert main(["desk", "conflicts", "--site", SITE, "--database-url", database_url]) == 0
    with factory() as session:
        names = [session.get(Person, p).name for p in (loser, winner)]  # type: ignore[union-attr]
    out = capsys.readouterr().out
    assert "A-10" in out and f"{names[0]} lost (desk_taken); held by {names[1]}" in out
