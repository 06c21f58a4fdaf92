"""Retention by default: the clock moves on and what the store no longer needs is gone, once
a day, logged with counts and no names; the daily aggregates stay."""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from central.db.engine import SessionFactory
from central.db.models import (
    Change,
    DailyAggregate,
    DeskClaim,
    EventRecord,
    GuestArrival,
    Person,
    PersonKind,
    Visit,
)
from central.domain.events import IncomingEvent, apply_event
from central.jobs import retention

SITE = "lyngdal"
T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Lyngdal
GUEST_NAME = "Gjest Gjestesen"


def _event(person: str, kind: str, at: datetime, **data: str) -> IncomingEvent:
    return IncomingEvent(
        str(uuid.uuid4()), kind, at.isoformat(), {"person_id": person, "method": "name", **data}
    )


def _count(factory: SessionFactory, model: type, *where: object) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _aggregates(factory: SessionFactory) -> dict[tuple[date, str], tuple[int, int]]:
    with factory() as session:
        return {
            (a.day, a.kind): (a.people, a.visits)
            for a in session.scalars(select(DailyAggregate).where(DailyAggregate.site == SITE))
        }


@pytest.fixture
def visited(factory: SessionFactory, kari: str) -> dict[str, str]:
    """Kari (a member) and a guest came on T0's day; Kari held a desk; someone was deactivated."""
    guest = str(uuid.uuid4())
    with factory.begin() as session:
        session.add(
            Person(
                id=guest, name=GUEST_NAME, given_name="Gjest", family_name="Gjestesen",
                email="gjest@example.org", site=SITE, kind=PersonKind.GUEST,
            )
        )  # fmt: skip
        leaver = session.scalars(
            select(Person).where(Person.site == SITE, Person.id != kari).order_by(Person.email)
        ).first()
        assert leaver is not None
        leaver.active = False
        leaver_id = leaver.id
    evening = T0 + timedelta(hours=7)
    for person in (kari, guest):
        assert (
            apply_event(factory, SITE, _event(person, "check_in", T0), now=T0).status == "accepted"
        )
    claim = _event(kari, "desk_claim", T0, desk_id=f"{SITE}-A-10")
    assert apply_event(factory, SITE, claim, now=T0).status == "accepted"
    for person in (kari, guest):
        out = _event(person, "check_out", evening)
        assert apply_event(factory, SITE, out, now=evening).status == "accepted"
    return {"guest": guest, "leaver": leaver_id}


def test_the_clock_moves_on_and_the_data_goes_but_the_aggregates_stay(
    factory: SessionFactory,
    kari: str,
    visited: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    guest, leaver = visited["guest"], visited["leaver"]
    periods = retention.RetentionPeriods()
    day = date(2026, 11, 27)

    with caplog.at_level(logging.INFO, logger="central.jobs.retention"):
        [first] = [
            r for r in retention.run_due(factory, T0 + timedelta(days=1), periods) if r.site == SITE
        ]
    assert sum(first.deleted.values()) == 0
    assert retention.run_due(factory, T0 + timedelta(days=1, hours=2), periods) == []  # once a day
    assert _aggregates(factory) == {(day, "member"): (1, 1), (day, "guest"): (1, 1)}

    with caplog.at_level(logging.INFO, logger="central.jobs.retention"):
        retention.run_due(factory, T0 + timedelta(days=31), periods)
    with factory() as session:
        assert session.get(Person, guest) is None
        assert session.get(Person, kari) is not None
        assert session.get(Person, leaver) is not None  # found deactivated only 30 days ago
    assert _count(factory, Visit, Visit.person_id == guest) == 0
    assert _count(factory, Visit, Visit.person_id == kari) == 1
    assert _count(factory, DeskClaim, DeskClaim.person_id == kari) == 1
    with factory() as session:  # the feed keeps the guest's tombstones only, no name
        rows = session.scalars(select(Change).where(Change.key == guest)).all()
        assert rows and {r.op for r in rows} == {"delete"}
        assert GUEST_NAME not in str([r.data for r in session.scalars(select(Change))])

    with caplog.at_level(logging.INFO, logger="central.jobs.retention"):
        retention.run_due(factory, T0 + timedelta(days=92), periods)  # 91 days after day 1
    assert (
        _count(factory, Visit, Visit.site == SITE, Visit.checked_in_at < T0 + timedelta(days=1))
        == 0
    )
    assert _count(factory, DeskClaim, DeskClaim.person_id == kari) == 0
    assert _count(factory, EventRecord, EventRecord.at < T0 + timedelta(days=1)) == 0
    with factory() as session:
        assert session.get(Person, kari) is not None  # an active member stays
        assert session.get(Person, leaver) is None  # deactivated, no trace for 90 days
    assert _aggregates(factory) == {(day, "member"): (1, 1), (day, "guest"): (1, 1)}

    lines = [r.getMessage() for r in caplog.records if r.name == "central.jobs.retention"]
    assert any("guest visits 1" in line and "guests 1" in line for line in lines), lines
    assert any("member visits 1" in line and "deactivated people 1" in line for line in lines)
    assert not any(GUEST_NAME in line or "Kari" in line for line in lines)


def test_each_period_is_a_setting() -> None:
    periods = retention.RetentionPeriods.from_env({"REGIONLAB_RETENTION_GUEST_DAYS": "14"})
    assert (periods.guest_days, periods.member_visit_days) == (14, 90)
    with pytest.raises(ValueError, match="REGIONLAB_RETENTION_EVENT_DAYS"):
        retention.RetentionPeriods.from_env({"REGIONLAB_RETENTION_EVENT_DAYS": "0"})


def test_two_processes_at_once_run_it_once(
    factory: SessionFactory, visited: dict[str, str]
) -> None:
    barrier = threading.Barrier(4)
    runs: list[retention.RetentionRun] = []

    def run() -> None:
        barrier.wait()
        runs.extend(retention.run_due(factory, T0 + timedelta(days=31)))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.site for r in runs) == sorted({r.site for r in runs})  # each site once
    assert [r.deleted["guests"] for r in runs if r.site == SITE] == [1]


def test_a_walk_in_guest_and_their_arrival_are_forgotten_after_the_guest_period(
    factory: SessionFactory, kari: str
) -> None:
    """A guest who came in through the kiosk's guest form has an arrival row (host, contact)
    besides the visit; both go with the guest, and the run is not refused by the database."""
    guest = str(uuid.uuid4())
    arrival = IncomingEvent(
        str(uuid.uuid4()),
        "guest_arrival",
        T0.isoformat(),
        {
            "person_id": guest,
            "method": "name",
            "name": GUEST_NAME,
            "host_id": kari,
            "purpose": "meeting",
            "phone": "+4791234567",
        },
    )
    assert apply_event(factory, SITE, arrival, now=T0).status == "accepted"
    leave = T0 + timedelta(hours=2)
    assert apply_event(factory, SITE, _event(guest, "check_out", leave), now=leave).status == (
        "accepted"
    )
    assert _count(factory, GuestArrival, GuestArrival.guest_id == guest) == 1

    [run] = [r for r in retention.run_due(factory, T0 + timedelta(days=31)) if r.site == SITE]
    assert run.deleted["guests"] == 1
    with factory() as session:
        assert session.get(Person, guest) is None
        assert session.get(Person, kari) is not None  # the host stays
    assert _count(factory, GuestArrival, GuestArrival.guest_id == guest) == 0
    assert _count(factory, Visit, Visit.person_id == guest) == 0
