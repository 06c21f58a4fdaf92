"""One-time set-password links: ``staff add`` without a password prints (and, with a mail
server, e-mails) a link; the page sets the password by the rule of ``staff add``; a link
works once, for 72 hours, and a wrong token is refused; the access log never shows one."""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from central.api.app import create_app
from central.cli import main
from central.db.engine import SessionFactory
from central.db.models import AuditEntry, StaffAccount, StaffPasswordLink
from central.domain import staff
from central.web.set_password import SecretPathFilter
from tests.fakes import FakeClock
from tests.smtp_server import SmtpSink, smtp_server

pytestmark = pytest.mark.slow

PASSWORD = "riktig hest batteri stift"
LINK = re.compile(r"https?://\S+/staff/set-password/(\S+)")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _no_mail_server_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGIONLAB_SMTP_HOST", raising=False)


def add_with_link(
    database_url: str,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str = "\n",
    *extra: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(
        [
            "staff",
            "add",
            "--database-url",
            database_url,
            "--site",
            "lyngdal",
            "--email",
            "Nina@Lister.no",
            "--role",
            "staff",
            "--console-url",
            "https://console.lister.invalid",
            *extra,
        ],
        clock=clock,
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def token_in(text: str) -> str:
    found = LINK.search(text)
    assert found is not None, text
    return found.group(1)


def login(app: Any, password: str) -> bool:
    http = TestClient(app, base_url="https://testserver")
    csrf = re.search(r'name="csrf" value="([^"]+)"', http.get("/staff/login").text)
    assert csrf is not None
    answer = http.post(
        "/staff/login",
        data={"csrf": csrf.group(1), "email": "nina@lister.no", "password": password},
    )
    return answer.url.path.endswith("/staff/today")


def set_password(http: TestClient, token: str, password: str, repeat: str | None = None) -> Any:
    page = http.get(f"/staff/set-password/{token}")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    data = {"token": token, "password": password, "repeat": password if repeat is None else repeat}
    if csrf is not None:
        data["csrf"] = csrf.group(1)
    return http.post("/staff/set-password", data=data)


def test_an_empty_password_makes_a_link_that_sets_one_once(
    database_url: str,
    engine: Engine,
    factory: SessionFactory,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = add_with_link(database_url, clock, capsys, monkeypatch)
    assert code == 0
    assert "not e-mailed: no mail server configured" in out
    token = token_in(out)
    assert out.count("https://console.lister.invalid/staff/set-password/") == 1
    with factory() as session:
        account = session.scalars(select(StaffAccount)).one()
        assert account.password_hash == staff.NO_PASSWORD
        [link] = session.scalars(select(StaffPasswordLink)).all()
        assert token not in link.token_hash and len(link.token_hash) == 64
        assert link.expires_at - link.created_at == timedelta(hours=72)
    app = create_app(engine, clock)
    assert not login(app, "")  # no password works before one is set
    http = TestClient(app, base_url="https://testserver")
    page = http.get(f"/staff/set-password/{token}")
    assert page.status_code == 200 and "nina@lister.no" in page.text
    short = set_password(http, token, "kort")
    assert short.status_code == 422 and "minst 12 tegn" in short.text
    differ = set_password(http, token, PASSWORD, PASSWORD + "!")
    assert differ.status_code == 422 and "ikke like" in differ.text
    # A second browser opened the same link before it was used.
    second = TestClient(app, base_url="https://testserver")
    form = second.get(f"/staff/set-password/{token}")
    second_csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert second_csrf is not None
    done = set_password(http, token, PASSWORD)
    assert done.status_code == 200, done.text
    assert "Passordet er satt" in done.text
    assert login(app, PASSWORD)

    # Used once: the link is spent, the page says so, the password stays.
    again = http.get(f"/staff/set-password/{token}")
    assert again.status_code == 410 and "allerede brukt" in again.text
    other = "et helt annet passord"
    reused = second.post(
        "/staff/set-password",
        data={"token": token, "password": other, "repeat": other, "csrf": second_csrf.group(1)},
    )
    assert reused.status_code == 410 and "allerede brukt" in reused.text
    assert login(app, PASSWORD) and not login(app, other)
    with factory() as session:
        assert "staff.password_set" in session.scalars(select(AuditEntry.action)).all()


def test_a_link_expires_after_72_hours(
    database_url: str,
    engine: Engine,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = add_with_link(database_url, clock, capsys, monkeypatch, "", "--link")
    assert code == 0
    token = token_in(out)
    app = create_app(engine, clock)
    http = TestClient(app, base_url="https://testserver")
    clock.advance(hours=71, minutes=59)
    form = http.get(f"/staff/set-password/{token}")
    assert form.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    clock.advance(minutes=1)
    expired = http.get(f"/staff/set-password/{token}")
    assert expired.status_code == 410 and "utløpt" in expired.text
    # The form opened a minute ago comes too late as well.
    late = http.post(
        "/staff/set-password",
        data={"token": token, "password": PASSWORD, "repeat": PASSWORD, "csrf": csrf.group(1)},
    )
    assert late.status_code == 410 and "utløpt" in late.text
    assert not login(app, PASSWORD)


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 5000, "%00", "a.b~c", "bm90IGEgdG9rZW4"])
def test_a_bad_token_is_refused_never_a_500(engine: Engine, clock: FakeClock, token: str) -> None:
    http = TestClient(create_app(engine, clock), base_url="https://testserver")
    answer = http.get(f"/staff/set-password/{token}")
    assert answer.status_code == 404
    assert "Lenken er ugyldig" in answer.text
    posted = set_password(http, token, PASSWORD)
    assert posted.status_code in (403, 404)  # no form came: no CSRF cookie either


def test_the_form_needs_its_csrf_cookie(
    database_url: str,
    engine: Engine,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out, _ = add_with_link(database_url, clock, capsys, monkeypatch)
    token = token_in(out)
    http = TestClient(create_app(engine, clock), base_url="https://testserver")
    answer = http.post(
        "/staff/set-password",
        data={"token": token, "password": PASSWORD, "repeat": PASSWORD, "csrf": "forged"},
    )
    assert answer.status_code == 403
    assert http.get(f"/staff/set-password/{token}").status_code == 200  # not spent


def test_a_password_on_stdin_makes_no_link(
    database_url: str,
    engine: Engine,
    factory: SessionFactory,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = add_with_link(database_url, clock, capsys, monkeypatch, PASSWORD + "\n")
    assert code == 0 and "set-password" not in out
    with factory() as session:
        assert session.scalars(select(StaffPasswordLink)).first() is None
    assert login(create_app(engine, clock), PASSWORD)


def test_with_a_mail_server_the_link_is_e_mailed(
    database_url: str,
    engine: Engine,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sink = SmtpSink()
    with smtp_server(sink) as port:
        monkeypatch.setenv("REGIONLAB_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("REGIONLAB_SMTP_PORT", str(port))
        code, out, _ = add_with_link(database_url, clock, capsys, monkeypatch, "", "--link")
    assert code == 0
    assert "e-mailed to nina@lister.no" in out
    [mail] = sink.received
    assert mail.recipients == ["nina@lister.no"]
    assert token_in(mail.message.get_content()) == token_in(out)


def test_the_access_log_shows_no_token() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/staff/set-password/s3cr3t-token", "1.1", 200),
        None,
    )
    assert SecretPathFilter().filter(record)
    assert "s3cr3t" not in record.getMessage()
    assert "/staff/set-password/…" in record.getMessage()
    other = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/staff/today", "1.1", 200),
        None,
    )
    assert SecretPathFilter().filter(other) and "/staff/today" in other.getMessage()
    language = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            "/staff/language?to=nn&next=%2Fstaff%2Fset-password%2Fs3cr3t-token",
            "1.1",
            303,
        ),
        None,
    )
    assert SecretPathFilter().filter(language)
    assert "s3cr3t" not in language.getMessage() and "to=nn" in language.getMessage()
