"""The console's Guests page without a browser: invite (e-mailed through a real SMTP server
on loopback, or offered as PDF when no mail server is set up), resend, cancel (the pass is
revoked in the kiosks' feed), walk-ins, bad input in three languages, another site's 404, and
the audit log. The browser walk is tests/integration/test_staff_console.py."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.api.app import create_app
from central.db.engine import SessionFactory
from central.db.models import AuditEntry, Change, Invitation, PassRecord, Person
from central.demo import person_id_for
from central.domain import invitations, staff
from tests.fakes import FakeClock
from tests.smtp_server import SmtpSink, smtp_server

pytestmark = pytest.mark.slow

PASSWORD = "riktig hest batteri stift"
KARI = "kari.nordmann@nav.no"
TROND = "trond.tveit@statsforvalteren.no"  # a member of Stadt
GUEST = "ola.gjest@example.org"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()  # 27.11.2026 09:00 in Lyngdal


@pytest.fixture
def app(engine: Engine, factory: SessionFactory, clock: FakeClock) -> Iterator[Any]:
    with factory.begin() as session:
        for email, role in (("anne@lister.no", "staff"), ("ola@lister.no", "admin")):
            staff.add_account(
                session, site="lyngdal", email=email, role=role, password=PASSWORD, now=clock.now()
            )
    yield create_app(engine, clock)


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    found = SmtpSink()
    with smtp_server(found) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        yield found


@pytest.fixture(autouse=True)
def _no_mail_server_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIONLAB_SMTP_HOST", raising=False)


def logged_in(app: Any, email: str = "anne@lister.no") -> tuple[TestClient, str]:
    http = TestClient(app, base_url="https://testserver")
    form = http.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    http.post("/staff/login", data={"csrf": token.group(1), "email": email, "password": PASSWORD})
    page = http.get("/staff/guests")
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return http, found.group(1)


def invite(http: TestClient, csrf: str, **fields: str) -> Any:
    data = {
        "csrf": csrf,
        "site": "lyngdal",
        "name": "Ola Gjest",
        "email": GUEST,
        "host": person_id_for(KARI),
        "day": "2026-11-27",
        "days": "1",
        **fields,
    }
    return http.post("/staff/guests/invite", data=data)


def pass_of(factory: SessionFactory, email: str = GUEST) -> str:
    with factory() as session:
        guest = session.scalars(select(Person).where(Person.email == email)).one()
        return session.scalars(
            select(Invitation.pass_id).where(Invitation.guest_id == guest.id)
        ).one()


def actions(factory: SessionFactory) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_an_invitation_is_e_mailed_resent_and_cancelled(
    app: Any, factory: SessionFactory, sink: SmtpSink
) -> None:
    http, csrf = logged_in(app)
    page = http.get("/staff/guests")
    assert "Kari Nordmann" in page.text  # a host to choose
    assert "E-post er ikke satt opp" not in page.text
    answer = invite(http, csrf)
    assert answer.status_code == 200, answer.text
    assert "Invitasjonen med adgangskortet er sendt til" in answer.text
    assert len(sink.received) == 1
    mail = sink.received[0]
    assert mail.recipients == [GUEST]
    assert "Kari Nordmann har invitert deg" in mail.message.get_body(("plain",)).get_content()
    [attachment] = list(mail.message.iter_attachments())
    assert attachment.get_content_type() == "image/png"
    pass_id = pass_of(factory)
    assert "E-post sendt" in answer.text and "Ola Gjest" in answer.text
    with factory() as session:
        invitation = session.get(Invitation, pass_id)
        assert invitation is not None and invitation.sent_at is not None

    # Resend: the same pass again, no second invitation.
    again = http.post("/staff/guests/resend", data={"csrf": csrf, "pass": pass_id})
    assert again.status_code == 200
    assert len(sink.received) == 2
    assert pass_of(factory) == pass_id

    # Cancel: the pass is revoked in the feed the kiosks read.
    cancelled = http.post("/staff/guests/cancel", data={"csrf": csrf, "pass": pass_id})
    assert cancelled.status_code == 200
    assert "Invitasjonen er avlyst" in cancelled.text
    with factory() as session:
        record = session.get(PassRecord, pass_id)
        assert record is not None and record.revoked_at is not None
        assert session.scalars(
            select(Change).where(Change.entity == "revoked_pass", Change.key == pass_id)
        ).first()
    refused = http.post("/staff/guests/resend", data={"csrf": csrf, "pass": pass_id})
    assert refused.status_code == 409
    assert "avlyst og kan ikke sendes" in refused.text
    assert len(sink.received) == 2
    assert actions(factory).count("invitation.create") == 1
    for action in ("guests.list", "invitation.resend", "invitation.cancel"):
        assert action in actions(factory)
    with factory() as session:
        details = list(session.scalars(select(AuditEntry.detail)))
        assert not any("Ola" in (d or "") or GUEST in (d or "") for d in details)


def test_without_a_mail_server_the_page_says_so_and_offers_the_pdf(
    app: Any, factory: SessionFactory
) -> None:
    http, csrf = logged_in(app)
    assert "E-post er ikke satt opp" in http.get("/staff/guests").text
    answer = invite(http, csrf)
    assert answer.status_code == 200
    assert "ingen e-post ble sendt" in answer.text
    assert "E-post ikke sendt" in answer.text
    pass_id = pass_of(factory)
    pdf = http.post("/staff/guests/pass.pdf", data={"csrf": csrf, "pass": pass_id})
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "Ola" not in pdf.headers["content-disposition"]
    assert "invitation.pdf" in actions(factory)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "Skriv gjestens navn."),
        ({"email": "ola.gjest"}, "Ugyldig e-postadresse."),
        ({"email": ""}, "Ugyldig e-postadresse."),
        ({"day": "2026-11-26"}, "Dagen har allerede vært."),
        ({"day": "i morgen"}, "Skriv en dato"),
        ({"day": "31.02.2027"}, "Skriv en dato"),
        ({"days": "15"}, "fra 1 til 14 dager"),
        ({"days": "0"}, "fra 1 til 14 dager"),
        ({"days": "-3"}, "fra 1 til 14 dager"),
        ({"days": "99999999999999999999"}, "fra 1 til 14 dager"),
        ({"host": ""}, "Velg en vert"),
        ({"host": person_id_for(TROND)}, "Velg en vert"),  # a member of another site
        ({"host": "not-a-person"}, "Velg en vert"),
        ({"email": KARI}, "Verten kan ikke invitere seg selv."),
    ],
)
def test_bad_input_is_named_never_a_500(
    app: Any, factory: SessionFactory, fields: dict[str, str], message: str
) -> None:
    http, csrf = logged_in(app)
    answer = invite(http, csrf, **fields)
    assert answer.status_code == 422, answer.text
    assert message in answer.text
    assert 'aria-invalid="true"' in answer.text
    with factory() as session:
        assert session.scalars(select(Invitation)).first() is None


def test_bad_input_in_nynorsk_and_english(app: Any) -> None:
    http, csrf = logged_in(app)
    http.cookies.set("regionlab_staff_lang", "nn", domain="testserver.local", path="/staff")
    assert "Dagen har alt vore" in invite(http, csrf, day="2020-01-01").text
    http.cookies.set("regionlab_staff_lang", "en", domain="testserver.local", path="/staff")
    answer = invite(http, csrf, name="", days="30")
    assert "Enter the guest&#39;s name." in answer.text
    assert "An invitation is for 1 to 14 days." in answer.text


def test_a_typed_day_and_several_days_and_a_later_invitation(
    app: Any, factory: SessionFactory
) -> None:
    http, csrf = logged_in(app)
    answer = invite(http, csrf, day="01.12.2026", days="3")
    assert answer.status_code == 200
    assert "01.12.2026–03.12.2026" in answer.text
    assert "Ventet" in answer.text  # upcoming, not today


def test_another_sites_invitation_is_404_and_a_form_needs_its_token(
    app: Any, factory: SessionFactory, clock: FakeClock
) -> None:
    with factory.begin() as session:
        prepared = invitations.prepare(
            session,
            email="gjest@stadt.example",
            host_ref=TROND,
            first_day=clock.now().date(),
            name="Stadt Gjest",
            now=clock.now(),
        )
        stadt_pass = prepared.record.pass_id
    http, csrf = logged_in(app)
    for path in ("/staff/guests/resend", "/staff/guests/cancel", "/staff/guests/pass.pdf"):
        for pass_id in (stadt_pass, "nosuchpass", ""):
            answer = http.post(path, data={"csrf": csrf, "pass": pass_id})
            assert answer.status_code == 404, (path, pass_id)
    assert http.get("/staff/guests?site=stadt").status_code == 404
    assert "Stadt Gjest" not in http.get("/staff/guests").text
    assert invite(http, "wrong-token").status_code == 403
    admin, _ = logged_in(app, "ola@lister.no")
    assert "Stadt Gjest" in admin.get("/staff/guests?site=stadt").text


def test_walk_ins_of_today_are_listed(
    app: Any, factory: SessionFactory, clock: FakeClock, device: dict[str, str], sink: SmtpSink
) -> None:
    http, _ = logged_in(app)
    event = {
        "id": str(uuid.uuid4()),
        "type": "guest_arrival",
        "at": (clock.now() - timedelta(minutes=5)).isoformat(),
        "data": {
            "person_id": str(uuid.uuid4()),
            "method": "name",
            "name": "Zoë Walk-In",
            "organisation": "Statsbygg",
            "host_id": person_id_for(KARI),
            "purpose": "meeting",
        },
    }
    answer = http.post("/api/v1/sites/lyngdal/events", json={"events": [event]}, headers=device)
    assert answer.json()["results"][0]["status"] == "accepted", answer.text
    page = http.get("/staff/guests").text
    section = page.split('id="walk-ins-title"')[1]
    assert "Zoë Walk-In" in section and "Statsbygg" in section and "Møte" in section
    assert "08:55" in section  # the site's local time


def test_without_a_signing_key_nothing_half_made_stays(app: Any, factory: SessionFactory) -> None:
    from sqlalchemy import update

    from central.db.models import SigningKeyRecord

    with factory.begin() as session:
        session.execute(update(SigningKeyRecord).values(active=False))
    http, csrf = logged_in(app)
    answer = invite(http, csrf)
    assert answer.status_code == 422
    assert "Invitasjonen kunne ikke lages." in answer.text
    with factory() as session:
        assert session.scalars(select(Person).where(Person.email == GUEST)).first() is None
