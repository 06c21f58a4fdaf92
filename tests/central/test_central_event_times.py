"""Event times outside a plausible window around the store's clock are refused per event; a
visit dated far ahead never stays "present" through a closing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from central_helpers import EVENTS, event
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.api.app import create_app
from central.db.engine import SessionFactory
from central.db.models import EventRecord, Visit
from central.domain import events
from central.jobs import scheduler
from tests.fakes import FakeClock

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@pytest.fixture
def store_clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def timed_client(engine: Engine, store_clock: FakeClock) -> Iterator[TestClient]:
    with TestClient(create_app(engine, store_clock)) as client:
        yield client


def _post(client: TestClient, headers: dict[str, str], batch: list[dict[str, Any]]) -> list[Any]:
    response = client.post(EVENTS.format(site="lyngdal"), headers=headers, json={"events": batch})
    assert response.status_code == 200, response.text
    results: list[Any] = response.json()["results"]
    return results


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:30:00-01:00",
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:00:00-05:00",
        (NOW + timedelta(days=1, minutes=1)).isoformat(),
        (NOW - timedelta(days=366)).isoformat(),
    ],
)
@pytest.mark.parametrize("kind", ["check_in", "desk_claim"])
def test_implausible_times_are_refused_per_event_and_the_rest_applied(
    timed_client: TestClient,
    device: dict[str, str],
    factory: SessionFactory,
    kari: str,
    at: str,
    kind: str,
) -> None:
    bad = event(kari, kind, at=at, desk_id="lyngdal-A-10")
    good = event(kari, at=(NOW - timedelta(hours=1)).isoformat())
    results = _post(timed_client, device, [bad, good])
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", events.OUT_OF_WINDOW),
        ("accepted", None),
    ]
    with factory() as session:
        assert set(session.scalars(select(EventRecord.id))) >= {good["id"]}
        assert session.get(EventRecord, bad["id"]) is None


@pytest.mark.parametrize(
    "at",
    [
        (NOW + timedelta(hours=23)).isoformat(),
        (NOW - timedelta(days=364)).isoformat(),
    ],
)
def test_times_inside_the_window_are_accepted(
    timed_client: TestClient, device: dict[str, str], kari: str, at: str
) -> None:
    [result] = _post(timed_client, device, [event(kari, at=at)])
    assert result["status"] == "accepted"


def test_a_visit_dated_far_ahead_is_closed_at_closing(factory: SessionFactory, kari: str) -> None:
    # A visit from before the window was enforced, dated 9999.
    far = datetime(9999, 12, 31, 12, 0, tzinfo=UTC)
    with factory.begin() as session:
        session.add(
            EventRecord(
                id="00000000-0000-4000-8000-00000000e999",
                site="lyngdal",
                type="check_in",
                at=far,
                data={"person_id": kari, "method": "name"},
                content_hash="0" * 64,
                received_at=NOW,
                status="accepted",
            )
        )
        session.flush()
        session.add(
            Visit(
                site="lyngdal",
                person_id=kari,
                checked_in_at=far,
                check_in_event_id="00000000-0000-4000-8000-00000000e999",
            )
        )
    ran = scheduler.run_due(factory, NOW.replace(hour=18), catch_up_days=0)
    assert any(r.job == scheduler.CLOSING and r.affected for r in ran)
    with factory() as session:
        [visit] = session.scalars(select(Visit).where(Visit.person_id == kari)).all()
        assert visit.checked_out_at is not None
