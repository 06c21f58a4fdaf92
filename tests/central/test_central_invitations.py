"""Guest invitations: the guest, a pass for their day(s) and the e-mail, over real SMTP."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from central_helpers import KARI_EMAIL
from PIL import Image
from sqlalchemy import Engine, func, select

from central import demo
from central.cli import main
from central.db.engine import make_engine, session_factory
from central.db.models import Change, Invitation, PassRecord, Person
from central.domain.invitation_mail import days_text
from central.domain.passes import public_keys
from kiosk.passes import PassError, PassKind, PassProblem, verify_token
from tests.processes import free_port
from tests.qr_codes import one_qr_text
from tests.smtp_server import SmtpSink, smtp_server

OSLO = ZoneInfo("Europe/Oslo")
FRIDAY = "2030-11-29"
GUEST = "ola.gjest@example.org"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ready(database_url: str, engine: Engine) -> str:
    """A database as ``init --demo`` leaves it (the ``engine`` fixture's copy of one made
    once per session; ``init`` itself is tested on an empty database)."""
    return database_url


@pytest.fixture
def sink() -> SmtpSink:
    return SmtpSink()


@pytest.fixture
def smtp_port(sink: SmtpSink) -> Iterator[int]:
    with smtp_server(sink) as port:
        yield port


def invite(
    capsys: pytest.CaptureFixture[str], url: str, port: int, *extra: str
) -> tuple[int, str, str]:
    return run(
        capsys,
        "invite",
        "--email",
        GUEST,
        "--host",
        KARI_EMAIL,
        "--date",
        FRIDAY,
        "--name",
        "Ola Gjest",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--database-url",
        url,
        *extra,
    )


def stored(url: str) -> tuple[list[Invitation], list[PassRecord], dict[str, bytes]]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            invitations = list(session.scalars(select(Invitation)))
            records = list(session.scalars(select(PassRecord).where(PassRecord.kind == "guest")))
            return invitations, records, public_keys(session)
    finally:
        engine.dispose()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


def decode_attachment(png: bytes) -> str:
    with Image.open(io.BytesIO(png)) as image:
        return one_qr_text(image)


def test_invite_sends_a_bokmal_mail_with_a_pass_for_that_day(
    ready: str, sink: SmtpSink, smtp_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = invite(capsys, ready, smtp_port)
    assert (code, err) == (0, "")
    assert "invitation sent to ola.gjest@example.org for fredag 29. november 2030" in out

    [received] = sink.received
    assert received.recipients == [GUEST]
    message = received.message
    assert message["Subject"] == "Invitasjon til RegionLab Lister fredag 29. november 2030"
    assert "Kari Nordmann" in message["Reply-To"] and KARI_EMAIL in message["Reply-To"]
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    text = plain.get_content()
    assert "Hei, Ola!" in text
    assert (
        "Kari Nordmann har invitert deg til RegionLab Lister i Lyngdal fredag 29. november 2030"
        in text
    )
    assert "QR-koden i vedlegget" in text and "sjekk" in text.lower()
    assert "Kari Nordmann" in html.get_content() and 'lang="nb"' in html.get_content()

    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "image/png"
    token = decode_attachment(attachment.get_content())

    [invitation], [record], keys = stored(ready)
    assert invitation.sent_at is not None
    assert invitation.host_id == demo.person_id_for(KARI_EMAIL)
    assert invitation.pass_id == record.pass_id
    claims = verify_token(token, public_keys=keys, site="lyngdal", now=at("2030-11-29T12:00"))
    assert claims.kind is PassKind.GUEST and claims.pass_id == record.pass_id
    assert claims.valid_from == at("2030-11-29T00:00") and claims.valid_to == at("2030-11-30T00:00")
    for moment, problem in (
        ("2030-11-28T23:00", PassProblem.NOT_YET_VALID),
        ("2030-11-30T00:00", PassProblem.EXPIRED),
    ):
        with pytest.raises(PassError) as caught:
            verify_token(token, public_keys=keys, site="lyngdal", now=at(moment))
        assert caught.value.problem is problem

    engine = make_engine(ready)
    try:
        with session_factory(engine)() as session:
            guest = session.get(Person, claims.person_id)
            assert guest is not None
            assert (guest.name, guest.kind, guest.site) == ("Ola Gjest", "guest", "lyngdal")
            # The guest reaches the host site's kiosks through the feed.
            assert session.scalar(
                select(func.count())
                .select_from(Change)
                .where(Change.key == guest.id, Change.site == "lyngdal")
            )
    finally:
        engine.dispose()


def test_several_days_and_settings_from_the_environment(
    ready: str,
    sink: SmtpSink,
    smtp_port: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(smtp_port))
    monkeypatch.setenv("REGIONLAB_SMTP_FROM", "Resepsjonen <resepsjon@example.org>")
    code, _, err = run(
        capsys, "invite", "--email", "Per.Hansen@Example.org", "--host", KARI_EMAIL,
        "--date", FRIDAY, "--days", "3", "--database-url", ready,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    [received] = sink.received
    assert received.sender == "resepsjon@example.org"
    assert received.recipients == ["per.hansen@example.org"]
    text = received.message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "fra fredag 29. november til søndag 1. desember 2030" in text
    assert "Hei, Per!" in text  # the name guessed from the address
    _, [record], keys = stored(ready)
    token = decode_attachment(next(received.message.iter_attachments()).get_content())
    verify_token(token, public_keys=keys, site="lyngdal", now=at("2030-12-01T23:00"))
    assert record.valid_to == at("2030-12-02T00:00")


def test_smtp_down_saves_the_invitation_unsent_and_the_same_command_sends_it(
    ready: str, sink: SmtpSink, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = free_port()
    code, out, err = invite(capsys, ready, closed)
    assert code == 2 and out == ""
    assert f"invitation NOT sent: cannot reach the mail server 127.0.0.1:{closed}" in err
    assert "run the same `regionlab-central invite` command again" in err
    [invitation], [record], _ = stored(ready)
    assert invitation.sent_at is None and record.revoked_at is None
    assert f"pass revoke --pass-id {record.pass_id}" in err

    with smtp_server(sink) as port:
        code, out, err = invite(capsys, ready, port)
    assert (code, err) == (0, "")
    assert "again (the same pass as before)" in out
    [invitation], [again], keys = stored(ready)
    assert again.pass_id == record.pass_id and invitation.sent_at is not None
    token = decode_attachment(next(sink.received[0].message.iter_attachments()).get_content())
    claims = verify_token(token, public_keys=keys, site="lyngdal", now=at("2030-11-29T09:00"))
    assert claims.pass_id == record.pass_id


def test_a_refused_recipient_is_a_clear_error(
    ready: str, sink: SmtpSink, smtp_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    sink.refuse = "550 5.1.1 No such mailbox"
    code, _, err = invite(capsys, ready, smtp_port)
    assert code == 2
    assert "refused the recipient" in err and "No such mailbox" in err
    assert sink.received == []
    [invitation], _, _ = stored(ready)
    assert invitation.sent_at is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--host": "nobody@example.org"}, "unknown host"),
        ({"--email": "not-an-address"}, "is not an e-mail address"),
        ({"--date": "2020-01-01"}, "is in the past"),
        ({"--days": "0"}, "1 to 14 days"),
        ({"--email": KARI_EMAIL}, "cannot invite themselves"),
        ({"--date": "29.11.2030"}, "not a date"),
    ],
)
def test_bad_invitations_create_nothing(
    ready: str,
    smtp_port: int,
    sink: SmtpSink,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, str],
    message: str,
) -> None:
    options = {"--email": GUEST, "--host": KARI_EMAIL, "--date": FRIDAY, "--days": "1"}
    options.update(change)
    argv = [item for pair in options.items() for item in pair]
    code, _, err = run(
        capsys, "invite", *argv, "--smtp-port", str(smtp_port), "--database-url", ready
    )
    assert code == 2
    assert message in err
    assert stored(ready)[:2] == ([], [])
    assert sink.received == []


def test_days_text() -> None:
    from datetime import date

    assert days_text(date(2025, 11, 28), 1) == "fredag 28. november 2025"
    assert (
        days_text(date(2025, 12, 31), 2)
        == "fra onsdag 31. desember 2025 til torsdag 1. januar 2026"
    )
