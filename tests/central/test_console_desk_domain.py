"""What the console's Desks and Lunch talks pages ask of the domain: a desk out of use and back,
a fixed desk ended, a talk edited, each written to the changes feed; the day's map of a site in
the kiosks' states; the reasons a page turns into words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import Change, Desk, DeskAssignment, Organisation, Person, Site
from central.domain import desk_map, desks, directory, lunch
from kiosk.desk_types import DeskState
from kiosk.protocol import Entity


def fed(session: Session, entity: Entity, key: str) -> dict[str, Any]:
    """What the feed holds for the key now (it keeps the latest state of each entity)."""
    data = session.scalars(
        select(Change.data).where(Change.entity == str(entity), Change.key == key)
    ).one()
    return dict(data)


def desk(session: Session, label: str) -> Desk:
    found = session.get(Desk, directory.desk_id("lyngdal", label))
    assert found is not None
    return found


def test_a_desk_out_of_use_and_back_goes_through_the_feed(factory: SessionFactory) -> None:
    now = datetime.now(UTC)
    with factory.begin() as session:
        a01 = desk(session, "A-01")
        assert desks.set_desk_in_use(session, a01, False)
        assert not desks.set_desk_in_use(session, a01, False)  # already so: nothing written
        assert fed(session, Entity.DESK, a01.id)["active"] is False
        kari = directory.find_person(session, "kari.nordmann@nav.no")
        assert kari is not None
        tomorrow = now + timedelta(days=1)
        with pytest.raises(desks.DeskRuleError) as refused:
            desks.add_booking(session, kari, a01, tomorrow, tomorrow + timedelta(hours=2), now=now)
        assert refused.value.reason == "out_of_use"
        site = session.get(Site, "lyngdal")
        assert site is not None
        states = {
            d.label: d.state
            for f in desk_map.site_map(session, site, desks.local_day(site, now), now)
            for d in f.desks
        }
        assert states["A-01"] is DeskState.UNAVAILABLE
        assert desks.set_desk_in_use(session, a01, True)
        assert fed(session, Entity.DESK, a01.id)["active"] is True


def test_a_fixed_desk_ends_from_a_day(factory: SessionFactory) -> None:
    now = datetime.now(UTC)
    with factory.begin() as session:
        site = session.get(Site, "lyngdal")
        nav = session.get(Organisation, "nav")
        assert site is not None and nav is not None
        today = desks.local_day(site, now)
        a02 = desk(session, "A-04")
        assignment = desks.assign_desk(
            session, a02, person=None, organisation=nav, valid_from=today, valid_until=None
        )
        day_map = desk_map.site_map(session, site, today, now)
        row = next(d for f in day_map for d in f.desks if d.label == "A-04")
        assert row.state is DeskState.FIXED and row.fixed_for == nav.name
        assert fed(session, Entity.DESK_ASSIGNMENT, str(assignment.id))["valid_until"] is None
        assert desks.end_assignment(session, assignment, day=today)
        ended = fed(session, Entity.DESK_ASSIGNMENT, str(assignment.id))
        assert ended["valid_until"] == today.isoformat()
        assert not desks.end_assignment(session, assignment, day=today)
        assert desks.assignment_on(session, a02.id, today) is None
        # The desk can be fixed again from today: the ended one no longer overlaps.
        desks.assign_desk(
            session, a02, person=None, organisation=nav, valid_from=today, valid_until=None
        )
        count = session.scalar(select(func.count()).where(DeskAssignment.desk_id == a02.id))
        assert count == 2


def test_the_site_map_names_who_holds_a_desk_and_its_bookings(factory: SessionFactory) -> None:
    now = datetime.now(UTC)
    with factory.begin() as session:
        site = session.get(Site, "lyngdal")
        assert site is not None
        day = desks.local_day(site, now) + timedelta(days=2)
        kari = directory.find_person(session, "kari.nordmann@nav.no")
        assert kari is not None
        start = desks.local_moment(site, day, "09:00")
        desks.add_booking(
            session, kari, desk(session, "B-02"), start, start + timedelta(hours=3), now=now
        )
        floors = desk_map.site_map(session, site, day, now)
        rows = {d.label: d for f in floors for d in f.desks}
        assert len(floors) == 2 and len(rows) == 46
        b02 = rows["B-02"]
        assert b02.state is DeskState.BOOKED_LATER  # that day, seen from its start
        assert [(b.person_name, b.start) for b in b02.bookings] == [(kari.name, start)]
        assert rows["S-10"].state is DeskState.UNAVAILABLE
        assert rows["B-11"].state is DeskState.FIXED and rows["B-11"].fixed_for == "Jørgen Bakke"


def test_a_talk_is_edited_through_the_feed_and_never_below_its_sign_ups(
    factory: SessionFactory,
) -> None:
    now = datetime.now(UTC)
    with factory.begin() as session:
        site = session.get(Site, "lyngdal")
        assert site is not None
        starts = now + timedelta(days=1)
        talk = lunch.add_talk(
            session, site=site, title="Kyst", starts_at=starts, room="Lunsj", capacity=10, now=now
        )
        first, second = session.scalars(
            select(Person).where(Person.site == "lyngdal").order_by(Person.email).limit(2)
        ).all()
        lunch.sign_up(session, talk, first.id, event_id="0" * 35 + "1", at=now)
        lunch.sign_up(session, talk, first.id, event_id="0" * 35 + "2", at=now)  # once only
        lunch.sign_up(session, talk, second.id, event_id="0" * 35 + "3", at=now)
        with pytest.raises(lunch.LunchError) as refused:
            lunch.edit_talk(
                session,
                talk,
                title="Kyst",
                starts_at=starts,
                ends_at=None,
                room="Lunsj",
                capacity=0,
                cluster=None,
                now=now,
            )
        assert refused.value.reason == "capacity_bad"
        with pytest.raises(lunch.LunchError) as below:
            lunch.edit_talk(
                session,
                talk,
                title="Kyst",
                starts_at=starts,
                ends_at=None,
                room="Lunsj",
                capacity=1,
                cluster=None,
                now=now,
            )
        assert below.value.reason == "capacity_below_signups"
        lunch.edit_talk(
            session,
            talk,
            title="  Kyst  og  hav ",
            starts_at=starts,
            ends_at=None,
            room="Lunsj",
            capacity=2,
            cluster="helse",
            now=now,
        )
        assert (talk.title, talk.capacity, talk.cluster) == ("Kyst og hav", 2, "helse")
        assert fed(session, Entity.LUNCH_TALK, talk.id)["title"] == "Kyst og hav"
        assert sorted(p.id for p, _ in lunch.signups(session, talk)) == sorted(
            [first.id, second.id]
        )
        lunch.cancel_talk(session, talk, now=now)
        with pytest.raises(lunch.LunchError) as cancelled:
            lunch.edit_talk(
                session,
                talk,
                title="Kyst",
                starts_at=starts,
                ends_at=None,
                room="Lunsj",
                capacity=5,
                cluster=None,
                now=now,
            )
        assert cancelled.value.reason == "cancelled"
        assert lunch.past_talks(session, "lyngdal", before=now, limit=5) == []
        assert lunch.past_talks(session, "lyngdal", before=starts + timedelta(hours=1), limit=5)


def test_the_cli_takes_a_desk_out_of_use_with_the_same_function(
    factory: SessionFactory, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--site", "lyngdal", "--desk", "A-02", "--database-url", database_url]
    assert main(["desk", "out-of-use", *args]) == 0
    assert main(["desk", "out-of-use", *args]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["desk A-02 is out of use", "desk A-02 is out of use already"]
    with factory() as session:
        assert fed(session, Entity.DESK, "lyngdal-A-02")["active"] is False
    assert main(["desk", "in-use", *args]) == 0
    unknown = ["desk", "in-use", "--site", "lyngdal", "--desk", "Z-9", "--database-url"]
    assert main([*unknown, database_url]) != 0
    assert "no desk 'Z-9' at lyngdal" in capsys.readouterr().err
    with factory() as session:
        assert fed(session, Entity.DESK, "lyngdal-A-02")["active"] is True
