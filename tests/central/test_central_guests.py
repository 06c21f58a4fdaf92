"""Guests in the store: a walk-in's arrival applied, the host told over real SMTP (aiosmtpd on
loopback), a returning guest found by phone or e-mail, invited guests' hosts told too."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from central_helpers import EVENTS, KARI_EMAIL, PRESENCE, bearer, event
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central import demo
from central.api.guest_routes import LOOKUP_WINDOW_S, LOOKUPS_PER_KIOSK
from central.db.engine import SessionFactory
from central.db.models import EventRecord, GuestArrival, Person, Visit
from central.domain import guests, invitations
from tests.smtp_server import SmtpSink, smtp_server

LYNGDAL_EVENTS = EVENTS.format(site="lyngdal")
LOOKUP = "/api/v1/sites/{site}/guests/lookup"


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    received = SmtpSink()
    with smtp_server(received) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        monkeypatch.setenv("REGIONLAB_SMTP_FROM", "RegionLab <resepsjon@regionlab.test>")
        yield received


def arrival(host: str, *, person_id: str | None = None, **changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    data: dict[str, Any] = {
        "person_id": person_id or str(uuid.uuid4()),
        "method": "name",
        "name": "Åse-Marie O'Neill",
        "organisation": "Statsbygg",
        "host_id": host,
        "purpose": "meeting",
        "phone": "+4741234567",
        "pass_id": "0123456789abcdef",
    }
    data.update(changes)
    return {"id": str(uuid.uuid4()), "type": "guest_arrival", "at": now.isoformat(), "data": data}


def post(client: TestClient, headers: dict[str, str], *batch: dict[str, Any]) -> list[Any]:
    response = client.post(LYNGDAL_EVENTS, headers=headers, json={"events": list(batch)})
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def stored_counts(factory: SessionFactory) -> tuple[int, int, int, int]:
    with factory() as session:
        return (
            session.scalar(select(func.count()).select_from(EventRecord)) or 0,
            session.scalar(select(func.count()).select_from(Visit)) or 0,
            session.scalar(select(func.count()).select_from(GuestArrival)) or 0,
            session.scalar(select(func.count()).select_from(Person)) or 0,
        )


def test_walk_in_arrival_checks_in_and_mails_the_host(
    client: TestClient,
    device: dict[str, str],
    admin: dict[str, str],
    kari: str,
    factory: SessionFactory,
    sink: SmtpSink,
) -> None:
    sent = arrival(kari)
    [result] = post(client, device, sent)
    assert result["status"] == "accepted", result

    # The host's mailbox: one message, to Kari, naming the guest, their organisation and why.
    assert len(sink.received) == 1
    mail = sink.received[0]
    assert mail.recipients == [KARI_EMAIL]
    body = mail.message.get_content()
    assert "Åse-Marie O'Neill (Statsbygg) har kommet til RegionLab Lister" in body
    assert "Formål med besøket: møte." in body
    assert "Åse-Marie O'Neill" in str(mail.message["Subject"])

    # The guest is in the building (staff's presence list), as a guest person of the site.
    present = client.get(PRESENCE.format(site="lyngdal"), headers=admin).json()
    assert [p["name"] for p in present] == ["Åse-Marie O'Neill"]
    with factory() as session:
        guest = session.get(Person, sent["data"]["person_id"])
        assert guest is not None
        assert (guest.kind, guest.site, guest.given_name) == ("guest", "lyngdal", "Åse-Marie")
        [row] = session.scalars(select(GuestArrival)).all()
        assert row.notified_at is not None
        assert row.phone == "+4741234567"

    # The same event again: a duplicate, and the host is not told twice.
    [again] = post(client, device, sent)
    assert again["status"] == "duplicate"
    assert len(sink.received) == 1


def test_returning_guest_is_found_by_phone_in_any_format_or_email(
    client: TestClient, device: dict[str, str], kari: str, sink: SmtpSink
) -> None:
    sent = arrival(kari, email="ase@statsbygg.no")
    assert post(client, device, sent)[0]["status"] == "accepted"
    url = LOOKUP.format(site="lyngdal")
    for typed in ("412 34 567", "+47 41 23 45 67", "0047-412-34-567", "ASE@statsbygg.no"):
        answer = client.post(url, headers=device, json={"contact": typed})
        assert answer.status_code == 200
        assert answer.json()["guest"] == {
            "person_id": sent["data"]["person_id"],
            "display": "Åse-Marie O. · Statsbygg",
            "name": "Åse-Marie O'Neill",
            "organisation": "Statsbygg",
        }, typed
    for unknown in ("98765432", "not a number", "someone@else.no"):
        assert client.post(url, headers=device, json={"contact": unknown}).json() == {"guest": None}
    # Another site's kiosk does not learn of Lyngdal's guests.
    stadt = client.post(LOOKUP.format(site="stadt"), headers=device, json={"contact": "41234567"})
    assert stadt.status_code == 403

    # A returning guest's arrival reuses their person.
    before = client.post(url, headers=device, json={"contact": "41234567"}).json()["guest"]
    again = arrival(kari, person_id=before["person_id"], phone="41234567")
    again["at"] = (datetime.now(UTC) + timedelta(seconds=1)).replace(microsecond=0).isoformat()
    assert post(client, device, again)[0]["status"] == "accepted"


def test_contacts_are_forgotten_after_30_days(
    client: TestClient, device: dict[str, str], kari: str, factory: SessionFactory, sink: SmtpSink
) -> None:
    assert post(client, device, arrival(kari))[0]["status"] == "accepted"
    with factory.begin() as session:
        assert guests.purge(session, datetime.now(UTC) + timedelta(days=29)) == 0
        assert guests.purge(session, datetime.now(UTC) + timedelta(days=31)) == 1
    answer = client.post(
        LOOKUP.format(site="lyngdal"), headers=device, json={"contact": "41234567"}
    )
    assert answer.json() == {"guest": None}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"name": ""}, "bad guest data: name"),
        ({"name": "x" * 500}, "bad guest data: name"),
        ({"name": "Ola 😀 Hansen"}, "bad guest data: name_characters"),
        ({"phone": "123"}, "bad guest data: bad_phone"),
        ({"purpose": "party"}, "bad guest data: purpose"),
        ({"host_id": str(uuid.uuid4())}, "unknown host"),
        ({"host_id": demo.person_id_for("trond.tveit@statsforvalteren.no")}, "host belongs"),
        # A member cannot be turned into a walk-in guest (nor renamed) through a kiosk.
        ({"person_id": demo.person_id_for("jorgen.bakke@nav.no")}, "the person is not a guest"),
        ({"person_id": "not-a-uuid"}, "bad guest data"),
    ],
)
def test_bad_arrivals_are_rejected_and_store_nothing(
    client: TestClient,
    device: dict[str, str],
    kari: str,
    factory: SessionFactory,
    sink: SmtpSink,
    changes: dict[str, Any],
    reason: str,
) -> None:
    before = stored_counts(factory)
    [result] = post(client, device, arrival(kari, **changes))
    assert result["status"] == "rejected"
    assert result["reason"].startswith(reason)
    assert stored_counts(factory) == before
    assert sink.received == []


def test_mail_server_down_keeps_the_notice_for_later(
    client: TestClient,
    device: dict[str, str],
    kari: str,
    factory: SessionFactory,
    monkeypatch: pytest.MonkeyPatch,
    expect_log: Any,
) -> None:
    expect_log("central.domain.guests", pattern="not told yet")
    received = SmtpSink()
    with smtp_server(received) as port:
        pass  # the port is free again: nothing listens there now
    monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
    assert post(client, device, arrival(kari))[0]["status"] == "accepted"
    with factory() as session:
        [row] = session.scalars(select(GuestArrival)).all()
        assert (row.notified_at, row.notice_attempts) == (None, 1)
    with smtp_server(received) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        assert guests.send_notices(factory, datetime.now(UTC)) == 1
    assert len(received.received) == 1


def oslo_today() -> date:
    """The site's day (Lyngdal's): from 23:00 UTC in winter the UTC date is yesterday there,
    and an invitation for it is refused as in the past."""
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def _invite(
    factory: SessionFactory, host_email: str, first_day: date
) -> invitations.PreparedInvitation:
    with factory.begin() as session:
        prepared = invitations.prepare(
            session,
            email="ola.gjest@example.org",
            host_ref=host_email,
            first_day=first_day,
            name="Ola Gjest",
            now=datetime.now(UTC),
        )
        session.expunge_all()
        return prepared


def test_an_invited_guest_scanning_their_pass_tells_the_host_once(
    client: TestClient, device: dict[str, str], factory: SessionFactory, sink: SmtpSink
) -> None:
    prepared = _invite(factory, KARI_EMAIL, oslo_today())
    check_in = event(
        prepared.guest.id,
        at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        method="qr",
        pass_id=prepared.record.pass_id,
    )
    assert post(client, device, check_in)[0]["status"] == "accepted"
    assert [m.recipients for m in sink.received] == [[KARI_EMAIL]]
    assert "Ola Gjest har kommet" in sink.received[0].message.get_content()
    # Out and in again the same day: the host already knows.
    out = event(prepared.guest.id, "check_out", at=datetime.now(UTC).isoformat(), method="qr")
    back = event(
        prepared.guest.id,
        at=(datetime.now(UTC) + timedelta(seconds=2)).isoformat(),
        method="qr",
        pass_id=prepared.record.pass_id,
    )
    assert [r["status"] for r in post(client, device, out, back)] == ["accepted", "accepted"]
    assert len(sink.received) == 1


def test_a_guest_invited_to_a_second_site_is_not_moved_there(
    client: TestClient,
    make_token: Any,
    factory: SessionFactory,
    sink: SmtpSink,
) -> None:
    today = oslo_today()
    first = _invite(factory, KARI_EMAIL, today)
    second = _invite(factory, "trond.tveit@statsforvalteren.no", today)
    assert first.guest.id == second.guest.id
    with factory() as session:
        guest = session.get(Person, first.guest.id)
        assert guest is not None
        assert guest.site == "lyngdal"
    # Yet the pass for Stadt lets them in at Stadt, and Trond hears of it.
    stadt = {"Authorization": f"Bearer {make_token('stadt', 'device')}"}
    check_in = event(
        second.guest.id,
        at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        method="qr",
        pass_id=second.record.pass_id,
    )
    response = client.post(EVENTS.format(site="stadt"), headers=stadt, json={"events": [check_in]})
    assert response.json()["results"][0]["status"] == "accepted"
    assert [m.recipients for m in sink.received] == [["trond.tveit@statsforvalteren.no"]]


def test_each_kiosk_may_look_up_guests_ten_times_a_minute_whatever_it_asks(
    client: TestClient,
    device: dict[str, str],
    make_token: Callable[[str, str], str],
    kari: str,
    sink: SmtpSink,
) -> None:
    assert post(client, device, arrival(kari))[0]["status"] == "accepted"
    url = LOOKUP.format(site="lyngdal")
    known, unknown = {"contact": "41234567"}, {"contact": "98765432"}
    answers = [
        client.post(url, headers=device, json=known if i % 2 else unknown).json()["guest"]
        for i in range(LOOKUPS_PER_KIOSK)
    ]
    assert [a is not None for a in answers] == [False, True] * (LOOKUPS_PER_KIOSK // 2)
    # Over the limit, a known and an unknown contact get the same refusal, before any lookup.
    refused = [client.post(url, headers=device, json=body) for body in (known, unknown)]
    for answer in refused:
        assert answer.status_code == 429
        assert answer.json() == {
            "detail": "too many guest lookups from this kiosk: try again shortly"
        }
        assert 1 <= int(answer.headers["Retry-After"]) <= LOOKUP_WINDOW_S
    # The limit is per kiosk: another kiosk of the site still asks.
    other = bearer(make_token("lyngdal", "device"))
    found = client.post(url, headers=other, json=known).json()["guest"]
    assert found["name"] == "Åse-Marie O'Neill"
