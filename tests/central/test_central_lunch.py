"""Lunch talks in the store: ``lunch add|list|cancel`` in the site's local time, sign-ups from
kiosks counted once and never past capacity, and the "here today" counts (groups of 3 or more)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from central_helpers import CHANGES, EVENTS, fold
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import LunchTalk, Person
from central.domain import lunch
from central.domain.directory import require_site
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.lunch import SignupOutcome
from kiosk.protocol import HERE_TODAY_MIN, CheckinMethod
from kiosk.settings import KioskSettings
from tests.fakes import FakeClock

LYNGDAL_EVENTS = EVENTS.format(site="lyngdal")


def run(capsys: pytest.CaptureFixture[str], clock: FakeClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def feed(client: TestClient, headers: dict[str, str]) -> dict[tuple[str, str], Any]:
    page = client.get(CHANGES.format(site="lyngdal"), params={"limit": 5000}, headers=headers)
    assert page.status_code == 200
    return fold(page.json()["changes"])


def signup(person_id: str, talk_id: str, *, at: datetime, id: str | None = None) -> dict[str, Any]:
    return {
        "id": id or str(uuid.uuid4()),
        "type": "lunch_signup",
        "at": at.isoformat(),
        "data": {"talk_id": talk_id, "person_id": person_id, "method": "qr"},
    }


def post(client: TestClient, headers: dict[str, str], *batch: dict[str, Any]) -> list[Any]:
    response = client.post(LYNGDAL_EVENTS, headers=headers, json={"events": list(batch)})
    assert response.status_code == 200, response.text
    return [(r["status"], r["reason"]) for r in response.json()["results"]]


def lyngdal_people(factory: SessionFactory, organisation: str | None = None) -> list[str]:
    with factory() as session:
        query = select(Person.id).where(Person.site == "lyngdal", Person.active.is_(True))
        if organisation is not None:
            query = query.where(Person.organisation_id == organisation)
        return sorted(session.scalars(query.order_by(Person.email)))


def add_talk(factory: SessionFactory, capacity: int, *, starts_in: timedelta) -> str:
    now = datetime.now(UTC)
    with factory.begin() as session:
        talk = lunch.add_talk(
            session,
            site=require_site(session, "lyngdal"),
            title="Klimatilpasning i Lister",
            starts_at=now + starts_in,
            room="Kantina",
            capacity=capacity,
            cluster="naturforvaltning",
            now=now,
        )
        return talk.id


def test_add_list_and_cancel_in_the_sites_local_time(
    database_url: str,
    client: TestClient,
    device: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock(datetime(2026, 12, 1, 7, 0, tzinfo=UTC))  # 08:00 in Lyngdal
    db = ("--database-url", database_url)
    code, out, err = run(
        capsys,
        clock,
        *("lunch", "add", "--site", "lyngdal", "--title", "Barnevern og skole i Lister"),
        *("--time", "11:30", "--room", "Møterom Lista", "--capacity", "40"),
        *("--cluster", "Barn og unge", *db),
    )
    assert (code, err) == (0, ""), out
    assert "2026-12-01 11:30–12:15 in Møterom Lista, 40 seats" in out
    talk_id = out.split()[2]
    code, out, _ = run(capsys, clock, "lunch", "list", "--site", "lyngdal", "--json", *db)
    [row] = json.loads(out)
    assert (row["time"], row["cluster"], row["signed_up"], row["capacity"]) == (
        "11:30–12:15",
        "barn og unge",
        0,
        40,
    )
    sent = feed(client, device)[("lunch_talk", row["talk_id"])]
    assert sent["starts_at"] == "2026-12-01T10:30:00+00:00"  # 11:30 CET
    assert sent["title"] == "Barnevern og skole i Lister" and "email" not in json.dumps(sent)

    code, out, _ = run(
        capsys, clock, "lunch", "cancel", "--site", "lyngdal", "--talk", talk_id, *db
    )
    assert code == 0 and "cancelled" in out
    assert feed(client, device)[("lunch_talk", row["talk_id"])] is None  # gone from kiosks
    code, out, _ = run(capsys, clock, "lunch", "list", "--site", "lyngdal", *db)
    assert "cancelled" in out
    # Another site does not know the talk.
    code, _, err = run(capsys, clock, "lunch", "cancel", "--site", "stadt", "--talk", talk_id, *db)
    assert code == 2 and "no lunch talk" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--capacity", "0"), "capacity must be between 1"),
        (("--capacity", "5", "--cluster", "fiske"), "unknown cluster 'fiske'"),
        (("--capacity", "5", "--end", "11:00"), "--end is before --time"),
        (("--capacity", "5", "--date", "2026-11-30"), "over already"),
        (("--capacity", "5", "--time", "25:00"), "not a time"),
    ],
)
def test_a_talk_that_cannot_be_added_says_why(
    database_url: str,
    engine: object,
    capsys: pytest.CaptureFixture[str],
    extra: tuple[str, ...],
    message: str,
) -> None:
    clock = FakeClock(datetime(2026, 12, 1, 7, 0, tzinfo=UTC))
    argv = ["lunch", "add", "--site", "lyngdal", "--title", "x", "--room", "Kantina"]
    if "--time" not in extra:
        argv += ["--time", "11:30"]
    code, out, err = run(capsys, clock, *argv, *extra, "--database-url", database_url)
    assert code == 2, out
    assert message in err


def test_each_person_counts_once_and_a_full_talk_says_so(
    client: TestClient,
    device: dict[str, str],
    factory: SessionFactory,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    talk_id = add_talk(factory, capacity=2, starts_in=timedelta(hours=2))
    ola, kari, per = lyngdal_people(factory)[:3]
    at = datetime.now(UTC)
    first = signup(ola, talk_id, at=at)
    answers = post(
        client,
        device,
        first,
        signup(ola, talk_id, at=at),  # the same person at another kiosk
        signup(kari, talk_id, at=at),
        signup(per, talk_id, at=at),  # the third of two seats
    )
    assert answers == [
        ("accepted", None),
        ("accepted", "already signed up"),
        ("accepted", None),
        ("conflict", "lunch_full"),
    ]
    assert post(client, device, first) == [("duplicate", None)]  # a resend counts nothing
    with factory() as session:
        talk = session.get(LunchTalk, talk_id)
        assert talk is not None and talk.signed_up == 2
    assert feed(client, device)[("lunch_talk", talk_id)]["signed_up"] == 2
    code, out, _ = run(
        capsys,
        FakeClock(at),
        *("lunch", "list", "--site", "lyngdal", "--database-url", database_url),
    )
    assert code == 0
    [line] = [line for line in out.splitlines() if talk_id[:8] in line]
    assert line.split()[-3:] == ["2", "2", "full"]


def test_signups_that_cannot_count_are_rejected(
    client: TestClient, device: dict[str, str], factory: SessionFactory
) -> None:
    talk_id = add_talk(factory, capacity=10, starts_in=timedelta(hours=2))
    ola, kari = lyngdal_people(factory)[:2]
    now = datetime.now(UTC)
    with factory.begin() as session:
        person = session.get(Person, kari)
        assert person is not None
        person.active = False
        narvik = session.scalars(select(Person.id).where(Person.site == "narvik")).first()
    assert narvik is not None
    bad_talk = signup(ola, talk_id, at=now)
    bad_talk["data"]["talk_id"] = str(uuid.uuid4())
    assert post(
        client,
        device,
        signup(kari, talk_id, at=now),
        signup(narvik, talk_id, at=now),
        bad_talk,
        signup(ola, talk_id, at=now + timedelta(hours=3)),  # after the talk ended
    ) == [
        ("rejected", "person is not active"),
        ("rejected", "person belongs to another site"),
        ("rejected", "unknown lunch talk"),
        ("rejected", "lunch talk is over"),
    ]
    with factory.begin() as session:
        talk = session.get(LunchTalk, talk_id)
        assert talk is not None
        lunch.cancel_talk(session, talk, now=now)
    assert post(client, device, signup(ola, talk_id, at=now)) == [
        ("rejected", "lunch talk is cancelled")
    ]


def test_here_today_counts_only_groups_of_three_or_more(
    client: TestClient, device: dict[str, str], factory: SessionFactory
) -> None:
    nav = lyngdal_people(factory, "nav")
    others = [p for p in lyngdal_people(factory) if p not in nav]
    assert len(nav) >= HERE_TODAY_MIN
    with factory() as session:
        other_org = {
            p: session.get(Person, p).organisation_id  # type: ignore[union-attr]
            for p in others
        }
    lone = others[0]  # one person of another organisation: must not show
    now = datetime.now(UTC)

    def check_in(person_id: str) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "type": "check_in",
            "at": now.isoformat(),
            "data": {"person_id": person_id, "method": "name"},
        }

    post(client, device, check_in(nav[0]), check_in(nav[1]), check_in(lone))
    sent = feed(client, device)[("here_today", "lyngdal")]
    assert sent["by_organisation"] == {}  # two NAV and one other: nobody singled out
    post(client, device, check_in(nav[2]))
    sent = feed(client, device)[("here_today", "lyngdal")]
    assert sent["by_organisation"] == {"NAV": 3}
    assert all(count >= HERE_TODAY_MIN for count in sent["by_cluster"].values())
    assert other_org[lone] not in sent["by_organisation"]
    assert set(sent) == {"day", "by_organisation", "by_cluster"}  # counts only, no ids


def test_kiosks_sign_up_through_the_served_store_once_each_and_hear_full(
    engine: object,
    factory: SessionFactory,
    store_url: str,
    make_token: Callable[[str, str], str],
    tmp_path: Path,
) -> None:
    # The kiosks show today's talks (the site's day): one in an hour, or, from 23:00 in Lyngdal
    # when that hour is tomorrow, one that began ten minutes ago and is still on.
    now = datetime.now(UTC)
    starts_in = timedelta(hours=1)
    oslo = ZoneInfo("Europe/Oslo")
    if (now + starts_in).astimezone(oslo).date() != now.astimezone(oslo).date():
        starts_in = -timedelta(minutes=10)
    talk_id = add_talk(factory, capacity=2, starts_in=starts_in)
    ola, kari, per = lyngdal_people(factory)[:3]
    token = make_token("lyngdal", "device")
    cores = [
        KioskCore.open(
            replace(
                KioskSettings(),
                data_dir=tmp_path / f"kiosk{n}",
                site="lyngdal",
                central_url=store_url,
                device_token=token,
                sync_timeout_s=5,
            ),
            clock=SystemClock(),
        )
        for n in (1, 2)
    ]
    try:
        for core in cores:
            assert core.sync.sync_once(), core.sync.status().problem
            today = core.lunch.todays_talk()
            assert today is not None and today.id == talk_id and today.seats_left == 2
        first, second = (core.lunch for core in cores)
        assert first.sign_up(talk_id, ola, CheckinMethod.QR).outcome is SignupOutcome.SIGNED_UP
        # The same person at the other kiosk, which has not heard of it: the store says so.
        assert second.sign_up(talk_id, ola, CheckinMethod.NAME).outcome is SignupOutcome.ALREADY
        assert second.sign_up(talk_id, kari, CheckinMethod.QR).outcome is SignupOutcome.SIGNED_UP
        # The first kiosk still believes one seat is left; the store knows better.
        assert first.sign_up(talk_id, per, CheckinMethod.QR).outcome is SignupOutcome.FULL
        for core in cores:
            assert core.sync.sync_once()
            today = core.lunch.todays_talk()
            assert today is not None and today.full and today.signed_up == 2
            assert core.sync.status().pending == 0
    finally:
        for core in cores:
            core.close()
    with factory() as session:
        talk = session.get(LunchTalk, talk_id)
        assert talk is not None and talk.signed_up == 2
